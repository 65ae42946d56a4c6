"""Activities this week and next, and signing up with one tap: a name, how many, a slip."""

import uuid

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from kiosk import clock
from kiosk.activities import cards, signups, store
from kiosk.activities.slips import signup_slip
from kiosk.activities.store import ActivityError, get
from kiosk.db import get_db, immediate
from kiosk.forms import KEY_PATTERN, whole_number
from kiosk.htmx import htmx, render
from kiosk.pagecache import shared_page
from kiosk.printing import enqueue_once, header, printing
from printer import queue

bp = Blueprint("activities", __name__, url_prefix="/activities")

MESSAGES = {
    "name-empty": _l("Schrijf je voornaam of je initialen."),
    "name-long": _l("Schrijf je naam korter: hoogstens 40 tekens."),
    "people-range": _l("Kies met hoeveel je komt."),
    "phone-shape": _l("Dit telefoonnummer klopt niet. Schrijf het zo: 0470 12 34 56, "
                      "052 12 34 56 of +32 470 12 34 56."),
    "consent-missing": _l("Vink het vakje aan. Of maak het telefoonnummer leeg."),
    "contact-missing": _l("Schrijf een telefoonnummer, of vink het vakje uit."),
    "full": _l("Sorry, de laatste plaats is net weg. Deze activiteit is nu volzet."),
    "too-many": _l("Er zijn niet genoeg plaatsen meer voor zoveel mensen. Kies minder."),
    "cancelled": _l("Deze activiteit is afgelast."),
    "started": _l("Deze activiteit is al begonnen. Inschrijven kan niet meer."),
    "no-signup": _l("Voor deze activiteit hoef je niet in te schrijven: je mag gewoon komen."),
    "invalid-key": _l("Er ging iets mis. Probeer het nog eens."),
    "not-found": _l("Die activiteit bestaat niet."),
}


def version() -> tuple:
    """Kept pages change with the activities and their sign-ups, not with every write."""
    return store.version(get_db())


@bp.get("")
@shared_page(vary=version)
def index():
    """This week's and next week's activities as big cards, cancelled ones too."""
    return render("activities/index.html", "activities/_list.html",
                  weeks=cards.weeks(get_db()), helping=_helping())


def _helping() -> bool:
    """Whether "Ik wil helpen" leads somewhere: the volunteering feature is there."""
    return "volunteer.index" in current_app.view_functions


def _form(activity: dict, status: int = 200, draft=None, people: int = 1, key: str = "",
          errors=None):
    draft = draft or signups.clean({})
    info = cards.card(activity, clock.now())
    most = min(info["left"] or 1, current_app.config["ACTIVITIES_MAX_PEOPLE"])
    return render("activities/signup.html", "activities/_signup.html", status=status,
                  activity=info, draft=draft, people=min(max(people, 1), most), most=most,
                  key=key or uuid.uuid4().hex, errors={f: MESSAGES[c] for f, c in
                                                        (errors or {}).items()})


@bp.get("/<id:activity_id>")
def signup_form(activity_id: int):
    """One activity with the sign-up form: a name, how many people, a phone number if you like."""
    activity = get(get_db(), activity_id)
    if activity is None:
        return render("activities/signup.html", "activities/_signup.html", status=404,
                      activity=None)
    return _form(activity)


@bp.post("/<id:activity_id>")
def sign_up(activity_id: int):
    """Take the places and print the slip, together; "+" and "−" only change the number."""
    db, form = get_db(), request.form
    activity = get(db, activity_id)
    if activity is None:
        return render("activities/signup.html", "activities/_signup.html", status=404,
                      activity=None)
    draft, people = signups.clean(form), whole_number(form.get("people"), 1000) or 0
    key = form.get("key", "") if KEY_PATTERN.match(form.get("key", "")) else uuid.uuid4().hex
    go = form.get("go", "")
    if go in ("more", "less"):
        return _form(activity, draft=draft, people=people + (1 if go == "more" else -1), key=key)
    try:
        with immediate(db):  # the places and the slip, together
            signup, _ = signups.sign_up(db, activity_id, draft, people, form.get("key", ""),
                                        str(get_locale()),
                                        current_app.config["ACTIVITIES_MAX_PEOPLE"])
            job_id = enqueue_once(db, "activity", f"signup:{signup['id']}", lambda: signup_slip(
                get(db, activity_id), signup, header()))
    except ActivityError as error:
        if error.code == "invalid-key":
            key = uuid.uuid4().hex
        return _form(get(db, activity_id), 409 if error.code in ("full", "too-many") else 422,
                     draft, people, key, {error.field or "form": error.code})
    printing().wake()
    session["last_signup"] = {"id": signup["id"], "job_id": job_id}
    return _thanks(signup["id"]) if htmx else redirect(url_for("activities.thanks"), code=303)


@bp.get("/bedankt")
def thanks():
    """The sign-up number and how its slip prints."""
    last = session.get("last_signup")
    return _thanks(last["id"]) if last else redirect(url_for("activities.index"))


def _thanks(signup_id: int):
    db = get_db()
    last = session.get("last_signup") or {}
    signup = signups.get_signup(db, signup_id)
    job_id = last.get("job_id") if last.get("id") == signup_id else None
    return render("activities/signup.html", "activities/_signup.html", done=True,
                  signup=signup, activity=cards.card(get(db, signup["activity_id"]), clock.now()),
                  job=queue.get_job(db, job_id) if job_id else None)


def home_bar() -> Markup:
    """Today's and tomorrow's activities for the home screen's bottom bar ("" when none)."""
    days = [(offset, found) for offset, found in cards.days_ahead(get_db()) if found]
    if not days:
        return Markup("")
    return Markup(render_template("activities/_home_bar.html", days=days))  # noqa: S704
