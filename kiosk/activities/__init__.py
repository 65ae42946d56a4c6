"""Activities in and around the buurtpunt: cards, one-tap sign-up, the desk, a calendar feed."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlite_utils import Database

from kiosk import clock
from kiosk.activities import desk, door, export, feed, signups, views
from kiosk.features import Export, Feature, MenuEntry, Tile


def _purge(db: Database) -> str:
    count = signups.purge_phones(db, clock.now(), current_app.config["TIMEZONE"])
    return f"{count} telefoonnummer(s) bij inschrijvingen gewist"


FEATURE = Feature(
    "activities",
    blueprints=(views.bp, feed.bp, desk.bp, door.bp),
    tile=Tile("activities.index", _l("Activiteiten"), "calendar-days"),
    sheets=("css/activities.css",),
    desk_menu=(MenuEntry("activities_desk.index", _l("Activiteiten"), "calendar-days", 80),),
    audit_labels=desk.ACTIONS,
    purge=_purge,
    export=Export("activities.csv", export.COLUMNS, export.month_rows, "activiteiten",
                  counts=("signups", "people_signed_up", "attended")),
    home_bar=views.home_bar,
    home_bar_version=views.version,
    settings={
        "ACTIVITIES_MAX_PEOPLE": 10,  # most people one sign-up brings along
    },
)
