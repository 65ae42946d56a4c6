"""Numbers and ids are read in one place (kiosk/forms.py): bad ones get a 4xx with a message."""

import pytest

from kiosk.db import connect
from kiosk.forms import one_line, whole_number
from kiosk.ideas import store as ideas
from kiosk.money import parse_euros
from tests.helpers import add_volunteer, csrf_token, log_in, stock_and_open_till

HUGE = "99999999999999999999"


@pytest.mark.parametrize(("raw", "maximum", "expected"), [
    ("0", None, 0), ("42", None, 42), (" 7 ", None, 7), ("007", None, 7),
    (str(2**63 - 1), None, 2**63 - 1), (str(2**63), None, None), (HUGE, None, None),
    ("9" * 400, None, None), ("²", None, None), ("٣", None, None), ("１２", None, None),
    ("-1", None, None), ("+1", None, None), ("1.5", None, None), ("1_000", None, None),
    ("", None, None), (None, None, None), ("21", 20, None), ("20", 20, 20),
])
def test_whole_number_takes_only_ascii_digits_within_range(raw, maximum, expected):
    assert (whole_number(raw) if maximum is None else whole_number(raw, maximum)) == expected


@pytest.mark.parametrize(("typed", "cents"), [
    ("12", 1200), ("12,5", 1250), ("€ 12.50", 1250), ("12,50 €", 1250), ("٣", None),
    ("１２", None), ("1234567", None), ("12,505", None), ("", None),
])
def test_amounts_in_euro_take_plain_digits_only(typed, cents):
    assert parse_euros(typed) == cents


def test_one_line_drops_control_characters():
    assert one_line("\x00") == ""
    assert one_line(" kapot\x00 \x1b@ zak\n") == "kapot @ zak"
    assert one_line(None) == ""


@pytest.mark.parametrize(("phone", "ok"), [
    ("0470 12 34 56", True), ("+32 470 12 34 56", True), ("٠٤٧٠١٢٣٤٥٦", False),
    ("０４７０１２３４５６", False),
])
def test_phone_numbers_take_plain_digits_only(phone, ok):
    assert ideas.phone_ok(phone) is ok


@pytest.fixture
def desk(app, client):
    stock_and_open_till(app)
    log_in(client, add_volunteer(app))
    token = csrf_token(client, "/desk")
    client.post_form = lambda url, **data: client.post(url, data={**data, "csrf_token": token})
    return client


@pytest.mark.parametrize(("method", "path"), [
    ("GET", f"/desk/ideas/{HUGE}"), ("POST", f"/desk/ideas/{HUGE}/status"),
    ("POST", f"/ideas/wall/{HUGE}/ik-ook"), ("POST", f"/desk/cash/reports/{HUGE}/print"),
    ("GET", f"/slip/{HUGE}"), ("GET", "/slip/%C2%B2"), ("POST", f"/desk/printer/{HUGE}/retry"),
    ("POST", "/desk/printer/a4/%D9%A3/cancel"),
])
def test_an_id_sqlite_cannot_hold_is_a_404(desk, method, path):
    response = desk.open(path, method=method, data={"csrf_token": csrf_token(desk, "/desk")})
    assert response.status_code == 404
    assert "Deze pagina bestaat niet." in response.get_data(as_text=True)


@pytest.mark.parametrize("qty", ["²", "٣", "１２", HUGE])
def test_basket_refuses_digits_that_are_not_plain(desk, qty):
    response = desk.post_form("/shop/basket", code="REST30", qty=qty)
    assert response.status_code == 422
    assert "Dat aantal kunnen we niet lezen." in response.get_data(as_text=True)


@pytest.mark.parametrize("volunteer_id", [HUGE, "²", "-1"])
def test_login_with_an_impossible_volunteer_asks_for_a_name(desk, volunteer_id):
    response = desk.post_form("/desk/login", volunteer_id=volunteer_id, pin="2468")
    assert response.status_code == 422
    assert "Kies eerst je naam." in response.get_data(as_text=True)
    desk.post_form("/shop/basket", code="REST30", qty="1")
    desk.post_form("/shop/pay")
    response = desk.post_form("/shop/pay/pin", volunteer_id=volunteer_id, pin="2468")
    assert response.status_code == 422
    assert "Kies eerst je naam." in response.get_data(as_text=True)


@pytest.mark.parametrize(("path", "fields", "table"), [
    ("/desk/cash/move", {"kind": "out", "amount": "5"}, "cash_moves"),
    ("/desk/stock/correct", {"product": "REST30", "pieces": "1", "direction": "remove"},
     "stock_moves"),
])
def test_a_reason_of_control_characters_is_no_reason(app, desk, path, fields, table):
    db = connect(app.config["DATABASE"])
    before = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
    response = desk.post_form(path, reason="\x00\x00", **fields)
    assert response.status_code == 422
    assert "Schrijf kort waarom" in response.get_data(as_text=True)
    assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == before  # noqa: S608
    db.close()
