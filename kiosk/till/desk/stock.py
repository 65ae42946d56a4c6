"""The desk's stock page: bags in stock per type, deliveries (intake) and corrections."""

from flask import Blueprint, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from kiosk import audit
from kiosk.db import get_db
from kiosk.forms import FormError, read_number, read_reason
from kiosk.htmx import htmx, render
from kiosk.security import current_volunteer, desk_required
from sales import correct_stock, record_intake, stock_levels
from sales.errors import InsufficientStock, SalesError

bp = Blueprint("stock", __name__, url_prefix="/desk/stock")

MAX_ROLLS = 1000
MAX_PIECES = 100_000
# Labels of this page's audit-log actions, for the desk's log.
ACTIONS = {
    "stock-intake": (_l("levering bijgeteld"), lambda v: ngettext(
        "%(num)s zak %(name)s", "%(num)s zakken %(name)s", v["pieces"], name=v["name"])),
    "stock-correct": (_l("voorraad aangepast"), lambda v: ngettext(
        "%(num)s zak %(name)s erbij: %(reason)s", "%(num)s zakken %(name)s erbij: %(reason)s",
        v["delta"], name=v["name"], reason=v["reason"]) if v["delta"] > 0 else ngettext(
        "%(num)s zak %(name)s eraf: %(reason)s", "%(num)s zakken %(name)s eraf: %(reason)s",
        -v["delta"], name=v["name"], reason=v["reason"])),
}


def _product(levels) -> object:
    code = request.form.get("product", "")
    level = next((lv for lv in levels if lv.code == code), None)
    if level is None:
        raise FormError("product", _l("Kies een soort zak."))
    return level


@bp.get("")
@desk_required
def index():
    """Stock per bag type, the delivery form and the correction form."""
    return _page()


@bp.post("/intake")
@desk_required
def intake():
    """Record a delivery, counted in rolls and/or loose pieces."""
    try:
        level = _product(stock_levels(get_db()))
        rolls = read_number("rolls", maximum=MAX_ROLLS, label=_l("Rollen"))
        pieces = read_number("pieces", maximum=MAX_PIECES, label=_l("Losse zakken"))
        if rolls == 0 and pieces == 0:
            raise FormError("rolls", _l("Vul in hoeveel rollen of losse zakken er binnenkwamen."))
        record_intake(get_db(), level.code, rolls=rolls, pieces=pieces,
                      volunteer=current_volunteer()["name"], reason="levering")
    except FormError as error:
        return _page(422, form="intake", error=error)
    except SalesError as error:
        return _page(422, form="intake", error=FormError("product", str(error)))
    added = rolls * level.pieces_per_roll + pieces
    audit.log(get_db(), "stock-intake", volunteer=current_volunteer(), name=level.name,
              pieces=added)
    return _done(ngettext("%(num)s zak %(name)s erbij geteld.",
                          "%(num)s zakken %(name)s erbij geteld.", added, name=level.name))


@bp.post("/correct")
@desk_required
def correct():
    """Add or take away pieces (torn, miscounted) with a reason."""
    try:
        level = _product(stock_levels(get_db()))
        pieces = read_number("pieces", maximum=MAX_PIECES, label=_l("Aantal zakken"),
                              required=True)
        if pieces == 0:
            raise FormError("pieces", _l("Aantal zakken: vul een getal in groter dan 0."))
        reason = read_reason()
        delta = -pieces if request.form.get("direction") == "remove" else pieces
        correct_stock(get_db(), level.code, delta, reason=reason,
                      volunteer=current_volunteer()["name"])
    except FormError as error:
        return _page(422, form="correct", error=error)
    except InsufficientStock:
        error = FormError("pieces", ngettext(
            "Er is maar %(num)s zak %(name)s: je kunt er niet meer weghalen.",
            "Er zijn maar %(num)s zakken %(name)s: je kunt er niet meer weghalen.",
            level.pieces, name=level.name))
        return _page(422, form="correct", error=error)
    except SalesError as error:
        return _page(422, form="correct", error=FormError("product", str(error)))
    audit.log(get_db(), "stock-correct", volunteer=current_volunteer(), name=level.name,
              delta=delta, reason=reason)
    signed = f"{delta:+d}"  # outside the call: babel's extractor skips f-strings in _l()
    return _done(_l("Voorraad %(name)s aangepast (%(delta)s).", name=level.name, delta=signed))


def _done(notice):
    if htmx:
        return _page(notice=notice)
    return redirect(url_for("stock.index"), code=303)


def _page(status: int = 200, **context):
    return render("stock/index.html", "stock/_stock.html", status=status,
                  levels=stock_levels(get_db()), values=request.form, **context)
