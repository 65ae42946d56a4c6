"""Volunteers and their desk PINs: memory-hard hashes, obvious PINs refused, lockout that lasts."""

import re
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlite_utils import Database

from kiosk import clock
from kiosk.db import immediate

# OWASP's argon2id minimum (19 MiB, 2 passes): memory-hard, yet well under a second on a Pi.
HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
PIN_PATTERN = re.compile(r"^[0-9]{4,8}$")
OBVIOUS_PINS = frozenset({
    "1234", "4321", "1212", "2580", "0852", "1004", "2000", "2001", "1122", "6969",
    "12345", "54321", "123456", "654321", "123123", "112233", "121212", "159753",
    "12345678", "87654321", "11223344",
})
MAX_LOCK_SECONDS = 3600


class PinError(ValueError):
    """A PIN that may not be used; the message says why in plain words."""


@dataclass(frozen=True)
class LoginResult:
    """What a PIN attempt gave: ok, or wrong with tries left, or locked for some seconds."""

    ok: bool
    tries_left: int = 0
    locked_seconds: int = 0
    just_locked: bool = False


def check_new_pin(pin: str) -> None:
    """Refuse a PIN that is not 4 to 8 digits or that anyone would guess first."""
    if not PIN_PATTERN.match(pin):
        raise PinError("Een pincode heeft 4 tot 8 cijfers.")
    ascending = "01234567890123456789"
    descending = ascending[::-1]
    if (pin in OBVIOUS_PINS or len(set(pin)) == 1 or pin in ascending or pin in descending):
        raise PinError("Deze pincode is te makkelijk te raden. Kies een andere.")


def set_pin(db: Database, name: str, pin: str) -> bool:
    """Create the volunteer or give them a new PIN (unlocking them); True if newly created."""
    name = name.strip()
    if not name or len(name) > 40:
        raise PinError("Een naam heeft 1 tot 40 tekens.")
    check_new_pin(pin)
    pin_hash = HASHER.hash(pin)
    with immediate(db):
        row = db.execute("SELECT id FROM volunteers WHERE name = ?", [name]).fetchone()
        if row:
            db.execute(
                """UPDATE volunteers SET pin_hash = ?, failed_tries = 0, lockouts = 0,
                   locked_until = NULL, active = 1 WHERE id = ?""",
                [pin_hash, row[0]],
            )
            return False
        db["volunteers"].insert({
            "name": name, "pin_hash": pin_hash, "created_at": clock.iso(clock.now()),
        })
        return True


def active(db: Database) -> list[dict]:
    """Active volunteers by name, for the desk's login screen."""
    return list(db.query(
        "SELECT id, name FROM volunteers WHERE active = 1 ORDER BY name COLLATE NOCASE"
    ))


def get(db: Database, volunteer_id: int) -> dict | None:
    """One active volunteer (id and name), or None."""
    rows = list(db.query(
        "SELECT id, name FROM volunteers WHERE id = ? AND active = 1", [volunteer_id]
    ))
    return rows[0] if rows else None


def check_pin(db: Database, volunteer_id: int, pin: str, max_tries: int,
              lock_seconds: int) -> LoginResult:
    """Try a PIN. After max_tries wrong ones the volunteer is locked, each time twice as long.

    The counters live in the database, so a restart does not hand out fresh tries, and a try
    is counted before its PIN is checked, so parallel guesses never get more than max_tries.
    """
    claim = _claim_try(db, volunteer_id, max_tries, lock_seconds)
    if isinstance(claim, LoginResult):
        return claim
    try:
        good = HASHER.verify(claim.pin_hash, pin)
    except (VerifyMismatchError, InvalidHashError):
        good = False
    if good:
        with immediate(db):
            db.execute(
                "UPDATE volunteers SET failed_tries = 0, lockouts = 0, locked_until = NULL "
                "WHERE id = ?", [volunteer_id])
        return LoginResult(ok=True)
    if claim.locks_for:
        return LoginResult(ok=False, locked_seconds=claim.locks_for, just_locked=True)
    return LoginResult(ok=False, tries_left=max_tries - claim.tries)


@dataclass(frozen=True)
class _Claim:
    """A try taken and already counted as wrong: the stored hash to check the PIN against."""

    pin_hash: str
    tries: int
    locks_for: int


def _claim_try(db: Database, volunteer_id: int, max_tries: int,
               lock_seconds: int) -> _Claim | LoginResult:
    """Take one try in a short write transaction, or refuse when there is none left.

    The try counts as wrong until its PIN proves right (a crash mid-check keeps it counted),
    and the last try locks at once: a guess arriving while the PIN is checked (argon2 takes
    50-100 ms, outside any transaction) finds the lock. BEGIN IMMEDIATE orders the claims of
    every thread and every process on the database.
    """
    with immediate(db):
        row = db.execute(
            "SELECT pin_hash, failed_tries + 1, lockouts, locked_until FROM volunteers "
            "WHERE id = ? AND active = 1", [volunteer_id]).fetchone()
        if row is None:
            return LoginResult(ok=False)
        pin_hash, tries, lockouts, locked_until = row
        left = _locked_seconds(locked_until)
        if left:
            return LoginResult(ok=False, locked_seconds=left)
        if tries < max_tries:
            db.execute("UPDATE volunteers SET failed_tries = ? WHERE id = ?", [tries, volunteer_id])
            return _Claim(pin_hash, tries, 0)
        seconds = min(lock_seconds * 2**lockouts, MAX_LOCK_SECONDS)
        until = clock.iso(clock.now() + timedelta(seconds=seconds))
        db.execute(
            "UPDATE volunteers SET failed_tries = 0, lockouts = lockouts + 1, locked_until = ? "
            "WHERE id = ?", [until, volunteer_id])
        return _Claim(pin_hash, tries, seconds)


def _locked_seconds(locked_until: str | None) -> int:
    if not locked_until:
        return 0
    left = (clock.parse(locked_until) - clock.now()).total_seconds()
    return max(0, int(left + 0.999))


def pin_message(result: LoginResult) -> str:
    """Why a PIN was not accepted, and what to do now."""
    if result.locked_seconds:
        minutes = (result.locked_seconds + 59) // 60
        return ngettext("Te veel foute pogingen. Probeer opnieuw over %(num)s minuut.",
                        "Te veel foute pogingen. Probeer opnieuw over %(num)s minuten.", minutes)
    if result.tries_left:
        return ngettext("Die pincode klopt niet. Nog %(num)s poging.",
                        "Die pincode klopt niet. Nog %(num)s pogingen.", result.tries_left)
    return _("Kies eerst je naam.")
