"""Ideas as CSV rows for the desk's download and for `kiosk export`.

Contact details never leave the kiosk this way: a file travels further than the desk.
"""

import csv
import io
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app
from sqlite_utils import Database

from kiosk import clock
from kiosk.ideas.store import list_ideas

IDEA_COLUMNS = ("kiosk", "number", "time", "language", "kind", "theme", "text", "place",
                "status", "status_reason", "status_changed", "closed", "public", "public_text",
                "me_too", "contact_consented")
# A cell that starts like a formula is run by spreadsheet programs: make it plain text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _local(stored: str | None, zone: ZoneInfo) -> str:
    return datetime.fromisoformat(stored).astimezone(zone).strftime("%Y-%m-%d %H:%M") \
        if stored else ""


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def idea_rows(ideas: Iterable[dict], kiosk_id: str, zone: str) -> Iterable[dict]:
    """One CSV row per idea (from ideas.list_ideas), times in the buurtpunt's zone."""
    tz = ZoneInfo(zone)
    for idea in ideas:
        yield {
            "kiosk": kiosk_id, "number": idea["id"], "time": _local(idea["created_at"], tz),
            "language": idea["language"], "kind": idea["kind"], "theme": idea["theme"],
            "text": _cell(idea["text"]), "place": _cell(idea["place"]), "status": idea["status"],
            "status_reason": _cell(idea["status_reason"]),
            "status_changed": _local(idea["status_changed_at"], tz),
            "closed": _local(idea["closed_at"], tz), "public": "yes" if idea["public"] else "no",
            "public_text": _cell(idea["public_text"]) if idea["public"] else "",
            "me_too": idea["votes"], "contact_consented": "yes" if idea["consent_at"] else "no",
        }


def to_csv(rows: Iterable[dict]) -> str:
    """The rows as CSV text with a header line."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(IDEA_COLUMNS), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def month_rows(db: Database, start: datetime, end: datetime) -> Iterable[dict]:
    """The ideas of [start, end), oldest first, without contact details."""
    until = clock.iso(end)
    found = [idea for idea in list_ideas(db, since=clock.iso(start), limit=1_000_000)
             if idea["created_at"] < until]
    config = current_app.config
    return idea_rows(reversed(found), config["KIOSK_ID"], config["TIMEZONE"])
