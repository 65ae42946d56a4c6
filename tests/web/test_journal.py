"""The desk's sales page: today's totals, reprint marked DUPLICAAT, void with a reason."""

import pytest

import sales
from kiosk import create_app
from kiosk.db import connect
from printer.slip import Slip
from tests.helpers import add_volunteer, audit_actions, csrf_token, log_in, stock_and_open_till

HTMX = {"HX-Request": "true"}


@pytest.fixture
def app(tmp_path):
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True,
                      "RECEIPT_PRINTER": "dummy"})
    stock_and_open_till(app)
    db = connect(app.config["DATABASE"])
    sales.record_sale(db, {"REST30": 2}, sales.Payment("cash", 500), "Anna", "a" * 32, "BP1")
    sales.record_sale(db, {"PMD": 4}, sales.Payment("wero_qr"), "Anna", "b" * 32, "BP1")
    db.close()
    return app


@pytest.fixture
def desk(app, client):
    log_in(client, add_volunteer(app))
    token = csrf_token(client, "/desk/bonnen")
    client.post_htmx = lambda url, **data: client.post(
        url, data=data, headers={**HTMX, "X-CSRFToken": token})
    return client


def _jobs(app):
    db = connect(app.config["DATABASE"])
    try:
        return [Slip.from_json(p) for (p,) in db.execute("SELECT payload FROM print_jobs")]
    finally:
        db.close()


def test_journal_shows_today_and_the_receipts(desk):
    body = desk.get("/desk/bonnen").get_data(as_text=True)
    assert "data-sales-count>2<" in body
    assert "data-sales-total>€ 3,90<" in body
    assert 'data-method="wero_qr">€ 1,00<' in body
    assert 'data-receipt="BP1-000002"' in body and 'data-receipt="BP1-000001"' in body


def test_journal_preview_is_the_paper_receipt(desk):
    body = desk.get("/desk/bonnen/BP1-000001/preview").get_data(as_text=True)
    assert "BP1-000001" in body and "2 x € 1,45" in body


def test_journal_reprint_says_duplicaat(app, desk):
    response = desk.post_htmx("/desk/bonnen/BP1-000001/reprint")
    assert response.status_code == 200
    [slip] = _jobs(app)
    assert slip.duplicate and "BP1-000001" in slip.to_json()
    assert ("Anna", "reprint", "BP1-000001") in audit_actions(app)


@pytest.mark.parametrize("reason", ["", "  ", "x" * 201])
def test_journal_void_needs_a_reason(app, desk, reason):
    response = desk.post_htmx("/desk/bonnen/BP1-000001/void", reason=reason, key="c" * 32)
    assert response.status_code == 422
    assert "Schrijf kort waarom" in response.get_data(as_text=True)
    assert _jobs(app) == []


def test_journal_void_writes_a_refund_receipt_and_prints_it(app, desk):
    response = desk.post_htmx("/desk/bonnen/BP1-000001/void", reason="verkeerde zak",
                              key="c" * 32)
    body = response.get_data(as_text=True)
    assert "Bon BP1-000001 is geannuleerd met bon BP1-000003." in body
    assert "data-sales-total>€ 1,00<" in body
    [slip] = _jobs(app)
    text = slip.to_json()
    assert "Terugbetaling van bon BP1-000001" in text and "verkeerde zak" in text
    again = desk.post_htmx("/desk/bonnen/BP1-000001/void", reason="nog eens", key="d" * 32)
    assert again.status_code == 422
    assert "al geannuleerd" in again.get_data(as_text=True)
    db = connect(app.config["DATABASE"])
    assert db.execute("SELECT count(*) FROM receipts").fetchone()[0] == 3
    db.close()


def test_journal_unknown_receipt(desk):
    assert desk.get("/desk/bonnen/BP9-000001/preview").status_code == 404
    assert desk.post_htmx("/desk/bonnen/BP9-000001/void", reason="test", key="e" * 32
                          ).status_code == 422


def test_journal_needs_a_volunteer(client):
    assert client.get("/desk/bonnen").status_code == 302
