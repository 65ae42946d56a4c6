"""The rights finder's rights and its one record: how often each right was shown, per day.

The answers a visitor gives are never passed to this module: it stores rules and texts, and
counts cards shown (a form key makes a double tap count once; the key says nothing else).
"""

import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from kiosk import clock
from kiosk.db import immediate
from kiosk.forms import KEY_PATTERN
from kiosk.rights.rules import TEXTS, Right, parse_rights
from kiosk.tomlfile import read

DEFAULTS = Path(__file__).parent / "dendermonde.toml"
KEEP_KEYS_DAYS = 2


def load_rights(db: Database, path: str | Path) -> int:
    """Load the rights of a TOML file, all or nothing; returns how many."""
    data, text = read(path)
    found = parse_rights(data, text)
    with immediate(db):
        for right in found:
            save_right(db, right)
    return len(found)


def save_right(db: Database, right: Right) -> None:
    """Create a right or replace its rules and texts."""
    db.execute(
        "INSERT INTO rights (code, position, active, automatic, place, source, checked, "
        "conditions, texts, updated_at) VALUES (:code, :position, :active, :automatic, :place, "
        ":source, :checked, :conditions, :texts, :now) ON CONFLICT (code) DO UPDATE SET "
        "position = excluded.position, active = excluded.active, "
        "automatic = excluded.automatic, place = excluded.place, source = excluded.source, "
        "checked = excluded.checked, conditions = excluded.conditions, texts = excluded.texts, "
        "updated_at = excluded.updated_at",
        {"code": right.code, "position": right.position, "active": int(right.active),
         "automatic": right.automatic, "place": right.place, "source": right.source,
         "checked": right.checked.isoformat(),
         "conditions": json.dumps([{q: list(a) for q, a in w.items()} for w in right.when]),
         "texts": json.dumps(right.texts, ensure_ascii=False, sort_keys=True),
         "now": clock.iso(clock.now())})


def _from_row(row: dict) -> Right:
    when = tuple({q: tuple(a) for q, a in w.items()} for w in json.loads(row["conditions"]))
    return Right(row["code"], row["automatic"], date.fromisoformat(row["checked"]),
                 row["source"], row["place"], when, json.loads(row["texts"]), row["position"],
                 bool(row["active"]))


def list_rights(db: Database, with_inactive: bool = False) -> list[Right]:
    """Every right in the file's order."""
    rows = db.query("SELECT * FROM rights ORDER BY position, code")
    return [_from_row(r) for r in rows if with_inactive or r["active"]]


def get_right(db: Database, code: str) -> Right | None:
    """One right by its code, or None."""
    rows = list(db.query("SELECT * FROM rights WHERE code = ?", [code]))
    return _from_row(rows[0]) if rows else None


def edit_right(db: Database, code: str, language: str, values: dict, checked: date) -> bool:
    """Replace a right's texts in one language and its checked date; False when unknown."""
    right = get_right(db, code)
    if right is None:
        return False
    texts = {k: dict(v) for k, v in right.texts.items()}
    texts[language] = {k: " ".join(str(v).split()) for k, v in values.items()
                       if k in TEXTS and str(v).strip()}
    save_right(db, replace(right, texts=texts, checked=checked))
    return True


def count_shown(db: Database, codes: list[str], key: str, day: date) -> bool:
    """Count each right shown once for this form key; False when the key already counted."""
    if not KEY_PATTERN.match(key or "") or not codes:
        return False
    with immediate(db):
        forget_keys(db, day)
        if db.execute("SELECT 1 FROM rights_keys WHERE key = ?", [key]).fetchone():
            return False
        db.execute("INSERT INTO rights_keys (key, day) VALUES (?, ?)", [key, day.isoformat()])
        for code in sorted(set(codes)):
            db.execute("INSERT INTO rights_shown (day, code, shown) VALUES (?, ?, 1) "
                       "ON CONFLICT (day, code) DO UPDATE SET shown = shown + 1",
                       [day.isoformat(), code])
    return True


def forget_keys(db: Database, today: date) -> int:
    """Drop the counted form keys of earlier days (a double tap is seconds, not days)."""
    cutoff = (today - timedelta(days=KEEP_KEYS_DAYS)).isoformat()
    return db.execute("DELETE FROM rights_keys WHERE day < ?", [cutoff]).rowcount


def shown(db: Database, first: date, after: date) -> list[dict]:
    """How often each right was shown on the days [first, after), per day."""
    return list(db.query(
        "SELECT day, code, shown FROM rights_shown WHERE day >= ? AND day < ? ORDER BY day, code",
        [first.isoformat(), after.isoformat()]))


def local_day(moment: datetime, zone: str) -> date:
    """The buurtpunt's calendar day of a moment."""
    return moment.astimezone(ZoneInfo(zone)).date()
