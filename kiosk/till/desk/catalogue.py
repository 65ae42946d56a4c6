"""The desk's catalogue page: bag types and their prices, with prices entered ahead of time."""

import re
from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kiosk import audit, clock
from kiosk.db import get_db
from kiosk.forms import FormError, read_euros, read_number
from kiosk.htmx import htmx, render
from kiosk.money import euro
from kiosk.security import current_volunteer, desk_required
from kiosk.templating import day
from kiosk.till.desk.stock import MAX_PIECES
from sales import list_products, price_at
from sales.catalogue import get_product, price_history, save_product, set_price
from sales.errors import SalesError, UnknownProduct

bp = Blueprint("catalogue", __name__, url_prefix="/desk/catalogue")

MAX_PRICE_CENTS = 100_000
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
# Labels of this page's audit-log actions, for the desk's log.
ACTIONS = {
    "product-save": (_l("soort zak aangepast"), "%(name)s"),
    "price-set": (_l("nieuwe prijs ingegeven"), lambda v: _(
        "%(name)s %(price)s vanaf %(day)s", name=v["name"], price=euro(v["cents"]),
        day=day(date.fromisoformat(v["from"])))),
}


@bp.get("")
@desk_required
def index():
    """Every bag type with its price history."""
    return _page()


@bp.post("/<code>")
@desk_required
def save(code: str):
    """Change a bag type's description, roll size, low-stock threshold or whether it is sold."""
    try:
        product = replace(get_product(get_db(), code), **_product_fields())
        save_product(get_db(), product)
    except UnknownProduct:
        return _page(404, error=FormError("", _l("Die soort zak bestaat niet.")))
    except FormError as error:
        return _page(422, code=code, form="product", error=error)
    except SalesError as error:
        return _page(422, code=code, form="product", error=FormError("", str(error)))
    audit.log(get_db(), "product-save", volunteer=current_volunteer(), name=product.name)
    return _done(code, _l("%(name)s is bewaard.", name=product.name))


@bp.post("/<code>/price")
@desk_required
def new_price(code: str):
    """Enter a price that takes effect by itself on a later day."""
    try:
        product = get_product(get_db(), code)
        cents = read_euros("price", maximum=MAX_PRICE_CENTS, label=_l("Prijs per zak"))
        start = _future_date("effective_from")
        set_price(get_db(), code, cents, start, now=clock.now())
    except UnknownProduct:
        return _page(404, error=FormError("", _l("Die soort zak bestaat niet.")))
    except FormError as error:
        return _page(422, code=code, form="price", error=error)
    except SalesError as error:
        return _page(422, code=code, form="price", error=FormError("", str(error)))
    audit.log(get_db(), "price-set", volunteer=current_volunteer(), name=product.name,
              cents=cents, **{"from": start.isoformat()})
    return _done(code, _l("Nieuwe prijs voor %(name)s: %(price)s vanaf %(day)s.",
                          name=product.name, price=euro(cents), day=day(start)))


def _product_fields() -> dict:
    name = " ".join(request.form.get("name", "").split())
    if not name or len(name) > 60:
        raise FormError("name", _l("Naam: vul een naam in van hoogstens 60 tekens."))
    colour = request.form.get("colour", "").strip()
    if not _COLOUR.fullmatch(colour):
        raise FormError("colour", _l("Kleur: kies een kleur."))
    fields = {
        "name": name, "colour": colour,
        "colour_name": " ".join(request.form.get("colour_name", "").split())[:30],
        "volume_l": read_number("volume_l", maximum=1000, label=_l("Liter"), required=True),
        "pieces_per_roll": read_number("pieces_per_roll", maximum=1000,
                                        label=_l("Zakken per rol"), required=True),
        "low_stock_threshold": read_number("low_stock_threshold", maximum=MAX_PIECES,
                                            label=_l("Waarschuwen vanaf"), required=True),
        "active": request.form.get("active") == "1",
    }
    for field, label in (("volume_l", _l("Liter")), ("pieces_per_roll", _l("Zakken per rol"))):
        if fields[field] == 0:
            raise FormError(field, _l("%(label)s: vul een getal in groter dan 0.", label=label))
    return fields


def _future_date(field: str) -> date:
    try:
        start = date.fromisoformat(request.form.get(field, "").strip())
    except ValueError:
        raise FormError(field, _l("Vanaf: kies een datum.")) from None
    today = _today()
    if start <= today:
        raise FormError(field, _l("Vanaf: kies een dag na vandaag. Een prijs die al geldt, "
                                  "kan je niet meer veranderen."))
    if start.year > today.year + 5:
        raise FormError(field, _l("Vanaf: die datum ligt te ver weg."))
    return start


def _today() -> date:
    return clock.now().astimezone(ZoneInfo(current_app.config["TIMEZONE"])).date()


def _done(code: str, notice):
    if htmx:
        return _page(code=code, notice=notice)
    return redirect(url_for("catalogue.index"), code=303)


def _page(status: int = 200, **context):
    db = get_db()
    now = clock.now()
    products = list_products(db, include_inactive=True)
    rows = []
    for product in products:
        try:
            current = price_at(db, product.code, now)
        except UnknownProduct:
            current = None
        rows.append({"product": product, "current": current,
                     "history": price_history(db, product.code)})
    return render("catalogue/index.html", "catalogue/_catalogue.html", status=status,
                  rows=rows, values=request.form, euro=euro, today=_today(), **context)
