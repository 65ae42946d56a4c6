"""Ideas and reports from neighbours: checking, storing, following up, showing and forgetting.

Plain functions on a sqlite-utils Database. Whatever a visitor types is stored as text as typed
(markup included); templates escape it when it is shown.
"""

import re
import unicodedata
from datetime import datetime, timedelta

from sqlite_utils import Database

from kiosk import clock
from kiosk.db import immediate
from kiosk.forms import KEY_PATTERN, contact_errors, phone_ok  # noqa: F401 (phone_ok: ideas' API)
from kiosk.ideas.choices import CLOSED, KINDS, STATUSES, THEMES

FIELDS = ("kind", "theme", "text", "place", "name", "phone", "email", "consent")
LIMITS = {"place": 200, "reason": 200, "note": 2000}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class IdeaError(ValueError):
    """Input that cannot be stored; `errors` maps each field to a code for its message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(", ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def clean(form) -> dict[str, str]:
    """A draft from submitted fields: every field present, trimmed, control characters gone."""
    draft = {}
    for name in FIELDS:
        value = unicodedata.normalize("NFC", str(form.get(name, "") or ""))
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        if name != "text":
            value = " ".join(value.split())
        draft[name] = _CONTROL.sub("", value).strip()
    draft["consent"] = "1" if draft["consent"] in ("1", "on", "yes") else ""
    return draft


def validate(draft: dict, steps=("kind", "theme", "text", "place", "contact"),
             max_chars: int = 2000) -> dict[str, str]:
    """The problems with a draft in the given steps, as {field: code}; empty when all is well."""
    errors: dict[str, str] = {}
    if "kind" in steps and draft.get("kind") not in {k.code for k in KINDS}:
        errors["kind"] = "kind-missing"
    if "theme" in steps and draft.get("theme") not in {t.code for t in THEMES}:
        errors["theme"] = "theme-missing"
    if "text" in steps:
        if not draft.get("text"):
            errors["text"] = "text-empty"
        elif len(draft["text"]) > max_chars:
            errors["text"] = "text-long"
    if "place" in steps and len(draft.get("place", "")) > LIMITS["place"]:
        errors["place"] = "place-long"
    if "contact" in steps:
        errors.update(contact_errors(draft))
    return errors


def record_idea(db: Database, draft: dict, request_key: str, language: str = "nl",
                max_chars: int = 2000) -> tuple[dict, bool]:
    """Store the idea once per request key; returns (idea, created). Raises IdeaError."""
    if not KEY_PATTERN.match(request_key or ""):
        raise IdeaError({"key": "invalid-key"})
    errors = validate(draft, max_chars=max_chars)
    if errors:
        raise IdeaError(errors)
    stamp = clock.iso(clock.now())
    consent = bool(draft["consent"])
    with immediate(db):
        row = db.execute("SELECT id FROM ideas WHERE request_key = ?", [request_key]).fetchone()
        if row:
            return get_idea(db, row[0]), False
        idea_id = db["ideas"].insert({
            "created_at": stamp, "updated_at": stamp, "request_key": request_key,
            "language": language, "kind": draft["kind"], "theme": draft["theme"],
            "text": draft["text"], "place": draft.get("place", ""),
            "contact_name": draft.get("name", "") if consent else "",
            "contact_phone": draft.get("phone", "") if consent else "",
            "contact_email": draft.get("email", "") if consent else "",
            "consent_at": stamp if consent else None, "public_text": draft["text"],
        }).last_pk
    return get_idea(db, idea_id), True


def get_idea(db: Database, idea_id: int) -> dict | None:
    """One idea with its "ik ook" count, or None."""
    rows = list(db.query(
        "SELECT ideas.*, (SELECT count(*) FROM idea_votes WHERE idea_id = ideas.id) AS votes "
        "FROM ideas WHERE id = ?", [idea_id]))
    return rows[0] if rows else None


def list_ideas(db: Database, status: str = "", theme: str = "", since: str = "",
               limit: int = 500) -> list[dict]:
    """Ideas newest first, filtered by status, theme and a UTC ISO moment they are newer than."""
    return list(db.query(
        """SELECT ideas.*, (SELECT count(*) FROM idea_votes WHERE idea_id = ideas.id) AS votes
           FROM ideas
           WHERE (:status = '' OR status = :status) AND (:theme = '' OR theme = :theme)
             AND (:since = '' OR created_at >= :since)
           ORDER BY id DESC LIMIT :limit""",
        {"status": status, "theme": theme, "since": since, "limit": limit}))


def public_ideas(db: Database, voter: str = "", limit: int = 60) -> list[dict]:
    """Public ideas, latest news first, with their count and whether this voter already joined."""
    return list(db.query(
        """SELECT id, kind, theme, public_text, status, status_reason, created_at,
                  (SELECT count(*) FROM idea_votes WHERE idea_id = ideas.id) AS votes,
                  EXISTS (SELECT 1 FROM idea_votes WHERE idea_id = ideas.id AND voter = ?) AS voted
           FROM ideas WHERE public = 1
           ORDER BY coalesce(status_changed_at, created_at) DESC, id DESC LIMIT ?""",
        [voter, limit]))


def vote(db: Database, idea_id: int, voter: str) -> bool:
    """Add one "ik ook" to a public idea; False when this voter already did, or it is not public."""
    if not voter:
        return False
    cursor = db.execute(
        "INSERT OR IGNORE INTO idea_votes (idea_id, voter, at) "
        "SELECT id, ?, ? FROM ideas WHERE id = ? AND public = 1",
        [voter, clock.iso(clock.now()), idea_id])
    return cursor.rowcount == 1


def change_status(db: Database, idea_id: int, status: str, reason: str,
                  volunteer: dict | None) -> bool:
    """Move an idea to a status, logged with who and when; False when nothing changed."""
    reason = " ".join(reason.split())
    errors = {}
    if status not in {s.code for s in STATUSES}:
        errors["status"] = "status-unknown"
    elif status == "niet_mogelijk" and not reason:
        errors["reason"] = "reason-missing"
    if len(reason) > LIMITS["reason"]:
        errors["reason"] = "reason-long"
    if errors:
        raise IdeaError(errors)
    now = clock.iso(clock.now())
    with immediate(db):
        old = db.execute("SELECT status, status_reason, closed_at FROM ideas WHERE id = ?",
                         [idea_id]).fetchone()
        if old is None:
            raise IdeaError({"idea": "not-found"})
        if (old[0], old[1]) == (status, reason):
            return False
        closed_at = (old[2] or now) if status in CLOSED else None
        db.execute("UPDATE ideas SET status = ?, status_reason = ?, status_changed_at = ?, "
                   "closed_at = ?, updated_at = ? WHERE id = ?",
                   [status, reason, now, closed_at, now, idea_id])
        db["idea_status_log"].insert({
            "idea_id": idea_id, "at": now, "old_status": old[0], "new_status": status,
            "reason": reason, **_who(volunteer)})
    return True


def status_log(db: Database, idea_id: int) -> list[dict]:
    """An idea's status changes, oldest first."""
    return list(db.query("SELECT * FROM idea_status_log WHERE idea_id = ? ORDER BY id",
                         [idea_id]))


def add_note(db: Database, idea_id: int, text: str, volunteer: dict | None) -> int:
    """Add an internal note (never shown to visitors); returns its id."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n")).strip()
    if not text:
        raise IdeaError({"note": "note-empty"})
    if len(text) > LIMITS["note"]:
        raise IdeaError({"note": "note-long"})
    now = clock.iso(clock.now())
    with db.atomic():
        db.execute("UPDATE ideas SET updated_at = ? WHERE id = ?", [now, idea_id])
        return db["idea_notes"].insert({"idea_id": idea_id, "at": now, "text": text,
                                        **_who(volunteer)}).last_pk


def notes(db: Database, idea_id: int) -> list[dict]:
    """An idea's internal notes, oldest first."""
    return list(db.query("SELECT * FROM idea_notes WHERE idea_id = ? ORDER BY id", [idea_id]))


def set_public(db: Database, idea_id: int, public: bool, public_text: str,
               max_chars: int = 2000) -> None:
    """Show an idea on the wall with the text the volunteer chose, or take it off the wall."""
    public_text = _CONTROL.sub("", public_text.replace("\r\n", "\n")).strip()
    if public and not public_text:
        raise IdeaError({"public_text": "public-text-empty"})
    if len(public_text) > max_chars:
        raise IdeaError({"public_text": "text-long"})
    db.execute("UPDATE ideas SET public = ?, public_text = ?, updated_at = ? WHERE id = ?",
               [int(public), public_text, clock.iso(clock.now()), idea_id])


def contact_due(idea: dict, now: datetime, retention_days: int) -> bool:
    """True when an idea's contact details are past their keeping time."""
    return bool(idea["closed_at"]) and (
        clock.parse(idea["closed_at"]) <= now - timedelta(days=retention_days))


def purge_contacts(db: Database, now: datetime | None = None, retention_days: int = 90) -> int:
    """Delete the contact details of ideas closed retention_days ago or longer; returns how many."""
    now = now or clock.now()
    cutoff = clock.iso(now - timedelta(days=retention_days))
    cursor = db.execute(
        """UPDATE ideas SET contact_name = '', contact_phone = '', contact_email = '',
                  contact_purged_at = ?, updated_at = ?
           WHERE closed_at IS NOT NULL AND closed_at <= ?
             AND (contact_name != '' OR contact_phone != '' OR contact_email != '')""",
        [clock.iso(now), clock.iso(now), cutoff])
    return cursor.rowcount


def _who(volunteer: dict | None) -> dict:
    return {"volunteer_id": volunteer["id"] if volunteer else None,
            "volunteer_name": volunteer["name"] if volunteer else None}
