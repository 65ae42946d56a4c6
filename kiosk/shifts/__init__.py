"""Volunteers' shifts: Ik begin / Ik stop with a PIN, who is on duty, hours per month."""

from flask_babel import lazy_gettext as _l

from kiosk.features import Export, Feature, MenuEntry
from kiosk.shifts import desk, export, views

FEATURE = Feature(
    "shifts",
    blueprints=(views.bp, desk.bp),
    desk_menu=(MenuEntry("shifts_desk.index", _l("Diensten"), "calendar-clock", 80),),
    audit_labels=desk.ACTIONS,
    export=Export("shifts.csv", export.COLUMNS, export.month_rows, "diensten",
                  private=("volunteer",)),
    parts={"home-bar": "shifts/_on_duty_slot.html", "desk": "shifts/_desk_slot.html"},
    settings={
        "SHIFTS_CLOSING_TIME": "17:00",  # a shift left open ends by itself at this local time
    },
)
