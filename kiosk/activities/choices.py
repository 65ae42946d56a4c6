"""What an activity can be: its kinds, each with a label and a pictogram, and how long it lasts."""

from flask_babel import lazy_gettext as _l

from kiosk.forms import Choice

KINDS = (
    Choice("fietsherstel", _l("Fietsherstel"), "bike"),
    Choice("atelier", _l("Creatief atelier"), "palette"),
    Choice("tuin", _l("Samen tuinieren"), "sprout"),
    Choice("koken", _l("Samen koken"), "cooking-pot"),
    Choice("opruimen", _l("Samen opruimen"), "trash-2"),
    Choice("buurfeest", _l("Buurfeest"), "party-popper"),
    Choice("ruilwinkel", _l("Ruilwinkel"), "shirt"),
    Choice("mooimakers", _l("Mooimakers"), "hammer"),
    Choice("koffie", _l("Koffie en babbel"), "coffee"),
    Choice("anders", _l("Iets anders"), "calendar-days"),
)
ICONS = {kind.code: kind.icon for kind in KINDS}
# How long an activity lasts, in minutes: a list of big choices rather than an end time to type.
DURATIONS = (30, 60, 90, 120, 150, 180, 240, 300, 360, 480)
HOURS = tuple(range(7, 23))
MINUTES = (0, 15, 30, 45)


def label(code: str):
    """The label of an activity kind, or the code itself when it is unknown."""
    return next((kind.label for kind in KINDS if kind.code == code), code)
