"""The rights finder's questions: one a screen, each with one-tap answers and a pictogram.

The rules (the TOML file) name these codes; the words are the screen's, translated like any.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from kiosk.forms import Choice

SKIP = "skip"


@dataclass(frozen=True)
class Question:
    """A question: its code, its words, its pictogram, and the answers to tap."""

    code: str
    text: object
    icon: str
    answers: tuple[Choice, ...]


def _yes_no(yes_icon: str = "check", no_icon: str = "x") -> tuple[Choice, ...]:
    return (Choice("yes", _l("Ja"), yes_icon), Choice("no", _l("Nee"), no_icon))


QUESTIONS = (
    Question("household", _l("Woon je alleen of met anderen?"), "house",
             (Choice("alone", _l("Alleen"), "user"), Choice("others", _l("Met anderen"), "users"))),
    Question("children", _l("Zijn er kinderen in je gezin?"), "baby", _yes_no()),
    Question("benefit", _l("Heb je een uitkering of leefloon?"), "wallet", _yes_no()),
    Question("age65", _l("Ben je 65 of ouder?"), "cake", _yes_no()),
    Question("housing", _l("Huur je een sociale woning?"), "building", _yes_no()),
    Question("disability", _l("Heb je een handicap of een langdurige ziekte?"), "accessibility",
             _yes_no()),
)
CODES = tuple(q.code for q in QUESTIONS)
ANSWERS = {q.code: tuple(a.code for a in q.answers) for q in QUESTIONS}


def clean(form) -> dict[str, str]:
    """The answers a form carries: known answers or "skip" per question, nothing else."""
    found = {}
    for code in CODES:
        value = str(form.get(code, "") or "")
        if value in ANSWERS[code] or value == SKIP:
            found[code] = value
    return found


def next_question(answers: dict[str, str]) -> Question | None:
    """The first question not answered (or skipped) yet; None when all are done."""
    return next((q for q in QUESTIONS if q.code not in answers), None)
