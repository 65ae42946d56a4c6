"""The volunteers' desk: PIN login, today's visits, a one-tap tally and the audit log."""

import uuid

from flask import Blueprint, current_app, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

import sales
from kiosk import audit, clock, features, selfcheck, settings, visits, volunteers
from kiosk.db import get_db
from kiosk.forms import whole_number
from kiosk.htmx import htmx, navigate, render
from kiosk.pagecache import shared_page
from kiosk.security import current_volunteer, desk_required, log_in, log_out
from kiosk.templating import reason_label
from kiosk.visits import MORE_REASONS, REASONS
from kiosk.volunteers import pin_message

bp = Blueprint("desk", __name__, url_prefix="/desk")

# Labels of the desk's own audit-log actions (and the login's, which the core logs).
ACTIONS = {
    "login": _l("aangemeld"),
    "logout": _l("afgemeld"),
    "idle-logout": _l("afgemeld: te lang niets gedaan"),
    "pin-locked": _l("geblokkeerd na te veel foute pincodes"),
    "tally": (_l("bezoek geteld"), lambda v: reason_label(v["reason"])),
    "training-on": _l("oefenmodus aan"),
    "training-off": _l("oefenmodus uit"),
}


def duration(seconds: int) -> str:
    """A setting's seconds in words: "3 minuten" when whole minutes, else "45 seconden"."""
    if seconds >= 60 and seconds % 60 == 0:
        return ngettext("%(num)s minuut", "%(num)s minuten", seconds // 60)
    return ngettext("%(num)s seconde", "%(num)s seconden", seconds)


def _login(status: int = 200, volunteer_id: int | None = None, **context):
    everyone = volunteers.active(get_db())
    chosen = next((v for v in everyone if v["id"] == volunteer_id), None)
    return render("desk/login.html", "desk/_login.html", status=status,
                  volunteers=everyone, chosen=chosen,
                  idle_for=duration(current_app.config["DESK_IDLE_SECONDS"]), **context)


def _names() -> tuple:
    """What the login screen shows besides the query string: who can log in."""
    return tuple((v["id"], v["name"]) for v in volunteers.active(get_db()))


@bp.get("/login")
@shared_page(vary=_names)
def login():
    """Pick your name, then type your PIN on the pad."""
    return _login(volunteer_id=whole_number(request.args.get("v")),
                  idle=bool(request.args.get("idle")))


@bp.post("/login")
def check_login():
    """Check the PIN; a volunteer with too many wrong tries waits, longer each time."""
    volunteer_id = whole_number(request.form.get("volunteer_id"))
    volunteer = volunteers.get(get_db(), volunteer_id) if volunteer_id else None
    if volunteer is None:
        return _login(422, error=_l("Kies eerst je naam."))
    config = current_app.config
    result = volunteers.check_pin(get_db(), volunteer["id"], request.form.get("pin", ""),
                                  config["PIN_MAX_TRIES"], config["PIN_LOCK_SECONDS"])
    if result.ok:
        log_in(volunteer)
        return navigate(url_for("desk.index"))
    if result.just_locked:
        audit.log(get_db(), "pin-locked", volunteer=volunteer)
    error = pin_message(result)
    return _login(422, volunteer_id=volunteer["id"], error=error)


@bp.post("/logout")
def logout():
    """Log out and hand the screen back to visitors."""
    log_out()
    return navigate(url_for("home.index"))


@bp.get("")
@desk_required
def index():
    """Today at a glance: visits per reason, the tally buttons, the audit log."""
    return render("desk/index.html", "desk/_today.html", **_today())


@bp.post("/tally")
@desk_required
def tally():
    """Count one visitor a volunteer helped directly, with one tap."""
    reason = request.form.get("reason", "")
    try:
        created = visits.record_visit(get_db(), [reason], "nl", "desk",
                                      request.form.get("key", ""), current_volunteer()["id"])
    except visits.VisitError:
        return render("desk/index.html", "desk/_today.html", status=422, **_today(),
                      error=_l("Die reden kennen we niet."))
    if created:
        audit.log(get_db(), "tally", volunteer=current_volunteer(), reason=reason)
    if htmx:
        return render("desk/index.html", "desk/_today.html", **_today(), tallied=reason)
    return redirect(url_for("desk.index"), code=303)


@bp.post("/training")
@desk_required
def training():
    """Switch training mode on or off: practice sales print OEFENING and never count."""
    on = request.form.get("on") == "1"
    settings.put(get_db(), settings.TRAINING, "1" if on else "0")
    audit.log(get_db(), "training-on" if on else "training-off", volunteer=current_volunteer())
    return render("desk/index.html", "desk/_today.html", **_today())


@bp.post("/still-here")
@desk_required
def still_here():
    """A touch on the desk that sent nothing else ("Ik ben er nog", typing): not idle."""
    return "", 204


def _today() -> dict:
    db = get_db()
    total, counts = visits.count_day(db, clock.now(), current_app.config["TIMEZONE"])
    # A help ticket's topic may be a reason the check-in screen does not offer: shown once counted.
    chart = REASONS + tuple(r for r in MORE_REASONS if counts.get(r.code))
    return {"total": total, "counts": counts, "reasons": REASONS, "chart": chart,
            "training": settings.training(db), "low": sales.low_stock(db),
            "most": max(counts.values(), default=0), "key": uuid.uuid4().hex,
            "log": audit.recent(get_db()), "describe": _describe,
            # The kiosk's own health: the clock, the disk, the copy off the device.
            "field": selfcheck.status(), "behind": clock.journal_behind(db), "now": clock.now()}


def _describe(line: dict) -> str:
    return audit.describe(line, features.audit_labels(), reason_label)

