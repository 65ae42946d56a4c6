"""The desk's queue: call the next number (or a chosen one), again, absent, done with an outcome.

Every button carries its own key, so a double tap calls one person; a wrong tap is put back
within a minute. The panel refreshes itself while the desk is open.
"""

import uuid

from flask import Blueprint, current_app, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kiosk import audit, clock, settings, visits
from kiosk.db import get_db, immediate
from kiosk.forms import KEY_PATTERN
from kiosk.help import choices, stats, store
from kiosk.help.views import CHIME, chime_on, today, token_for
from kiosk.htmx import render, unchanged
from kiosk.places import partners
from kiosk.security import current_volunteer, desk_polled, desk_required

bp = Blueprint("help_desk", __name__, url_prefix="/desk/help")

NUMBER = _l("nr. %(number)s")
ACTIONS = {
    "help-call": (_l("wachtnummer geroepen"), NUMBER),
    "help-recall": (_l("wachtnummer opnieuw geroepen"), NUMBER),
    "help-absent": (_l("wachtnummer niet aanwezig"), NUMBER),
    "help-done": (_l("vraag afgehandeld"), lambda v: _(
        "nr. %(number)s: %(outcome)s naar %(partner)s", number=v["number"],
        outcome=choices.label(v["outcome"]), partner=v["partner"]) if v.get("partner") else _(
        "nr. %(number)s: %(outcome)s", number=v["number"], outcome=choices.label(v["outcome"]))),
    "help-undo": (_l("wachtnummer teruggezet"), lambda v: _(
        "nr. %(number)s, nu: %(status)s", number=v["number"], status=choices.label(v["status"]))),
    "help-walk-in": (_l("iemand zonder nummer toegevoegd"), NUMBER),
    "help-chime-on": _l("belsignaal aan"),
    "help-chime-off": _l("belsignaal uit"),
}
MESSAGES = {
    "state": _l("Dat kan niet (meer): iemand anders deed het al, of het nummer is nog niet "
                "geroepen."),
    "too-late": _l("Terugzetten kan alleen binnen een minuut."),
    "outcome": _l("Kies hoe het afliep."),
    "not-found": _l("Dat nummer bestaat niet."),
    "topic": _l("Kies waarover de vraag gaat."),
    "key": _l("Er ging iets mis. Probeer het nog eens."),
    "partner": _l("Die partner staat niet (meer) in de lijst. Kies een partner uit de lijst, "
                  "of Elders."),
    "partner-outcome": _l("Een partner kies je alleen bij Doorverwezen."),
}
STATUS = {"state": 409, "too-late": 409, "not-found": 404}


def _queue(status: int = 200, **context):
    db, config, now = get_db(), current_app.config, clock.now()
    kiosk, day = config["KIOSK_ID"], today()
    tickets = store.of_day(db, kiosk, day)
    finished = [t for t in reversed(tickets) if t["status"] in ("done", "absent")][:8]
    serving = [t for t in tickets if t["status"] == "called"]
    # The partner choice stays open for this ticket (also while the panel polls) until it closes.
    refer, names = request.args.get("refer", type=int), choices.partner_names(db)
    return render("help_desk/index.html", "help_desk/_queue.html", status=status,
                  waiting=[t for t in tickets if t["status"] == "waiting"], serving=serving,
                  finished=finished, figures=stats.today(tickets, now), now=now,
                  undoable={t["id"] for t in serving + finished
                            if store.undoable(db, t["id"], now)},
                  shown=_shown(), chime=chime_on(), new_key=lambda: uuid.uuid4().hex,
                  refer=refer if refer in {t["id"] for t in serving} else None,
                  partners=partners(db), partner_names=names,
                  referred=lambda ticket: choices.outcome_words(ticket, names),
                  duration=duration, since=lambda stamp: (now - clock.parse(stamp)).total_seconds(),
                  **choices.labels(), **context)


def duration(seconds: float | None) -> str:
    """A waiting time in whole minutes ("12 min"), or a dash when there is none."""
    return "–" if seconds is None else _("%(num)s min", num=round(seconds / 60))


def _shown() -> str:
    # The minute too: waiting times on the screen move on even when no ticket changes.
    minute = clock.now().strftime("%H:%M")
    return f"{store.version(get_db(), current_app.config['KIOSK_ID'], today())}.{minute}"


def _refused(error: store.TicketError):
    code = error.args[0]
    return _queue(STATUS.get(code, 422), error=MESSAGES[code])


@bp.get("")
@desk_required
def index():
    """Who waits, who is being helped, what was just finished; the day's waiting times."""
    config = current_app.config
    store.roll_over(get_db(), config["KIOSK_ID"], today(), clock.now())
    return _queue()


@bp.get("/queue")
@desk_polled
def queue():
    """The queue panel, asked every few seconds: nothing while nothing changed."""
    if request.args.get("shown") == _shown():
        return unchanged()
    return _queue()


@bp.post("/next")
@desk_required
def call_next():
    """Call the waiting number that came first."""
    volunteer, config = current_volunteer(), current_app.config
    ticket, called = store.call_next(get_db(), config["KIOSK_ID"], today(), volunteer=volunteer,
                                     now=clock.now(), request_key=_key())
    if ticket is None:
        return _queue(notice=_l("Niemand wacht."))
    if called:
        audit.log(get_db(), "help-call", volunteer=volunteer, number=ticket["number"])
    return _queue(notice=_l("Nummer %(number)s is geroepen.", number=ticket["number"]))


@bp.post("/<id:ticket_id>/<any(call, recall, absent, done):action>")
@desk_required
def move(ticket_id: int, action: str):
    """Call this number, call it again, or close it: absent, or done with an outcome.

    Done as doorverwezen may carry the partner (referred_to); without one it went elsewhere.
    """
    volunteer, db = current_volunteer(), get_db()
    try:
        ticket, moved = store.move(db, ticket_id, action, volunteer=volunteer,
                                   now=clock.now(), request_key=_key(),
                                   outcome=request.form.get("outcome"),
                                   referred_to=request.form.get("referred_to") or None)
    except store.TicketError as error:
        return _refused(error)
    if moved:
        partner = choices.partner_names(db).get(ticket["referred_to"] or "")
        audit.log(db, f"help-{action}", volunteer=volunteer, number=ticket["number"],
                  outcome=ticket["outcome"], referred_to=ticket["referred_to"], partner=partner)
    return _queue()


@bp.post("/<id:ticket_id>/undo")
@desk_required
def undo(ticket_id: int):
    """Put a ticket back as it was before a wrong tap (within a minute)."""
    volunteer = current_volunteer()
    try:
        ticket = store.undo(get_db(), ticket_id, volunteer=volunteer, now=clock.now())
    except store.TicketError as error:
        return _refused(error)
    audit.log(get_db(), "help-undo", volunteer=volunteer, number=ticket["number"],
              status=ticket["status"])
    return _queue(notice=_l("Nummer %(number)s is teruggezet.", number=ticket["number"]))


@bp.post("/walk-in")
@desk_required
def walk_in():
    """Someone helped without a ticket: added with one tap, counted as a visit, being helped."""
    db, config, volunteer, key = get_db(), current_app.config, current_volunteer(), _key()
    topic = request.form.get("topic", "")
    try:
        with immediate(db):
            ticket, created = store.take(
                db, kiosk=config["KIOSK_ID"], topic=topic, language="nl", source="desk",
                request_key=key or "", token=token_for(key or ""), now=clock.now(),
                zone=config["TIMEZONE"])
            if created:
                visits.record_visit(db, [choices.VISIT_REASONS[topic]], "nl", "desk", key,
                                    volunteer["id"])
                store.link_visit(db, ticket["id"], visits.id_of(db, key))
                audit.log(db, "help-walk-in", volunteer=volunteer, number=ticket["number"])
    except store.TicketError as error:
        return _refused(error)
    return _queue(notice=_l("Nummer %(number)s toegevoegd.", number=ticket["number"]))


@bp.post("/chime")
@desk_required
def chime():
    """Switch the chime on the home screen on or off."""
    on = request.form.get("on") == "1"
    settings.put(get_db(), CHIME, "1" if on else "0")
    audit.log(get_db(), "help-chime-on" if on else "help-chime-off", volunteer=current_volunteer())
    return _queue()


def _key() -> str | None:
    """This button's own key (a repeated tap is recognised), or None without a valid one."""
    key = request.form.get("key", "")
    return key if KEY_PATTERN.match(key) else None
