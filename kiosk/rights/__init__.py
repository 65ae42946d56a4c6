"""The rights finder: questions, cards of rights that may apply, slips, the desk's texts, counts."""

import contextlib

from flask import Flask
from flask_babel import lazy_gettext as _l

from kiosk.db import connect
from kiosk.features import Export, Feature, MenuEntry, Tile
from kiosk.rights import cli, desk, export, store, views


def seed(app: Flask) -> None:
    """A kiosk without rights gets Dendermonde's (rights are never deleted, only switched off)."""
    with contextlib.closing(connect(app.config["DATABASE"])) as db:
        if not store.list_rights(db, with_inactive=True):
            store.load_rights(db, store.DEFAULTS)


views.bp.record_once(lambda state: seed(state.app))

FEATURE = Feature(
    "rights",
    blueprints=(views.bp, desk.bp),
    tile=Tile("rights.index", _l("Mijn rechten"), "scale"),
    sheets=("css/info.css",),
    desk_menu=(MenuEntry("rights_desk.index", _l("Rechten"), "scale", 80),),
    audit_labels=desk.ACTIONS,
    export=Export("rights_shown.csv", export.COLUMNS, export.month_rows, "rijen",
                  counts=("shown",)),
    commands=(cli.rights_group,),
)
