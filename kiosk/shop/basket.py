"""The visitor's basket: how many bags of each type, kept in the session until payment."""

from dataclasses import dataclass
from datetime import date

from flask import current_app, session
from flask_babel import gettext as _
from sqlite_utils import Database

from kiosk import clock, i18n
from kiosk.forms import whole_number
from sales import list_products, price_at, stock_levels
from sales.catalogue import Product
from sales.errors import SalesError


class BasketError(ValueError):
    """A basket change that cannot be made; the message is for the visitor's screen."""


@dataclass(frozen=True)
class Offer:
    """One bag type as the shop shows it: the product, today's price and what is in stock."""

    product: Product
    price_cents: int
    price_from: date
    stock: int


def offers(db: Database) -> list[Offer]:
    """The bag types on sale today, in display order; one without a price is left out."""
    stock = {level.code: level.pieces for level in stock_levels(db)}
    now = clock.now()
    found = []
    for product in list_products(db):
        try:
            price = price_at(db, product.code, now)
        except SalesError:
            continue
        found.append(Offer(product, price.price_cents, price.effective_from,
                           stock.get(product.code, 0)))
    return found


def contents() -> dict[str, int]:
    """The basket: {bag type code: quantity}, only quantities above zero."""
    return dict(session.get("basket", {}))


def set_quantity(db: Database, code: str, raw: str) -> dict[str, int]:
    """Set one bag type's quantity (0 takes it out); refuse what cannot be sold."""
    offer = next((o for o in offers(db) if o.product.code == code), None)
    if offer is None:
        raise BasketError(_("Die zak kennen we niet."))
    quantity, most = whole_number(raw, 9999), current_app.config["SHOP_MAX_QTY"]
    if quantity is None:
        raise BasketError(_("Dat aantal kunnen we niet lezen."))
    if quantity > most:
        raise BasketError(_("Je kan maximaal %(most)s zakken per soort kopen.", most=most))
    if quantity > offer.stock:
        raise BasketError(_("Er zijn nog maar %(left)s van: %(name)s.", left=offer.stock,
                            name=i18n.product_name(offer.product)))
    basket = contents()
    if quantity:
        basket[code] = quantity
    else:
        basket.pop(code, None)
    session["basket"] = basket
    return basket


def total_cents(offers_now: list[Offer], basket: dict[str, int]) -> int:
    """The basket's total at today's prices, before any cash rounding."""
    return sum(o.price_cents * basket.get(o.product.code, 0) for o in offers_now)


def empty() -> None:
    """Drop the basket and any payment in progress (cancel, after a sale, idle reset)."""
    session.pop("basket", None)
    session.pop("payment", None)
