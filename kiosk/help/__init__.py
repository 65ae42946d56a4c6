"""The help queue: take a number for a question, see it called, follow it on your phone."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlite_utils import Database

from kiosk import clock
from kiosk.features import Export, Feature, MenuEntry, Tile
from kiosk.help import desk, export, figures, phone, store, views


def _purge(db: Database) -> str:
    config = current_app.config
    today = store.day_of(clock.now(), config["TIMEZONE"])
    closed = store.roll_over(db, config["KIOSK_ID"], today, clock.now())
    return f"{closed} wachtnummer(s) van vorige dagen gesloten"


FEATURE = Feature(
    "help",
    blueprints=(views.bp, phone.bp, desk.bp, figures.bp),
    tile=Tile("help.index", _l("Ik heb een vraag"), "message-circle-question"),
    sheets=("css/help.css",),
    desk_menu=(MenuEntry("help_desk.index", _l("Wachtrij"), "list-ordered", 15),),
    audit_labels=desk.ACTIONS,
    purge=_purge,
    export=Export("tickets.csv", export.COLUMNS, export.month_rows, "wachtnummers"),
    parts={"home": "help/_now_serving_slot.html"},
    settings={
        "HELP_CHIME": True,  # the home screen chimes when a number is called (the desk can switch)
    },
)
