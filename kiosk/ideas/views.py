"""Ideas and reports: a neighbour writes one step at a time; the wall shows what became of them.

What the visitor typed travels in hidden fields from step to step (never in the session cookie,
which a 2,000-character text would burst), so a validation error or a step back loses nothing.
"""

import secrets
import uuid

from flask import Blueprint, abort, current_app, redirect, request, session, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from kiosk import clock
from kiosk.db import generation, get_db, immediate
from kiosk.forms import KEY_PATTERN
from kiosk.htmx import htmx, render
from kiosk.ideas import choices, store
from kiosk.ideas.slips import thanks_slip
from kiosk.pagecache import FORM_KEY, shared_page
from kiosk.printing import enqueue, header, printing
from printer import queue

bp = Blueprint("ideas", __name__, url_prefix="/ideas")

STEPS = ("kind", "theme", "text", "place", "contact", "confirm")
# The fields a step shows itself; every other field of the draft rides along hidden.
OWN_FIELDS = {"kind": ("kind",), "theme": ("theme",), "text": ("text",), "place": ("place",),
              "contact": ("name", "phone", "email", "consent"), "confirm": ()}
MESSAGES = {
    "kind-missing": _l("Kies: een idee of een melding."),
    "theme-missing": _l("Kies waarover het gaat."),
    "text-empty": _l("Schrijf eerst je idee of melding."),
    "text-long": _l("Je tekst is te lang. Maak hem korter: hoogstens %(max)s tekens."),
    "place-long": _l("Schrijf de plaats korter: hoogstens 200 tekens."),
    "name-long": _l("Schrijf je naam korter: hoogstens 100 tekens."),
    "phone-shape": _l("Dit telefoonnummer klopt niet. Schrijf het zo: 0470 12 34 56, "
                      "052 12 34 56 of +32 470 12 34 56."),
    "email-shape": _l("Dit e-mailadres klopt niet. Schrijf het zo: naam@voorbeeld.be."),
    "consent-missing": _l("Vink het vakje aan. Of maak je naam, nummer en e-mail leeg."),
    "contact-missing": _l("Schrijf een telefoonnummer of e-mailadres, of vink het vakje uit."),
    "invalid-key": _l("Er ging iets mis. Probeer het nog eens."),
}


def message(code: str):
    """The plain-words message for an error code."""
    return MESSAGES[code] % {"max": current_app.config["IDEAS_MAX_CHARS"]} \
        if code == "text-long" else MESSAGES[code]


def _step(step: str, draft: dict, key: str, status: int = 200, errors=None):
    errors = {field: message(code) for field, code in (errors or {}).items()}
    return render("ideas/index.html", "ideas/_ideas.html", status=status, step=step,
                  number=STEPS.index(step) + 1, steps=len(STEPS), draft=draft, key=key,
                  errors=errors, own=OWN_FIELDS[step], fields=store.FIELDS, **choices.labels(),
                  max_chars=current_app.config["IDEAS_MAX_CHARS"],
                  keep_days=current_app.config["IDEAS_CONTACT_RETENTION_DAYS"])


@bp.get("")
@shared_page()
def index():
    """The first step of a new idea: an idea or a report?"""
    return _step("kind", store.clean({}), FORM_KEY)


@bp.post("/<any(kind, theme, text, place, contact):step>")
def submit(step: str):
    """Keep this step's input, then go on, go back or show what to fix."""
    draft = store.clean(request.form)
    key = request.form.get("key", "")
    key = key if KEY_PATTERN.match(key) else uuid.uuid4().hex
    go = request.form.get("go", "next")
    if go == "back":
        return _step(STEPS[max(STEPS.index(step) - 1, 0)], draft, key)
    errors = store.validate(draft, STEPS[:STEPS.index(step) + 1],
                            current_app.config["IDEAS_MAX_CHARS"])
    if errors:
        return _step(_first_step_with(errors), draft, key, 422, errors)
    return _step(STEPS[STEPS.index(step) + 1], draft, key)


@bp.post("/confirm")
def confirm():
    """Store the idea once (however often it was tapped), then print the thank-you slip."""
    draft = store.clean(request.form)
    go = request.form.get("go", "")
    if go in STEPS:
        return _step(go, draft, request.form.get("key", ""))
    db = get_db()
    try:
        with immediate(db):  # the idea and its slip, together
            idea, _ = store.record_idea(db, draft, request.form.get("key", ""),
                                        str(get_locale()), current_app.config["IDEAS_MAX_CHARS"])
            job_id = _queue_thanks(db, idea)
    except store.IdeaError as error:
        key = request.form.get("key", "")
        key = key if "key" not in error.errors else uuid.uuid4().hex
        errors = {f: c for f, c in error.errors.items() if f != "key"} or error.errors
        step = _first_step_with(errors) if "key" not in error.errors else "confirm"
        return _step(step, draft, key, 422, errors)
    printing().wake()
    session["last_idea"] = {"id": idea["id"], "job_id": job_id}
    if htmx:
        return _thanks(idea["id"])
    return redirect(url_for("ideas.thanks"), code=303)


def _queue_thanks(db, idea: dict) -> int:
    """The idea's thank-you slip, queued once per idea (a double tap finds the first one)."""
    ref = f"idea:{idea['id']}"
    job = queue.find(db, ref)
    return job.id if job else enqueue(db, "idea", thanks_slip(idea, header()), ref=ref)


@bp.get("/bedankt")
def thanks():
    """The idea's number and how its slip prints."""
    last = session.get("last_idea")
    return _thanks(last["id"]) if last else redirect(url_for("ideas.index"))


def _thanks(idea_id: int):
    last = session.get("last_idea") or {}
    job_id = last.get("job_id") if last.get("id") == idea_id else None
    job = queue.get_job(get_db(), job_id) if job_id else None
    return render("ideas/index.html", "ideas/_ideas.html", step="done", number=idea_id,
                  job=job)


def _first_step_with(errors: dict) -> str:
    where = {"name": "contact", "phone": "contact", "email": "contact", "consent": "contact"}
    return next(s for s in STEPS if any(where.get(f, f) == s for f in errors))


@bp.get("/wall")
@shared_page(vary=lambda: (generation(), _voter()))
def wall():
    """Ideas a volunteer made public, with what became of them."""
    return render("ideas/wall.html", "ideas/_wall.html", **_wall())


@bp.post("/wall/<id:idea_id>/ik-ook")
def join(idea_id: int):
    """"Ik ook": one more neighbour agrees, at most once per kiosk session."""
    db = get_db()
    added = store.vote(db, idea_id, _voter())
    idea = next((i for i in store.public_ideas(db, _voter(), limit=10_000)
                 if i["id"] == idea_id), None)
    if idea is None:
        abort(404)
    return render("ideas/wall.html", "ideas/_wall_card.html", idea=idea, just_joined=added,
                  **choices.labels())


def _voter() -> str:
    """This kiosk session's token on the wall; a new one after the idle time has passed.

    The idle reset clears the session, but the home screen does not reset an untouched session,
    so a token also ends when it has not been used for longer than the idle time.
    """
    now = clock.now().timestamp()
    voter = session.get("ideas_voter") or {}
    seen = voter.get("seen", 0)
    if not voter or now - seen > current_app.config["IDLE_SECONDS"]:
        voter, seen = {"id": secrets.token_hex(16)}, 0  # one kiosk session, never a person
    if now - seen > 5:  # to the nearest 5 s: a new session cookie on every look costs more
        session["ideas_voter"] = {"id": voter["id"], "seen": now}
    return voter["id"]


def _wall() -> dict:
    limit = current_app.config["IDEAS_WALL_LIMIT"]
    return {"ideas": store.public_ideas(get_db(), _voter(), limit),
            **choices.labels()}
