"""Anonymous visits and the reasons they are for: who came for what, never who came.

The core's record of visits: check-in writes them, the desk counts and tallies them, the
export sends them on, and later features (the help queue) add theirs with a reason.
"""

from collections.abc import Iterable, Mapping, MutableMapping
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlite_utils import Database

from kiosk import clock
from kiosk.db import immediate
from kiosk.forms import KEY_PATTERN, Choice

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
# Reasons a visit gets elsewhere than on the check-in screen: a help-queue ticket's topic.
MORE_REASONS = (
    Reason("printen", _l("Iets printen of kopiëren"), "printer"),
    Reason("vraag", _l("Een andere vraag"), "circle-help"),
)
CODES = frozenset(reason.code for reason in REASONS + MORE_REASONS)
SESSION_KEY = "visit"  # the visit this screen session recorded last, and when


def by_code(code: str) -> Reason:
    """The reason with this code (KeyError for an unknown one)."""
    for reason in REASONS + MORE_REASONS:
        if reason.code == code:
            return reason
    raise KeyError(code)


class VisitError(ValueError):
    """The visit cannot be recorded; the message is a plain-words reason (translatable)."""


def record_visit(
    db: Database,
    reasons: list[str],
    language: str,
    source: str,
    request_key: str,
    volunteer_id: int | None = None,
) -> bool:
    """Store one visit with its reasons; a repeated request_key stores nothing and returns False."""
    chosen = sorted(set(reasons))
    if not KEY_PATTERN.match(request_key or ""):
        raise VisitError("invalid-key")
    if not chosen:
        raise VisitError("no-reason")
    if not set(chosen) <= CODES:
        raise VisitError("unknown-reason")
    # Read-then-write: the duplicate check and the insert must see the same database.
    with immediate(db):
        if db.execute("SELECT 1 FROM visits WHERE request_key = ?", [request_key]).fetchone():
            return False
        # Plain INSERTs: table.insert() looks the table's columns up again on every call, which
        # is most of what a check-in costs.
        visit_id = db.execute(
            "INSERT INTO visits (created_at, language, source, request_key, volunteer_id) "
            "VALUES (?, ?, ?, ?, ?)",
            [clock.iso(clock.now()), language, source, request_key, volunteer_id],
        ).lastrowid
        db.conn.executemany("INSERT INTO visit_reasons (visit_id, reason) VALUES (?, ?)",
                            [(visit_id, reason) for reason in chosen])
    return True


def id_of(db: Database, request_key: str) -> int | None:
    """The visit a request recorded, by its key."""
    row = db.execute("SELECT id FROM visits WHERE request_key = ?", [request_key]).fetchone()
    return row[0] if row else None


def remember(session: MutableMapping, visit_id: int, moment: datetime) -> None:
    """Keep in the screen session which visit was just recorded, and when."""
    session[SESSION_KEY] = {"id": visit_id, "at": moment.timestamp()}


def recent(session: Mapping, moment: datetime, seconds: int) -> int | None:
    """The visit this screen session recorded less than `seconds` ago (the same visitor), or None.

    The home screen keeps its session from one visitor to the next, so only a short gap (the
    idle time) makes two things one visit: a check-in and then a ticket for a question.
    """
    visit = session.get(SESSION_KEY) or {}
    if not visit.get("id") or moment.timestamp() - visit.get("at", 0) > seconds:
        return None
    return visit["id"]


def join_visit(db: Database, visit_id: int, reasons: list[str]) -> bool:
    """Add reasons to a visit already recorded (something more done in the same visit)."""
    if not set(reasons) <= CODES:
        raise VisitError("unknown-reason")
    with immediate(db):
        if db.execute("SELECT 1 FROM visits WHERE id = ?", [visit_id]).fetchone() is None:
            return False
        db.conn.executemany("INSERT OR IGNORE INTO visit_reasons (visit_id, reason) VALUES (?, ?)",
                            [(visit_id, reason) for reason in sorted(set(reasons))])
    return True


def count_day(db: Database, moment: datetime, zone: str) -> tuple[int, dict[str, int]]:
    """Visits on moment's local day: the number of visits, and how often each reason was given."""
    start, end = clock.local_day_bounds(moment, zone)
    total = db.execute(
        "SELECT count(*) FROM visits WHERE created_at >= ? AND created_at < ?", [start, end]
    ).fetchone()[0]
    rows = db.execute(
        """SELECT reason, count(*) FROM visit_reasons JOIN visits ON visits.id = visit_id
           WHERE created_at >= ? AND created_at < ? GROUP BY reason""",
        [start, end],
    ).fetchall()
    return total, dict(rows)


def between(db: Database, start: datetime, end: datetime) -> Iterable[dict]:
    """The visits of [start, end), oldest first, each with its reasons joined with "+"."""
    return db.query(
        "SELECT v.created_at, v.language, v.source, "
        "(SELECT group_concat(reason, '+') FROM (SELECT reason FROM visit_reasons "
        " WHERE visit_id = v.id ORDER BY reason)) AS reasons "
        "FROM visits v WHERE v.created_at >= ? AND v.created_at < ? ORDER BY v.created_at, v.id",
        [clock.iso(start), clock.iso(end)])
