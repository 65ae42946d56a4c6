"""A referral from the desk: a partner and a reason, and a slip for the visitor to take along.

Recorded as the day, the partner and the reason only (counted per partner for the reports); the
slip and its record are written in one transaction, once per form however often it is tapped.
"""

import uuid
from datetime import timedelta

from flask import Blueprint, current_app, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from kiosk import audit
from kiosk.db import get_db, immediate
from kiosk.forms import KEY_PATTERN
from kiosk.htmx import render
from kiosk.info import store
from kiosk.info.desk import today
from kiosk.info.slips import referral_slip
from kiosk.places import get_place, partners
from kiosk.printing import enqueue, header, printing, speaking
from kiosk.security import current_volunteer, desk_required
from printer import queue

bp = Blueprint("referrals", __name__, url_prefix="/desk/verwijzen")
MESSAGES = {
    "partner": _l("Kies waar je de bezoeker naartoe stuurt."),
    "reason": _l("Kies waarvoor."),
    "key": _l("Er ging iets mis. Probeer het nog eens."),
}


def _form(status: int = 200, **context):
    db, day = get_db(), today()
    first = day.replace(day=1)
    after = (first + timedelta(days=31)).replace(day=1)
    month = store.per_partner(db, first, after)
    return render("info_desk/referral.html", "info_desk/_referral.html", status=status,
                  partners=partners(db), reasons=store.REASONS, month=month,
                  key=context.pop("key", uuid.uuid4().hex),
                  language=context.pop("language", str(get_locale())), **context)


@bp.get("")
@desk_required
def index():
    """Pick a partner and a reason; this month's referrals per partner."""
    return _form()


@bp.post("")
@desk_required
def refer():
    """Record the referral and queue its slip, together; a double tap prints one slip."""
    db, form = get_db(), request.form
    place = get_place(db, form.get("partner", ""))
    reason, key = form.get("reason", ""), form.get("key", "")
    language = form.get("language") if form.get("language") in current_app.config[
        "LANGUAGES"] else "nl"
    chosen = {"chosen_partner": form.get("partner", ""), "chosen_reason": reason,
              "language": language, "name_line": form.get("name_line") == "1"}
    problem = ("partner" if place is None or place.kind not in ("sociaal-huis", "partner")
               else "reason" if reason not in store.REASON_CODES
               else "key" if not KEY_PATTERN.match(key) else None)
    if problem:
        return _form(422, error=MESSAGES[problem], field=problem, **chosen)
    with immediate(db):
        referral_id, new = store.record_referral(db, place.code, reason, key, today())
        ref = f"referral:{referral_id}"
        job = queue.find(db, ref)
        job_id = job.id if job else enqueue(db, "referral", _slip(place, reason, chosen), ref=ref)
        if new:
            audit.log(db, "referral", volunteer=current_volunteer(),
                      partner=place.text("name", "nl")[0])
    printing().wake()
    return _form(message=_l("Het briefje wordt afgedrukt."), job=queue.get_job(db, job_id))


def _slip(place, reason: str, chosen: dict):
    with speaking(chosen["language"]):
        label = str(next(r.label for r in store.REASONS if r.code == reason))
    return referral_slip(place, label, chosen["language"], header(), chosen["name_line"])

