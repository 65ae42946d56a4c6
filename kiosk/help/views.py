"""Take a number for your question; the home screen's "now serving" panel and its chime.

The ticket, the visit it counts as and its slip are written in one transaction; a double tap
(the same form key) gives the same ticket and the same slip.
"""

import base64
import hashlib
import hmac
import uuid

from flask import Blueprint, current_app, redirect, request, session, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from kiosk import clock, lan, settings, visits
from kiosk.db import get_db, immediate
from kiosk.forms import KEY_PATTERN
from kiosk.help import choices, store
from kiosk.help.chime import wav
from kiosk.help.slips import before_text, ticket_slip
from kiosk.htmx import htmx, render, unchanged
from kiosk.pagecache import FORM_KEY, shared_page
from kiosk.printing import enqueue, header, printing
from printer import queue

bp = Blueprint("help", __name__, url_prefix="/help")

CHIME = "help_chime"  # the desk's switch (kiosk.settings); HELP_CHIME is its default
MESSAGES = {
    "topic": _l("Kies waarover je vraag gaat."),
    "key": _l("Er ging iets mis. Probeer het nog eens."),
}


def token_for(request_key: str) -> str:
    """A ticket's follow-your-turn token: unguessable, and the same again for a repeated tap."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    digest = hmac.new(secret, f"help-ticket:{request_key}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:16]).decode().rstrip("=")


def today() -> str:
    """Today's day in the buurtpunt's time (tickets are numbered per such day)."""
    return store.day_of(clock.now(), current_app.config["TIMEZONE"])


def chime_on() -> bool:
    """Whether the home screen plays the chime when a number is called."""
    default = "1" if current_app.config["HELP_CHIME"] else "0"
    return settings.get(get_db(), CHIME, default) == "1"


def _choose(status: int = 200, error=None, key: str = FORM_KEY):
    return render("help/index.html", "help/_help.html", status=status, error=error, key=key,
                  step="topic", **choices.labels())


@bp.get("")
@shared_page()
def index():
    """The topics to choose from, each a big button with a pictogram."""
    return _choose()


@bp.post("")
def take():
    """Take a number once, however often the button was tapped, and print its slip."""
    key, db, config, now = request.form.get("key", ""), get_db(), current_app.config, clock.now()
    try:
        with immediate(db):  # the ticket, its visit and its slip, together
            ticket, created = store.take(
                db, kiosk=config["KIOSK_ID"], topic=request.form.get("topic", ""),
                language=str(get_locale()), source="kiosk", request_key=key,
                token=token_for(key), now=now, zone=config["TIMEZONE"])
            if created:
                _count_visit(db, ticket, key)
            job_id = _queue_slip(db, ticket, token_for(key))
    except store.TicketError as error:
        return _choose(422, MESSAGES[error.args[0]],
                       key if KEY_PATTERN.match(key) else uuid.uuid4().hex)
    printing().wake()
    session["help_ticket"] = {"id": ticket["id"], "job_id": job_id, "token": token_for(key)}
    return _ticket() if htmx else redirect(url_for("help.ticket"), code=303)


def _count_visit(db, ticket: dict, key: str) -> None:
    """A ticket is a visit: added to a check-in made just before, else a visit of its own."""
    reason, now = choices.VISIT_REASONS[ticket["topic"]], clock.now()
    joined = visits.recent(session, now, current_app.config["IDLE_SECONDS"])
    if not (joined and visits.join_visit(db, joined, [reason])):
        visits.record_visit(db, [reason], ticket["language"], "kiosk", key)
        joined = visits.id_of(db, key)
    store.link_visit(db, ticket["id"], joined)
    visits.remember(session, joined, now)


def _queue_slip(db, ticket: dict, token: str) -> int:
    """The ticket's slip, queued once per ticket (a double tap finds the first one)."""
    ref = f"help:{ticket['id']}"
    job = queue.find(db, ref)
    if job is not None:
        return job.id
    slip = ticket_slip(ticket, store.before(db, ticket), lan.url(f"/q/{token}"), header())
    return enqueue(db, "ticket", slip, ref=ref)


@bp.get("/nummer")
def ticket():
    """The number just taken, large, with how many are before it and how its slip prints."""
    return _ticket() if session.get("help_ticket") else redirect(url_for("help.index"))


def _ticket():
    last, db = session["help_ticket"], get_db()
    ticket = store.get(db, last["id"])
    if ticket is None:
        return redirect(url_for("help.index"))
    job = queue.get_job(db, last["job_id"]) if last.get("job_id") else None
    return render("help/index.html", "help/_help.html", step="ticket", ticket=ticket, job=job,
                  before=store.before(db, ticket), url=lan.url(f"/q/{last['token']}"),
                  before_text=before_text, **choices.labels())


@bp.get("/now")
def now_serving():
    """The home screen's panel: who is called, the last numbers called, how many wait.

    Asked every second; while nothing changed it answers nothing, so the screen stays as it is.
    """
    db, kiosk, day = get_db(), current_app.config["KIOSK_ID"], today()
    shown = store.version(db, kiosk, day)
    if request.args.get("shown") == shown:
        return unchanged()
    return render("help/_now_serving.html", "help/_now_serving.html", shown=shown,
                  called=store.called(db, kiosk, day), waiting=store.waiting(db, kiosk, day),
                  chime=chime_on())


@bp.get("/chime.wav")
def chime():
    """The chime, made once per process."""
    return current_app.response_class(wav(), mimetype="audio/wav")
