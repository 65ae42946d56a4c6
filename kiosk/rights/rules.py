"""The rights finder's rules: rights with the answers they may be for, read from a TOML file.

Rules are data: the file says who a right may be for (sets of answers); this module reads and
checks the file and tells, for the answers given, which cards to show: "yes" when a set fits
every answer, "maybe" when it fits all but skipped questions. Never a decision: a first hint.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from kiosk.places import CODE, URL, parse_texts, text_in
from kiosk.rights.questions import ANSWERS, SKIP
from kiosk.tomlfile import DataFileError, line_of

TEXTS = ("title", "what", "who", "where", "bring")
AUTOMATIC = ("yes", "sometimes", "no")
_FIELDS = {"code", "automatic", "place", "source", "checked", "when", "active"}
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
FITS = {"yes": 2, "maybe": 1, "no": 0}


@dataclass(frozen=True)
class Right:
    """One right: who it may be for, whether it comes by itself, where to ask, its texts."""

    code: str
    automatic: str
    checked: date
    source: str = ""
    place: str = ""
    when: tuple = ()
    texts: dict = field(default_factory=dict, hash=False)
    position: int = 0
    active: bool = True

    def text(self, name: str, language: str) -> tuple[str, bool]:
        """A text in a language, else the Dutch one; True when it fell back to Dutch."""
        return text_in(self.texts, name, language)


def fit(right: Right, answers: dict[str, str]) -> str:
    """"yes", "maybe" (only skipped questions stand between) or "no", for these answers."""
    if not right.when:
        return "yes"
    best = "no"
    for wanted in right.when:
        found = "yes"
        for question, allowed in wanted.items():
            given = answers.get(question, SKIP)
            if given == SKIP:
                found = "maybe" if found == "yes" else found
            elif given not in allowed:
                found = "no"
                break
        best = max(best, found, key=FITS.get)
    return best


def matching(rights: list[Right], answers: dict[str, str]) -> list[tuple[Right, str]]:
    """The rights to show with how they fit: the ones that fit first, in the file's order."""
    fitted = [(right, fit(right, answers)) for right in rights if right.active]
    return sorted(((r, f) for r, f in fitted if f != "no"), key=lambda rf: -FITS[rf[1]])


def _when(raw: object, code: str, where) -> tuple:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw or not all(isinstance(s, dict) for s in raw):
        raise DataFileError(f"{code}: when is een lijst zoals [{{ benefit = \"yes\" }}]",
                            where("when"))
    sets = []
    for wanted in raw:
        checked = {}
        for question, allowed in wanted.items():
            values = allowed if isinstance(allowed, list) else [allowed]
            if question not in ANSWERS:
                raise DataFileError(f"{code}: onbekende vraag '{question}' (mogelijk: "
                                    f"{', '.join(ANSWERS)})", where("when"))
            wrong = [v for v in values if v not in ANSWERS[question]]
            if wrong or not values:
                raise DataFileError(f"{code}: {question} kan {' of '.join(ANSWERS[question])} "
                                    f"zijn, niet {wrong or values}", where("when"))
            checked[question] = tuple(values)
        sets.append(checked)
    return tuple(sets)


def _right(raw: dict, position: int, text: str) -> Right:
    def where(key=None):
        return line_of(text, "rights", position, key)

    code = raw.get("code")
    if not isinstance(code, str) or not CODE.match(code):
        raise DataFileError("elk recht heeft een code: kleine letters, cijfers en -", where())
    unknown = sorted(set(raw) - _FIELDS - {k for k in raw if _LANGUAGE.match(k)})
    if unknown:
        raise DataFileError(f"{code}: onbekend veld {unknown}", where(unknown[0]))
    if raw.get("automatic") not in AUTOMATIC:
        raise DataFileError(f"{code}: automatic is yes, sometimes of no", where("automatic"))
    checked = raw.get("checked")
    if not isinstance(checked, date) or hasattr(checked, "hour"):
        raise DataFileError(f"{code}: checked is een datum zoals 2026-11-27", where("checked"))
    source, place = raw.get("source", ""), raw.get("place", "")
    if source and not (isinstance(source, str) and URL.match(source)):
        raise DataFileError(f"{code}: source begint met https://", where("source"))
    if place and not (isinstance(place, str) and CODE.match(place)):
        raise DataFileError(f"{code}: place is de code van een plaats", where("place"))
    return Right(code, raw["automatic"], checked, source, place,
                 _when(raw.get("when"), code, where), parse_texts(raw, TEXTS, "title", where),
                 position, bool(raw.get("active", True)))


def parse_rights(data: dict, text: str) -> list[Right]:
    """The [[rights]] of a parsed file, checked; a mistake names its line."""
    entries = data.get("rights")
    if not isinstance(entries, list) or not entries:
        raise DataFileError("het bestand heeft geen [[rights]]")
    found = [_right(raw, n, text) for n, raw in enumerate(entries)]
    codes = [r.code for r in found]
    for n, code in enumerate(codes):
        if code in codes[:n]:
            raise DataFileError(f"de code {code} komt twee keer voor", line_of(text, "rights", n))
    return found
