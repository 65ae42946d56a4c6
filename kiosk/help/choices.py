"""What a help ticket can be about, what became of it, and how each shows on screen and paper."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlite_utils import Database

from kiosk import i18n
from kiosk.forms import Choice
from kiosk.places import PARTNER_KINDS, list_places

TOPICS = (
    Choice("digitaal", _l("Digitale vraag"), "smartphone"),
    Choice("papieren", _l("Papieren en formulieren"), "file-text"),
    Choice("rechten", _l("Mijn rechten"), "scale"),
    Choice("printen", _l("Iets printen of kopiëren"), "printer"),
    Choice("anders", _l("Iets anders"), "circle-help"),
)
# The reason a ticket's visit counts under (kiosk.visits): the check-in's own where it has one.
VISIT_REASONS = {"digitaal": "digitaal", "papieren": "administratie", "rechten": "rechten",
                 "printen": "printen", "anders": "vraag"}
# What became of a question: a short shared vocabulary, never anything about the person.
OUTCOMES = (
    Choice("geholpen", _l("Geholpen"), "circle-check"),
    Choice("doorverwezen", _l("Doorverwezen"), "signpost"),
    Choice("later", _l("Kom later terug"), "calendar-clock"),
)
STATUSES = (
    Choice("waiting", _l("Wacht"), "hourglass"),
    Choice("called", _l("Aan de beurt"), "megaphone"),
    Choice("done", _l("Klaar"), "circle-check"),
    Choice("absent", _l("Niet aanwezig"), "user-x"),
)
TOPIC_CODES = frozenset(c.code for c in TOPICS)
OUTCOME_CODES = frozenset(c.code for c in OUTCOMES)


def label(code: str | None):
    """The words for a topic, outcome or status code (the code itself when unknown)."""
    return next((c.label for c in (*TOPICS, *OUTCOMES, *STATUSES) if c.code == code), code or "")


def icon(code: str | None) -> str:
    """The pictogram of a topic, outcome or status code."""
    return next((c.icon for c in (*TOPICS, *OUTCOMES, *STATUSES) if c.code == code), "circle")


def labels() -> dict:
    """What the help templates need to show codes as words and pictograms."""
    return {"topics": TOPICS, "outcomes": OUTCOMES, "label": label, "icon_of": icon}


def partner_names(db: Database) -> dict[str, str]:
    """Each partner's name in the desk's language by code, switched-off ones too (old tickets)."""
    language = i18n.current()
    return {p.code: p.text("name", language)[0]
            for p in list_places(db, PARTNER_KINDS, with_inactive=True)}


def outcome_words(ticket: dict, names: dict[str, str]) -> str:
    """How a finished ticket ended: "Geholpen", "Doorverwezen naar Stadswinkel", "… (elders)"."""
    if ticket["outcome"] != "doorverwezen":
        return str(label(ticket["outcome"] or ticket["status"]))
    if ticket["referred_to"]:
        code = ticket["referred_to"]
        return _("Doorverwezen naar %(partner)s", partner=names.get(code, code))
    return _("Doorverwezen (elders)")
