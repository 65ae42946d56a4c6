"""The desk's printer page (blueprint printers): status, queue, recent slips, A4 documents."""

from flask import Blueprint, current_app
from flask_babel import lazy_gettext as _l

from kiosk import audit
from kiosk.db import get_db, immediate
from kiosk.htmx import render
from kiosk.printing import printing
from kiosk.prints import store as documents
from kiosk.security import current_volunteer, desk_polled, desk_required
from printer import queue
from printer.preview import preview_html
from printer.testprint import build_test_slip

bp = Blueprint("printers", __name__, url_prefix="/desk/printer")
# Labels of this page's audit-log actions, for the desk's log.
ACTIONS = {
    "print-test": _l("testbon afgedrukt"),
    "print-retry": (_l("bon opnieuw in de wachtrij"), _l("opdracht %(job)s")),
    "print-cancel": (_l("bon uit de wachtrij gehaald"), _l("opdracht %(job)s")),
    "print-reprint": (_l("bon nog eens afgedrukt"), _l("opdracht %(job)s")),
    "a4-retry": (_l("document opnieuw naar de A4-printer"), _l("document %(document)s")),
    "a4-cancel": (_l("document geannuleerd en gewist"), _l("document %(document)s")),
}

DOC_STATES = {
    "waiting": _l("wacht op het bestand"),
    "ready": _l("bestand ontvangen"),
    "paying": _l("wacht op betaling"),
    "queued": _l("wacht op de printer"),
    "printing": _l("wordt afgedrukt"),
    "done": _l("afgedrukt"),
    "failed": _l("mislukt"),
    "cancelled": _l("gestopt"),
    "expired": _l("verlopen"),
    "refused": _l("geweigerd"),
}

STATES = {
    "online": _l("Klaar om af te drukken"),
    "offline": _l("Niet bereikbaar"),
    "paper_out": _l("Het papier is op"),
    "unknown": _l("Niet bekend"),
}
JOB_STATES = {
    "queued": _l("wacht"),
    "printing": _l("wordt afgedrukt"),
    "done": _l("afgedrukt"),
    "failed": _l("mislukt"),
    "unknown": _l("onzeker: kwam de bon eruit?"),
    "cancelled": _l("geannuleerd"),
}


@bp.get("")
@desk_required
def index():
    """The whole printer page."""
    return render("printers/index.html", "printers/_print_jobs.html", **_status(), **_jobs())


@bp.get("/status")
@desk_polled
def status():
    """The status panel, which refreshes itself."""
    return render("printers/index.html", "printers/_printer_status.html", **_status(), **_jobs())


@bp.get("/jobs")
@desk_polled
def jobs():
    """The queue and the recent slips, which refresh themselves."""
    return render("printers/index.html", "printers/_print_jobs.html", **_status(), **_jobs())


@bp.post("/check")
@desk_required
def check():
    """Ask the worker for a fresh printer status."""
    if printing().worker:
        printing().worker.check_status_soon()
    return render("printers/index.html", "printers/_printer_status.html", **_status(), **_jobs())


@bp.post("/test")
@desk_required
def test_print():
    """Queue a test slip (through the queue, so the screen never waits for the printer)."""
    slip = build_test_slip(current_app.config["BUURTPUNT_NAME"], printing().profile.columns)
    db = get_db()
    with immediate(db):  # the slip and its audit line, together
        job_id = queue.enqueue(db, "test", slip)
        audit.log(db, "print-test", volunteer=current_volunteer(), job=job_id)
    return _acted()


@bp.post("/<id:job_id>/<any(retry, cancel, reprint):action>")
@desk_required
def act(job_id: int, action: str):
    """Retry, cancel or reprint one job (a reprint says DUPLICAAT on paper)."""
    db = get_db()
    if queue.get_job(db, job_id) is None:
        return render("printers/index.html", "printers/_print_jobs.html", status=404,
                      **_status(), **_jobs(error=_l("Die bon bestaat niet.")))
    change = {"retry": queue.retry, "cancel": queue.cancel}.get(action, queue.reprint)
    with immediate(db):  # the change and its audit line, together
        done = change(db, job_id)
        if done:
            audit.log(db, f"print-{action}", volunteer=current_volunteer(), job=job_id)
    if not done:
        return render("printers/index.html", "printers/_print_jobs.html", status=409,
                      **_status(), **_jobs(error=_l("Dat kan niet meer voor deze bon.")))
    return _acted()


@bp.get("/<id:job_id>/preview")
@desk_required
def preview(job_id: int):
    """What the slip looks like on paper, loaded when a volunteer opens it."""
    job = queue.get_job(get_db(), job_id)
    if job is None:
        return render("printers/index.html", "printers/_print_jobs.html", status=404,
                      **_status(), **_jobs(error=_l("Die bon bestaat niet.")))
    return str(preview_html(job.slip, printing().profile))


@bp.get("/a4")
@desk_polled
def a4_jobs():
    """The A4 printer's documents, which refresh themselves."""
    return render("printers/index.html", "printers/_documents.html", **_status(), **_jobs())


@bp.post("/a4/<id:doc_id>/<any(retry, cancel):action>")
@desk_required
def a4_act(doc_id: int, action: str):
    """Retry a failed document, or cancel one (its file is deleted at once)."""
    done = {"retry": documents.retry, "cancel": documents.cancel}[action](get_db(), doc_id)
    if done:
        audit.log(get_db(), f"a4-{action}", volunteer=current_volunteer(), document=doc_id)
        printing().wake()
    error = None if done else _l("Dat kan niet meer voor dit document.")
    return render("printers/index.html", "printers/_documents.html", status=200 if done else 409,
                  **_status(), **_jobs(error))


def _acted():
    printing().wake()
    return render("printers/index.html", "printers/_print_jobs.html", **_status(), **_jobs())


def _status() -> dict:
    return {"printer": printing(), "state": printing().state(), "states": STATES,
            "a4": printing().a4_state(), "documents": documents.recent(get_db()),
            "doc_states": DOC_STATES}


def _jobs(error=None) -> dict:
    db = get_db()
    return {"open_jobs": queue.open_jobs(db), "recent": queue.recent(db, 50),
            "job_states": JOB_STATES, "queue_length": queue.queue_length(db), "error": error}
