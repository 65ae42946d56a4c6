"""The desk's offers to help: the list by status, one offer with its contact and its status log."""

from flask import Blueprint, current_app, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kiosk import audit, clock
from kiosk.db import get_db
from kiosk.htmx import render
from kiosk.security import current_volunteer, desk_required
from kiosk.volunteering import choices, store

bp = Blueprint("volunteering_desk", __name__, url_prefix="/desk/volunteering")

ACTIONS = {
    "offer-status": (_l("aanbod om te helpen: status veranderd"), lambda v: _(
        "nr. %(offer)s, nu: %(status)s", offer=v["offer"],
        status=choices.label(choices.STATUSES, v["status"]))),
}
MESSAGES = {
    "status-unknown": _l("Kies een status."),
    "note-long": _l("Schrijf de notitie korter: hoogstens 200 tekens."),
}


def _keep_days() -> int:
    return current_app.config["VOLUNTEER_CONTACT_RETENTION_DAYS"]


@bp.get("")
@desk_required
def index():
    """All offers, newest first, or those of one status."""
    db = get_db()
    # The scheduled purge does this too; doing it here keeps the promise even without it.
    store.purge_contacts(db, clock.now(), _keep_days())
    status = request.args.get("status", "")
    status = status if status in {s.code for s in choices.STATUSES} else ""
    return render("volunteering_desk/index.html", "volunteering_desk/_list.html",
                  offers=store.list_offers(db, status), chosen=status, **choices.labels())


@bp.get("/<id:offer_id>")
@desk_required
def detail(offer_id: int):
    """One offer: what, when, how to reach (while kept), its status and who changed it when."""
    return _detail(offer_id)


@bp.post("/<id:offer_id>/status")
@desk_required
def status(offer_id: int):
    """Move the offer to another status, with a note; logged with who and when."""
    new = request.form.get("status", "")
    try:
        changed = store.change_status(get_db(), offer_id, new, request.form.get("note", ""),
                                      current_volunteer())
    except store.OfferError as error:
        code = next(iter(error.errors.values()))
        if code == "not-found":
            return _detail(offer_id)
        return _detail(offer_id, 422, error=MESSAGES[code])
    if changed:
        audit.log(get_db(), "offer-status", volunteer=current_volunteer(), offer=offer_id,
                  status=new)
    return _detail(offer_id, message=_l("De status is bewaard.") if changed else None)


def _detail(offer_id: int, status: int = 200, **context):
    db = get_db()
    store.purge_contacts(db, clock.now(), _keep_days())
    offer = store.get_offer(db, offer_id)
    return render("volunteering_desk/detail.html", "volunteering_desk/_detail.html",
                  status=404 if offer is None else status, offer=offer,
                  log=store.status_log(db, offer_id) if offer else [],
                  keep_days=_keep_days(), **choices.labels(), **context)
