"""The desk's sign-ups of an activity: the door list on paper, cancelling one, counting who came."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from kiosk import audit
from kiosk.activities import signups, store
from kiosk.activities.desk import detail_page
from kiosk.activities.slips import door_list
from kiosk.db import get_db, immediate
from kiosk.forms import FormError, read_number
from kiosk.printing import enqueue, header, printing
from kiosk.security import current_volunteer, desk_required

bp = Blueprint("activities_door", __name__, url_prefix="/desk/activities")

MOST_ATTENDED = 10_000


@bp.post("/<id:activity_id>/door-list")
@desk_required
def print_door_list(activity_id: int):
    """Print the names for the door (no phone numbers) on the receipt printer."""
    db = get_db()
    activity = store.get(db, activity_id)
    if activity is None:
        return detail_page(activity_id)
    with immediate(db):
        enqueue(db, "door-list", door_list(activity, signups.signups(db, activity_id), header()))
        audit.log(db, "activity-door-list", volunteer=current_volunteer(),
                  activity=activity_id, title=activity["title"])
    printing().wake()
    return detail_page(activity_id, message=_l("De deurlijst wordt afgedrukt."))


@bp.post("/<id:activity_id>/attended")
@desk_required
def attended(activity_id: int):
    """Note how many people actually came: one number for the reports."""
    activity = store.get(get_db(), activity_id)
    if activity is None:
        return detail_page(activity_id)
    try:
        count = read_number("attended", maximum=MOST_ATTENDED, label=_l("Aanwezig"),
                            required=True)
    except FormError as error:
        return detail_page(activity_id, 422, error=error)
    store.set_attended(get_db(), activity_id, count)
    audit.log(get_db(), "activity-attended", volunteer=current_volunteer(),
              activity=activity_id, title=activity["title"], count=count)
    return detail_page(activity_id, message=_l("Het aantal aanwezigen is bewaard."))


@bp.post("/<id:activity_id>/signups/<id:signup_id>/cancel")
@desk_required
def cancel_signup(activity_id: int, signup_id: int):
    """Cancel one sign-up (someone cannot come): its places are free again."""
    db = get_db()
    signup = signups.get_signup(db, signup_id)
    volunteer = current_volunteer()
    if signup and signups.cancel_signup(db, activity_id, signup_id, volunteer["name"]):
        audit.log(db, "signup-cancel", volunteer=volunteer, activity=activity_id,
                  title=store.get(db, activity_id)["title"], number=signup["number"])
        return detail_page(activity_id, message=_l("Inschrijving nr. %(number)s is geschrapt.",
                                                   number=signup["number"]))
    return detail_page(activity_id)
