"""Volunteers' shifts: one open at a time, hours across midnight, closed at closing time."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from kiosk import volunteers
from kiosk.shifts import store
from printer.dbtools import connect
from tests.helpers import in_threads

ZONE = "Europe/Brussels"
BRUSSELS = ZoneInfo(ZONE)
CLOSING = time(17, 0)
NOW = datetime(2026, 3, 13, 12, 0, tzinfo=UTC)


def at(day: str, clock: str) -> datetime:
    """A Brussels wall-clock moment."""
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=BRUSSELS)


@pytest.fixture
def anna(fresh_db):
    volunteers.set_pin(fresh_db, "Anna Peeters", "2468")
    return next(v for v in volunteers.active(fresh_db) if v["name"] == "Anna Peeters")


def test_shifts_start_twice_keeps_one_shift_and_stop_ends_it(fresh_db, anna):
    first, created = store.start(fresh_db, anna, at("2026-03-12", "09:00"))
    again, created_again = store.start(fresh_db, anna, at("2026-03-12", "09:00:01"))
    assert (created, created_again, again["id"]) == (True, False, first["id"])
    assert [s["volunteer_name"] for s in store.on_duty(fresh_db)] == ["Anna Peeters"]
    ended = store.stop(fresh_db, anna["id"], at("2026-03-12", "12:15"))
    assert store.seconds(ended) == 3 * 3600 + 15 * 60
    assert store.stop(fresh_db, anna["id"], at("2026-03-12", "12:16")) is None
    assert store.on_duty(fresh_db) == []


def test_shifts_hours_are_summed_across_midnight(fresh_db, anna):
    store.start(fresh_db, anna, at("2026-03-12", "22:00"))
    store.stop(fresh_db, anna["id"], at("2026-03-13", "02:30"))
    store.start(fresh_db, anna, at("2026-03-20", "09:00"))
    store.stop(fresh_db, anna["id"], at("2026-03-20", "10:00"))
    march = store.hours(fresh_db, at("2026-03-01", "00:00"), at("2026-04-01", "00:00"))
    assert [(r["name"], r["shifts"], store.hours_text(r["seconds"])) for r in march] == [
        ("Anna Peeters", 2, "5:30")]


def test_shifts_a_night_at_the_end_of_a_month_counts_in_the_month_it_started(fresh_db, anna):
    store.start(fresh_db, anna, at("2026-01-31", "22:00"))
    store.stop(fresh_db, anna["id"], at("2026-02-01", "01:00"))
    january = store.hours(fresh_db, at("2026-01-01", "00:00"), at("2026-02-01", "00:00"))
    february = store.hours(fresh_db, at("2026-02-01", "00:00"), at("2026-03-01", "00:00"))
    assert [store.hours_text(r["seconds"]) for r in january] == ["3:00"] and february == []


def test_shifts_an_open_shift_closes_itself_at_closing_time_with_a_flag(fresh_db, anna):
    store.start(fresh_db, anna, at("2026-03-12", "09:00"))
    assert store.close_overdue(fresh_db, at("2026-03-12", "16:59"), CLOSING, ZONE) == []
    closed = store.close_overdue(fresh_db, at("2026-03-12", "19:30"), CLOSING, ZONE)
    assert [(c["auto_closed"], store.hours_text(store.seconds(c))) for c in closed] == [(1, "8:00")]
    assert [s["id"] for s in store.flagged(fresh_db, anna["id"])] == [closed[0]["id"]]
    assert store.check(fresh_db, closed[0]["id"], at("2026-03-13", "09:00"))
    assert store.flagged(fresh_db) == [] and not store.check(fresh_db, closed[0]["id"], NOW)


def test_shifts_one_started_after_closing_time_runs_until_the_next_closing_time(fresh_db, anna):
    store.start(fresh_db, anna, at("2026-03-12", "18:30"))
    assert store.deadline(store.on_duty(fresh_db)[0]["started_at"], CLOSING, ZONE) == \
        at("2026-03-13", "17:00")
    assert store.close_overdue(fresh_db, at("2026-03-13", "01:00"), CLOSING, ZONE) == []


def test_shifts_parallel_starts_open_one_shift(db_path, fresh_db, anna):
    def tap():
        db = connect(db_path)
        try:
            store.start(db, anna, datetime.now(UTC))
        finally:
            db.close()

    assert in_threads(tap, 8) == []
    assert fresh_db.execute("SELECT count(*) FROM shifts").fetchone()[0] == 1


@pytest.mark.parametrize("text", ["17", "5pm", "25:00", "17:99", ""])
def test_shifts_a_bad_closing_time_is_named(text):
    with pytest.raises(ValueError, match="SHIFTS_CLOSING_TIME"):
        store.closing_time(text)


def test_shifts_hours_text():
    assert [store.hours_text(s) for s in (0, 59, 3600, 12600, 45 * 3600 + 5 * 60)] == [
        "0:00", "0:01", "1:00", "3:30", "45:05"]


def test_shifts_a_stop_before_the_start_counts_zero(fresh_db, anna):
    store.start(fresh_db, anna, at("2026-03-12", "09:00"))
    ended = store.stop(fresh_db, anna["id"], at("2026-03-12", "08:00"))  # a clock set back
    assert store.seconds(ended) == 0
    assert store.get(fresh_db, ended["id"])["ended_at"] >= ended["started_at"]
