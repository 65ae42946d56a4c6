"""The shop through the test client: the basket, paying at the desk, one receipt per sale."""
import pytest

import sales
from kiosk import create_app
from kiosk import settings as kiosk_settings
from kiosk.db import connect
from printer import queue
from printer.slip import Slip
from tests.helpers import add_volunteer, csrf_token, stock_and_open_till

HTMX = {"HX-Request": "true"}


@pytest.fixture
def app(tmp_path):
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True,
                      "RECEIPT_PRINTER": "dummy"})
    stock_and_open_till(app)
    return app


@pytest.fixture
def anna(app):
    return add_volunteer(app)


@pytest.fixture
def shop(client):
    """A client with a CSRF token header, like htmx sends it."""
    token = csrf_token(client, "/shop")
    client.post_htmx = lambda url, **data: client.post(
        url, data=data, headers={**HTMX, "X-CSRFToken": token})
    return client


def _rows(app, sql, params=()):
    db = connect(app.config["DATABASE"])
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def _buy(shop, anna, method="cash", received="10", **basket):
    for code, qty in (basket or {"REST30": 2, "PMD": 1}).items():
        assert shop.post_htmx("/shop/basket", code=code, qty=str(qty)).status_code == 200
    assert shop.post_htmx("/shop/pay").headers["HX-Redirect"] == "/shop/pay"
    assert shop.post_htmx("/shop/pay/pin", volunteer_id=anna["id"], pin="2468").status_code == 200
    assert shop.post_htmx("/shop/pay/method", method=method).status_code == 200
    if method == "cash":
        assert shop.post_htmx("/shop/pay/received", received=received).status_code == 200
    return shop.post_htmx("/shop/pay/confirm")


def test_shop_shows_each_bag_type_with_its_price(shop):
    body = shop.get("/shop").get_data(as_text=True)
    # A number stays with its unit on screen: "30 l" is joined by a no-break space.
    for name, price in [("Restafvalzak 30\u00a0l", "€ 1,45"), ("Restafvalzak 60\u00a0l", "€ 2,90"),
                        ("PMD-zak", "€ 0,25")]:
        assert name in body and price in body


def test_shop_basket_sets_quantities_and_total(shop):
    for _ in range(2):  # the + button sends the new number: a double tap changes nothing
        response = shop.post_htmx("/shop/basket", code="REST30", qty="2")
    body = response.get_data(as_text=True)
    assert "<html" not in body
    assert 'data-code="REST30" data-qty="2"' in body
    assert "data-total>€ 2,90<" in body
    shop.post_htmx("/shop/basket", code="REST30", qty="0")
    assert "data-total>€ 0,00<" in shop.get("/shop").get_data(as_text=True)


def test_shop_plus_swaps_only_the_tapped_card_with_total_and_message(shop):
    """A + sends back one card's count (the target) and, out of band, the total and an empty
    message."""
    body = shop.post_htmx("/shop/basket", code="PMD", qty="0").get_data(as_text=True)
    assert '<strong id="total" hx-swap-oob="true" data-total>€ 0,00</strong>' in body
    shop.post_htmx("/shop/basket", code="PMD", qty="3")
    body = shop.post_htmx("/shop/basket", code="REST30", qty="1").get_data(as_text=True)
    assert body.count('class="bag-count"') == 1 and 'id="count-REST30"' in body
    assert "<article" not in body and "<svg class=\"bag\"" not in body  # the card stays
    assert 'data-code="PMD"' not in body  # the other cards stay as they are
    assert '<strong id="total" hx-swap-oob="true" data-total>€ 2,20</strong>' in body  # 1,45+3x0,25
    assert 'id="checkout"' not in body and "Betalen" not in body  # the pay button stays
    assert "<svg" not in body  # − and + are drawn by CSS: fewer nodes to swap
    assert 'id="basket-message"' not in body  # no message shown, none to clear
    assert "<h1" not in body
    # The screen showed a message (its slot's hidden field came along): the answer empties it.
    cleared = shop.post_htmx("/shop/basket", code="PMD", qty="2", message_shown="1")
    assert '<div id="basket-message" hx-swap-oob="true"></div>' in cleared.get_data(as_text=True)
    # Without htmx (no script) the whole page comes back.
    token = csrf_token(shop, "/shop")
    page = shop.post("/shop/basket", data={"csrf_token": token, "code": "REST30", "qty": "2"})
    assert "<html" in page.get_data(as_text=True) and 'data-qty="2"' in page.get_data(as_text=True)


def test_shop_refused_change_swaps_the_whole_basket_with_the_message(shop):
    response = shop.post_htmx("/shop/basket", code="REST30", qty="21")
    assert response.status_code == 422
    assert response.headers["HX-Retarget"] == "#basket"
    assert response.headers["HX-Reswap"] == "outerHTML"
    body = response.get_data(as_text=True)
    assert body.startswith('<section id="basket"') and 'id="basket-message"' in body
    assert "maximaal 20 zakken" in body
    assert '<input type="hidden" name="message_shown" value="1">' in body


@pytest.mark.parametrize(("code", "qty", "message"), [
    ("CASINO", "1", "Die zak kennen we niet."),
    ("REST30", "-1", "Dat aantal kunnen we niet lezen."),
    ("REST30", "abc", "Dat aantal kunnen we niet lezen."),
    ("REST30", "", "Dat aantal kunnen we niet lezen."),
    ("REST30", "2.5", "Dat aantal kunnen we niet lezen."),
    ("REST30", "99999", "Dat aantal kunnen we niet lezen."),
    ("REST30", "21", "maximaal 20 zakken"),
    ("REST30", "<script>", "Dat aantal kunnen we niet lezen."),
])
def test_shop_bad_quantities_get_a_clear_message(shop, code, qty, message):
    response = shop.post_htmx("/shop/basket", code=code, qty=qty)
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in body and "<script>" not in body
    assert "data-total>€ 0,00<" in body


def test_shop_refuses_more_than_the_stock(app, shop):
    db = connect(app.config["DATABASE"])
    sales.correct_stock(db, "REST60", -97, reason="telling", volunteer="Anna")
    db.close()
    response = shop.post_htmx("/shop/basket", code="REST60", qty="4")
    assert response.status_code == 422
    assert "Er zijn nog maar 3 van: Restafvalzak 60\u00a0l." in response.get_data(as_text=True)


def test_shop_pay_needs_a_basket(shop):
    response = shop.post_htmx("/shop/pay")
    assert response.status_code == 422
    assert "Kies eerst minstens één zak." in response.get_data(as_text=True)


def test_shop_cash_sale_records_one_receipt_and_queues_it(app, shop, anna):
    response = _buy(shop, anna, received="10")
    body = response.get_data(as_text=True)
    assert "BP1-000001" in body and "Bedankt" in body
    assert _rows(app, "SELECT number, payment_method, total_cents, received_cents, change_cents "
                      "FROM receipts") == [("BP1-000001", "cash", 315, 1000, 685)]
    jobs = _rows(app, "SELECT kind, payload FROM print_jobs")
    assert [kind for kind, _ in jobs] == ["receipt"]
    slip = Slip.from_json(jobs[0][1])
    text = slip.to_json()
    for expected in ("BP1-000001", "2 x € 1,45", "€ 2,90", "€ 0,25", "Totaal", "Cash",
                     "Ontvangen", "€ 10,00", "€ 6,85", "Anna", "prijs geldig vanaf 01-01-2026"):
        assert expected in text, expected
    assert "btw" not in text.lower()
    assert _rows(app, "SELECT pieces FROM stock_balance WHERE product = 'REST30'") == [(98,)]


def test_shop_double_confirm_makes_one_receipt(app, shop, anna):
    _buy(shop, anna)
    again = shop.post_htmx("/shop/pay/confirm")
    assert again.status_code in (200, 204, 303)
    assert _rows(app, "SELECT count(*) FROM receipts") == [(1,)]
    assert _rows(app, "SELECT count(*) FROM print_jobs") == [(1,)]


def test_shop_qr_payment_has_no_rounding(app, shop, anna):
    _buy(shop, anna, method="bancontact_qr")
    assert _rows(app, "SELECT payment_method, total_cents, rounding_cents FROM receipts") == [
        ("bancontact_qr", 315, 0)]


def test_shop_wrong_pin_does_not_take_the_payment(app, shop, anna):
    shop.post_htmx("/shop/basket", code="PMD", qty="1")
    shop.post_htmx("/shop/pay")
    response = shop.post_htmx("/shop/pay/pin", volunteer_id=anna["id"], pin="1357")
    assert response.status_code == 422
    assert "Nog 4 pogingen" in response.get_data(as_text=True)
    assert shop.post_htmx("/shop/pay/method", method="cash").status_code == 422


@pytest.mark.parametrize(("received", "message"), [
    ("1", "Dat is te weinig"), ("tien", "Typ het bedrag"), ("", "Typ het bedrag"),
    ("99999", "te groot"),
])
def test_shop_cash_received_must_cover_the_total(app, shop, anna, received, message):
    shop.post_htmx("/shop/basket", code="REST60", qty="1")
    shop.post_htmx("/shop/pay")
    shop.post_htmx("/shop/pay/pin", volunteer_id=anna["id"], pin="2468")
    shop.post_htmx("/shop/pay/method", method="cash")
    response = shop.post_htmx("/shop/pay/received", received=received)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert shop.post_htmx("/shop/pay/confirm").status_code == 422
    assert _rows(app, "SELECT count(*) FROM receipts") == [(0,)]


def test_shop_without_an_open_till_sells_nothing(app, shop, anna):
    db = connect(app.config["DATABASE"])
    sales.close_session(db, 5000, {}, "Anna")
    db.close()
    shop.post_htmx("/shop/basket", code="PMD", qty="1")
    shop.post_htmx("/shop/pay")
    shop.post_htmx("/shop/pay/pin", volunteer_id=anna["id"], pin="2468")
    assert shop.post_htmx("/shop/pay/method", method="cash").status_code == 422
    assert shop.post_htmx("/shop/pay/received", received="10").status_code == 422
    response = shop.post_htmx("/shop/pay/confirm")
    assert response.status_code == 409
    assert "De kassa is niet open: er is niets verkocht." in response.get_data(as_text=True)
    assert _rows(app, "SELECT count(*) FROM receipts") == [(0,)]


def test_shop_stock_gone_before_paying_sells_nothing(app, shop, anna):
    shop.post_htmx("/shop/basket", code="REST30", qty="5")
    db = connect(app.config["DATABASE"])
    sales.correct_stock(db, "REST30", -98, reason="diefstal", volunteer="Anna")
    db.close()
    shop.post_htmx("/shop/pay")
    shop.post_htmx("/shop/pay/pin", volunteer_id=anna["id"], pin="2468")
    shop.post_htmx("/shop/pay/method", method="wero_qr")
    response = shop.post_htmx("/shop/pay/confirm")
    assert response.status_code == 409
    assert "Restafvalzak 30\u00a0l: nog 2" in response.get_data(as_text=True)
    assert _rows(app, "SELECT count(*) FROM receipts") == [(0,)]


def test_shop_training_mode_prints_oefening_and_does_not_count(app, shop, anna):
    db = connect(app.config["DATABASE"])
    kiosk_settings.put(db, kiosk_settings.TRAINING, "1")
    db.close()
    _buy(shop, anna)
    assert _rows(app, "SELECT number, training FROM receipts") == [("OEF-BP1-000001", 1)]
    payload = _rows(app, "SELECT payload FROM print_jobs")[0][0]
    assert Slip.from_json(payload).training


def test_shop_cancel_and_idle_reset_drop_the_basket(shop):
    shop.post_htmx("/shop/basket", code="PMD", qty="3")
    assert shop.post_htmx("/shop/cancel").headers["HX-Redirect"] == "/"
    assert "data-total>€ 0,00<" in shop.get("/shop").get_data(as_text=True)
    shop.post_htmx("/shop/basket", code="PMD", qty="3")
    shop.get("/reset")
    assert "data-total>€ 0,00<" in shop.get("/shop").get_data(as_text=True)


def test_shop_payment_page_without_basket_goes_back_to_the_shop(shop):
    response = shop.get("/shop/pay")
    assert response.status_code == 303 and response.headers["Location"] == "/shop"


def test_shop_printer_not_ready_is_said_before_money_is_taken(app, shop, anna):
    shop.post_htmx("/shop/basket", code="PMD", qty="1")
    shop.post_htmx("/shop/pay")
    body = shop.post_htmx("/shop/pay/pin", volunteer_id=anna["id"], pin="2468").get_data(
        as_text=True)
    assert "data-printer-warning" in body
    assert queue.queue_length(connect(app.config["DATABASE"])) == 0


def test_receipt_slip_shows_the_cash_rounding_as_its_own_line(app):
    from datetime import UTC, date, datetime

    from kiosk.printing import receipt_slip
    from printer.address import Profile
    from printer.escpos_render import render
    from sales.receipts import Receipt, ReceiptLine

    line = ReceiptLine("X", "Proefzak", 1, 147, date(2026, 1, 1), 147)
    receipt = Receipt("BP1-000007", "BP1", 7, "BP1", datetime(2026, 3, 1, 9, 30, tzinfo=UTC), 1,
                      "Anna De Smet", "cash", (line,), 147, -2, 145, 200, 55, False, None, None,
                      "k" * 32, "0" * 64, "f" * 64)
    with app.test_request_context():
        slip = receipt_slip(receipt)
    printed = render(slip, Profile()).decode("cp858", errors="replace")
    for expected in ("Subtotaal", "Afronding (cash)", "€ -0,02", "€ 1,45", "Geholpen door",
                     "Anna", "01/03/2026 10:30"):
        assert expected in printed, expected
    assert "De Smet" not in printed


def test_shop_typed_amount_is_read_the_dutch_way(app, shop, anna):
    shop.post_htmx("/shop/basket", code="REST60", qty="1")
    shop.post_htmx("/shop/pay")
    shop.post_htmx("/shop/pay/pin", volunteer_id=anna["id"], pin="2468")
    shop.post_htmx("/shop/pay/method", method="cash")
    body = shop.post_htmx("/shop/pay/received", received="", other="3,5").get_data(as_text=True)
    assert "data-change>€ 0,60<" in body
    shop.post_htmx("/shop/pay/confirm")
    assert _rows(app, "SELECT received_cents, change_cents FROM receipts") == [(350, 60)]


def test_shop_confirm_while_the_same_payment_runs_elsewhere_is_409(app, shop, anna):
    from sales.idempotency import claim, fingerprint

    shop.post_htmx("/shop/basket", code="PMD", qty="2")
    shop.post_htmx("/shop/pay")
    shop.post_htmx("/shop/pay/pin", volunteer_id=anna["id"], pin="2468")
    shop.post_htmx("/shop/pay/method", method="wero_qr")
    with shop.session_transaction() as session:
        key = session["payment"]["key"]
    db = connect(app.config["DATABASE"])
    same = {"sale": {"PMD": 2}, "method": "wero_qr", "received": None, "training": False}
    claim(db, key, fingerprint(same))  # another request is recording this very payment now
    db.close()
    response = shop.post_htmx("/shop/pay/confirm")
    assert response.status_code == 409
    assert "wordt al verwerkt" in response.get_data(as_text=True)
    assert _rows(app, "SELECT count(*) FROM receipts") == [(0,)]
