"""Check-in: an anonymous visitor taps why they came (the visits themselves are the core's)."""

from flask_babel import lazy_gettext as _l

from kiosk.checkin import export, views
from kiosk.features import Export, Feature, Tile

FEATURE = Feature(
    "checkin",
    blueprints=(views.bp,),
    tile=Tile("checkin.index", _l("Ik kom binnen"), "door-open"),
    export=Export("visits.csv", export.COLUMNS, export.month_rows, "bezoeken"),
)
