"""The smaller things the field test saw: what a fresh shop says, why + stops, words on paper."""

import pytest

import sales
from kiosk import create_app
from kiosk.db import connect
from printer.address import Profile
from printer.escpos_render import render
from tests.helpers import add_volunteer, csrf_token, log_in

HTMX = {"HX-Request": "true"}


@pytest.fixture
def app(tmp_path):
    return create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True,
                       "RECEIPT_PRINTER": "dummy", "SHOP_MAX_QTY": 3})


def _db(app):
    return connect(app.config["DATABASE"])


def _stock(app, **pieces):
    db = _db(app)
    for code, n in pieces.items():
        sales.record_intake(db, code, volunteer="Anna", pieces=n)
    db.close()


def test_shop_without_any_stock_says_how_to_get_bags_not_tik_op_plus(client):
    body = client.get("/shop").get_data(as_text=True)
    assert "Tik op +" not in body
    assert "Er zijn nog geen vuilniszakken in voorraad" in body
    assert "Balie, Voorraad" in body


def test_shop_plus_at_the_stock_limit_says_why(app, client):
    _stock(app, REST30=2, PMD=50)
    token = csrf_token(client, "/shop")
    post = lambda **data: client.post("/shop/basket", data=data,  # noqa: E731
                                      headers={**HTMX, "X-CSRFToken": token})
    body = post(code="REST30", qty="2").get_data(as_text=True)
    assert "Tik op +" in client.get("/shop").get_data(as_text=True)  # other bags can still be had
    card = body.split('data-code="REST30"')[1].split("</article>")[0]
    assert "disabled" in card and "Meer is er niet in voorraad." in card
    body = post(code="PMD", qty="3").get_data(as_text=True)
    card = body.split('data-code="PMD"')[1].split("</article>")[0]
    assert "Meer dan 3 per soort kan niet." in card


def test_desk_low_stock_says_op_for_nothing_left_and_bijna_op_for_little(app, client):
    _stock(app, REST30=1, PMD=500)
    anna = add_volunteer(app)
    log_in(client, anna)
    body = client.get("/desk").get_data(as_text=True)
    warning = body.split('id="low-stock"')[1].split("</section>")[0]
    assert "Bijna op" in warning and "nog 1 zak<" in warning.replace("</li>", "<")
    assert "Op:" in warning or ">Op<" in warning
    assert "nog 0" not in warning
    gone = warning.split('data-product="REST60"')[1].split("</li>")[0]
    assert "geen zakken meer" in gone


def _void_slip(app, method):
    _stock(app, REST30=10)
    db = _db(app)
    sales.open_session(db, 5000, "Anna")
    sale = sales.record_sale(db, {"REST30": 1}, sales.Payment(method, 200 if method == "cash"
                                                              else None), "Anna", "k" * 32, "BP1")
    refund = sales.void_sale(db, sale.number, "Anna", "verkeerde zak")
    db.close()
    from kiosk.printing import receipt_slip

    with app.test_request_context():
        return render(receipt_slip(refund), Profile()).decode("cp858")


def test_refund_receipt_names_how_the_money_went_back_cash(app):
    printed = _void_slip(app, "cash")
    assert "Betaald met" not in printed
    assert "Terugbetaald" in printed and "Cash, uit de kassa" in printed


def test_refund_receipt_names_how_the_money_went_back_qr(app):
    printed = _void_slip(app, "wero_qr")
    assert "Betaald met" not in printed
    assert "Wero (QR), niet uit de kassa" in printed


def test_favicon_exists(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.mimetype == "image/vnd.microsoft.icon"
    assert response.data[:4] == b"\x00\x00\x01\x00"  # an ICO file's signature


def test_desk_audit_log_speaks_in_words_not_codes(app, client):
    from kiosk import audit

    _stock(app, REST30=1)
    anna = add_volunteer(app)
    db = _db(app)
    audit.log(db, "stock-intake", volunteer=anna, name="Restafvalzak 60 l", pieces=50)
    audit.log(db, "stock-correct", volunteer=anna, name="PMD-zak", delta=-2, reason="gescheurd")
    audit.log(db, "idea-status", volunteer=anna, idea=7, status="niet_mogelijk")
    audit.log(db, "cash-open", volunteer=anna, float_cents=5000)
    audit.log(db, "tally", "digitaal", anna)  # a line written before values were kept
    db.close()
    log_in(client, anna)
    page = client.get("/desk").get_data(as_text=True)
    table = page.split('class="log"')[1].split("</table>")[0]
    for said in ("levering bijgeteld: 50 zakken Restafvalzak 60 l",
                 "voorraad aangepast: 2 zakken PMD-zak eraf: gescheurd",
                 "idee: status veranderd: nr. 7, nu: Niet mogelijk",
                 "kassa geopend: € 50,00 wisselgeld", "bezoek geteld: Digitale vraag"):
        assert said in table, said
    for code in ("REST", "niet_mogelijk", "{", "#", "float_cents"):
        assert code not in table, code
