"""Volunteering "op maat": a neighbour offers to help; the buurtopbouwwerker follows it up."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlite_utils import Database

from kiosk import clock
from kiosk.features import Feature, MenuEntry
from kiosk.volunteering import desk, store, views


def _purge(db: Database) -> str:
    days = current_app.config["VOLUNTEER_CONTACT_RETENTION_DAYS"]
    return f"contactgegevens bij {store.purge_contacts(db, clock.now(), days)} aanbod(en) gewist"


FEATURE = Feature(
    "volunteering",
    blueprints=(views.bp, desk.bp),
    sheets=("css/ideas.css", "css/activities.css"),
    desk_menu=(MenuEntry("volunteering_desk.index", _l("Hulpaanbod"), "hand-heart", 90),),
    audit_labels=desk.ACTIONS,
    purge=_purge,
    settings={
        # contact details go this long after an offer is closed (gestart or niet verder)
        "VOLUNTEER_CONTACT_RETENTION_DAYS": 90,
    },
)
