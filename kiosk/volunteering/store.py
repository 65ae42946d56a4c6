"""Offers to help "op maat": checking, storing, following up with a status log, and forgetting.

Contact details are kept only with the consent box ticked, and deleted a number of days after
the offer is closed (gestart or niet verder), like an idea's.
"""

import unicodedata
from datetime import datetime, timedelta

from sqlite_utils import Database

from kiosk import clock
from kiosk.db import immediate
from kiosk.forms import KEY_PATTERN, contact_errors, one_line, whole_number
from kiosk.volunteering.choices import CLOSED, STATUSES, TASKS, TIMES

FIELDS = ("other", "name", "phone", "email", "consent", "activity")
LISTS = ("tasks", "times")
MAX_OTHER = 200
MAX_NOTE = 200


class OfferError(ValueError):
    """Input that cannot be stored; `errors` maps each field to a code for its message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(", ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def clean(form) -> dict:
    """A draft from submitted fields: one line each, known codes only, the box as "1"."""
    draft = {name: unicodedata.normalize("NFC", one_line(form.get(name, ""))) for name in FIELDS}
    draft["consent"] = "1" if draft["consent"] in ("1", "on", "yes") else ""
    activity = whole_number(draft["activity"])
    draft["activity"] = str(activity) if activity else ""
    known = {"tasks": [t.code for t in TASKS], "times": TIMES}
    for name in LISTS:
        chosen = set(form.getlist(name)) if hasattr(form, "getlist") else set()
        draft[name] = [code for code in known[name] if code in chosen]
    return draft


def validate(draft: dict, steps=("what", "when", "contact")) -> dict[str, str]:
    """The problems with a draft in the given steps, as {field: code}; empty when all is well."""
    errors: dict[str, str] = {}
    if "what" in steps:
        if not draft["tasks"] and not draft["other"]:
            errors["tasks"] = "task-missing"
        elif len(draft["other"]) > MAX_OTHER:
            errors["other"] = "other-long"
    if "contact" in steps:
        errors.update(contact_errors(draft))
    return errors


def record_offer(db: Database, draft: dict, request_key: str,
                 language: str = "nl") -> tuple[dict, bool]:
    """Store the offer once per request key; returns (offer, created). Raises OfferError."""
    if not KEY_PATTERN.match(request_key or ""):
        raise OfferError({"key": "invalid-key"})
    errors = validate(draft)
    if errors:
        raise OfferError(errors)
    stamp, consent = clock.iso(clock.now()), bool(draft["consent"])
    with immediate(db):
        row = db.execute("SELECT id FROM volunteer_offers WHERE request_key = ?",
                         [request_key]).fetchone()
        if row:
            return get_offer(db, row[0]), False
        activity = draft["activity"] and db.execute(
            "SELECT id FROM activities WHERE id = ?", [int(draft["activity"])]).fetchone()
        offer_id = db["volunteer_offers"].insert({
            "created_at": stamp, "updated_at": stamp, "request_key": request_key,
            "language": language, "tasks": "+".join(draft["tasks"]), "other": draft["other"],
            "times": "+".join(draft["times"]), "activity_id": activity[0] if activity else None,
            "contact_name": draft["name"] if consent else "",
            "contact_phone": draft["phone"] if consent else "",
            "contact_email": draft["email"] if consent else "",
            "consent_at": stamp if consent else None}).last_pk
    return get_offer(db, offer_id), True


# The activity an offer is about, by its Dutch title (the desk's): the activities' own table.
_OFFER = ("SELECT o.*, a.title AS activity_title, a.texts AS activity_texts "
          "FROM volunteer_offers o LEFT JOIN activities a ON a.id = o.activity_id")


def get_offer(db: Database, offer_id: int) -> dict | None:
    """One offer (with the title of the activity it is about), or None."""
    rows = list(db.query(f"{_OFFER} WHERE o.id = ?", [offer_id]))  # noqa: S608
    return rows[0] if rows else None


def list_offers(db: Database, status: str = "") -> list[dict]:
    """Offers newest first, of one status or all."""
    return list(db.query(f"{_OFFER} WHERE (:status = '' OR o.status = :status) "  # noqa: S608
                         "ORDER BY o.id DESC", {"status": status}))


def change_status(db: Database, offer_id: int, status: str, note: str,
                  volunteer: dict | None) -> bool:
    """Move an offer to a status, logged with who, when and a note; False when nothing changed."""
    note = one_line(note)
    if status not in {s.code for s in STATUSES}:
        raise OfferError({"status": "status-unknown"})
    if len(note) > MAX_NOTE:
        raise OfferError({"note": "note-long"})
    now = clock.iso(clock.now())
    with immediate(db):
        old = db.execute("SELECT status, closed_at FROM volunteer_offers WHERE id = ?",
                         [offer_id]).fetchone()
        if old is None:
            raise OfferError({"offer": "not-found"})
        if old[0] == status and not note:
            return False
        closed_at = (old[1] or now) if status in CLOSED else None
        db.execute("UPDATE volunteer_offers SET status = ?, status_changed_at = ?, "
                   "closed_at = ?, updated_at = ? WHERE id = ?",
                   [status, now, closed_at, now, offer_id])
        db["volunteer_offer_log"].insert({
            "offer_id": offer_id, "at": now, "old_status": old[0], "new_status": status,
            "note": note, "volunteer_id": volunteer["id"] if volunteer else None,
            "volunteer_name": volunteer["name"] if volunteer else None})
    return True


def status_log(db: Database, offer_id: int) -> list[dict]:
    """An offer's status changes, oldest first."""
    return list(db.query("SELECT * FROM volunteer_offer_log WHERE offer_id = ? ORDER BY id",
                         [offer_id]))


def contact_due(offer: dict, now: datetime, retention_days: int) -> bool:
    """True when an offer's contact details are past their keeping time."""
    return bool(offer["closed_at"]) and (
        clock.parse(offer["closed_at"]) <= now - timedelta(days=retention_days))


def purge_contacts(db: Database, now: datetime, retention_days: int) -> int:
    """Delete the contact details of offers closed retention_days ago or longer; how many."""
    cursor = db.execute(
        """UPDATE volunteer_offers SET contact_name = '', contact_phone = '', contact_email = '',
                  contact_purged_at = ?, updated_at = ?
           WHERE closed_at IS NOT NULL AND closed_at <= ?
             AND (contact_name != '' OR contact_phone != '' OR contact_email != '')""",
        [clock.iso(now), clock.iso(now), clock.iso(now - timedelta(days=retention_days))])
    return cursor.rowcount


def activity_title(db: Database, activity: str, language: str) -> str:
    """The title of the activity an offer is about, in a language (Dutch where it has none)."""
    if not activity:
        return ""
    row = db.execute(
        "SELECT coalesce(nullif(json_extract(texts, '$.' || ? || '.title'), ''), title) "
        "FROM activities WHERE id = ?", [language, int(activity)]).fetchone()
    return row[0] if row else ""
