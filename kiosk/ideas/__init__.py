"""Ideas and reports from neighbours: the steps, the wall, the desk's follow-up, slips, export."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlite_utils import Database

from kiosk import clock
from kiosk.features import Export, Feature, MenuEntry, Tile
from kiosk.ideas import desk, export, store, views


def _purge(db: Database) -> str:
    days = current_app.config["IDEAS_CONTACT_RETENTION_DAYS"]
    return f"contactgegevens bij {store.purge_contacts(db, clock.now(), days)} idee(ën) gewist"


FEATURE = Feature(
    "ideas",
    blueprints=(views.bp, desk.bp),
    tile=Tile("ideas.index", _l("Idee of melding"), "lightbulb"),
    sheets=("css/ideas.css",),
    desk_menu=(MenuEntry("ideas_desk.index", _l("Ideeën"), "lightbulb", 70),),
    audit_labels=desk.ACTIONS,
    purge=_purge,
    export=Export("ideas.csv", export.IDEA_COLUMNS, export.month_rows, "ideeën",
                  private=("text", "place", "status_reason")),
    settings={
        "IDEAS_MAX_CHARS": 2000,  # longest idea a visitor can write
        "IDEAS_CONTACT_RETENTION_DAYS": 90,  # contact details go this long after an idea is closed
        "IDEAS_WALL_LIMIT": 60,  # most ideas on the wall, latest news first
    },
)
