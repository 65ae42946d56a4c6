"""Idempotency keys: a finished request replays, a running one is refused, a changed one too."""

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
import uuid
from datetime import datetime, timedelta

from sqlite_utils import Database

from sales._db import iso, one, utc_now, write_transaction
from sales.errors import IdempotencyMismatch, MissingInput, RequestInProgress

# A sale's transaction takes milliseconds; a claim older than this belongs to a process that
# died between claiming and committing, and may be taken over.
CLAIM_TTL_SECONDS = 30.0
# Tells this process from an earlier one with the same pid (a restart after a power cut).
_PROCESS = uuid.uuid4().hex[:12]


def fingerprint(request: dict) -> str:
    """Return a stable hash of what a request asks for (basket, payment, training flag)."""
    payload = json.dumps(request, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def check_key(idempotency_key: str) -> str:
    """Refuse an empty or oversized idempotency key."""
    if not isinstance(idempotency_key, str) or not 1 <= len(idempotency_key.strip()) <= 200:
        raise MissingInput("idempotency key is required (1-200 characters)")
    return idempotency_key


def finished_number(db: Database, idempotency_key: str, request_fingerprint: str) -> str | None:
    """Return the receipt number already stored for this key, or None; refuse a changed request."""
    row = one(
        db, "SELECT number, request_fingerprint FROM receipts WHERE idempotency_key = ?",
        [idempotency_key],
    )
    if row is None:
        return None
    if row["request_fingerprint"] != request_fingerprint:
        raise IdempotencyMismatch(
            f"key {idempotency_key!r} was used for another request (receipt {row['number']})"
        )
    return row["number"]


def claim(
    db: Database, idempotency_key: str, request_fingerprint: str, ttl: float = CLAIM_TTL_SECONDS
) -> tuple[str | None, str | None]:
    """Claim a key in its own short transaction; return (owner, None) or (None, finished number)."""
    # The claim commits before the sale starts, so every other thread and process sees that the
    # key is running; that is how a repeat during the sale is told apart from one after it.
    owner = f"{os.getpid()}:{_PROCESS}:{threading.get_ident()}:{uuid.uuid4().hex}"
    now = utc_now()
    with write_transaction(db):
        number = finished_number(db, idempotency_key, request_fingerprint)
        if number is not None:
            return None, number
        held = one(db, "SELECT * FROM sale_claims WHERE idempotency_key = ?", [idempotency_key])
        if held is not None:
            if held["fingerprint"] != request_fingerprint:
                raise IdempotencyMismatch(f"key {idempotency_key!r} is in use for another request")
            fresh = datetime.fromisoformat(held["claimed_at"]) > now - timedelta(seconds=ttl)
            if fresh and not _owner_gone(held["owner"]):
                raise RequestInProgress(f"request {idempotency_key!r} is still being processed")
        db.execute(
            "INSERT INTO sale_claims (idempotency_key, fingerprint, owner, claimed_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(idempotency_key) DO UPDATE SET "
            "owner = excluded.owner, claimed_at = excluded.claimed_at",
            [idempotency_key, request_fingerprint, owner, iso(now)],
        )
    return owner, None


def _owner_gone(owner: str) -> bool:
    """Whether the process that took a claim has died (killed, or the power went)."""
    # Without this, the retry after a restart would be refused until the claim expires.
    pid, _, rest = owner.partition(":")
    process = rest.partition(":")[0]
    if not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return process != _PROCESS
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # it exists but belongs to another user
        return False
    return False


def finish(db: Database, idempotency_key: str) -> None:
    """Drop the claim; called inside the sale's own transaction so both commit together."""
    db.execute("DELETE FROM sale_claims WHERE idempotency_key = ?", [idempotency_key])


def release(db: Database, idempotency_key: str, owner: str) -> None:
    """Drop our claim after a refused or failed sale, so a corrected retry may run at once."""
    # The original error matters more; a claim left behind expires after CLAIM_TTL_SECONDS.
    with contextlib.suppress(sqlite3.Error), write_transaction(db):
        db.execute(
            "DELETE FROM sale_claims WHERE idempotency_key = ? AND owner = ?",
            [idempotency_key, owner],
        )
