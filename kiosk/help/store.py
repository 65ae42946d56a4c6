"""Help tickets: a number per day and kiosk, states that only move forward, the day's end.

A ticket waits, is called, and is then done (with an outcome, and for doorverwezen perhaps the
partner) or absent. The number comes from
the day's counter in the same write transaction as the ticket, so numbers have no gaps and no
doubles whoever takes one at the same moment; every move is a conditional update under the write
lock, so two volunteers calling at once call two people. A wrong tap is undone within a minute.
"""

import hashlib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from kiosk import clock
from kiosk.db import immediate
from kiosk.forms import KEY_PATTERN
from kiosk.help.choices import OUTCOME_CODES, TOPIC_CODES
from kiosk.places import partners

UNDO_SECONDS = 60
OPEN = ("waiting", "called")
# Each move: the states it may start from and the state it leaves; nothing ever moves back,
# except an undo of the last move within UNDO_SECONDS.
MOVES = {"call": (("waiting",), "called"), "recall": (("called",), "called"),
         "absent": (("called",), "absent"), "done": (("called",), "done")}
UNDOABLE = ("call", "absent", "done")
_NEXT_NUMBER = ("INSERT INTO help_counters (kiosk, day, last) VALUES (?, ?, 1) "
                "ON CONFLICT (kiosk, day) DO UPDATE SET last = last + 1 RETURNING last")


class TicketError(ValueError):
    """A ticket that cannot be taken or moved; args[0] is a code the views put in words."""


def day_of(moment: datetime, zone: str) -> str:
    """The local calendar day a moment falls on, as YYYY-MM-DD (tickets count per such day)."""
    return moment.astimezone(ZoneInfo(zone)).date().isoformat()


def token_hash(token: str) -> str:
    """Only a token's hash is kept: the follow-your-turn link is looked up by it."""
    return hashlib.sha256(token.encode()).hexdigest()


def take(db: Database, *, kiosk: str, topic: str, language: str, source: str,
         request_key: str, token: str, now: datetime, zone: str) -> tuple[dict, bool]:
    """A new ticket with the day's next number; the same request_key gives the same ticket.

    A walk-in added at the desk (source "desk") is being helped already: it starts called.
    """
    if topic not in TOPIC_CODES:
        raise TicketError("topic")
    if not KEY_PATTERN.match(request_key or ""):
        raise TicketError("key")
    day, stamp = day_of(now, zone), clock.iso(now)
    with immediate(db):
        found = by_key(db, request_key)
        if found is not None:
            return found, False
        roll_over(db, kiosk, day, now)
        number = db.execute(_NEXT_NUMBER, [kiosk, day]).fetchone()[0]
        walk_in = source == "desk"
        ticket_id = db.execute(
            "INSERT INTO help_tickets (kiosk, day, number, topic, language, source, request_key,"
            " token_hash, status, created_at, called_at, changed_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [kiosk, day, number, topic, language, source, request_key, token_hash(token),
             "called" if walk_in else "waiting", stamp, stamp if walk_in else None, stamp],
        ).lastrowid
    return get(db, ticket_id), True


def link_visit(db: Database, ticket_id: int, visit_id: int) -> None:
    """Note the visit a ticket is counted as (kiosk.visits)."""
    db.execute("UPDATE help_tickets SET visit_id = ? WHERE id = ?", [visit_id, ticket_id])


def get(db: Database, ticket_id: int) -> dict | None:
    """One ticket, or None."""
    return _one(db, "id = ?", ticket_id)


def by_key(db: Database, request_key: str) -> dict | None:
    """The ticket a request took, or None."""
    return _one(db, "request_key = ?", request_key)


def by_token(db: Database, token: str) -> dict | None:
    """The ticket a follow-your-turn link belongs to, or None."""
    return _one(db, "token_hash = ?", token_hash(token))


def _one(db: Database, where: str, value) -> dict | None:
    rows = list(db.query(f"SELECT * FROM help_tickets WHERE {where}", [value]))  # noqa: S608
    return rows[0] if rows else None


def of_day(db: Database, kiosk: str, day: str) -> list[dict]:
    """A day's tickets, by number."""
    return list(db.query("SELECT * FROM help_tickets WHERE kiosk = ? AND day = ? ORDER BY number",
                         [kiosk, day]))


def before(db: Database, ticket: dict) -> int:
    """How many people wait before this ticket (0 once it is called)."""
    if ticket["status"] != "waiting":
        return 0
    return db.execute(
        "SELECT count(*) FROM help_tickets WHERE kiosk = ? AND day = ? AND status = 'waiting' "
        "AND number < ?", [ticket["kiosk"], ticket["day"], ticket["number"]]).fetchone()[0]


def waiting(db: Database, kiosk: str, day: str) -> int:
    """How many tickets of the day wait."""
    return db.execute("SELECT count(*) FROM help_tickets WHERE kiosk = ? AND day = ? "
                      "AND status = 'waiting'", [kiosk, day]).fetchone()[0]


def called(db: Database, kiosk: str, day: str, limit: int = 4) -> list[dict]:
    """The numbers called out on a day and when, the latest call first (walk-ins never are)."""
    return list(db.query(
        "SELECT number, last_called_at AS at FROM help_tickets WHERE kiosk = ? AND day = ? "
        "AND calls > 0 ORDER BY last_called_at DESC, id DESC LIMIT ?", [kiosk, day, limit]))


def version(db: Database, kiosk: str, day: str) -> str:
    """A value that changes whenever any of the day's tickets changes (for screens that poll)."""
    count, changes = db.execute("SELECT count(*), total(revision) FROM help_tickets "
                                "WHERE kiosk = ? AND day = ?", [kiosk, day]).fetchone()
    return f"{day}.{count}.{int(changes)}"


def move(db: Database, ticket_id: int, action: str, *, volunteer: dict | None, now: datetime,
         request_key: str | None = None, outcome: str | None = None,
         referred_to: str | None = None) -> tuple[dict, bool]:
    """Call, call again, mark absent or done: the ticket, and False for a repeated request_key.

    Done as doorverwezen may name the partner it was referred to (a code of places.partners).
    """
    starts, to = MOVES[action]
    if action == "done" and outcome not in OUTCOME_CODES:
        raise TicketError("outcome")
    if referred_to and (action, outcome) != ("done", "doorverwezen"):
        raise TicketError("partner-outcome")
    if referred_to and referred_to not in {p.code for p in partners(db)}:
        raise TicketError("partner")
    stamp = clock.iso(now)
    with immediate(db):
        if request_key and _replayed(db, request_key):
            return get(db, _replayed(db, request_key)), False
        ticket = get(db, ticket_id)
        if ticket is None:
            raise TicketError("not-found")
        if ticket["status"] not in starts:
            raise TicketError("state")
        calls = action in ("call", "recall")
        db.execute(
            "UPDATE help_tickets SET status = ?, changed_at = ?, calls = calls + ?,"
            " revision = revision + 1,"
            " called_at = coalesce(called_at, CASE WHEN ? THEN ? END),"
            " last_called_at = CASE WHEN ? THEN ? ELSE last_called_at END,"
            " finished_at = CASE WHEN ? IN ('done', 'absent') THEN ? END, outcome = ?,"
            " referred_to = ? WHERE id = ? AND status = ?",
            [to, stamp, int(calls), calls, stamp, calls, stamp, to, stamp,
             outcome if to == "done" else None, referred_to or None, ticket_id,
             ticket["status"]])
        _log(db, ticket_id, action, ticket["status"], to, stamp, volunteer, request_key, outcome,
             referred_to or None)
    return get(db, ticket_id), True


def call_next(db: Database, kiosk: str, day: str, *, volunteer: dict | None, now: datetime,
              request_key: str | None = None) -> tuple[dict | None, bool]:
    """Call the waiting ticket with the lowest number (None when nobody waits), as move()."""
    with immediate(db):
        if request_key and _replayed(db, request_key):
            return get(db, _replayed(db, request_key)), False
        row = db.execute("SELECT id FROM help_tickets WHERE kiosk = ? AND day = ? AND "
                         "status = 'waiting' ORDER BY number LIMIT 1", [kiosk, day]).fetchone()
        if row is None:
            return None, False
        return move(db, row[0], "call", volunteer=volunteer, now=now, request_key=request_key)


def undo(db: Database, ticket_id: int, *, volunteer: dict | None, now: datetime) -> dict:
    """Put a ticket back as it was before its last move, within UNDO_SECONDS of it; logged."""
    stamp = clock.iso(now)
    with immediate(db):
        last = undoable(db, ticket_id, now)
        if last is None:
            raise TicketError("too-late")
        back = last["from_status"]
        db.execute(
            "UPDATE help_tickets SET status = ?, changed_at = ?, finished_at = NULL,"
            " revision = revision + 1, outcome = NULL, referred_to = NULL,"
            " called_at = CASE WHEN ? = 'waiting' THEN NULL ELSE called_at END,"
            " last_called_at = CASE WHEN ? = 'waiting' THEN NULL ELSE last_called_at END,"
            " calls = CASE WHEN ? = 'waiting' THEN 0 ELSE calls END WHERE id = ?",
            [back, stamp, back, back, back, ticket_id])
        db.execute("UPDATE help_ticket_log SET undone_at = ? WHERE id = ?", [stamp, last["id"]])
        _log(db, ticket_id, "undo", last["to_status"], back, stamp, volunteer, None, None)
    return get(db, ticket_id)


def undoable(db: Database, ticket_id: int, now: datetime) -> dict | None:
    """The ticket's last move while it may still be undone, else None."""
    rows = list(db.query(
        "SELECT * FROM help_ticket_log WHERE ticket_id = ? AND action != 'recall' "
        "ORDER BY id DESC LIMIT 1", [ticket_id]))
    if not rows or rows[0]["action"] not in UNDOABLE or rows[0]["undone_at"]:
        return None
    too_old = clock.iso(now - timedelta(seconds=UNDO_SECONDS))
    return rows[0] if rows[0]["at"] >= too_old else None


def roll_over(db: Database, kiosk: str, today: str, now: datetime) -> int:
    """Close the open tickets of earlier days as absent, flagged as closed by the day's end."""
    stamp = clock.iso(now)
    with immediate(db):
        open_before = db.execute(
            "SELECT id, status FROM help_tickets WHERE kiosk = ? AND day < ? "
            "AND status IN ('waiting', 'called')", [kiosk, today]).fetchall()
        for ticket_id, status in open_before:
            db.execute("UPDATE help_tickets SET status = 'absent', auto_closed = 1, "
                       "revision = revision + 1, finished_at = ?, changed_at = ? WHERE id = ?",
                       [stamp, stamp, ticket_id])
            _log(db, ticket_id, "rollover", status, "absent", stamp, None, None, None)
    return len(open_before)


def _replayed(db: Database, request_key: str) -> int | None:
    row = db.execute("SELECT ticket_id FROM help_ticket_log WHERE request_key = ?",
                     [request_key]).fetchone()
    return row[0] if row else None


def _log(db: Database, ticket_id: int, action: str, was: str, now_status: str, stamp: str,
         volunteer: dict | None, request_key: str | None, outcome: str | None,
         referred_to: str | None = None) -> None:
    db.execute(
        "INSERT INTO help_ticket_log (ticket_id, at, action, from_status, to_status, outcome,"
        " referred_to, volunteer_id, volunteer_name, request_key)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [ticket_id, stamp, action, was, now_status, outcome, referred_to,
         volunteer["id"] if volunteer else None, volunteer["name"] if volunteer else None,
         request_key])
