"""The desk's stock page: levels, deliveries, corrections with a reason, and bad input."""

import pytest

from kiosk import create_app
from kiosk.db import connect
from sales import low_stock, record_intake
from tests.helpers import add_volunteer, audit_actions, csrf_token, log_in

HTMX = {"HX-Request": "true"}


@pytest.fixture
def app(tmp_path):
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True,
                      "RECEIPT_PRINTER": "dummy"})
    db = connect(app.config["DATABASE"])
    record_intake(db, "PMD", rolls=3, volunteer="Els")
    db.close()
    return app


@pytest.fixture
def desk(app, client):
    log_in(client, add_volunteer(app))
    client.environ_base["HTTP_X_CSRFTOKEN"] = csrf_token(client, "/desk/stock")
    return client


def _stock(app):
    db = connect(app.config["DATABASE"])
    try:
        return {r["product"]: r["pieces"] for r in db.query("SELECT * FROM stock_balance")}
    finally:
        db.close()


def _moves(app):
    db = connect(app.config["DATABASE"])
    try:
        return db.execute("SELECT count(*) FROM stock_moves").fetchone()[0]
    finally:
        db.close()


def test_stock_page_requires_login(client):
    assert client.get("/desk/stock").status_code == 302


def test_stock_page_shows_pieces_rolls_and_low_stock(desk):
    body = desk.get("/desk/stock").get_data(as_text=True)
    assert 'data-product="PMD" data-pieces="60"' in body
    assert "3 rollen + 0" in body
    assert 'data-product="REST30" data-pieces="0" class="low"' in body


def test_stock_intake_in_rolls_and_pieces(app, desk):
    response = desk.post("/desk/stock/intake", data={"product": "REST60", "rolls": "2",
                                                     "pieces": "3"}, headers=HTMX)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<html" not in body and 'id="stock"' in body
    assert "23 zakken Restafvalzak 60 l erbij geteld." in body
    assert _stock(app)["REST60"] == 23
    assert audit_actions(app)[-1] == ("Anna", "stock-intake", "23 zakken Restafvalzak 60 l")


def test_stock_intake_without_htmx_redirects(app, desk):
    response = desk.post("/desk/stock/intake", data={"product": "PMD", "pieces": "5"})
    assert response.status_code == 303
    assert _stock(app)["PMD"] == 65


def test_stock_correction_with_reason(app, desk):
    response = desk.post("/desk/stock/correct", data={
        "product": "PMD", "pieces": "4", "direction": "remove", "reason": "gescheurd"},
        headers=HTMX)
    assert response.status_code == 200
    assert _stock(app)["PMD"] == 56
    assert audit_actions(app)[-1] == ("Anna", "stock-correct", "4 zakken PMD-zak eraf: gescheurd")


@pytest.mark.parametrize(("url", "data", "message"), [
    ("intake", {"product": "PMD", "rolls": "-1"}, "geheel getal in van 0 of meer"),
    ("intake", {"product": "PMD", "rolls": "twee"}, "geheel getal in van 0 of meer"),
    ("intake", {"product": "PMD", "pieces": "1.5"}, "geheel getal in van 0 of meer"),
    ("intake", {"product": "PMD", "rolls": "5000"}, "te veel"),
    ("intake", {"product": "PMD", "pieces": "99999999999"}, "te veel"),
    ("intake", {"product": "PMD"}, "hoeveel rollen of losse zakken"),
    ("intake", {"product": "XYZ", "rolls": "1"}, "Kies een soort zak"),
    ("intake", {"rolls": "1"}, "Kies een soort zak"),
    ("correct", {"product": "PMD", "pieces": "2", "direction": "add"}, "reden is verplicht"),
    ("correct", {"product": "PMD", "pieces": "2", "reason": "   "}, "reden is verplicht"),
    ("correct", {"product": "PMD", "pieces": "2", "reason": "x" * 201}, "te lang"),
    ("correct", {"product": "PMD", "pieces": "", "reason": "telling"}, "geheel getal"),
    ("correct", {"product": "PMD", "pieces": "0", "reason": "telling"}, "groter dan 0"),
    ("correct", {"product": "PMD", "pieces": "-3", "reason": "telling"}, "geheel getal"),
    ("correct", {"product": "PMD", "pieces": "61", "direction": "remove", "reason": "weg"},
     "maar 60 zakken"),
])
def test_stock_bad_input_is_refused_with_a_message(app, desk, url, data, message):
    before = _moves(app)
    response = desk.post(f"/desk/stock/{url}", data=data, headers=HTMX)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert message in body and 'role="alert"' in body
    assert _moves(app) == before
    assert [a for a in audit_actions(app) if a[1].startswith("stock")] == []


def test_stock_post_needs_csrf(app, desk):
    desk.environ_base.pop("HTTP_X_CSRFTOKEN")
    response = desk.post("/desk/stock/intake", data={"product": "PMD", "rolls": "1"})
    assert response.status_code == 400
    assert _stock(app)["PMD"] == 60


def test_low_stock_panel_lists_low_bag_types(app):
    db = connect(app.config["DATABASE"])
    low = low_stock(db)
    db.close()
    with app.test_request_context():
        from flask import render_template
        html = render_template("stock/_low_stock.html", low=low)
        assert 'data-product="REST30"' in html and 'data-product="PMD"' not in html
        assert render_template("stock/_low_stock.html", low=[]).strip() == ""
