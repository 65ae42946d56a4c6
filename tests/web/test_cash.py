"""The desk's cash page: open with a counted float, cash in/out, X-report, blind close, Z."""

import re
import uuid

import pytest

from kiosk import create_app
from kiosk.db import connect
from sales import Payment, record_intake, record_sale
from tests.helpers import add_volunteer, audit_actions, csrf_token, log_in

HTMX = {"HX-Request": "true"}
BAGS = {"bags_REST30": "40", "bags_REST60": "0", "rolls_PMD": "2", "bags_PMD": "18"}


@pytest.fixture
def app(tmp_path):
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True,
                      "RECEIPT_PRINTER": "dummy"})
    db = connect(app.config["DATABASE"])
    for code in ("REST30", "PMD"):
        record_intake(db, code, rolls=2, volunteer="Els")
    db.close()
    return app


@pytest.fixture
def desk(app, client):
    log_in(client, add_volunteer(app))
    client.environ_base["HTTP_X_CSRFTOKEN"] = csrf_token(client, "/desk/cash")
    return client


@pytest.fixture
def opened(desk):
    assert desk.post("/desk/cash/open", data={"n_2000": "2", "n_1000": "1"},
                     headers=HTMX).status_code == 200
    return desk


def _rows(app, sql):
    db = connect(app.config["DATABASE"])
    try:
        return [tuple(r) for r in db.execute(sql).fetchall()]
    finally:
        db.close()


def _sell(app, items, method="cash"):
    db = connect(app.config["DATABASE"])
    record_sale(db, items, Payment(method), "Anna", uuid.uuid4().hex, "BP1")
    db.close()


def _attr(body, name):
    return re.search(rf'data-{name}="(-?\d+)"', body).group(1)


def test_cash_page_requires_login(client):
    assert client.get("/desk/cash").status_code == 302


def test_cash_page_says_how_to_open(desk):
    body = desk.get("/desk/cash").get_data(as_text=True)
    assert "De kassa is dicht" in body and "Kassa openen" in body
    assert body.count('class="count-row') == 15


def test_cash_counter_adds_a_tap_and_totals(desk):
    response = desk.post("/desk/cash/count", data={"n_2000": "2", "n_5": "3", "bump": "5:1"},
                         headers=HTMX)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and body.lstrip().startswith('<div id="counter"')
    assert _attr(body, "counted") == "4020"
    minus = desk.post("/desk/cash/count", data={"n_5": "0", "bump": "5:-1"}, headers=HTMX)
    assert _attr(minus.get_data(as_text=True), "counted") == "0"


def test_cash_open_stores_the_counted_float(app, opened):
    assert _rows(app, "SELECT float_cents, opened_by FROM cash_sessions") == [(5000, "Anna")]
    assert ("Anna", "cash-open", "€ 50,00 wisselgeld") in audit_actions(app)
    body = opened.get("/desk/cash").get_data(as_text=True)
    assert "De kassa is open" in body and "€ 50,00" in body


def test_cash_move_out_with_reason(app, opened):
    response = opened.post("/desk/cash/move", data={"amount": "12,5", "reason": "boodschappen",
                                                     "kind": "out"}, headers=HTMX)
    assert response.status_code == 200
    assert "€ 12,50 uit de kassa genomen." in response.get_data(as_text=True)
    assert _rows(app, "SELECT kind, amount_cents, reason FROM cash_moves") == [
        ("out", 1250, "boodschappen")]
    assert audit_actions(app)[-1] == ("Anna", "cash-out", "€ 12,50, boodschappen")


@pytest.mark.parametrize(("data", "message"), [
    ({"amount": "", "reason": "x"}, "bedrag in euro"),
    ({"amount": "-5", "reason": "x"}, "bedrag in euro"),
    ({"amount": "abc", "reason": "x"}, "bedrag in euro"),
    ({"amount": "1,234", "reason": "x"}, "bedrag in euro"),
    ({"amount": "0", "reason": "x"}, "tussen € 0,01"),
    ({"amount": "10000,01", "reason": "x"}, "tussen € 0,01"),
    ({"amount": "5"}, "reden is verplicht"),
])
def test_cash_move_bad_input_is_refused(app, opened, data, message):
    response = opened.post("/desk/cash/move", data={**data, "kind": "in"}, headers=HTMX)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _rows(app, "SELECT * FROM cash_moves") == []


@pytest.mark.parametrize(("data", "message"), [
    ({"n_2000": "-1"}, "geheel getal in van 0 of meer"),
    ({"n_2000": "veel"}, "geheel getal in van 0 of meer"),
    ({"n_2000": "10001"}, "te veel"),
])
def test_cash_open_bad_count_is_refused(app, desk, data, message):
    response = desk.post("/desk/cash/open", data=data, headers=HTMX)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _rows(app, "SELECT * FROM cash_sessions") == []


def test_cash_open_twice_is_refused(app, opened):
    response = opened.post("/desk/cash/open", data={"n_100": "1"}, headers=HTMX)
    assert response.status_code == 422
    assert len(_rows(app, "SELECT * FROM cash_sessions")) == 1


def test_cash_x_report_shows_and_prints(app, opened):
    _sell(app, {"PMD": 2})
    body = opened.get("/desk/cash/x", headers=HTMX).get_data(as_text=True)
    assert 'data-kind="X"' in body and _attr(body, "expected") == "5050"
    printed = opened.post("/desk/cash/x/print", headers=HTMX)
    assert "wordt afgedrukt" in printed.get_data(as_text=True)
    assert _rows(app, "SELECT kind FROM print_jobs") == [("report-x",)]
    assert [a[1] for a in audit_actions(app)][-2:] == ["cash-x", "cash-x-print"]


def test_cash_close_form_is_blind(opened):
    body = opened.get("/desk/cash/close").get_data(as_text=True)
    assert "Tel het geld in de lade" in body and "Tel de zakken" in body
    assert "data-expected" not in body and "Verwacht" not in body


def test_cash_close_stores_prints_and_shows_the_z_report(app, opened):
    _sell(app, {"PMD": 2})
    _sell(app, {"REST30": 1}, "wero_qr")
    response = opened.post("/desk/cash/close", data={"n_2000": "2", "n_500": "2", **BAGS},
                           headers=HTMX)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and 'data-kind="Z"' in body
    assert (_attr(body, "expected"), _attr(body, "counted"), _attr(body, "difference")) == (
        "5050", "5000", "-50")
    assert "BP1-000002" in body  # the QR payment to reconcile, and the chain head
    assert _rows(app, "SELECT expected_cents, counted_cents, difference_cents, bag_counts "
                      "FROM cash_closes") == [
        (5050, 5000, -50, '{"REST30": 40, "REST60": 0, "PMD": 58}')]
    assert _rows(app, "SELECT kind FROM print_jobs") == [("report-z",)]
    (payload,), = _rows(app, "SELECT payload FROM print_jobs")
    (head_hash,), = _rows(app, "SELECT hash FROM receipts WHERE number = 'BP1-000002'")
    assert "Z-rapport kassa 1" in payload and "BP1-000002" in payload and head_hash in payload
    assert audit_actions(app)[-1] == ("Anna", "cash-close", "verschil € -0,50")
    assert "De kassa is dicht" in opened.get("/desk/cash").get_data(as_text=True)


def test_cash_close_without_htmx_redirects_to_the_report(opened):
    response = opened.post("/desk/cash/close", data={"n_2000": "2", "n_1000": "1", **BAGS})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/desk/cash/reports/1")


@pytest.mark.parametrize("drop", ["bags_REST60", "bags_REST30"])
def test_cash_close_needs_every_bag_type_counted(app, opened, drop):
    data = {"n_2000": "2", **{k: v for k, v in BAGS.items() if k != drop}}
    response = opened.post("/desk/cash/close", data=data, headers=HTMX)
    assert response.status_code == 422
    assert "Tel ook de zakken" in response.get_data(as_text=True)
    assert _rows(app, "SELECT * FROM cash_closes") == []


def test_cash_close_bad_count_keeps_the_drawer_open(app, opened):
    response = opened.post("/desk/cash/close", data={"n_200": "x", **BAGS}, headers=HTMX)
    assert response.status_code == 422
    assert _rows(app, "SELECT * FROM cash_closes") == []


def test_cash_z_report_listed_and_reprinted_as_duplicate(app, opened):
    opened.post("/desk/cash/close", data={"n_2000": "2", "n_1000": "1", **BAGS}, headers=HTMX)
    listing = opened.get("/desk/cash").get_data(as_text=True)
    assert 'data-session="1"' in listing
    assert 'data-kind="Z"' in opened.get("/desk/cash/reports/1").get_data(as_text=True)
    response = opened.post("/desk/cash/reports/1/print", headers=HTMX)
    assert response.status_code == 200
    payloads = _rows(app, "SELECT payload FROM print_jobs ORDER BY id")
    assert '"duplicate":false' in payloads[0][0] and '"duplicate":true' in payloads[1][0]
    assert audit_actions(app)[-1] == ("Anna", "cash-z-reprint", "kassa nr. 1")
    assert opened.get("/desk/cash/reports/9").status_code == 404
