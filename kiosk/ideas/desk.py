"""The desk's ideas: list and filters, the follow-up of one idea, the wall text, paper and CSV."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, current_app, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from kiosk import audit, clock
from kiosk.db import get_db, immediate
from kiosk.htmx import render
from kiosk.ideas import choices, store
from kiosk.ideas.export import idea_rows, to_csv
from kiosk.ideas.slips import meeting_slip
from kiosk.printing import enqueue, header, printing
from kiosk.security import current_volunteer, desk_required

bp = Blueprint("ideas_desk", __name__, url_prefix="/desk/ideas")

NUMBER = _l("nr. %(idea)s")
ACTIONS = {
    "idea-status": (_l("idee: status veranderd"), lambda v: _(
        "nr. %(idea)s, nu: %(status)s", idea=v["idea"],
        status=choices.label(choices.STATUSES, v["status"]))),
    "idea-note": (_l("idee: notitie geschreven"), NUMBER),
    "idea-public": (_l("idee: op de ideeënmuur gezet"), NUMBER),
    "idea-public-text": (_l("idee: tekst op de ideeënmuur veranderd"), NUMBER),
    "idea-private": (_l("idee: van de ideeënmuur gehaald"), NUMBER),
    "idea-print": (_l("idee afgedrukt voor een overleg"), NUMBER),
    "idea-export": (_l("ideeën gedownload (CSV)"), lambda v: ngettext(
        "%(num)s idee", "%(num)s ideeën", v["count"])),
}
MESSAGES = {
    "status-unknown": _l("Kies een status."),
    "reason-missing": _l("Schrijf in één zin waarom het niet mogelijk is."),
    "reason-long": _l("Schrijf de uitleg korter: hoogstens 200 tekens."),
    "note-empty": _l("Schrijf eerst de notitie."),
    "note-long": _l("De notitie is te lang: hoogstens 2000 tekens."),
    "public-text-empty": _l("Schrijf de tekst voor de ideeënmuur."),
    "text-long": _l("De tekst is te lang: hoogstens %(max)s tekens."),
}


@bp.get("")
@desk_required
def index():
    """All ideas, newest first, filtered by status, theme and since when."""
    db, config = get_db(), current_app.config
    # The scheduled purge does this too; doing it here keeps the promise even without it.
    store.purge_contacts(db, clock.now(), config["IDEAS_CONTACT_RETENTION_DAYS"])
    filters = _filters()
    return render("ideas_desk/index.html", "ideas_desk/_list.html", filters=filters,
                  ideas=store.list_ideas(db, filters["status"], filters["theme"],
                                         _since(filters["since"])), **choices.labels())


@bp.get("/export.csv")
@desk_required
def export():
    """The filtered ideas as a CSV file, without contact details."""
    filters, config = _filters(), current_app.config
    rows = store.list_ideas(get_db(), filters["status"], filters["theme"],
                            _since(filters["since"]), limit=1_000_000)
    audit.log(get_db(), "idea-export", volunteer=current_volunteer(), count=len(rows))
    stamp = clock.now().astimezone(ZoneInfo(config["TIMEZONE"])).strftime("%Y-%m-%d")
    return Response(to_csv(idea_rows(rows, config["KIOSK_ID"], config["TIMEZONE"])),
                    mimetype="text/csv", headers={
                        "Content-Disposition": f'attachment; filename="ideeen-{stamp}.csv"'})


@bp.get("/<id:idea_id>")
@desk_required
def detail(idea_id: int):
    """One idea with everything the desk knows about it."""
    return _detail(idea_id)


@bp.post("/<id:idea_id>/status")
@desk_required
def status(idea_id: int):
    """Move the idea to another status; each change is logged with who and when."""
    new = request.form.get("status", "")
    try:
        changed = store.change_status(get_db(), idea_id, new, request.form.get("reason", ""),
                                      current_volunteer())
    except store.IdeaError as error:
        return _failed(idea_id, error)
    if changed:
        audit.log(get_db(), "idea-status", volunteer=current_volunteer(), idea=idea_id,
                  status=new)
    return _detail(idea_id, message=_l("De status is bewaard.") if changed else None)


@bp.post("/<id:idea_id>/notes")
@desk_required
def note(idea_id: int):
    """Add an internal note (visitors never see notes)."""
    if store.get_idea(get_db(), idea_id) is None:
        return _detail(idea_id)
    try:
        store.add_note(get_db(), idea_id, request.form.get("note", ""), current_volunteer())
    except store.IdeaError as error:
        return _failed(idea_id, error, note=request.form.get("note", ""))
    audit.log(get_db(), "idea-note", volunteer=current_volunteer(), idea=idea_id)
    return _detail(idea_id, message=_l("De notitie is bewaard."))


@bp.post("/<id:idea_id>/public")
@desk_required
def public(idea_id: int):
    """Show the idea on the wall with a text the volunteer may shorten or anonymise (or not)."""
    db, before = get_db(), store.get_idea(get_db(), idea_id)
    if before is None:
        return _detail(idea_id)
    on, text = request.form.get("public") == "1", request.form.get("public_text", "")
    try:
        store.set_public(db, idea_id, on, text, current_app.config["IDEAS_MAX_CHARS"])
    except store.IdeaError as error:
        return _failed(idea_id, error, public_text=text)
    action = ("idea-public" if on and not before["public"] else
              "idea-private" if before["public"] and not on else "idea-public-text")
    audit.log(db, action, volunteer=current_volunteer(), idea=idea_id)
    return _detail(idea_id, message=_l("Op de ideeënmuur") if on else _l("Niet op de ideeënmuur"))


@bp.post("/<id:idea_id>/print")
@desk_required
def print_idea(idea_id: int):
    """Print the idea for a team meeting (without contact details), through the print queue."""
    db = get_db()
    idea = store.get_idea(db, idea_id)
    if idea is None:
        return _detail(idea_id)
    with immediate(db):
        enqueue(db, "idea", meeting_slip(idea, store.status_log(db, idea_id),
                                         store.notes(db, idea_id), header()))
        audit.log(db, "idea-print", volunteer=current_volunteer(), idea=idea_id)
    printing().wake()
    return _detail(idea_id, message=_l("Het idee wordt afgedrukt."))


def _failed(idea_id: int, error: store.IdeaError, **context):
    code = next(iter(error.errors.values()))
    if code == "not-found":
        return _detail(idea_id)
    text = MESSAGES[code] % {"max": current_app.config["IDEAS_MAX_CHARS"]} \
        if code == "text-long" else MESSAGES[code]
    return _detail(idea_id, status=422, error=text, field=next(iter(error.errors)), **context)


def _detail(idea_id: int, status: int = 200, **context):
    db, config = get_db(), current_app.config
    idea = store.get_idea(db, idea_id)
    if idea is None:
        return render("ideas_desk/detail.html", "ideas_desk/_detail.html", status=404,
                      idea=None, **choices.labels())
    show_contact = not store.contact_due(idea, clock.now(),
                                         config["IDEAS_CONTACT_RETENTION_DAYS"])
    return render("ideas_desk/detail.html", "ideas_desk/_detail.html", status=status, idea=idea,
                  log=store.status_log(db, idea_id), notes=store.notes(db, idea_id),
                  show_contact=show_contact, keep_days=config["IDEAS_CONTACT_RETENTION_DAYS"],
                  **choices.labels(), **context)


def _filters() -> dict:
    args = request.args
    return {"status": args.get("status", "") if args.get("status") in _codes(choices.STATUSES)
            else "", "theme": args.get("theme", "") if args.get("theme") in
            _codes(choices.THEMES) else "", "since": args.get("since", "")}


def _since(value: str) -> str:
    """A local date (YYYY-MM-DD) as the UTC moment its day starts; '' for none or nonsense."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return ""
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    return clock.iso(datetime.combine(day, time(0), tzinfo=zone))


def _codes(choices) -> set[str]:
    return {c.code for c in choices}
