"""The desk's ideas: list and filters, the follow-up of one idea, the wall text, paper and CSV."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, current_app, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from kiosk import audit, clock, ideas
from kiosk.db import get_db
from kiosk.htmx import render
from kiosk.idea_export import idea_rows, to_csv
from kiosk.idea_slips import meeting_slip
from kiosk.printing import enqueue, header, printing
from kiosk.security import current_volunteer, desk_required

bp = Blueprint("ideas_desk", __name__, url_prefix="/desk/ideas")

NUMBER = _l("nr. %(idea)s")
ACTIONS = {
    "idea-status": (_l("idee: status veranderd"), lambda v: _(
        "nr. %(idea)s, nu: %(status)s", idea=v["idea"],
        status=ideas.label(ideas.STATUSES, v["status"]))),
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
    ideas.purge_contacts(db, clock.now(), config["IDEAS_CONTACT_RETENTION_DAYS"])
    filters = _filters()
    return render("ideas_desk/index.html", "ideas_desk/_list.html", filters=filters,
                  ideas=ideas.list_ideas(db, filters["status"], filters["theme"],
                                         _since(filters["since"])), **_labels())


@bp.get("/export.csv")
@desk_required
def export():
    """The filtered ideas as a CSV file, without contact details."""
    filters, config = _filters(), current_app.config
    rows = ideas.list_ideas(get_db(), filters["status"], filters["theme"],
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
        changed = ideas.change_status(get_db(), idea_id, new, request.form.get("reason", ""),
                                      current_volunteer())
    except ideas.IdeaError as error:
        return _failed(idea_id, error)
    if changed:
        audit.log(get_db(), "idea-status", volunteer=current_volunteer(), idea=idea_id,
                  status=new)
    return _detail(idea_id, message=_l("De status is bewaard.") if changed else None)


@bp.post("/<id:idea_id>/notes")
@desk_required
def note(idea_id: int):
    """Add an internal note (visitors never see notes)."""
    if ideas.get_idea(get_db(), idea_id) is None:
        return _detail(idea_id)
    try:
        ideas.add_note(get_db(), idea_id, request.form.get("note", ""), current_volunteer())
    except ideas.IdeaError as error:
        return _failed(idea_id, error, note=request.form.get("note", ""))
    audit.log(get_db(), "idea-note", volunteer=current_volunteer(), idea=idea_id)
    return _detail(idea_id, message=_l("De notitie is bewaard."))


@bp.post("/<id:idea_id>/public")
@desk_required
def public(idea_id: int):
    """Show the idea on the wall with a text the volunteer may shorten or anonymise (or not)."""
    db, before = get_db(), ideas.get_idea(get_db(), idea_id)
    if before is None:
        return _detail(idea_id)
    on, text = request.form.get("public") == "1", request.form.get("public_text", "")
    try:
        ideas.set_public(db, idea_id, on, text, current_app.config["IDEAS_MAX_CHARS"])
    except ideas.IdeaError as error:
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
    idea = ideas.get_idea(db, idea_id)
    if idea is None:
        return _detail(idea_id)
    enqueue(db, "idea", meeting_slip(idea, ideas.status_log(db, idea_id),
                                     ideas.notes(db, idea_id), header()))
    audit.log(db, "idea-print", volunteer=current_volunteer(), idea=idea_id)
    printing().wake()
    return _detail(idea_id, message=_l("Het idee wordt afgedrukt."))


def _failed(idea_id: int, error: ideas.IdeaError, **context):
    code = next(iter(error.errors.values()))
    if code == "not-found":
        return _detail(idea_id)
    text = MESSAGES[code] % {"max": current_app.config["IDEAS_MAX_CHARS"]} \
        if code == "text-long" else MESSAGES[code]
    return _detail(idea_id, status=422, error=text, field=next(iter(error.errors)), **context)


def _detail(idea_id: int, status: int = 200, **context):
    db, config = get_db(), current_app.config
    idea = ideas.get_idea(db, idea_id)
    if idea is None:
        return render("ideas_desk/detail.html", "ideas_desk/_detail.html", status=404,
                      idea=None, **_labels())
    show_contact = not ideas.contact_due(idea, clock.now(), config["IDEAS_CONTACT_RETENTION_DAYS"])
    return render("ideas_desk/detail.html", "ideas_desk/_detail.html", status=status, idea=idea,
                  log=ideas.status_log(db, idea_id), notes=ideas.notes(db, idea_id),
                  show_contact=show_contact, keep_days=config["IDEAS_CONTACT_RETENTION_DAYS"],
                  **_labels(), **context)


def _filters() -> dict:
    args = request.args
    return {"status": args.get("status", "") if args.get("status") in _codes(ideas.STATUSES)
            else "", "theme": args.get("theme", "") if args.get("theme") in
            _codes(ideas.THEMES) else "", "since": args.get("since", "")}


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


def _labels() -> dict:
    return {"label": ideas.label, "kinds": ideas.KINDS, "themes": ideas.THEMES,
            "statuses": ideas.STATUSES, "closed": ideas.CLOSED,
            "icons": {c.code: c.icon for c in (*ideas.KINDS, *ideas.THEMES, *ideas.STATUSES)}}
