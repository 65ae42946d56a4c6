"""Ik begin / Ik stop: a volunteer starts or ends their shift with their PIN; who is on duty.

The PIN is checked with the desk's lockout (kiosk.volunteers). The names on duty show in the home
screen's bottom bar and on the desk, from a small panel that asks again now and then.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, request
from flask_babel import lazy_gettext as _l

from kiosk import audit, clock, volunteers
from kiosk.config import ConfigError
from kiosk.db import get_db
from kiosk.forms import whole_number
from kiosk.htmx import render, unchanged
from kiosk.printing import first_name
from kiosk.shifts import store
from kiosk.volunteers import pin_message

bp = Blueprint("shifts", __name__, url_prefix="/shifts")
PLACES = ("home", "desk")


@bp.record_once
def _check_closing_time(state) -> None:
    """A wrong closing time stops the kiosk at start-up with a clear message, not later."""
    try:
        store.closing_time(state.app.config["SHIFTS_CLOSING_TIME"])
    except ValueError as error:
        raise ConfigError(str(error)) from error


def close_overdue() -> list[dict]:
    """End the shifts left open past closing time (flagged), noting each in the audit log."""
    config, db = current_app.config, get_db()
    closed = store.close_overdue(db, clock.now(), store.closing_time(config["SHIFTS_CLOSING_TIME"]),
                                 config["TIMEZONE"])
    for shift in closed:
        audit.log(db, "shift-auto-closed", volunteer={"id": shift["volunteer_id"],
                                                      "name": shift["volunteer_name"]})
    return closed


def month_bounds(moment: datetime) -> tuple[datetime, datetime]:
    """The local month around a moment, as aware datetimes [first day, first of next month)."""
    local = moment.astimezone(ZoneInfo(current_app.config["TIMEZONE"]))
    first = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    after = (first + timedelta(days=32)).replace(day=1)
    return first, after


def _page(status: int = 200, **context):
    db = get_db()
    on_duty = {s["volunteer_id"] for s in store.on_duty(db)}
    return render("shifts/index.html", "shifts/_shifts.html", status=status,
                  volunteers=volunteers.active(db), on_duty=on_duty, **context)


@bp.get("")
def index():
    """Pick your name, then type your PIN to begin or end your shift."""
    close_overdue()
    volunteer = volunteers.get(get_db(), whole_number(request.args.get("v")) or 0)
    return _page(chosen=volunteer)


@bp.post("/start")
def start():
    """Begin your shift (PIN); a second tap keeps the shift already begun."""
    return _with_pin("start")


@bp.post("/stop")
def stop():
    """End your shift (PIN) and see your hours; a second tap ends nothing more."""
    return _with_pin("stop")


def _with_pin(action: str):
    """Check the PIN (the desk's lockout), then begin or end the shift."""
    db, config = get_db(), current_app.config
    volunteer = volunteers.get(db, whole_number(request.form.get("volunteer_id")) or 0)
    if volunteer is None:
        return _page(422, error=_l("Kies eerst je naam."))
    result = volunteers.check_pin(db, volunteer["id"], request.form.get("pin", ""),
                                  config["PIN_MAX_TRIES"], config["PIN_LOCK_SECONDS"])
    if not result.ok:
        if result.just_locked:
            audit.log(db, "pin-locked", volunteer=volunteer)
        return _page(422, chosen=volunteer, error=pin_message(result))
    close_overdue()
    now = clock.now()
    if action == "start":
        shift, started = store.start(db, volunteer, now)
        if started:
            audit.log(db, "shift-start", volunteer=volunteer)
    else:
        shift = store.stop(db, volunteer["id"], now)
        if shift is not None:
            audit.log(db, "shift-stop", volunteer=volunteer, hours=store.hours_text(
                store.seconds(shift)))
    month = store.hours(db, *month_bounds(now))
    mine = next((row for row in month if row["volunteer_id"] == volunteer["id"]), None)
    return _page(done=action, volunteer=volunteer, shift=shift, month=mine,
                 flagged=store.flagged(db, volunteer["id"]), hours_text=store.hours_text,
                 seconds=store.seconds)


@bp.get("/on-duty")
def on_duty():
    """The first names on duty (home screen's bottom bar, desk); nothing while unchanged."""
    place = request.args.get("place") if request.args.get("place") in PLACES else "home"
    close_overdue()
    names = [first_name(s["volunteer_name"]) for s in store.on_duty(get_db())]
    shown = f"{place}:{','.join(names)}"
    if request.args.get("shown") == shown:
        return unchanged()
    return render("shifts/_on_duty.html", "shifts/_on_duty.html", names=names, place=place,
                  shown=shown)
