"""What an idea can be about: its kinds, themes and statuses, each with a label and a pictogram."""

from flask_babel import lazy_gettext as _l

from kiosk.forms import Choice

KINDS = (
    Choice("idee", _l("Een idee"), "lightbulb"),
    Choice("melding", _l("Een melding"), "megaphone"),
)
THEMES = (
    Choice("groen", _l("Groen en natuur"), "trees"),
    Choice("spelen", _l("Spelen"), "blocks"),
    Choice("netheid", _l("Netheid"), "trash-2"),
    Choice("verkeer", _l("Verkeer en veiligheid"), "traffic-cone"),
    Choice("samen", _l("Samen iets organiseren"), "users"),
    Choice("anders", _l("Iets anders"), "circle-help"),
)
STATUSES = (
    Choice("nieuw", _l("Nieuw"), "sparkles"),
    Choice("bekijken", _l("We bekijken het"), "eye"),
    Choice("doorgegeven", _l("Doorgegeven aan de stad"), "send"),
    Choice("gebeurd", _l("Gebeurd"), "circle-check"),
    Choice("niet_mogelijk", _l("Niet mogelijk"), "circle-x"),
)
CLOSED = frozenset({"gebeurd", "niet_mogelijk"})  # statuses after which contact details go


def label(choices: tuple[Choice, ...], code: str):
    """The label of a code among choices, or the code itself when it is unknown."""
    return next((c.label for c in choices if c.code == code), code)


def labels() -> dict:
    """What the idea templates need to show codes as words and pictograms."""
    return {"label": label, "kinds": KINDS, "themes": THEMES, "statuses": STATUSES,
            "closed": CLOSED, "icons": {c.code: c.icon for c in (*KINDS, *THEMES, *STATUSES)}}
