"""The desk's sales: today's totals, the latest receipts with preview, reprint and void."""

import uuid

from flask import Blueprint, current_app, request
from flask_babel import lazy_gettext as _l

import sales
from kiosk import audit, clock
from kiosk.db import get_db
from kiosk.forms import one_line
from kiosk.htmx import render
from kiosk.printing import enqueue, printing
from kiosk.receipts import SCREEN_METHODS, receipt_slip
from kiosk.security import current_volunteer, desk_required
from printer.preview import preview_html
from sales.errors import AlreadyVoided, NoOpenSession, ReceiptNotFound, SalesError
from sales.summary import summarise

bp = Blueprint("journal", __name__, url_prefix="/desk/bonnen")


@bp.get("")
@desk_required
def index():
    """Today's sales and the latest receipts."""
    return _page()


@bp.get("/<number>/preview")
@desk_required
def preview(number: str):
    """What the receipt looks like on paper."""
    try:
        receipt = sales.get_receipt(get_db(), number)
    except SalesError:
        return _page(404, _l("Die bon bestaat niet."))
    return str(preview_html(receipt_slip(receipt), printing().profile))


@bp.post("/<number>/reprint")
@desk_required
def reprint(number: str):
    """Print the receipt again, marked DUPLICAAT."""
    db = get_db()
    try:
        receipt = sales.get_receipt(db, number)
    except SalesError:
        return _page(404, _l("Die bon bestaat niet."))
    enqueue(db, "receipt", receipt_slip(receipt, duplicate=True))
    return _done("reprint", number, _l("De bon wordt opnieuw afgedrukt (DUPLICAAT)."))


@bp.post("/<number>/void")
@desk_required
def void(number: str):
    """Void a sale with a new receipt that pays it back; only with a reason."""
    reason = one_line(request.form.get("reason"))
    if not 3 <= len(reason) <= 200:
        return _page(422, _l("Schrijf kort waarom de bon geannuleerd wordt."), void_of=number)
    db = get_db()
    try:
        refund = sales.void_sale(db, number, current_volunteer()["name"], reason,
                                 idempotency_key=request.form.get("key") or None)
    except SalesError as error:
        return _page(422, _void_message(error), void_of=number)
    if not refund.replayed:
        enqueue(db, "receipt", receipt_slip(refund))
    return _done("void", f"{number} → {refund.number}: {reason}",
                 _l("Bon %(number)s is geannuleerd met bon %(refund)s.", number=number,
                    refund=refund.number))


def _done(action: str, detail: str, message):
    audit.log(get_db(), action, detail, current_volunteer())
    printing().wake()
    return _page(message=message)


def _void_message(error: SalesError):
    if isinstance(error, AlreadyVoided):
        return _l("Deze bon is al geannuleerd.")
    if isinstance(error, NoOpenSession):
        return _l("Open eerst de kassa: het geld gaat eruit bij deze annulering.")
    if isinstance(error, ReceiptNotFound):
        return _l("Die bon bestaat niet.")
    return _l("Annuleren lukte niet: %(why)s", why=str(error))


def _page(status: int = 200, error=None, message=None, void_of=None):
    db = get_db()
    start, end = clock.local_day_bounds(clock.now(), current_app.config["TIMEZONE"])
    receipts = sales.list_receipts(db, limit=50)
    voided = {r.void_of for r in receipts if r.void_of}
    return render("journal/index.html", "journal/_journal.html", status=status,
                  today=summarise(db, clock.parse(start), clock.parse(end)),
                  receipts=receipts, voided=voided, methods=SCREEN_METHODS, error=error,
                  message=message, void_of=void_of, key=uuid.uuid4().hex)
