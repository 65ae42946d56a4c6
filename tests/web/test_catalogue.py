"""The desk's catalogue page: edit bag types, see the price history, enter a future price."""

from datetime import date, timedelta

import pytest

from kiosk import create_app
from kiosk.db import connect
from tests.helpers import add_volunteer, audit_actions, csrf_token, log_in

HTMX = {"HX-Request": "true"}
PMD = {"name": "PMD-zak blauw", "volume_l": "60", "colour": "#1f5fbf", "colour_name": "blauw",
       "pieces_per_roll": "20", "low_stock_threshold": "30", "active": "1"}
TOMORROW = (date.today() + timedelta(days=2)).isoformat()


@pytest.fixture
def app(tmp_path):
    # A new database gets Dendermonde's catalogue on its own (kiosk.db.migrate).
    return create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True,
                       "RECEIPT_PRINTER": "dummy"})


@pytest.fixture
def desk(app, client):
    log_in(client, add_volunteer(app))
    client.environ_base["HTTP_X_CSRFTOKEN"] = csrf_token(client, "/desk/catalogue")
    return client


def _rows(app, sql, params=()):
    db = connect(app.config["DATABASE"])
    try:
        return [tuple(r) for r in db.execute(sql, params).fetchall()]
    finally:
        db.close()


def test_catalogue_page_requires_login(client):
    assert client.get("/desk/catalogue").status_code == 302


def test_catalogue_page_shows_bag_types_and_prices(desk):
    body = desk.get("/desk/catalogue").get_data(as_text=True)
    for code in ("REST30", "REST60", "PMD"):
        assert f'id="product-{code}"' in body
    assert "€ 1,45" in body and "geldt nu" in body


def test_catalogue_saves_a_bag_type(app, desk):
    response = desk.post("/desk/catalogue/PMD", data=PMD, headers=HTMX)
    assert response.status_code == 200
    assert "PMD-zak blauw is bewaard." in response.get_data(as_text=True)
    assert _rows(app, "SELECT name, low_stock_threshold, active FROM products WHERE code='PMD'") \
        == [("PMD-zak blauw", 30, 1)]
    assert audit_actions(app)[-1] == ("Anna", "product-save", "PMD-zak blauw")


def test_catalogue_takes_a_bag_type_out_of_sale(app, desk):
    desk.post("/desk/catalogue/PMD", data={k: v for k, v in PMD.items() if k != "active"},
              headers=HTMX)
    assert _rows(app, "SELECT active FROM products WHERE code='PMD'") == [(0,)]
    assert "niet te koop" in desk.get("/desk/catalogue").get_data(as_text=True)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("name", "  ", "vul een naam in"),
    ("name", "x" * 61, "hoogstens 60"),
    ("volume_l", "0", "groter dan 0"),
    ("volume_l", "veel", "geheel getal"),
    ("pieces_per_roll", "-2", "geheel getal"),
    ("pieces_per_roll", "", "geheel getal"),
    ("low_stock_threshold", "1e9", "geheel getal"),
    ("low_stock_threshold", "200000", "te veel"),
    ("colour", "red", "kies een kleur"),
])
def test_catalogue_bad_bag_type_is_refused(app, desk, field, value, message):
    response = desk.post("/desk/catalogue/PMD", data={**PMD, field: value}, headers=HTMX)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _rows(app, "SELECT name, low_stock_threshold FROM products WHERE code='PMD'") == [
        ("PMD-zak", 40)]


def test_catalogue_unknown_bag_type_is_404(desk):
    assert desk.post("/desk/catalogue/NOPE", data=PMD, headers=HTMX).status_code == 404


def test_catalogue_enters_a_future_price(app, desk):
    response = desk.post("/desk/catalogue/REST30/price",
                         data={"price": "1,60", "effective_from": TOMORROW}, headers=HTMX)
    assert response.status_code == 200
    assert "komt nog" in response.get_data(as_text=True)
    assert _rows(app, "SELECT price_cents FROM prices WHERE product='REST30' "
                      "AND effective_from=?", [TOMORROW]) == [(160,)]
    assert audit_actions(app)[-1] == ("Anna", "price-set", "Restafvalzak 30 l € 1,60 vanaf "
                                           f"{date.fromisoformat(TOMORROW):%d/%m/%Y}")


@pytest.mark.parametrize(("data", "message"), [
    ({"price": "1,60", "effective_from": date.today().isoformat()}, "na vandaag"),
    ({"price": "1,60", "effective_from": "2026-01-01"}, "na vandaag"),
    ({"price": "1,60", "effective_from": "morgen"}, "kies een datum"),
    ({"price": "1,60", "effective_from": ""}, "kies een datum"),
    ({"price": "1,60", "effective_from": "2999-01-01"}, "te ver"),
    ({"price": "gratis", "effective_from": TOMORROW}, "bedrag in euro"),
    ({"price": "-1", "effective_from": TOMORROW}, "bedrag in euro"),
    ({"price": "1000,01", "effective_from": TOMORROW}, "tussen € 0,01"),
])
def test_catalogue_bad_price_is_refused(app, desk, data, message):
    response = desk.post("/desk/catalogue/REST30/price", data=data, headers=HTMX)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _rows(app, "SELECT count(*) FROM prices WHERE product='REST30'") == [(1,)]
