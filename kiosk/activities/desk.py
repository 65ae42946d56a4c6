"""The desk's activities: the list, a new one (once or weekly), changing, cancelling, copying."""

from datetime import timedelta

from flask import Blueprint, current_app, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kiosk import audit, clock
from kiosk.activities import choices, signups, store
from kiosk.activities.planform import read_day, read_plan, read_reason
from kiosk.activities.store import ActivityError
from kiosk.db import get_db
from kiosk.forms import FormError
from kiosk.htmx import navigate, render
from kiosk.security import current_volunteer, desk_required

bp = Blueprint("activities_desk", __name__, url_prefix="/desk/activities")

NUMBER = _l("%(title)s (nr. %(activity)s)")
ACTIONS = {
    "activity-new": (_l("activiteit gepland"), lambda v: _(
        "%(title)s, %(count)s keer", title=v["title"], count=v["count"])),
    "activity-edit": (_l("activiteit aangepast"), NUMBER),
    "activity-cancel": (_l("activiteit afgelast"), NUMBER),
    "activity-repeat": (_l("activiteit wekelijks herhaald"), lambda v: _(
        "%(title)s, %(count)s keer", title=v["title"], count=v["count"])),
    "activity-copy": (_l("activiteit gekopieerd"), NUMBER),
    "activity-door-list": (_l("deurlijst afgedrukt"), NUMBER),
    "activity-attended": (_l("aanwezigen geteld"), lambda v: _(
        "%(title)s: %(count)s", title=v["title"], count=v["count"])),
    "signup-cancel": (_l("inschrijving geschrapt"), lambda v: _(
        "%(title)s, nr. %(number)s", title=v["title"], number=v["number"])),
}
MESSAGES = {
    "not-found": _l("Die activiteit bestaat niet."),
    "capacity-taken": _l("Er zijn al meer plaatsen ingenomen: kies minstens zoveel plaatsen."),
    "until-early": _l("Kies een dag minstens een week na deze activiteit."),
}
SHOWN_BACK = timedelta(days=14)  # past activities stay listed a while: to count who came
SHOWN_AHEAD = timedelta(weeks=26)
NEW = {"hour": "14", "minute": "0", "minutes": "120"}  # what a new activity's form starts with


def _zone() -> str:
    return current_app.config["TIMEZONE"]


def _options() -> dict:
    return {"kinds": choices.KINDS, "hours": choices.HOURS, "minutes": choices.MINUTES,
            "durations": choices.DURATIONS, "languages": [
                code for code in current_app.config["LANGUAGES"] if code != "nl"]}


@bp.get("")
@desk_required
def index():
    """Activities of the last two weeks and the coming months, with their sign-ups."""
    db, now = get_db(), clock.now()
    signups.purge_phones(db, now, _zone())  # the promise holds even without `kiosk purge`
    return render("activities_desk/index.html", "activities_desk/_list.html",
                  activities=store.between(db, now - SHOWN_BACK, now + SHOWN_AHEAD),
                  label=choices.label, icons=choices.ICONS)


def _new_form(status: int = 200, values=None, **context):
    return render("activities_desk/new.html", "activities_desk/_new.html", status=status,
                  values=values or NEW, **_options(), **context)


@bp.get("/new")
@desk_required
def new():
    """An empty form for a new activity."""
    return _new_form()


@bp.post("/new")
@desk_required
def create():
    """Plan a new activity, and with a last day, the same each week until then."""
    try:
        plan = read_plan()
        until = read_day("until", _l("Elke week tot")) if request.form.get("until") else None
        ids = store.create(get_db(), plan, _zone(), until)
    except FormError as error:
        return _new_form(422, error=error, values=request.form)
    except ActivityError as error:
        return _new_form(422, error=FormError(error.field, MESSAGES[error.code]),
                         values=request.form)
    audit.log(get_db(), "activity-new", volunteer=current_volunteer(), title=plan.title,
              count=len(ids))
    return navigate(_detail_url(ids[0]))


@bp.get("/<id:activity_id>")
@desk_required
def detail(activity_id: int):
    """One activity: change it, cancel it, repeat or copy it; its sign-ups and who came."""
    copied = request.args.get("copied") == "1"
    return detail_page(activity_id, message=_l("Dit is de kopie. Pas aan wat anders is.")
                       if copied else None)


@bp.post("/<id:activity_id>")
@desk_required
def save(activity_id: int):
    """Change an activity (a calendar that subscribed gets the change too)."""
    try:
        plan = read_plan()
        store.update(get_db(), activity_id, plan, _zone())
    except FormError as error:
        return detail_page(activity_id, 422, error=error, values=request.form)
    except ActivityError as error:
        return _refused(activity_id, error, values=request.form)
    _log("activity-edit", activity_id)
    return detail_page(activity_id, message=_l("De activiteit is bewaard."))


@bp.post("/<id:activity_id>/cancel")
@desk_required
def cancel(activity_id: int):
    """Cancel the activity with a reason that visitors see on its card."""
    if store.get(get_db(), activity_id) is None:
        return detail_page(activity_id)
    try:
        reason = read_reason()
    except FormError as error:
        return detail_page(activity_id, 422, error=error)
    if store.cancel(get_db(), activity_id, reason):
        _log("activity-cancel", activity_id)
    return detail_page(activity_id, message=_l("De activiteit is afgelast."))


@bp.post("/<id:activity_id>/repeat")
@desk_required
def repeat(activity_id: int):
    """The same activity each week, on the same weekday and hour, up to a last day."""
    try:
        until = read_day("until", _l("Elke week tot"))
        ids = store.repeat(get_db(), activity_id, until, _zone())
    except FormError as error:
        return detail_page(activity_id, 422, error=error)
    except ActivityError as error:
        return _refused(activity_id, error)
    if ids:  # a second tap adds nothing, and says what is planned all the same
        _log("activity-repeat", activity_id, count=len(ids))
    return detail_page(activity_id, message=_l("Elke week gepland tot %(day)s.",
                                               day=until.strftime("%d/%m/%Y")))


@bp.post("/<id:activity_id>/copy")
@desk_required
def copy(activity_id: int):
    """A copy one week later, opened to be changed into a new activity."""
    try:
        new_id = store.duplicate(get_db(), activity_id, _zone())
    except ActivityError as error:
        return _refused(activity_id, error)
    _log("activity-copy", activity_id)
    return navigate(url_for("activities_desk.detail", activity_id=new_id, copied=1))


def _refused(activity_id: int, error: ActivityError, **context):
    if error.code == "not-found":
        return detail_page(activity_id)
    return detail_page(activity_id, 422, error=FormError(error.field, MESSAGES[error.code]),
                       **context)


def _log(action: str, activity_id: int, **values) -> None:
    activity = store.get(get_db(), activity_id)
    audit.log(get_db(), action, volunteer=current_volunteer(), activity=activity_id,
              title=activity["title"], **values)


def _detail_url(activity_id: int) -> str:
    return url_for("activities_desk.detail", activity_id=activity_id)


def values_of(plan: store.Plan) -> dict:
    """The form's fields for an activity as planned (what the page shows to change)."""
    values = {"kind": plan.kind, "title": plan.title, "day": plan.day.isoformat(),
              "hour": str(plan.start.hour), "minute": str(plan.start.minute),
              "minutes": str(plan.minutes), "outside": "1" if plan.outside else "",
              "place": plan.place, "bring": plan.bring,
              "capacity": "" if plan.capacity is None else str(plan.capacity),
              "cost": f"{plan.cost_cents // 100},{plan.cost_cents % 100:02d}"
              if plan.cost_cents else ""}
    for language, texts in plan.texts.items():
        values.update({f"{name}_{language}": value for name, value in texts.items()})
    return values


def detail_page(activity_id: int, status: int = 200, values=None, **context):
    """The activity's desk page (404 when there is none), with a message or error if any."""
    db = get_db()
    activity = store.get(db, activity_id)
    if activity is None:
        return render("activities_desk/detail.html", "activities_desk/_detail.html",
                      status=404, activity=None)
    signups.purge_phones(db, clock.now(), _zone())
    plan = store.plan_of(activity, _zone())
    return render("activities_desk/detail.html", "activities_desk/_detail.html", status=status,
                  activity=activity, values=values or values_of(plan), plan=plan,
                  signups=signups.signups(db, activity_id), label=choices.label,
                  icons=choices.ICONS, **_options(), **context)
