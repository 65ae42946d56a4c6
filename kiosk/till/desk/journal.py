"""The sales journal at the desk ("Verkoop", /desk/bonnen): today, receipts, reprint and void."""

import uuid

from flask import Blueprint, current_app, request
from flask_babel import lazy_gettext as _l

import sales
from kiosk import audit, clock
from kiosk.db import get_db, immediate
from kiosk.forms import one_line
from kiosk.htmx import render
from kiosk.money import PAYMENT_LABELS
from kiosk.printing import enqueue, printing, queue_receipt, receipt_slip
from kiosk.security import current_volunteer, desk_required
from printer.preview import preview_html
from sales.errors import AlreadyVoided, NoOpenSession, ReceiptNotFound, SalesError
from sales.summary import summarise

bp = Blueprint("journal", __name__, url_prefix="/desk/bonnen")
# Labels of this page's audit-log actions, for the desk's log.
ACTIONS = {"void": _l("bon geannuleerd"), "reprint": _l("bon opnieuw afgedrukt")}


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
    with immediate(db):
        enqueue(db, "receipt", receipt_slip(receipt, duplicate=True))
        audit.log(db, "reprint", number, current_volunteer())
    return _done(_l("De bon wordt opnieuw afgedrukt (DUPLICAAT)."))


@bp.post("/<number>/void")
@desk_required
def void(number: str):
    """Void a sale with a new receipt that pays it back; only with a reason."""
    reason = one_line(request.form.get("reason"))
    if not 3 <= len(reason) <= 200:
        return _page(422, _l("Schrijf kort waarom de bon geannuleerd wordt."), void_of=number)
    db, volunteer = get_db(), current_volunteer()

    def queue_refund(refund):
        queue_receipt(db, refund, "void", f"{number} → {refund.number}: {reason}", volunteer)

    try:
        refund = sales.void_sale(db, number, volunteer["name"], reason, on_record=queue_refund,
                                 idempotency_key=request.form.get("key") or None)
    except SalesError as error:
        return _page(422, _void_message(error), void_of=number)
    if refund.replayed:
        with immediate(db):  # a no-op, unless a crash of an older kiosk lost the slip
            queue_refund(refund)
    return _done(_l("Bon %(number)s is geannuleerd met bon %(refund)s.", number=number,
                    refund=refund.number))


def _done(message):
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
                  receipts=receipts, voided=voided, methods=PAYMENT_LABELS, error=error,
                  message=message, void_of=void_of, key=uuid.uuid4().hex)
