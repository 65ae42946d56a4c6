"""The clock: no receipt dated before the last one, a clear message, and numbers without time.

A Raspberry Pi has no battery clock: after a power cut it may start hours or days behind. The
kiosk then refuses to sell (the price in force and the receipt's date would be wrong) and the
desk says "De klok staat niet juist"; it warns when the clock is not synchronised.
"""

import uuid
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

import sales.journal
from kiosk import clock, create_app, selfcheck
from sales import Payment, record_sale
from sales.errors import ClockBehind
from tests.helpers import add_volunteer, log_in, stock_and_open_till
from tests.web.test_shop import HTMX, _buy, _rows

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


@pytest.fixture
def app(tmp_path):
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True,
                      "RECEIPT_PRINTER": "dummy"})
    stock_and_open_till(app)
    return app


@pytest.fixture
def shop(client):
    from tests.helpers import csrf_token

    token = csrf_token(client, "/shop")
    client.post_htmx = lambda url, **data: client.post(
        url, data=data, headers={**HTMX, "X-CSRFToken": token})
    return client


def _set_clock(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr(clock, "now", lambda: moment)
    monkeypatch.setattr(sales.journal, "utc_now", lambda: moment)


def test_the_journal_refuses_a_receipt_dated_before_the_last_one(fresh_db):
    from sales import load_catalogue, open_session, record_intake
    from sales.catalogue import DEFAULT_CATALOGUE

    load_catalogue(fresh_db, DEFAULT_CATALOGUE, now=NOW - timedelta(days=30))
    record_intake(fresh_db, "PMD", pieces=10, volunteer="Els", now=NOW - timedelta(days=30))
    open_session(fresh_db, 0, "Els", now=NOW - timedelta(days=30))
    first = record_sale(fresh_db, {"PMD": 1}, Payment("cash"), "Els", "k1", "BP1", now=NOW)
    with pytest.raises(ClockBehind):
        record_sale(fresh_db, {"PMD": 1}, Payment("cash"), "Els", "k2", "BP1",
                    now=NOW - timedelta(hours=3))
    # Numbers follow the journal, never the time: a jump ahead, then the same second again.
    later = [record_sale(fresh_db, {"PMD": 1}, Payment("cash"), "Els", uuid.uuid4().hex, "BP1",
                         now=moment).number
             for moment in (NOW + timedelta(days=400), NOW + timedelta(days=400))]
    assert [first.number, *later] == ["BP1-000001", "BP1-000002", "BP1-000003"]
    assert fresh_db.execute("SELECT count(*) FROM sale_claims").fetchone()[0] == 0


def test_a_clock_behind_the_journal_stops_selling_with_a_clear_message(
        app, shop, client, monkeypatch):
    anna = add_volunteer(app)
    _set_clock(monkeypatch, NOW)
    assert _buy(shop, anna).status_code == 200
    _set_clock(monkeypatch, NOW - timedelta(days=2))  # the power came back, the clock did not
    for code, qty in {"PMD": 1}.items():
        shop.post_htmx("/shop/basket", code=code, qty=str(qty))
    shop.post_htmx("/shop/pay")
    page = client.get("/shop/pay")
    assert page.status_code == 409
    assert "De klok van de kiosk staat niet juist" in page.get_data(as_text=True)
    refused = _buy(shop, anna, PMD=1)
    assert refused.status_code == 409
    assert "klok van de kiosk staat niet juist" in refused.get_data(as_text=True)
    assert _rows(app, "SELECT count(*) FROM receipts")[0][0] == 1
    log_in(client, anna)
    desk = client.get("/desk").get_data(as_text=True)
    assert "De klok staat niet juist" in desk and 'data-warning="clock"' in desk
    _set_clock(monkeypatch, NOW + timedelta(minutes=5))  # the clock is right again
    assert "De klok staat niet juist" not in client.get("/desk").get_data(as_text=True)


def test_the_desk_warns_when_the_clock_is_not_synchronised(app, client):
    log_in(client, add_volunteer(app))
    assert 'data-warning="sync"' not in client.get("/desk").get_data(as_text=True)
    app.extensions["selfcheck"] = SimpleNamespace(status=selfcheck.Status(synchronised=False))
    assert 'data-warning="sync"' in client.get("/desk").get_data(as_text=True)


def test_synchronised_reads_timedatectl(monkeypatch):
    answers = {"yes": True, "no": False}
    for said, expected in answers.items():
        monkeypatch.setattr(clock.subprocess, "run", lambda *a, said=said, **k: SimpleNamespace(
            returncode=0, stdout=f"{said}\n"))
        assert clock.synchronised() is expected
