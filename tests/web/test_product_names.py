"""Bag names in the visitor's language on screen (Dutch where none is given); receipts in Dutch."""

import pytest

from kiosk import create_app
from kiosk.db import connect
from printer import queue
from tests.helpers import add_volunteer, csrf_token, stock_and_open_till

HTMX = {"HX-Request": "true"}
NBSP = "\u00a0"


@pytest.fixture
def app(tmp_path):
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True,
                      "RECEIPT_PRINTER": "dummy"})
    stock_and_open_till(app, pieces=3)
    return app


@pytest.fixture
def visitor(client):
    def speak(language):
        client.get(f"/lang/{language}")
        token = csrf_token(client, "/shop")
        client.post_htmx = lambda url, **data: client.post(
            url, data=data, headers={**HTMX, "X-CSRFToken": token})
        return client
    return speak


@pytest.mark.parametrize(("language", "name"), [
    ("fr", "Sac PMC"), ("en", "PMD bag"), ("nl", "PMD-zak"),
])
def test_product_names_on_the_shop_screen_and_its_buttons(visitor, language, name):
    body = visitor(language).get("/shop").get_data(as_text=True)
    assert f"<h2>{name}</h2>" in body
    assert f': {name}"' in body  # the aria-label of its - and + buttons
    if language != "nl":
        assert "PMD-zak" not in body


def test_product_names_keep_number_and_unit_together(visitor):
    body = visitor("fr").get("/shop").get_data(as_text=True)
    assert f"<h2>Sac pour déchets résiduels 30{NBSP}l</h2>" in body
    assert "Restafvalzak" not in body


def test_product_names_in_the_payment_summary_and_messages(app, visitor):
    shop = visitor("en")
    error = shop.post_htmx("/shop/basket", code="REST60", qty="4").get_data(as_text=True)
    assert f"Residual waste bag 60{NBSP}l" in error
    shop.post_htmx("/shop/basket", code="REST30", qty="2")
    shop.post_htmx("/shop/pay")
    body = shop.get("/shop/pay").get_data(as_text=True)
    assert f"2 x Residual waste bag 30{NBSP}l" in body


def test_product_names_the_receipt_stays_dutch(app, visitor):
    anna = add_volunteer(app)
    shop = visitor("fr")
    shop.post_htmx("/shop/basket", code="PMD", qty="1")
    shop.post_htmx("/shop/pay")
    shop.post_htmx("/shop/pay/pin", volunteer_id=anna["id"], pin="2468")
    shop.post_htmx("/shop/pay/method", method="bancontact_qr")
    assert shop.post_htmx("/shop/pay/confirm").status_code == 200
    db = connect(app.config["DATABASE"])
    try:
        receipt = queue.recent(db, 1)[0].slip
    finally:
        db.close()
    text = receipt.to_json()
    assert "PMD-zak" in text and "Sac PMC" not in text
    assert receipt.language == "nl"
