"""I want to help: what you would like to do, when you are free, how to reach you; then a slip.

What was chosen travels in hidden fields from step to step, so a step back or a message about
one field loses nothing; the offer is stored once, with its slip, however often it is tapped.
"""

import uuid

from flask import Blueprint, current_app, redirect, request, session, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from kiosk.db import get_db, immediate
from kiosk.forms import KEY_PATTERN
from kiosk.htmx import htmx, render
from kiosk.printing import enqueue_once, header, printing
from kiosk.volunteering import choices, store
from kiosk.volunteering.slips import thanks_slip
from printer import queue

bp = Blueprint("volunteer", __name__, url_prefix="/volunteer")

STEPS = ("what", "when", "contact")
OWN_FIELDS = {"what": ("tasks", "other"), "when": ("times",),
              "contact": ("name", "phone", "email", "consent")}
MESSAGES = {
    "task-missing": _l("Kies minstens één ding dat je graag doet."),
    "other-long": _l("Schrijf het korter: hoogstens 200 tekens."),
    "name-long": _l("Schrijf je naam korter: hoogstens 100 tekens."),
    "phone-shape": _l("Dit telefoonnummer klopt niet. Schrijf het zo: 0470 12 34 56, "
                      "052 12 34 56 of +32 470 12 34 56."),
    "email-shape": _l("Dit e-mailadres klopt niet. Schrijf het zo: naam@voorbeeld.be."),
    "consent-missing": _l("Vink het vakje aan. Of maak je naam, nummer en e-mail leeg."),
    "contact-missing": _l("Schrijf een telefoonnummer of e-mailadres, of vink het vakje uit."),
    "invalid-key": _l("Er ging iets mis. Probeer het nog eens."),
}


def _step(step: str, draft: dict, key: str, status: int = 200, errors=None):
    db = get_db()
    activity = store.activity_title(db, draft["activity"], str(get_locale()))
    return render("volunteer/index.html", "volunteer/_volunteer.html", status=status, step=step,
                  number=STEPS.index(step) + 1, steps=len(STEPS), draft=draft, key=key,
                  activity=activity, own=OWN_FIELDS[step], fields=store.FIELDS,
                  lists=store.LISTS, errors={f: MESSAGES[c] for f, c in (errors or {}).items()},
                  keep_days=current_app.config["VOLUNTEER_CONTACT_RETENTION_DAYS"],
                  **choices.labels())


@bp.get("")
def index():
    """The first step: what would you like to do? (From an activity's card: for that one.)"""
    return _step("what", store.clean(request.args), uuid.uuid4().hex)


def _key() -> str:
    key = request.form.get("key", "")
    return key if KEY_PATTERN.match(key) else uuid.uuid4().hex


@bp.post("/<any(what, when):step>")
def submit(step: str):
    """Keep this step's choices, then go on, go back or show what to fix."""
    draft, key = store.clean(request.form), _key()
    if request.form.get("go") == "back":
        return _step(STEPS[max(STEPS.index(step) - 1, 0)], draft, key)
    errors = store.validate(draft, STEPS[:STEPS.index(step) + 1])
    if errors:
        return _step("what", draft, key, 422, errors)
    return _step(STEPS[STEPS.index(step) + 1], draft, key)


@bp.post("/send")
def send():
    """Store the offer once and print the slip that says someone will be in touch."""
    draft = store.clean(request.form)
    if request.form.get("go") == "back":
        return _step("when", draft, _key())
    db = get_db()
    try:
        with immediate(db):  # the offer and its slip, together
            offer, _ = store.record_offer(db, draft, request.form.get("key", ""),
                                          str(get_locale()))
            job_id = enqueue_once(db, "offer", f"offer:{offer['id']}",
                                  lambda: thanks_slip(offer, header()))
    except store.OfferError as error:
        errors = {f: c for f, c in error.errors.items() if f != "key"} or error.errors
        step = "what" if set(errors) & {"tasks", "other"} else "contact"
        return _step(step, draft, uuid.uuid4().hex if "key" in errors else _key(), 422, errors)
    printing().wake()
    session["last_offer"] = {"id": offer["id"], "job_id": job_id}
    return _thanks(offer["id"]) if htmx else redirect(url_for("volunteer.thanks"), code=303)


@bp.get("/bedankt")
def thanks():
    """The offer's number and how its slip prints."""
    last = session.get("last_offer")
    return _thanks(last["id"]) if last else redirect(url_for("volunteer.index"))


def _thanks(offer_id: int):
    last = session.get("last_offer") or {}
    job_id = last.get("job_id") if last.get("id") == offer_id else None
    offer = store.get_offer(get_db(), offer_id)
    return render("volunteer/index.html", "volunteer/_volunteer.html", step="done",
                  offer=offer, job=queue.get_job(get_db(), job_id) if job_id else None)
