"""Follow your turn from your own phone: the page the ticket's QR code opens on the Wi-Fi.

Reachable from the LAN (like the upload page) through a token per ticket; it shows the number,
how many wait before it and an estimate, and stops working once the ticket is done or its day
is over. Nothing about the person is shown or asked.
"""

from flask import Blueprint, current_app, render_template, request

from kiosk import clock
from kiosk.db import get_db
from kiosk.help import stats, store
from kiosk.help.slips import before_text
from kiosk.help.views import today
from kiosk.htmx import unchanged
from kiosk.i18n import use_language
from kiosk.security import RateLimit, lan_allowed

bp = Blueprint("turn", __name__, url_prefix="/q")

# Guessing a token is useless (128 bits); a client that keeps trying is still slowed down.
GUESSES = 20
STATUS = {"unknown": 404, "busy": 429, "over": 410, "ended": 410, "waiting": 200, "called": 200}


def _find(token: str) -> tuple[dict | None, str]:
    """The ticket behind a token and what its page says: waiting, called, over, ended, …"""
    limit = current_app.extensions.setdefault("turn_guesses", RateLimit(GUESSES, 60))
    client = request.remote_addr or "?"
    if limit.blocked(client):
        return None, "busy"
    ticket = store.by_token(get_db(), token) if len(token) < 64 else None
    if ticket is None:
        limit.hit(client)
        return None, "unknown"
    use_language(ticket["language"])  # the phone speaks the visitor's language
    if ticket["day"] != today():
        return ticket, "ended"
    return ticket, ticket["status"] if ticket["status"] in ("waiting", "called") else "over"


def _context(ticket: dict | None, state: str) -> dict:
    if state != "waiting":
        return {"ticket": ticket, "state": state, "shown": state, "before_text": before_text}
    db = get_db()
    before, minutes = store.before(db, ticket), stats.estimate(db, ticket, clock.now())
    return {"ticket": ticket, "state": state, "before": before, "minutes": minutes,
            "shown": f"{state}.{before}.{minutes}", "before_text": before_text}


@bp.get("/<token>")
@lan_allowed
def follow(token: str):
    """The visitor's number and place in line; the page keeps itself up to date."""
    ticket, state = _find(token)
    return render_template("help/phone.html", token=token, **_context(ticket, state)), \
        STATUS[state]


@bp.get("/<token>/status")
@lan_allowed
def status(token: str):
    """The part of the phone's page that moves (asked every few seconds): nothing if unchanged."""
    ticket, state = _find(token)
    context = _context(ticket, state)
    if request.args.get("shown") == context["shown"]:
        return unchanged()
    return render_template("help/_turn.html", token=token, **context), STATUS[state]
