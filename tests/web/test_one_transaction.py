"""What a request records, its slip and its audit line commit together: a crash between them
(simulated by making the later step raise) leaves none of them, and the retry leaves one of each.
"""

import contextlib

import pytest

import sales
from kiosk import create_app
from kiosk.db import connect
from kiosk.migrations import m005_receipt_job_refs
from printer import queue
from printer.slip import Header, Row, Slip
from tests.helpers import add_volunteer, csrf_token, log_in, stock_and_open_till
from tests.web.test_ideas import GOOD, _start
from tests.web.test_prints import _doc, _ready

HTMX = {"HX-Request": "true"}
BAGS = {"bags_REST30": "100", "bags_REST60": "100", "bags_PMD": "100"}


class Crash(Exception):
    """The power goes between two steps of one request."""


def _crash(*args, **kwargs):
    raise Crash


@pytest.fixture
def app(tmp_path):
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True,
                      "RECEIPT_PRINTER": "dummy", "DOCUMENT_PRINTER": f"file:{tmp_path}/a4/"})
    stock_and_open_till(app)
    return app


@pytest.fixture
def anna(app):
    return add_volunteer(app)


def _poster(client, page: str):
    """POST as htmx does, with the session's CSRF token."""
    token = csrf_token(client, page)
    return lambda url, **data: client.post(url, data=data,
                                           headers={**HTMX, "X-CSRFToken": token})


@pytest.fixture
def post(client):
    return _poster(client, "/shop")


@pytest.fixture
def desk(client, anna):
    log_in(client, anna)  # a new session: the token comes after
    return _poster(client, "/desk/cash")


def _count(app, sql: str, params=()) -> int:
    with contextlib.closing(connect(app.config["DATABASE"])) as db:
        return db.execute(sql, params).fetchone()[0]


def _state(app, action: str) -> tuple[int, int, int]:
    """(receipts, print jobs, audit lines of this action)."""
    return (_count(app, "SELECT count(*) FROM receipts"),
            _count(app, "SELECT count(*) FROM print_jobs"),
            _count(app, "SELECT count(*) FROM audit_log WHERE action = ?", [action]))


def _to_confirm(post, anna):
    post("/shop/basket", code="REST30", qty="2")
    post("/shop/pay")
    post("/shop/pay/pin", volunteer_id=anna["id"], pin="2468")
    post("/shop/pay/method", method="bancontact_qr")


@pytest.mark.parametrize("crash_at", ["printer.queue.enqueue", "kiosk.audit.log"])
def test_sale_crash_before_its_slip_or_audit_line_records_nothing(
    app, anna, post, monkeypatch, crash_at
):
    _to_confirm(post, anna)
    monkeypatch.setattr(crash_at, _crash)
    with pytest.raises(Crash):
        post("/shop/pay/confirm")
    assert _state(app, "sale") == (0, 0, 0)
    monkeypatch.undo()
    assert post("/shop/pay/confirm").status_code == 200  # the same idempotency key, again
    assert _state(app, "sale") == (1, 1, 1)


def _uploaded(app, client):
    """The kiosk's client with a 3-page PDF sent from a phone, ready to print."""
    page = client.get("/print").get_data(as_text=True)
    client.upload_url = page.split("data-upload-url>")[1].split("<")[0]
    client.token = client.upload_url.rsplit("/", 1)[1]
    _ready(app, client, app.test_client())
    return client


def _cut_off_confirm(client, post):
    """Confirm, then send the same confirm again as if its answer never arrived."""
    before = client.get_cookie("kiosk_session").value
    post("/shop/pay/confirm")
    client.set_cookie("kiosk_session", before)
    return lambda: post("/shop/pay/confirm")


def test_replayed_sale_shows_how_its_slip_prints(app, client, anna, post):
    _to_confirm(post, anna)
    again = _cut_off_confirm(client, post)()
    assert 'data-receipt-number>BP1-000001<' in again.get_data(as_text=True)
    assert 'id="slip-status"' in again.get_data(as_text=True)
    assert _state(app, "sale") == (1, 1, 1)


def test_replayed_sale_whose_slip_an_old_kiosk_lost_gets_it_once(app, client, anna, post):
    _to_confirm(post, anna)
    again = _cut_off_confirm(client, post)
    with contextlib.closing(connect(app.config["DATABASE"])) as db:
        db.execute("DELETE FROM print_jobs")  # what a crash of a kiosk before this fix left
        db.execute("DELETE FROM audit_log WHERE action = 'sale'")
    again()
    again()
    assert _state(app, "sale") == (1, 1, 1)


def test_migration_names_existing_receipt_jobs_after_their_receipt(app):
    with contextlib.closing(connect(app.config["DATABASE"])) as db:
        def job(number, **kwargs):
            slip = Slip(Header("Buurtpunt"), [Row("Bon", number)], **kwargs)
            return queue.enqueue(db, "receipt", slip)

        first, duplicate, other = job("BP1-000001"), job("BP1-000001", duplicate=True), job("B2")
        test = queue.enqueue(db, "test", Slip(Header("Buurtpunt"), [Row("Bon", "BP1-000001")]))
        m005_receipt_job_refs(db)
        refs = dict(db.execute("SELECT id, ref FROM print_jobs").fetchall())
    assert refs == {first: "receipt:BP1-000001", duplicate: None, other: "receipt:B2",
                    test: None}


def test_paid_print_crash_before_its_release_records_no_sale(app, client, anna, monkeypatch):
    with contextlib.closing(connect(app.config["DATABASE"])) as db:
        db.execute("INSERT INTO prices (product, effective_from, price_cents, created_at) "
                   "VALUES ('PRINT', '2026-02-01', 10, '2026-01-20T10:00:00+00:00')")
    kiosk = _uploaded(app, client)
    kiosk.post("/print/confirm", headers=kiosk.token_header, data={"copies": "1"})
    for path, data in [("/shop/pay/pin", {"volunteer_id": anna["id"], "pin": "2468"}),
                       ("/shop/pay/method", {"method": "wero_qr"})]:
        kiosk.post(path, headers=kiosk.token_header, data=data)
    monkeypatch.setattr("kiosk.prints.store.release", _crash)
    with pytest.raises(Crash):
        kiosk.post("/shop/pay/confirm", headers=kiosk.token_header)
    assert _state(app, "sale") == (0, 0, 0) and _doc(app, kiosk.token).status == "paying"
    monkeypatch.undo()
    kiosk.post("/shop/pay/confirm", headers=kiosk.token_header)
    assert _state(app, "sale") == (1, 1, 1) and _doc(app, kiosk.token).status == "queued"


def _sell_directly(app) -> None:
    with contextlib.closing(connect(app.config["DATABASE"])) as db:
        sales.record_sale(db, {"PMD": 2}, sales.Payment("wero_qr"), "Anna", "k" * 32, "BP1")


def _close_directly(app) -> None:
    with contextlib.closing(connect(app.config["DATABASE"])) as db:
        sales.close_session(db, 5000, {}, "Anna")


def _idea_directly(app) -> None:
    from kiosk.ideas import store as ideas

    with contextlib.closing(connect(app.config["DATABASE"])) as db:
        ideas.record_idea(db, {**GOOD}, "a" * 32)


@pytest.mark.parametrize(("action", "path", "setup"), [
    ("reprint", "/desk/bonnen/BP1-000001/reprint", _sell_directly),
    ("cash-x-print", "/desk/cash/x/print", None),
    ("cash-z-reprint", "/desk/cash/reports/1/print", _close_directly),
    ("print-test", "/desk/printer/test", None),
    ("idea-print", "/desk/ideas/1/print", _idea_directly),
])
def test_desk_print_crash_before_its_audit_line_queues_nothing(
    app, desk, monkeypatch, action, path, setup
):
    if setup:
        setup(app)
    monkeypatch.setattr("kiosk.audit.log", _crash)
    with pytest.raises(Crash):
        desk(path)
    assert _state(app, action)[1:] == (0, 0)
    monkeypatch.undo()
    assert desk(path).status_code == 200
    assert _state(app, action)[1:] == (1, 1)


@pytest.mark.parametrize(("action", "path", "data", "table"), [
    ("cash-open", "/desk/cash/open", {"n_2000": "1"}, "cash_sessions"),
    ("cash-out", "/desk/cash/move", {"kind": "out", "amount": "5", "reason": "koffie"},
     "cash_moves"),
])
def test_cash_crash_before_its_audit_line_records_nothing(
    app, desk, monkeypatch, action, path, data, table
):
    if action == "cash-open":
        _close_directly(app)
    before = _count(app, f"SELECT count(*) FROM {table}")  # noqa: S608 - a name from above
    monkeypatch.setattr("kiosk.audit.log", _crash)
    with pytest.raises(Crash):
        desk(path, **data)
    assert _count(app, f"SELECT count(*) FROM {table}") == before  # noqa: S608
    monkeypatch.undo()
    assert desk(path, **data).status_code == 200
    assert _count(app, f"SELECT count(*) FROM {table}") == before + 1  # noqa: S608
    assert _state(app, action)[2] == 1


def test_void_crash_before_its_slip_records_no_refund(app, desk, monkeypatch):
    _sell_directly(app)
    monkeypatch.setattr("printer.queue.enqueue", _crash)
    with pytest.raises(Crash):
        desk("/desk/bonnen/BP1-000001/void", reason="verkeerde zak", key="v" * 32)
    assert _state(app, "void") == (1, 0, 0)
    monkeypatch.undo()
    for _ in range(2):  # the retry, and a double tap on it
        desk("/desk/bonnen/BP1-000001/void", reason="verkeerde zak", key="v" * 32)
    assert _state(app, "void") == (2, 1, 1)


def test_z_report_crash_before_its_slip_keeps_the_till_open(app, desk, monkeypatch):
    monkeypatch.setattr("printer.queue.enqueue", _crash)
    with pytest.raises(Crash):
        desk("/desk/cash/close", n_2000="2", n_1000="1", **BAGS)
    assert _count(app, "SELECT count(*) FROM cash_closes") == 0
    assert _state(app, "cash-close")[1:] == (0, 0)
    monkeypatch.undo()
    assert desk("/desk/cash/close", n_2000="2", n_1000="1", **BAGS).status_code == 200
    assert _count(app, "SELECT count(*) FROM cash_closes") == 1
    assert _state(app, "cash-close")[1:] == (1, 1)


def test_idea_crash_before_its_slip_stores_no_idea(app, client, monkeypatch):
    form = {**_start(client), **GOOD}
    monkeypatch.setattr("printer.queue.enqueue", _crash)
    with pytest.raises(Crash):
        client.post("/ideas/confirm", data=form, headers=HTMX)
    assert _count(app, "SELECT count(*) FROM ideas") == 0
    monkeypatch.undo()
    for _ in range(2):  # the retry, and a double tap on it
        page = client.post("/ideas/confirm", data=form, headers=HTMX).get_data(as_text=True)
        assert 'id="slip-status"' in page
    assert _count(app, "SELECT count(*) FROM ideas") == 1
    assert _count(app, "SELECT count(*) FROM print_jobs WHERE kind = 'idea'") == 1


def test_proof_slip_crash_before_it_is_queued_leaves_it_to_ask_again(app, client, monkeypatch):
    kiosk = _uploaded(app, client)
    kiosk.post("/print/cancel", headers=kiosk.token_header)
    monkeypatch.setattr("printer.queue.enqueue", _crash)
    with pytest.raises(Crash):
        kiosk.post("/print/proof", headers=kiosk.token_header)
    assert _doc(app, kiosk.token).proof_job is None
    assert _count(app, "SELECT count(*) FROM print_jobs") == 0
    monkeypatch.undo()
    kiosk.post("/print/proof", headers=kiosk.token_header)
    assert _doc(app, kiosk.token).proof_job is not None
    assert _count(app, "SELECT count(*) FROM print_jobs WHERE kind = 'proof'") == 1
