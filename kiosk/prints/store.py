"""Documents from a visitor's phone: one-time upload links, print options, price, forgetting.

The database keeps pages, price and times; the file lives on disk under a random name only until
it is printed or cancelled, and 30 minutes after upload at the latest (see purge()).
"""

import hashlib
import secrets
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from kiosk import clock
from kiosk.db import immediate
from kiosk.forms import whole_number

TOKEN_MINUTES = 15
KEEP_MINUTES = 30


@dataclass(frozen=True)
class Document:
    """One document's row."""

    id: int
    token_hash: str
    language: str
    status: str
    error: str | None
    created_at: str
    expires_at: str
    uploaded_at: str | None
    file_path: str | None
    thumb_path: str | None
    file_name: str | None
    pages: int | None
    copies: int | None
    page_from: int | None
    page_to: int | None
    colour: int
    price_cents: int | None
    receipt_number: str | None
    printer_job: str | None
    confirmed_at: str | None
    printed_at: str | None
    deleted_at: str | None
    proof_job: int | None = None

    @property
    def pages_to_print(self) -> int:
        """Pages in the chosen range times copies."""
        if not self.pages:
            return 0
        first, last = self.page_from or 1, self.page_to or self.pages
        return (last - first + 1) * (self.copies or 1)


class OptionsError(ValueError):
    """Print options that cannot be used; the code names what is wrong."""


def token_hash(token: str) -> str:
    """Only the hash of a token is stored: the database alone cannot open an upload link."""
    return hashlib.sha256(token.encode()).hexdigest()


def create(db: Database, language: str) -> tuple[int, str]:
    """A new one-time upload link (128 random bits), valid for 15 minutes."""
    token = secrets.token_urlsafe(16)
    now = clock.now()
    doc_id = db["documents"].insert({
        "token_hash": token_hash(token), "language": language, "status": "waiting",
        "created_at": clock.iso(now),
        "expires_at": clock.iso(now + timedelta(minutes=TOKEN_MINUTES)),
    }).last_pk
    return doc_id, token


def _documents(db: Database, where: str, params: list) -> list[Document]:
    sql = f"SELECT * FROM documents WHERE {where}"  # noqa: S608 - `where` is ours, never input
    return [Document(**row) for row in db.query(sql, params)]


def get(db: Database, doc_id: int) -> Document | None:
    """One document, or None."""
    return next(iter(_documents(db, "id = ?", [doc_id])), None)


def by_token(db: Database, token: str) -> Document | None:
    """The document an upload link belongs to, or None."""
    return next(iter(_documents(db, "token_hash = ?", [token_hash(token)])), None)


def link_state(doc: Document | None) -> str:
    """'open' while the link can take a file; else 'unknown', 'used' or 'expired'."""
    if doc is None:
        return "unknown"
    if doc.status != "waiting":
        return "used"
    if clock.parse(doc.expires_at) <= clock.now():
        return "expired"
    return "open"


def store_upload(db: Database, doc: Document, pdf: Path, thumb: Path, file_name: str,
                 pages: int, colour: bool | None) -> None:
    """Keep the checked file (already under a random name in the upload folder)."""
    with immediate(db):
        db.execute(
            "UPDATE documents SET status = 'ready', uploaded_at = ?, file_path = ?, thumb_path = ?,"
            " file_name = ?, pages = ?, copies = 1, page_from = 1, page_to = ?, colour = 0 "
            "WHERE id = ? AND status = 'waiting'",
            [clock.iso(clock.now()), str(pdf), str(thumb), file_name[:120], pages, pages, doc.id])


def refuse(db: Database, doc: Document, code: str) -> None:
    """The upload was refused (wrong type, too large, …): the link is used up, nothing kept."""
    db.execute("UPDATE documents SET status = 'refused', error = ?, uploaded_at = ? "
               "WHERE id = ? AND status = 'waiting'", [code, clock.iso(clock.now()), doc.id])


def choose(db: Database, doc: Document, copies: str, page_from: str, page_to: str,
           colour: bool, max_copies: int) -> Document:
    """Store the visitor's choices after checking them against the document."""
    number, first, last = (whole_number(copies), whole_number(page_from or "1"),
                           whole_number(page_to or str(doc.pages)))
    if None in (number, first, last):
        raise OptionsError("not-a-number")
    if not 1 <= number <= max_copies:
        raise OptionsError("copies")
    if not 1 <= first <= last <= (doc.pages or 0):
        raise OptionsError("range")
    db.execute("UPDATE documents SET copies = ?, page_from = ?, page_to = ?, colour = ? "
               "WHERE id = ? AND status = 'ready'", [number, first, last, int(colour), doc.id])
    return get(db, doc.id)


def price_cents(doc: Document, per_page_cents: int, free_pages: int) -> int:
    """What the print costs: pages beyond the free ones, at the price per page."""
    return max(0, doc.pages_to_print - free_pages) * per_page_cents


def release(db: Database, doc_id: int, price: int, receipt_number: str | None = None) -> bool:
    """Send the document to the print queue (paid, or free); False when it is no longer ready."""
    cursor = db.execute(
        "UPDATE documents SET status = 'queued', price_cents = ?, receipt_number = ?, "
        "confirmed_at = ? WHERE id = ? AND status IN ('ready', 'paying')",
        [price, receipt_number, clock.iso(clock.now()), doc_id])
    return cursor.rowcount == 1


def hold_for_payment(db: Database, doc_id: int, price: int) -> None:
    """The visitor goes to pay at the desk; the document waits."""
    db.execute("UPDATE documents SET status = 'paying', price_cents = ? "
               "WHERE id = ? AND status = 'ready'", [price, doc_id])


def set_status(db: Database, doc_id: int, status: str, *, error: str | None = None,
               job: str | None = None) -> None:
    """Move a document on (printing, done, failed), noting the printer's job or the reason."""
    printed = clock.iso(clock.now()) if status == "done" else None
    db.execute("UPDATE documents SET status = ?, error = ?, printer_job = coalesce(?, printer_job),"
               " printed_at = coalesce(?, printed_at) WHERE id = ?",
               [status, error, job, printed, doc_id])


def cancel(db: Database, doc_id: int) -> bool:
    """Cancel before printing; the file is deleted at once."""
    cursor = db.execute("UPDATE documents SET status = 'cancelled' WHERE id = ? AND status IN "
                        "('waiting', 'ready', 'paying', 'queued', 'failed')", [doc_id])
    if cursor.rowcount:
        forget(db, doc_id)
    return cursor.rowcount == 1


def abandon(db: Database, doc_id: int) -> None:
    """The visitor walked away before confirming: stop and delete the file now."""
    cursor = db.execute("UPDATE documents SET status = 'cancelled' WHERE id = ? AND status IN "
                        "('waiting', 'ready', 'paying')", [doc_id])
    if cursor.rowcount:
        forget(db, doc_id)


def retry(db: Database, doc_id: int) -> bool:
    """Queue a failed print again, if its file is still there."""
    cursor = db.execute("UPDATE documents SET status = 'queued', error = NULL WHERE id = ? "
                        "AND status = 'failed' AND file_path IS NOT NULL", [doc_id])
    return cursor.rowcount == 1


def forget(db: Database, doc_id: int) -> None:
    """Delete the file and its thumbnail and keep only when that happened."""
    doc = get(db, doc_id)
    if doc is None or doc.deleted_at:
        return
    for path in (doc.file_path, doc.thumb_path):
        if path:
            Path(path).unlink(missing_ok=True)
    db.execute("UPDATE documents SET file_path = NULL, thumb_path = NULL, file_name = NULL, "
               "deleted_at = ? WHERE id = ?", [clock.iso(clock.now()), doc_id])


def purge(db: Database, folder: Path) -> int:
    """Expire unused links and delete every file older than 30 minutes; return files deleted."""
    now = clock.now()
    db.execute("UPDATE documents SET status = 'expired' WHERE status = 'waiting' "
               "AND expires_at <= ?", [clock.iso(now)])
    old = clock.iso(now - timedelta(minutes=KEEP_MINUTES))
    stale = [row[0] for row in db.execute(
        "SELECT id FROM documents WHERE deleted_at IS NULL AND uploaded_at IS NOT NULL "
        "AND uploaded_at <= ?", [old]).fetchall()]
    for doc_id in stale:
        db.execute("UPDATE documents SET status = 'expired' WHERE id = ? AND status IN "
                   "('ready', 'paying', 'queued', 'failed')", [doc_id])
        forget(db, doc_id)
    return len(stale) + _orphans(db, folder, now)


def _orphans(db: Database, folder: Path, now: datetime) -> int:
    """Files the database does not know (a crash between writing and recording) go too."""
    if not folder.exists():
        return 0
    known = {row[0] for row in db.execute(
        "SELECT file_path FROM documents WHERE file_path IS NOT NULL UNION "
        "SELECT thumb_path FROM documents WHERE thumb_path IS NOT NULL").fetchall()}
    removed = 0
    for path in folder.iterdir():
        age = now.timestamp() - path.stat().st_mtime
        if str(path) not in known and age > 60:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed += 1
    return removed


def recent(db: Database, limit: int = 20) -> list[Document]:
    """The newest documents (that got past the QR code), for the desk."""
    return _documents(db, "status NOT IN ('waiting', 'expired') OR uploaded_at IS NOT NULL "
                          "ORDER BY id DESC LIMIT ?", [limit])


def in_status(db: Database, status: str) -> list[Document]:
    """Documents in a status (queued for the A4 printer, printing), oldest first."""
    return _documents(db, "status = ? ORDER BY confirmed_at, id", [status])


def note_proof(db: Database, doc_id: int, job_id: int) -> None:
    """Remember the proof slip's print job, so the proof is printed once per document."""
    db.execute("UPDATE documents SET proof_job = ? WHERE id = ?", [job_id, doc_id])
