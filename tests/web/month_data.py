"""A kiosk with a month of varied data, stored through each feature's own functions.

Visits (reasons and languages), sales through the journal, help tickets called and done, ideas
with statuses, rights shown and referrals: what a month's report and the city view count.
"""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from kiosk import clock, create_app
from kiosk.db import connect, migrate
from kiosk.help import store as help_store
from kiosk.ideas import store as ideas_store
from kiosk.info import store as info_store
from kiosk.rights import store as rights_store
from sales import Payment, open_session, record_intake, record_sale

ZONE = "Europe/Brussels"
START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # a Monday; every moment below is in November


def key() -> str:
    return uuid.uuid4().hex


def _visits(db, visits: list[tuple[int, str, str]]) -> None:
    """(day offset, language, reasons joined by +), at 09:00 + the day offset's hour."""
    for n, (day, language, reasons) in enumerate(visits):
        moment = START + timedelta(days=day, hours=1 + n % 8)
        # As kiosk.visits.record_visit writes them, at a moment of our choosing.
        visit_id = db.execute(
            "INSERT INTO visits (created_at, language, source, request_key) VALUES (?, ?, ?, ?)",
            [clock.iso(moment), language, "kiosk", key()]).lastrowid
        db.conn.executemany("INSERT INTO visit_reasons (visit_id, reason) VALUES (?, ?)",
                            [(visit_id, reason) for reason in reasons.split("+")])
    db.conn.commit()


def _sales(db, kiosk_id: str, baskets: list[dict]) -> None:
    open_session(db, 5000, "Els", now=START)
    for code in ("REST30", "REST60", "PMD"):
        record_intake(db, code, rolls=5, volunteer="Els", now=START)
    for n, basket in enumerate(baskets):
        record_sale(db, basket, Payment("bancontact_qr"), "Els", key(), kiosk_id,
                    now=START + timedelta(days=n, hours=2))


def _tickets(db, kiosk_id: str, tickets: list[tuple[str, int]]) -> None:
    """(topic, minutes waited), each taken, called and done with an outcome."""
    for n, (topic, minutes) in enumerate(tickets):
        taken = START + timedelta(days=n % 5, hours=1, minutes=n)
        ticket, _ = help_store.take(db, kiosk=kiosk_id, topic=topic, language="nl",
                                    source="kiosk", request_key=key(), token=key(), now=taken,
                                    zone=ZONE)
        called = taken + timedelta(minutes=minutes)
        help_store.move(db, ticket["id"], "call", volunteer=None, now=called)
        help_store.move(db, ticket["id"], "done", volunteer=None, outcome="geholpen",
                        now=called + timedelta(minutes=3))


def _ideas(db, ideas: list[tuple[str, str]]) -> None:
    """(theme, status), each an idea written at the kiosk, then moved by the desk."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock, "now", lambda: START + timedelta(days=3))
        for theme, status in ideas:
            draft = ideas_store.clean({"kind": "idee", "theme": theme, "text": "Een bank."})
            idea, _ = ideas_store.record_idea(db, draft, key())
            if status != "nieuw":
                ideas_store.change_status(db, idea["id"], status, "Bekeken.", None)


def make_kiosk(tmp_path, kiosk_id: str, plan: dict):
    """A kiosk KIOSK_ID (its own instance folder) with PLAN's month of data stored."""
    app = create_app({"INSTANCE_PATH": str(tmp_path / kiosk_id), "TESTING": True,
                      "KIOSK_ID": kiosk_id, "BUURTPUNT_NAME": f"Buurtpunt {kiosk_id}"})
    db = connect(app.config["DATABASE"])
    migrate(db)
    _visits(db, plan["visits"])
    _sales(db, kiosk_id, plan["baskets"])
    _tickets(db, kiosk_id, plan["tickets"])
    _ideas(db, plan["ideas"])
    day = START.date() + timedelta(days=4)
    for code in plan["rights"]:
        rights_store.count_shown(db, [code], key(), day)
    for partner in plan["referrals"]:
        info_store.record_referral(db, partner, info_store.REASON_CODES[0], key(), day)
    db.close()
    return app
