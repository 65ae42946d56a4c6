"""Printing from your own phone, on the kiosk: the QR code, the choices, the price, the status."""

import uuid

from flask import Blueprint, abort, current_app, request, send_file, session, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from kiosk import clock, lan
from kiosk.db import get_db
from kiosk.htmx import navigate, render, unchanged
from kiosk.printing import header, printing
from kiosk.prints import store as documents
from kiosk.prints.slips import print_proof
from kiosk.prints.upload import message
from kiosk.templating import a4_text
from printer import queue
from sales import price_at
from sales.errors import SalesError

bp = Blueprint("prints", __name__, url_prefix="/print")
FINISHED = ("done", "cancelled", "expired", "refused")
OPTION_ERRORS = {
    "not-a-number": _l("Typ gewone getallen."),
    "copies": _l("Kies tussen 1 en %(most)s exemplaren."),
    "range": _l("Die pagina's bestaan niet in dit bestand."),
}


def _current():
    doc = documents.get(get_db(), session["document_id"]) if "document_id" in session else None
    return doc if doc is not None and doc.id == session.get("document_id") else None


def _new():
    doc_id, token = documents.create(get_db(), str(get_locale()))
    session["document_id"], session["document_token"] = doc_id, token
    return documents.get(get_db(), doc_id)


def _view(doc, status: int = 200, error=None):
    config = current_app.config
    per_page = _price_per_page()
    proof = queue.get_job(get_db(), doc.proof_job) if doc.proof_job else None
    return render("prints/index.html", "prints/_print.html", status=status, doc=doc,
                  url=upload_url(session["document_token"]), error=error, proof=proof,
                  price=documents.price_cents(doc, per_page, config["PRINT_FREE_PAGES"]),
                  per_page=per_page, a4=printing().a4_state(), message=message,
                  deleted_at=clock.parse(doc.deleted_at) if doc.deleted_at else None)


@bp.get("")
def index():
    """The QR code for a new upload, or the document on its way."""
    doc = _current()
    return _view(doc if doc is not None and doc.status not in FINISHED else _new())


@bp.get("/status")
def status():
    """The part of the screen that follows the document (asked for every 2 seconds).

    Unchanged since the screen drew it: nothing, so the kiosk does not redraw the QR code every
    poll.
    """
    doc = _current()
    if doc is None:
        return navigate(url_for("prints.index"))
    if request.args.get("shown") == f"{doc.id}-{doc.status}":
        return unchanged()
    return _view(doc)


@bp.post("/proof")
def proof():
    """Proof on paper that the file is gone: one slip per document, however often tapped."""
    doc = _current()
    if doc is None:
        return navigate(url_for("prints.index"))
    if print_proof(get_db(), doc.id, header()) is not None:
        printing().wake()
    return _view(documents.get(get_db(), doc.id))


@bp.post("/new")
def new():
    """A fresh QR code (after a refusal, an expired link or a finished print)."""
    doc = _current()
    if doc is not None and doc.status in ("waiting", "ready"):
        documents.cancel(get_db(), doc.id)
    return _view(_new())


@bp.get("/thumb")
def thumb():
    """Page 1 of the uploaded file, small (never stored in a cache)."""
    doc = _current()
    if doc is None or not doc.thumb_path:
        abort(404)
    return send_file(doc.thumb_path, mimetype="image/png", max_age=0)


@bp.post("/options")
def options():
    """Copies, pages and colour; the price follows."""
    doc, refused = _with_choices()
    return refused or _view(doc)


@bp.post("/confirm")
def confirm():
    """Print it: free at once, or first pay at the desk like a sale in the shop."""
    doc, refused = _with_choices()
    if refused:
        return refused
    a4 = printing().a4_state()
    if not a4.ready:
        return _view(doc, 409, _l("De printer heeft een probleem: %(why)s Vraag het aan een "
                                  "vrijwilliger.", why=a4_text(a4)))
    price = documents.price_cents(doc, _price_per_page(), current_app.config["PRINT_FREE_PAGES"])
    if price == 0:
        documents.release(get_db(), doc.id, 0)
        printing().wake()
        return _view(documents.get(get_db(), doc.id))
    documents.hold_for_payment(get_db(), doc.id, price)
    chargeable = doc.pages_to_print - current_app.config["PRINT_FREE_PAGES"]
    config = current_app.config
    session["payment"] = {"key": uuid.uuid4().hex, "basket": {"PRINT": chargeable},
                          "document_id": doc.id, "then": url_for("prints.index"),
                          "max_qty": config["PRINT_MAX_PAGES"] * config["PRINT_MAX_COPIES"]}
    return navigate(url_for("payment.index"))


@bp.post("/cancel")
def cancel():
    """Stop before printing; the file is deleted at once."""
    doc = _current()
    if doc is not None:
        documents.cancel(get_db(), doc.id)
        session.pop("payment", None)
        doc = documents.get(get_db(), doc.id)
    return _view(doc) if doc else navigate(url_for("prints.index"))


def _with_choices():
    """The visitor's ready document with the form's choices stored, or the answer refusing it."""
    doc = _current()
    if doc is None or doc.status != "ready":
        return doc, navigate(url_for("prints.index"))
    try:
        return _choose(doc), None
    except documents.OptionsError as error:
        return doc, _view(doc, 422, _option_error(error))


def _choose(doc):
    form = request.form
    return documents.choose(get_db(), doc, form.get("copies", "1"), form.get("page_from", ""),
                            form.get("page_to", ""), form.get("colour") == "1" and bool(
                                current_app.config["DOCUMENT_COLOUR"]),
                            current_app.config["PRINT_MAX_COPIES"])


def _option_error(error):
    return str(OPTION_ERRORS[error.args[0]]) % {"most": current_app.config["PRINT_MAX_COPIES"]}


def _price_per_page() -> int:
    try:
        return price_at(get_db(), "PRINT", clock.now()).price_cents
    except SalesError:  # a kiosk whose catalogue has no print price prints for free
        return 0


def upload_url(token: str) -> str:
    """The link a phone on the buurtpunt's Wi-Fi opens (configured, or this kiosk's address)."""
    return lan.url(f"/u/{token}")
