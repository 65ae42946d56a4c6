"""The waste-bag shop for visitors: pick bags per piece, see the total, go and pay."""

import uuid

from flask import Blueprint, current_app, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_htmx import make_response as htmx_response

from kiosk.db import generation, get_db
from kiosk.htmx import htmx, navigate, render
from kiosk.pagecache import shared_page
from kiosk.printing import printing
from kiosk.shop import basket

bp = Blueprint("shop", __name__, url_prefix="/shop")


def _shop(status: int = 200, error=None):
    offers = basket.offers(get_db())
    chosen = basket.contents()
    return render("shop/index.html", "shop/_basket.html", status=status, offers=offers,
                  chosen=chosen, total=basket.total_cents(offers, chosen), error=error,
                  most=current_app.config["SHOP_MAX_QTY"])


def _shown() -> tuple:
    """What the shop screen shows: the database's bags, prices and stock, and this basket."""
    return generation(), tuple(sorted(basket.contents().items()))


@bp.get("")
@shared_page(vary=_shown)
def index():
    """Big cards per bag type with − and +, the running total and "Betalen"."""
    return _shop()


@bp.post("/basket")
def change():
    """Set one bag type's quantity; the buttons send the new number, so a double tap is harmless."""
    code = request.form.get("code", "")
    try:
        basket.set_quantity(get_db(), code, request.form.get("qty", ""))
    except basket.BasketError as error:
        # The whole basket with the message, wherever the tap came from.
        return htmx_response(_shop(422, str(error)), retarget="#basket", reswap="outerHTML")
    session.pop("payment", None)  # the basket changed: a payment must start again
    if not htmx or htmx.boosted:
        return _shop()
    # Only the tapped bag's card, with the total (and the message slot if it showed one) out of
    # band: a Pi's browser swaps a third of the nodes (measured in bench/bench_taps.py).
    offers = basket.offers(get_db())
    chosen = basket.contents()
    offer = next(o for o in offers if o.product.code == code)
    response = htmx_response(render_template(
        "shop/_change.html", offer=offer, chosen=chosen, total=basket.total_cents(offers, chosen),
        most=current_app.config["SHOP_MAX_QTY"], message_shown="message_shown" in request.form))
    response.vary.add("HX-Request")
    return response


@bp.post("/cancel")
def cancel():
    """Put everything back and go home."""
    basket.empty()
    return navigate(url_for("home.index"))


@bp.post("/pay")
def pay():
    """Go and pay at the desk: the basket is fixed under one idempotency key from here on."""
    chosen = basket.contents()
    if not chosen:
        return _shop(422, _l("Kies eerst minstens één zak."))
    payment = session.get("payment")
    if not payment or payment.get("basket") != chosen:
        session["payment"] = {"key": uuid.uuid4().hex, "basket": chosen}
    printing().check_soon()  # so the volunteer sees whether the receipt can print
    return navigate(url_for("payment.index"))

