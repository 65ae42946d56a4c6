"""Paying at the desk: a volunteer confirms with their PIN, picks cash or QR, the receipt prints."""

from flask import Blueprint, current_app, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l

import sales
from kiosk import audit, clock, features, settings, volunteers
from kiosk.db import get_db, immediate
from kiosk.forms import FormError, read_counts, whole_number
from kiosk.htmx import htmx, navigate, render
from kiosk.money import DENOMINATIONS, PAYMENT_LABELS, euro, parse_euros, quick_amounts
from kiosk.printing import printing, queue_receipt
from kiosk.shop import basket
from kiosk.shop.messages import CLOCK_WRONG, received_message, sale_message
from kiosk.volunteers import pin_message
from printer import queue
from sales.coins import count_cash
from sales.errors import NoOpenSession, SalesError

bp = Blueprint("payment", __name__, url_prefix="/shop/pay")
# Labels of this page's audit-log actions, for the desk's log.
ACTIONS = {"sale": _l("verkoop")}

TILL_CLOSED = _l("De kassa is niet open: er is niets verkocht. Open eerst de kassa, dan gaat de "
                 "betaling verder.")


@bp.before_request
def _needs_a_basket():
    """Without a basket on its way to payment (cancelled, idle reset) there is nothing to pay."""
    if "payment" not in session and request.endpoint != "payment.thanks":
        return navigate(url_for("shop.index"))
    return None


def _page(step: str, status: int = 200, **context):
    db, payment = get_db(), session.get("payment") or {}
    try:
        cart = sales.price_cart(db, payment["basket"], max_qty=_max_qty())
    except (KeyError, SalesError):
        return redirect(url_for("shop.index"))
    return render("payment/index.html", "payment/_payment.html", status=status, step=step,
                  payment=payment, cart=cart, methods=PAYMENT_LABELS,
                  printer_state=printing().state(), till=sales.current_session(db),
                  training=settings.training(db), volunteers=volunteers.active(db),
                  quick_amounts=quick_amounts, **{**_till_context(step), **context})


def _till_context(step: str) -> dict:
    """The float counter, only where the till step shows it."""
    if step != "till":
        return {}
    return {"counts": {}, "total": 0, **_counter_context()}


def _max_qty() -> int:
    """Bags are bounded per sale; a payment another feature started brings its own bound."""
    return session.get("payment", {}).get("max_qty") or current_app.config["SHOP_MAX_QTY"]


def _step() -> str:
    payment = session["payment"]
    if not payment.get("volunteer_id"):
        return "who"
    if not _till_ready():
        return "till"
    if not payment.get("method"):
        return "method"
    if payment["method"] == "cash" and payment.get("received") is None:
        return "cash"
    return "confirm"


def _till_ready() -> bool:
    """A sale needs an open till; a training sale counts nowhere and needs none."""
    db = get_db()
    return settings.training(db) or sales.current_session(db) is not None


@bp.get("")
def index():
    """The payment, at whatever step it is."""
    chosen = volunteers.get(get_db(), whole_number(request.args.get("v")) or 0)
    if clock.journal_behind(get_db()):
        # Say it before anyone types a PIN or counts money: the sale would be refused.
        return _page(_step(), 409, error=CLOCK_WRONG)
    if chosen and _step() == "who":
        return _page("pin", chosen=chosen)
    return _page(_step())


@bp.post("/pin")
def pin():
    """The volunteer confirms they take this payment, with their PIN (lockout as at the desk)."""
    volunteer = volunteers.get(get_db(), whole_number(request.form.get("volunteer_id")) or 0)
    if volunteer is None:
        return _page("who", 422, error=_l("Kies eerst je naam."))
    config = current_app.config
    result = volunteers.check_pin(get_db(), volunteer["id"], request.form.get("pin", ""),
                                  config["PIN_MAX_TRIES"], config["PIN_LOCK_SECONDS"])
    if not result.ok:
        if result.just_locked:
            audit.log(get_db(), "pin-locked", volunteer=volunteer)
        return _page("pin", 422, chosen=volunteer, error=pin_message(result))
    session["payment"] = {**session["payment"], "volunteer_id": volunteer["id"],
                          "volunteer": volunteer["name"]}
    return _page(_step())


@bp.post("/method")
def method():
    """Cash or a QR payment."""
    chosen = request.form.get("method", "")
    if chosen not in sales.PAYMENT_METHODS or _step() in ("who", "till"):
        return _page(_step(), 422, error=_l("Kies een betaalwijze."))
    session["payment"] = {**session["payment"], "method": chosen, "received": None}
    return _page(_step())


@bp.post("/received")
def received():
    """The cash handed over; the change is shown before the sale is confirmed."""
    if _step() != "cash":
        return _page(_step(), 422, error=_l("Kies eerst cash als betaalwijze."))
    due = sales.price_cart(get_db(), session["payment"]["basket"],
                           max_qty=_max_qty()).cash_total_cents
    # A quick-amount button sends `received`; the OK button sends what was typed in `other`.
    amount = parse_euros(request.form.get("received") or request.form.get("other", ""))
    if amount is None or amount < due or amount > 100_000:
        return _page("cash", 422, error=received_message(amount, due))
    session["payment"] = {**session["payment"], "received": amount}
    return _page("confirm")


@bp.post("/back")
def back():
    """Choose another payment method."""
    session["payment"] = {**session["payment"], "method": None, "received": None}
    return _page(_step())


@bp.post("/till/count")
def till_count():
    """The float counter of the till step: + and - as on the desk's cash page."""
    if _step() != "till":
        return _page(_step(), 422)
    try:
        counts = read_counts()
    except FormError as error:
        return render("payment/index.html", "cash/_counter.html", status=422, counts={},
                      total=0, counter_error=error, **_counter_context())
    return render("payment/index.html", "cash/_counter.html", counts=counts,
                  total=count_cash(counts), **_counter_context())


@bp.post("/till/open")
def till_open():
    """Open the till with the counted float, by the volunteer who just gave their PIN."""
    step, db = _step(), get_db()
    if step != "till":
        # A double tap finds the till open: go on with the payment as the first tap did.
        return _page(step, 422 if step == "who" else 200)
    try:
        counts = read_counts()
        if not count_cash(counts):
            raise FormError("n_1000", _l("Tel eerst het wisselgeld in de lade."))
        with immediate(db):  # the till and its audit line, together
            opened = sales.open_session(db, counts, session["payment"]["volunteer"])
            audit.log(db, "cash-open", float_cents=opened.float_cents,
                      volunteer=volunteers.get(db, session["payment"]["volunteer_id"]))
    except FormError as error:
        return _page("till", 422, error=error.message, **_counter_context())
    except SalesError:
        return _page(_step())  # opened by someone else meanwhile: that till is the one
    return _page(_step())


def _counter_context() -> dict:
    return {"denominations": DENOMINATIONS, "euro": euro,
            "values": request.form, "count_url": url_for("payment.till_count")}


@bp.post("/confirm")
def confirm():
    """Record the sale once (whatever the taps), with its receipt's print job in the same go."""
    payment, step = session["payment"], _step()
    if step == "till":
        return _page("till", 409, error=TILL_CLOSED)
    if step != "confirm":
        return _page(step, 422, error=_l("Die stap is nog niet klaar."))
    db = get_db()
    volunteer = volunteers.get(db, payment["volunteer_id"])
    try:
        receipt = sales.record_sale(
            db, payment["basket"], sales.Payment(payment["method"], payment.get("received")),
            payment["volunteer"], payment["key"], current_app.config["KIOSK_ID"],
            training=settings.training(db), max_qty=_max_qty(),
            on_record=lambda new: _triggered(db, new, volunteer, payment))
    except NoOpenSession:
        return _page("till", 409, error=TILL_CLOSED)
    except SalesError as error:
        names = {line.code: line.name
                 for line in sales.price_cart(db, payment["basket"], max_qty=_max_qty()).lines}
        # 409: the same payment is still being recorded, or the stock or the till is not there.
        status = 409 if getattr(error, "http_status", 422) == 409 else 422
        return _page("confirm", status, error=sale_message(error, names))
    if receipt.replayed:
        with immediate(db):  # a no-op, unless a crash of an older kiosk lost the slip
            _triggered(db, receipt, volunteer, payment)
    printing().wake()
    session["last_sale"] = {"number": receipt.number,
                            "job_id": queue.find(db, f"receipt:{receipt.number}").id}
    basket.empty()
    if payment.get("then"):
        # A payment another feature started (a paid print) goes back to that feature's screen.
        return navigate(payment["then"])
    if htmx:
        return _done()
    return redirect(url_for("payment.thanks"), code=303)


def _triggered(db, receipt, volunteer: dict | None, payment: dict) -> None:
    """What a sale sets going, in its own transaction: the slip, the audit line, a paid print."""
    queue_receipt(db, receipt, "sale", receipt.number, volunteer)
    for feature in features.declared():
        if feature.paid:
            feature.paid(db, payment, receipt)


@bp.get("/bedankt")
def thanks():
    """Thank you, with the receipt number and how its printing goes."""
    return _done()


def _done():
    sale = session.get("last_sale")
    if not sale:
        return redirect(url_for("shop.index"))
    job = queue.get_job(get_db(), sale["job_id"]) if sale["job_id"] else None
    # After the htmx swap the page's "back to the basket" no longer makes sense: replace it too.
    return render("payment/thanks.html", "payment/_thanks.html", sale=sale, job=job,
                  replace_footer=bool(htmx))
