"""The desk's shifts: who is on duty, shifts that closed by themselves, a month's hours on paper."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, request
from flask_babel import lazy_gettext as _l

from kiosk import audit, clock
from kiosk.db import get_db, immediate
from kiosk.htmx import render
from kiosk.printing import enqueue, header, printing
from kiosk.security import current_volunteer, desk_required
from kiosk.shifts import store
from kiosk.shifts.slips import hours_slip, month_name
from kiosk.shifts.views import close_overdue, month_bounds

bp = Blueprint("shifts_desk", __name__, url_prefix="/desk/shifts")

ACTIONS = {
    "shift-start": _l("dienst begonnen"),
    "shift-stop": (_l("dienst gestopt"), _l("%(hours)s uur")),
    "shift-auto-closed": _l("dienst vanzelf gestopt op sluitingstijd"),
    "shift-checked": (_l("vanzelf gestopte dienst nagekeken"), "%(name)s"),
    "shifts-print": (_l("uren van de vrijwilligers afgedrukt"), "%(month)s"),
}


def _month() -> tuple[datetime, datetime]:
    """The month asked for (?month=YYYY-MM), else this one, as its bounds."""
    text = request.args.get("month") or request.form.get("month") or ""
    try:
        moment = datetime.strptime(text, "%Y-%m").replace(
            day=15, tzinfo=ZoneInfo(current_app.config["TIMEZONE"]))
    except ValueError:
        moment = clock.now()
    return month_bounds(moment)


def _page(status: int = 200, **context):
    db = get_db()
    first, after = _month()
    before = month_bounds(first - timedelta(days=1))[0]
    return render("shifts_desk/index.html", "shifts_desk/_shifts.html", status=status,
                  on_duty=store.on_duty(db), flagged=store.flagged(db),
                  hours=store.hours(db, first, after), first=first,
                  before=before.strftime("%Y-%m"), after=after.strftime("%Y-%m"),
                  month_name=month_name, hours_text=store.hours_text, **context)


@bp.get("")
@desk_required
def index():
    """On duty now, shifts to check, and the month's hours per volunteer."""
    close_overdue()
    return _page()


@bp.post("/<id:shift_id>/checked")
@desk_required
def checked(shift_id: int):
    """A shift that stopped by itself is checked: the flag goes."""
    shift = store.get(get_db(), shift_id)
    if shift is None or not store.check(get_db(), shift_id, clock.now()):
        return _page(409, error=_l("Deze dienst is al nagekeken."))
    audit.log(get_db(), "shift-checked", volunteer=current_volunteer(),
              name=shift["volunteer_name"])
    return _page(notice=_l("Nagekeken."))


@bp.post("/print")
@desk_required
def print_hours():
    """Print the month's hours per volunteer (for the insurance, and to thank them)."""
    db, (first, after) = get_db(), _month()
    with immediate(db):
        enqueue(db, "shifts", hours_slip(store.hours(db, first, after), first, header()))
        audit.log(db, "shifts-print", volunteer=current_volunteer(), month=first.strftime("%Y-%m"))
    printing().wake()
    return _page(notice=_l("De uren worden afgedrukt."))
