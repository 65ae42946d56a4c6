"""The month's report for the buurtwerk and the city: figures, safe exports, one city file."""

from kiosk.features import Feature
from kiosk.reports import city, combine, exporting

FEATURE = Feature(
    "reports",
    commands=(exporting.export_command, combine.combine_command, city.city_command),
    settings={
        "REPORT_MIN_COUNT": 5,  # counts below this leave the kiosk as "< 5"
    },
)
