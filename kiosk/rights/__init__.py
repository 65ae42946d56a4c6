"""The rights finder: questions, cards of rights that may apply, slips, the desk's texts, counts."""

import contextlib

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from sqlite_utils import Database

from kiosk import clock, settings
from kiosk.db import connect
from kiosk.features import Export, Feature, MenuEntry, Tile
from kiosk.rights import cli, desk, export, store, views

SEEDED = "rights_defaults_loaded"


def seed(app: Flask) -> None:
    """A new kiosk gets Dendermonde's rights once (a volunteer may change or load others)."""
    with contextlib.closing(connect(app.config["DATABASE"])) as db:
        if settings.get(db, SEEDED) != "1":
            if not store.list_rights(db, with_inactive=True):
                store.load_rights(db, store.DEFAULTS)
            settings.put(db, SEEDED, "1")


def _purge(db: Database) -> str:
    day = store.local_day(clock.now(), current_app.config["TIMEZONE"])
    return f"{store.forget_keys(db, day)} oude formuliersleutels van de rechtenverkenner gewist"


views.bp.record_once(lambda state: seed(state.app))

FEATURE = Feature(
    "rights",
    blueprints=(views.bp, desk.bp),
    tile=Tile("rights.index", _l("Mijn rechten"), "scale"),
    desk_menu=(MenuEntry("rights_desk.index", _l("Rechten"), "scale", 80),),
    audit_labels=desk.ACTIONS,
    purge=_purge,
    export=Export("rights_shown.csv", export.COLUMNS, export.month_rows, "rijen"),
    commands=(cli.rights_group,),
)
