"""The desk's audit log: who did what, and when, said in words on the desk."""

import json
from collections.abc import Callable, Mapping

from sqlite_utils import Database

from kiosk import clock

# An action's label, or (label, words): words say the details, from the values logged with it,
# as a format string with %(name)s or a function of the values (to translate a code).
Label = object | tuple[object, str | Callable[[dict], str]]


def log(db: Database, action: str, detail: str = "", volunteer: dict | None = None,
        **values) -> None:
    """Append one line to the audit log; values (names, numbers) are kept for saying it in words."""
    db["audit_log"].insert({
        "at": clock.iso(clock.now()),
        "volunteer_id": volunteer["id"] if volunteer else None,
        "volunteer_name": volunteer["name"] if volunteer else None,
        "action": action,
        "detail": json.dumps(values, ensure_ascii=False) if values else detail,
    })


def recent(db: Database, limit: int = 20) -> list[dict]:
    """The newest lines of the audit log, newest first."""
    return list(db.query("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", [limit]))


def describe(line: Mapping, labels: Mapping[str, Label],
             plain: Callable[[str], str] = str) -> str:
    """One line of the log in words: "levering bijgeteld: 50 zakken Restafvalzak 30 l"."""
    entry = labels.get(line["action"], line["action"])
    label = entry[0] if isinstance(entry, tuple) else entry
    said = details(line, labels, plain)
    return f"{label}: {said}" if said else str(label)


def details(line: Mapping, labels: Mapping[str, Label],
            plain: Callable[[str], str] = str) -> str:
    """What a line of the log says besides its label, in words ("" when nothing).

    Lines written before values were kept have a text detail; `plain` turns it into words
    where it can (a reason code into its label).
    """
    entry = labels.get(line["action"])
    words = entry[1] if isinstance(entry, tuple) else None
    detail = line["detail"] or ""
    values = _values(detail)
    if values is None:
        return plain(detail) if detail else ""
    try:
        return (words(values) if callable(words) else str(words) % values) if words else ""
    except (KeyError, TypeError, ValueError):
        return ""


def _values(detail: str) -> dict | None:
    if not detail.startswith("{"):
        return None
    try:
        values = json.loads(detail)
    except ValueError:
        return None
    return values if isinstance(values, dict) else None
