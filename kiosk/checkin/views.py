"""Check-in: an anonymous visitor taps why they came."""

import uuid

from flask import Blueprint, redirect, request, session, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from kiosk import clock
from kiosk.db import get_db
from kiosk.htmx import htmx, render
from kiosk.pagecache import FORM_KEY, shared_page
from kiosk.visits import REASONS, VisitError, id_of, record_visit, remember

bp = Blueprint("checkin", __name__, url_prefix="/checkin")

MESSAGES = {
    "no-reason": _l("Kies minstens één reden."),
    "unknown-reason": _l("Die reden kennen we niet. Kies een reden uit de lijst."),
    "invalid-key": _l("Er ging iets mis. Probeer het nog eens."),
}


def _form(status: int = 200, chosen=(), error=None, key=None):
    return render("checkin/index.html", "checkin/_checkin.html", status=status,
                  reasons=REASONS, chosen=set(chosen), error=error,
                  key=key or uuid.uuid4().hex)


@bp.get("")
@shared_page()
def index():
    """The reasons to choose from, each a big button."""
    return _form(key=FORM_KEY)


@bp.post("")
def submit():
    """Store the visit once, however often the button was tapped."""
    chosen = request.form.getlist("reason")
    key = request.form.get("key", "")
    try:
        record_visit(get_db(), chosen, str(get_locale()), "kiosk", key)
    except VisitError as error:
        keep = key if error.args[0] != "invalid-key" else None
        return _form(422, chosen, MESSAGES[error.args[0]], keep)
    # A ticket for a question taken right after this belongs to the same visit (help queue).
    remember(session, id_of(get_db(), key), clock.now())
    if htmx:
        return thanks()
    return redirect(url_for("checkin.thanks"), code=303)


@bp.get("/bedankt")
@shared_page()
def thanks():
    """The thank-you screen, which returns home by itself."""
    return render("checkin/index.html", "checkin/_checkin.html", done=True)
