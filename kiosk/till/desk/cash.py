"""The desk's cash page: open the drawer, cash in/out, X-report, blind close, Z-reports."""

from flask import Blueprint, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kiosk import audit
from kiosk.db import get_db, immediate
from kiosk.forms import FormError, read_counts, read_euros, read_number, read_reason
from kiosk.htmx import htmx, render
from kiosk.money import DENOMINATIONS, euro
from kiosk.printing import enqueue, header, printing
from kiosk.security import current_volunteer, desk_required
from kiosk.till.desk.stock import MAX_PIECES, MAX_ROLLS
from kiosk.till.slips import report_slip
from sales import (
    close_session,
    current_session,
    get_z_report,
    move_cash,
    open_session,
    recent_closes,
    stock_levels,
    x_report,
)
from sales.coins import count_cash
from sales.errors import NoOpenSession, ReportNotFound, SalesError

bp = Blueprint("cash", __name__, url_prefix="/desk/cash")

MAX_MOVE_CENTS = 1_000_000
METHODS = {"cash": _l("Contant"), "bancontact_qr": _l("Bancontact (QR)"),
           "wero_qr": _l("Wero (QR)")}
# Labels of this page's audit-log actions, for the desk's log.


def _moved(values: dict) -> str:
    return _("%(amount)s, %(reason)s", amount=euro(values["cents"]),
             reason=values["reason"])


ACTIONS = {
    "cash-open": (_l("kassa geopend"), lambda v: _(
        "%(amount)s wisselgeld", amount=euro(v["float_cents"]))),
    "cash-in": (_l("geld in de kassa gelegd"), _moved),
    "cash-out": (_l("geld uit de kassa genomen"), _moved),
    "cash-x": _l("X-rapport bekeken"),
    "cash-x-print": _l("X-rapport afgedrukt"),
    "cash-close": (_l("kassa gesloten (Z-rapport)"), lambda v: _(
        "verschil %(amount)s", amount=euro(v["difference_cents"]))),
    "cash-z-reprint": (_l("Z-rapport nog eens afgedrukt"), _l("kassa nr. %(session)s")),
}


@bp.get("")
@desk_required
def index():
    """The drawer: how to open it, or what can be done while it is open."""
    return _show("home")


@bp.post("/count")
@desk_required
def count():
    """The counter after a tap on + or - or a typed number: pieces and the running total."""
    try:
        counts = read_counts()
    except FormError as error:
        return render("cash/index.html", "cash/_counter.html", status=422, counts={}, total=0,
                      values=request.form, counter_error=error, **_context("home"))
    return render("cash/index.html", "cash/_counter.html", counts=counts,
                  total=count_cash(counts), values=request.form, **_context("home"))


@bp.post("/open")
@desk_required
def open_drawer():
    """Open the drawer with the counted float."""
    db = get_db()
    try:
        counts = read_counts()
        with immediate(db):  # the till and its audit line, together
            session = open_session(db, counts, current_volunteer()["name"])
            audit.log(db, "cash-open", volunteer=current_volunteer(),
                      float_cents=session.float_cents)
    except FormError as error:
        return _show("home", 422, error=error)
    except SalesError as error:
        return _show("home", 422, error=FormError("", str(error)))
    return _done("home", _l("De kassa is open."))


@bp.post("/move")
@desk_required
def move():
    """Put cash into the drawer or take it out, with a reason."""
    kind = "in" if request.form.get("kind") == "in" else "out"
    db = get_db()
    try:
        cents = read_euros("amount", maximum=MAX_MOVE_CENTS, label=_l("Bedrag"))
        reason = read_reason()
        with immediate(db):  # the money and its audit line, together
            move_cash(db, kind, cents, reason, current_volunteer()["name"])
            audit.log(db, f"cash-{kind}", volunteer=current_volunteer(), cents=cents,
                      reason=reason)
    except FormError as error:
        return _show("home", 422, error=error)
    except SalesError as error:
        return _show("home", 422, error=FormError("", str(error)))
    message = _l("%(amount)s in de kassa gelegd.", amount=euro(cents)) if kind == "in" \
        else _l("%(amount)s uit de kassa genomen.", amount=euro(cents))
    return _done("home", message)


@bp.get("/x")
@desk_required
def interim():
    """The interim X-report on screen (it shows what the drawer should hold now)."""
    try:
        report = x_report(get_db())
    except NoOpenSession:
        return _show("home")
    audit.log(get_db(), "cash-x", volunteer=current_volunteer())
    return _show("report", report=report)


@bp.post("/x/print")
@desk_required
def print_interim():
    """Print the X-report through the print queue."""
    db = get_db()
    try:
        with immediate(db):
            report = x_report(db)
            _print(db, report, "cash-x-print")
    except NoOpenSession:
        return _show("home", 422, error=FormError("", _l("De kassa is niet open.")))
    printing().wake()
    return _show("report", report=report, notice=_l("Het X-rapport wordt afgedrukt."))


@bp.get("/close")
@desk_required
def close_form():
    """The blind count: cash and bags are counted before any expected figure is shown."""
    if current_session(get_db()) is None:
        return _show("home")
    return _show("close")


@bp.post("/close")
@desk_required
def close():
    """Close the drawer with the counted cash and bags; store and print the Z-report."""
    db = get_db()

    def queue_report(report):
        _print(db, report, "cash-close", ref=f"report-z:{report.session_id}",
               difference_cents=report.cash_difference_cents)

    try:
        counts, bags = read_counts(), _bag_counts()
        report = close_session(db, counts, bags, current_volunteer()["name"],
                               on_record=queue_report)
    except FormError as error:
        return _show("close", 422, error=error)
    except SalesError as error:
        return _show("home", 422, error=FormError("", str(error)))
    printing().wake()
    if not htmx:
        return redirect(url_for("cash.report", session_id=report.session_id), code=303)
    return _show("report", report=report, notice=_l("De kassa is gesloten. Het Z-rapport is "
                                                    "bewaard en wordt afgedrukt."))


@bp.get("/reports/<id:session_id>")
@desk_required
def report(session_id: int):
    """A stored Z-report."""
    try:
        return _show("report", report=get_z_report(get_db(), session_id))
    except ReportNotFound:
        return _show("home", 404, error=FormError("", _l("Dat rapport bestaat niet.")))


@bp.post("/reports/<id:session_id>/print")
@desk_required
def reprint(session_id: int):
    """Print a stored Z-report again, marked DUPLICAAT."""
    db = get_db()
    try:
        with immediate(db):
            stored = get_z_report(db, session_id)
            _print(db, stored, "cash-z-reprint", duplicate=True, session=stored.session_id)
    except ReportNotFound:
        return _show("home", 404, error=FormError("", _l("Dat rapport bestaat niet.")))
    printing().wake()
    return _show("report", report=stored, notice=_l("Het Z-rapport wordt nog eens afgedrukt."))


def _bag_counts() -> dict[str, int]:
    bags = {}
    for level in stock_levels(get_db()):
        rolls = read_number(f"rolls_{level.code}", maximum=MAX_ROLLS, label=level.name)
        pieces = read_number(f"bags_{level.code}", maximum=MAX_PIECES, label=level.name)
        if not (request.form.get(f"rolls_{level.code}", "").strip()
                or request.form.get(f"bags_{level.code}", "").strip()):
            raise FormError(f"bags_{level.code}", _l(
                "Tel ook de zakken %(name)s (vul 0 in als er geen zijn).", name=level.name))
        bags[level.code] = rolls * level.pieces_per_roll + pieces
    return bags


def _print(db, report, action: str, duplicate: bool = False, ref: str | None = None,
           **values) -> None:
    """Queue a report's paper and its audit line, inside the caller's transaction."""
    enqueue(db, f"report-{report.kind.lower()}",
            report_slip(report, header(), duplicate=duplicate), ref=ref)
    audit.log(db, action, volunteer=current_volunteer(), **values)


def _done(view: str, notice):
    if htmx:
        return _show(view, notice=notice)
    return redirect(url_for("cash.index"), code=303)


def _context(view: str) -> dict:
    db = get_db()
    return {"view": view, "session": current_session(db), "levels": stock_levels(db),
            "denominations": DENOMINATIONS, "methods": METHODS, "closes": recent_closes(db),
            "euro": euro}


def _show(view: str, status: int = 200, **context):
    counts = {}
    if request.method == "POST":
        try:
            counts = read_counts()
        except FormError:
            counts = {}
    context.setdefault("counts", counts)
    context.setdefault("total", count_cash(counts))
    return render("cash/index.html", "cash/_cash.html", status=status, values=request.form,
                  **_context(view), **context)
