"""Places of the buurtpunt's network: buurtpunten, the Sociaal Huis, partners, online services.

The core's, because several features meet here: "where to go" shows them, a rights card names
where to ask, the desk refers a visitor to a partner (and the help queue may too). Texts are kept
per language ({"nl": {"name": …, "about": …, "bring": …}, "en": {…}}); Dutch is the fallback.
"""

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from kiosk import clock
from kiosk import hours as opening
from kiosk.db import immediate
from kiosk.tomlfile import DataFileError, line_of, read

KINDS = ("buurtpunt", "sociaal-huis", "partner", "online")
PARTNER_KINDS = ("sociaal-huis", "partner")  # where a volunteer can refer someone
TEXTS = ("name", "about", "bring")
CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}$")
URL = re.compile(r"^https?://[^\s<>\"']+$")
_FIELDS = {"code", "kind", "address", "phones", "url", "hours", "checked", "active"}


@dataclass(frozen=True)
class Place:
    """One place: what it is called and does per language, where, how to reach it, its hours."""

    code: str
    kind: str
    texts: dict = field(default_factory=dict, hash=False)
    address: str = ""
    phones: tuple[str, ...] = ()
    url: str = ""
    hours: str = ""
    checked: date | None = None
    position: int = 0
    active: bool = True

    def text(self, name: str, language: str) -> tuple[str, bool]:
        """A text in a language, else the Dutch one; True when it fell back to Dutch."""
        return text_in(self.texts, name, language)

    @property
    def slots(self) -> tuple[opening.Slot, ...]:
        """Its opening hours, read."""
        return opening.parse(self.hours)


def text_in(texts: dict, name: str, language: str) -> tuple[str, bool]:
    """A text in a language, else the Dutch one; True when it fell back to Dutch."""
    own = (texts.get(language) or {}).get(name, "")
    if own or language == "nl":
        return own, False
    dutch = (texts.get("nl") or {}).get(name, "")
    return dutch, bool(dutch)


def stale(checked: date | None, today: date, months: int) -> bool:
    """True when a text was last checked `months` months ago or longer (or never)."""
    if checked is None:
        return True
    month = today.year * 12 + today.month - 1 - months
    limit = date(month // 12, month % 12 + 1, min(today.day, 28))
    return checked <= limit


def parse_texts(raw: dict, fields: tuple[str, ...], required: str, where) -> dict:
    """The texts per language of an entry ([x.nl], [x.en]); Dutch `required` must be there."""
    texts = {}
    for language, values in raw.items():
        if not LANGUAGE.match(language) or not isinstance(values, dict):
            continue
        unknown = set(values) - set(fields)
        if unknown or not all(isinstance(v, str) for v in values.values()):
            raise DataFileError(f"onbekende of verkeerde tekst {sorted(unknown) or ''} in "
                                f"[{language}]; mogelijk: {', '.join(fields)}", where(language))
        texts[language] = {k: " ".join(v.split()) for k, v in values.items() if v.strip()}
    if not texts.get("nl", {}).get(required):
        raise DataFileError(f"de Nederlandse {required} ontbreekt", where("nl"))
    return texts


def _place(raw: dict, position: int, text: str) -> Place:
    def where(key=None):
        return line_of(text, "places", position, key)

    code = raw.get("code")
    if not isinstance(code, str) or not CODE.match(code):
        raise DataFileError("elke plaats heeft een code: kleine letters, cijfers en -", where())
    if raw.get("kind") not in KINDS:
        raise DataFileError(f"{code}: kind is een van {', '.join(KINDS)}", where("kind"))
    unknown = set(raw) - _FIELDS - {k for k in raw if LANGUAGE.match(k)}
    if unknown:
        raise DataFileError(f"{code}: onbekend veld {sorted(unknown)}", where(sorted(unknown)[0]))
    url = raw.get("url", "")
    if url and not (isinstance(url, str) and URL.match(url)):
        raise DataFileError(f"{code}: url begint met https://", where("url"))
    checked = raw.get("checked")
    if checked is not None and (not isinstance(checked, date) or hasattr(checked, "hour")):
        raise DataFileError(f"{code}: checked is een datum zoals 2026-11-27", where("checked"))
    lines = raw.get("hours", [])
    try:
        slots = opening.parse("\n".join(lines)) if isinstance(lines, list) else None
    except opening.HoursError as error:
        raise DataFileError(f"{code}: {error}", where("hours")) from error
    phones = raw.get("phones", [])
    if slots is None or not (isinstance(phones, list) and all(isinstance(p, str) for p in phones)):
        raise DataFileError(f"{code}: hours en phones zijn lijsten van teksten", where())
    return Place(code, raw["kind"], parse_texts(raw, TEXTS, "name", where),
                 str(raw.get("address", "")), tuple(phones), url, opening.lines(slots), checked,
                 position,
                 bool(raw.get("active", True)))


def parse_places(data: dict, text: str) -> list[Place]:
    """The [[places]] of a parsed file; a mistake names its line."""
    entries = data.get("places", [])
    if not isinstance(entries, list):
        raise DataFileError("schrijf elke plaats als [[places]]")
    found = [_place(raw, n, text) for n, raw in enumerate(entries)]
    codes = [p.code for p in found]
    for n, code in enumerate(codes):
        if code in codes[:n]:
            raise DataFileError(f"de code {code} komt twee keer voor", line_of(text, "places", n))
    return found


def load_places(db: Database, path: str | Path) -> int:
    """Load the places of a TOML file, all or nothing; returns how many."""
    data, text = read(path)
    found = parse_places(data, text)
    with immediate(db):
        for place in found:
            save_place(db, place)
    return len(found)


def save_place(db: Database, place: Place) -> None:
    """Create a place or replace what is known about it."""
    db.execute(
        "INSERT INTO places (code, kind, position, active, address, phones, url, hours, texts, "
        "checked, updated_at) VALUES (:code, :kind, :position, :active, :address, :phones, :url, "
        ":hours, :texts, :checked, :now) ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, "
        "position = excluded.position, active = excluded.active, address = excluded.address, "
        "phones = excluded.phones, url = excluded.url, hours = excluded.hours, "
        "texts = excluded.texts, checked = excluded.checked, updated_at = excluded.updated_at",
        {"code": place.code, "kind": place.kind, "position": place.position,
         "active": int(place.active), "address": place.address,
         "phones": "\n".join(place.phones), "url": place.url, "hours": place.hours,
         "texts": json.dumps(place.texts, ensure_ascii=False, sort_keys=True),
         "checked": place.checked.isoformat() if place.checked else "",
         "now": clock.iso(clock.now())})


def _from_row(row: dict) -> Place:
    return Place(row["code"], row["kind"], json.loads(row["texts"]), row["address"],
                 tuple(p for p in row["phones"].split("\n") if p), row["url"], row["hours"],
                 date.fromisoformat(row["checked"]) if row["checked"] else None,
                 row["position"], bool(row["active"]))


def list_places(db: Database, kinds: tuple[str, ...] = KINDS,
                with_inactive: bool = False) -> list[Place]:
    """The places of these kinds, in the order of the file (then by code)."""
    rows = db.query("SELECT * FROM places ORDER BY position, code")
    return [_from_row(r) for r in rows
            if r["kind"] in kinds and (with_inactive or r["active"])]


def get_place(db: Database, code: str) -> Place | None:
    """One place by its code, or None."""
    rows = list(db.query("SELECT * FROM places WHERE code = ?", [code]))
    return _from_row(rows[0]) if rows else None


def version(db: Database) -> tuple:
    """A value that changes whenever a place changes (cheaper to ask than to draw the pages)."""
    return tuple(db.execute("SELECT count(*), max(updated_at) FROM places").fetchone())


def partners(db: Database) -> list[Place]:
    """Where a volunteer can refer someone: the Sociaal Huis and the partners of the network."""
    return list_places(db, PARTNER_KINDS)


def with_texts(place: Place, language: str, values: dict) -> Place:
    """The place with its texts in one language replaced (empty ones dropped)."""
    texts = {k: dict(v) for k, v in place.texts.items()}
    texts[language] = {k: " ".join(v.split()) for k, v in values.items()
                       if k in TEXTS and v.strip()}
    return replace(place, texts=texts)
