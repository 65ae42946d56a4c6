"""What a neighbour can offer: tasks with pictograms, the day parts they are free, the statuses."""

from flask_babel import lazy_gettext as _l

from kiosk.forms import Choice

TASKS = (
    Choice("koffie", _l("Koffie zetten"), "coffee"),
    Choice("koken", _l("Mee koken"), "cooking-pot"),
    Choice("tuin", _l("Tuinieren"), "sprout"),
    Choice("fietsen", _l("Fietsen herstellen"), "bike"),
    Choice("computer", _l("Iets uitleggen op de computer"), "laptop"),
    Choice("opruimen", _l("Mee opruimen"), "trash-2"),
    Choice("anders", _l("Iets anders"), "circle-help"),
)
DAYS = (
    Choice("ma", _l("maandag"), "ma"), Choice("di", _l("dinsdag"), "di"),
    Choice("wo", _l("woensdag"), "wo"), Choice("do", _l("donderdag"), "do"),
    Choice("vr", _l("vrijdag"), "vr"), Choice("za", _l("zaterdag"), "za"),
    Choice("zo", _l("zondag"), "zo"),
)
PARTS = (
    Choice("voormiddag", _l("Voormiddag"), "sunrise"),
    Choice("namiddag", _l("Namiddag"), "sun"),
    Choice("avond", _l("Avond"), "moon"),
)
# A moment someone is free: a day and a part of it, as "wo-namiddag".
TIMES = tuple(f"{day.code}-{part.code}" for day in DAYS for part in PARTS)
STATUSES = (
    Choice("nieuw", _l("Nieuw"), "sparkles"),
    Choice("gesproken", _l("Gesproken"), "message-circle"),
    Choice("gestart", _l("Gestart"), "circle-check"),
    Choice("niet_verder", _l("Niet verder"), "circle-x"),
)
CLOSED = frozenset({"gestart", "niet_verder"})  # statuses after which contact details go


def label(choices: tuple[Choice, ...], code: str):
    """The label of a code among choices, or the code itself when it is unknown."""
    return next((c.label for c in choices if c.code == code), code)


def time_label(code: str) -> str:
    """A moment as words: "woensdag namiddag"."""
    day, _, part = code.partition("-")
    return f"{label(DAYS, day)} {str(label(PARTS, part)).lower()}"


def labels() -> dict:
    """What the templates need to show codes as words and pictograms."""
    return {"label": label, "tasks": TASKS, "days": DAYS, "day_parts": PARTS, "statuses": STATUSES,
            "time_label": time_label, "closed": CLOSED,
            "icons": {c.code: c.icon for c in (*TASKS, *STATUSES)}}
