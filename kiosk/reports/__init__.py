"""The month's report for the buurtwerk and the city: figures, safe exports, one city file."""

from flask_babel import lazy_gettext as _l

from kiosk.features import Feature, MenuEntry
from kiosk.reports import city, combine, desk, exporting

FEATURE = Feature(
    "reports",
    blueprints=(desk.bp,),
    desk_menu=(MenuEntry("reports.index", _l("Maandrapport"), "chart-no-axes-combined", 95),),
    commands=(exporting.export_command, combine.combine_command, city.city_command),
    settings={
        "REPORT_MIN_COUNT": 5,  # counts below this leave the kiosk as "< 5"
    },
)
