"""The shared vocabulary of reasons for a visit, reused by check-in, the desk and later features."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Choice:
    """Something a visitor taps: a stable code, a plain-words label and a pictogram."""

    code: str
    label: object
    icon: str


Reason = Choice  # a reason for a visit is one such choice


REASONS = (
    Reason("koffie", _l("Koffie en een babbel"), "coffee"),
    Reason("digitaal", _l("Digitale vraag"), "smartphone"),
    Reason("administratie", _l("Administratieve vraag"), "file-text"),
    Reason("rechten", _l("Mijn rechten"), "scale"),
    Reason("buren", _l("Buren leren kennen"), "users"),
    Reason("idee", _l("Idee of melding"), "lightbulb"),
    Reason("vuilniszakken", _l("Vuilniszakken"), "trash-2"),
    Reason("activiteit", _l("Activiteit"), "calendar-days"),
)

CODES = frozenset(reason.code for reason in REASONS)


def by_code(code: str) -> Reason:
    """The reason with this code (KeyError for an unknown one)."""
    for reason in REASONS:
        if reason.code == code:
            return reason
    raise KeyError(code)
