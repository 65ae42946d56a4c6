"""Where to go: buurtpunten, the Sociaal Huis, partners and online services; referrals."""

import contextlib

from flask import Flask
from flask_babel import lazy_gettext as _l

from kiosk import hours
from kiosk.config import ConfigError
from kiosk.db import connect
from kiosk.features import Export, Feature, MenuEntry, Tile
from kiosk.info import cli, desk, export, referral, store, views
from kiosk.places import list_places, load_places


def setup(app: Flask) -> None:
    """Check the closed days now; a kiosk without places gets Dendermonde's."""
    try:
        hours.parse_closed_days(app.config["CLOSED_DAYS"])
    except hours.HoursError as error:
        raise ConfigError(f"KIOSK_CLOSED_DAYS: {error}") from error
    with contextlib.closing(connect(app.config["DATABASE"])) as db:
        if not list_places(db, with_inactive=True):  # places are never deleted, only switched off
            load_places(db, store.DEFAULTS)


views.bp.record_once(lambda state: setup(state.app))

FEATURE = Feature(
    "info",
    blueprints=(views.bp, desk.bp, referral.bp),
    tile=Tile("info.index", _l("Waar kan ik terecht?"), "map-pin"),
    sheets=("css/info.css",),
    desk_menu=(MenuEntry("referrals.index", _l("Doorverwijzen"), "send", 82),
               MenuEntry("info_desk.index", _l("Adressen"), "map-pin", 84)),
    audit_labels=desk.ACTIONS,
    export=Export("referrals.csv", export.COLUMNS, export.month_rows, "rijen",
                  counts=("referrals",)),
    commands=(cli.places_group,),
)
