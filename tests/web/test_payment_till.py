"""A closed till at payment: said before any amount, opened right there, the basket kept."""

import pytest

import sales
from kiosk import create_app
from kiosk.db import connect
from tests.helpers import add_volunteer, audit_actions, csrf_token, form_fields, log_in

HTMX = {"HX-Request": "true"}


@pytest.fixture
def app(tmp_path):
    """Bags on the shelf, but nobody opened the till today."""
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True,
                      "RECEIPT_PRINTER": "dummy"})
    db = connect(app.config["DATABASE"])
    for product in sales.list_products(db):
        sales.record_intake(db, product.code, volunteer="Anna", pieces=50)
    db.close()
    return app


@pytest.fixture
def anna(app):
    return add_volunteer(app)


@pytest.fixture
def shop(client):
    token = csrf_token(client, "/shop")
    client.post_htmx = lambda url, **data: client.post(
        url, data=data, headers={**HTMX, "X-CSRFToken": token})
    return client


def _rows(app, sql):
    db = connect(app.config["DATABASE"])
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def _to_pin(shop, anna):
    shop.post_htmx("/shop/basket", code="REST30", qty="2")
    shop.post_htmx("/shop/pay")
    return shop.post_htmx("/shop/pay/pin", volunteer_id=anna["id"], pin="2468")


def test_payment_closed_till_is_said_before_any_amount(shop, anna):
    shop.post_htmx("/shop/basket", code="REST30", qty="2")
    shop.post_htmx("/shop/pay")
    who = shop.get("/shop/pay").get_data(as_text=True)
    assert "De kassa is nog niet open" in who and "Te betalen" in who
    body = shop.post_htmx("/shop/pay/pin", volunteer_id=anna["id"], pin="2468").get_data(
        as_text=True)
    assert 'data-step="till"' in body
    assert "Kassa openen" in body and 'data-denomination="1000"' in body
    assert "Hoeveel geld kreeg je?" not in body and "data-change" not in body
    refused = shop.post_htmx("/shop/pay/method", method="cash")
    assert refused.status_code == 422 and 'data-step="till"' in refused.get_data(as_text=True)


def test_payment_till_counter_counts_with_plus_and_minus(shop, anna):
    _to_pin(shop, anna)
    body = shop.post_htmx("/shop/pay/till/count", n_1000="1", bump="1000:1").get_data(
        as_text=True)
    assert "<html" not in body and 'data-counted="2000"' in body


def test_payment_opens_the_till_then_goes_on_with_the_same_basket(app, shop, anna):
    _to_pin(shop, anna)
    body = shop.post_htmx("/shop/pay/till/open", n_1000="2", n_200="5").get_data(as_text=True)
    assert 'data-step="method"' in body and "2 x Restafvalzak 30\u00a0l" in body
    assert _rows(app, "SELECT float_cents, opened_by FROM cash_sessions") == [(3000, "Anna")]
    assert ("Anna", "cash-open", "€ 30,00 wisselgeld") in audit_actions(app)
    shop.post_htmx("/shop/pay/method", method="cash")
    shop.post_htmx("/shop/pay/received", received="5,00")
    assert shop.post_htmx("/shop/pay/confirm").status_code == 200
    assert _rows(app, "SELECT number, total_cents FROM receipts") == [("BP1-000001", 290)]


def test_payment_till_open_twice_opens_one_till(app, shop, anna):
    _to_pin(shop, anna)
    shop.post_htmx("/shop/pay/till/open", n_1000="2")
    again = shop.post_htmx("/shop/pay/till/open", n_1000="2")
    assert again.status_code == 200 and 'data-step="method"' in again.get_data(as_text=True)
    assert _rows(app, "SELECT count(*) FROM cash_sessions") == [(1,)]


@pytest.mark.parametrize("fields", [{"n_1000": "abc"}, {"n_1000": "99999999"}, {}])
def test_payment_till_refuses_a_bad_or_empty_count(app, shop, anna, fields):
    _to_pin(shop, anna)
    response = shop.post_htmx("/shop/pay/till/open", **fields)
    assert response.status_code == 422
    assert 'data-step="till"' in response.get_data(as_text=True)
    assert _rows(app, "SELECT count(*) FROM cash_sessions") == [(0,)]


def test_payment_till_cannot_be_opened_before_the_pin(app, shop, anna):
    shop.post_htmx("/shop/basket", code="REST30", qty="1")
    shop.post_htmx("/shop/pay")
    response = shop.post_htmx("/shop/pay/till/open", n_1000="2")
    assert response.status_code == 422 and 'data-step="who"' in response.get_data(as_text=True)
    assert shop.post_htmx("/shop/pay/till/count", bump="1000:1").status_code == 422
    assert _rows(app, "SELECT count(*) FROM cash_sessions") == [(0,)]


def test_payment_confirm_after_the_till_was_closed_returns_to_the_till_step(app, shop, anna):
    _to_pin(shop, anna)
    shop.post_htmx("/shop/pay/till/open", n_1000="2")
    shop.post_htmx("/shop/pay/method", method="wero_qr")
    db = connect(app.config["DATABASE"])
    sales.close_session(db, {1000: 2}, {p.code: 50 for p in sales.list_products(db)}, "Bart")
    db.close()
    response = shop.post_htmx("/shop/pay/confirm")
    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert 'data-step="till"' in body and "er is niets verkocht" in body
    assert _rows(app, "SELECT count(*) FROM receipts") == [(0,)]


def test_desk_login_keeps_the_visitors_basket_and_payment(app, shop, anna):
    shop.post_htmx("/shop/basket", code="PMD", qty="3")
    shop.post_htmx("/shop/pay")
    assert log_in(shop, anna).status_code == 204
    assert shop.get("/desk").status_code == 200
    page = shop.get("/shop/pay").get_data(as_text=True)
    assert 'data-step="who"' in page and "3 x PMD-zak" in page
    fields = form_fields(shop.get("/desk").get_data(as_text=True))
    shop.post("/desk/logout", data=fields)
    assert "3 x PMD-zak" in shop.get("/shop/pay").get_data(as_text=True)
