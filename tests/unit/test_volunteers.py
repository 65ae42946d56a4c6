"""Volunteers' PINs: memory-hard hashes, obvious PINs refused, a lockout that survives restarts."""

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from kiosk import clock, volunteers
from kiosk.db import connect, migrate
from tests.helpers import CountingHasher


@pytest.fixture
def frozen(monkeypatch):
    """A clock that only moves when the test says so."""
    moment = [clock.now()]
    monkeypatch.setattr(clock, "now", lambda: moment[0])
    return moment


def _id(db, name="Jan"):
    return db.execute("SELECT id FROM volunteers WHERE name = ?", [name]).fetchone()[0]


def test_pin_is_stored_as_an_argon2id_hash(fresh_db):
    assert volunteers.set_pin(fresh_db, "Jan", "4826") is True
    stored = fresh_db.execute("SELECT pin_hash FROM volunteers").fetchone()[0]
    assert stored.startswith("$argon2id$")
    assert "4826" not in stored


@pytest.mark.parametrize("pin", ["0000", "1111", "1234", "4321", "123456", "2580", "98765",
                                 "12", "123456789", "12a4", "", "abcd"])
def test_obvious_or_malformed_pins_are_refused(fresh_db, pin):
    with pytest.raises(volunteers.PinError):
        volunteers.set_pin(fresh_db, "Jan", pin)
    assert fresh_db.execute("SELECT count(*) FROM volunteers").fetchone()[0] == 0


def test_set_pin_again_changes_the_pin_for_the_same_name(fresh_db):
    volunteers.set_pin(fresh_db, "Jan", "4826")
    assert volunteers.set_pin(fresh_db, "jan", "7391") is False
    volunteer_id = _id(fresh_db)
    assert volunteers.check_pin(fresh_db, volunteer_id, "7391", 5, 30).ok
    assert not volunteers.check_pin(fresh_db, volunteer_id, "4826", 5, 30).ok


def test_wrong_pins_lock_the_volunteer_after_five_tries(fresh_db, frozen):
    volunteers.set_pin(fresh_db, "Jan", "4826")
    vid = _id(fresh_db)
    results = [volunteers.check_pin(fresh_db, vid, "9999", 5, 30) for _ in range(5)]
    assert [r.tries_left for r in results[:4]] == [4, 3, 2, 1]
    assert results[4].locked_seconds == 30 and results[4].just_locked
    locked = volunteers.check_pin(fresh_db, vid, "4826", 5, 30)
    assert not locked.ok and locked.locked_seconds == 30 and not locked.just_locked


def test_lockout_grows_each_time(fresh_db, frozen):
    volunteers.set_pin(fresh_db, "Jan", "4826")
    vid = _id(fresh_db)
    seconds = []
    for _ in range(3):
        for _ in range(5):
            result = volunteers.check_pin(fresh_db, vid, "9999", 5, 30)
        seconds.append(result.locked_seconds)
        frozen[0] += timedelta(seconds=result.locked_seconds + 1)
    assert seconds == [30, 60, 120]
    assert volunteers.check_pin(fresh_db, vid, "4826", 5, 30).ok
    for _ in range(5):
        result = volunteers.check_pin(fresh_db, vid, "9999", 5, 30)
    assert result.locked_seconds == 30


def test_lockout_survives_a_restart(tmp_path, frozen):
    path = str(tmp_path / "kiosk.db")
    db = connect(path)
    migrate(db)
    volunteers.set_pin(db, "Jan", "4826")
    vid = _id(db)
    for _ in range(4):
        volunteers.check_pin(db, vid, "9999", 5, 30)
    db.close()
    db = connect(path)  # a new process would open a new connection
    assert volunteers.check_pin(db, vid, "9999", 5, 30).locked_seconds == 30
    db.close()


def test_lockout_ends_after_its_time(fresh_db, frozen):
    volunteers.set_pin(fresh_db, "Jan", "4826")
    vid = _id(fresh_db)
    for _ in range(5):
        volunteers.check_pin(fresh_db, vid, "9999", 5, 30)
    frozen[0] += timedelta(seconds=29)
    assert volunteers.check_pin(fresh_db, vid, "4826", 5, 30).locked_seconds == 1
    frozen[0] += timedelta(seconds=2)
    assert volunteers.check_pin(fresh_db, vid, "4826", 5, 30).ok


def test_new_pin_unlocks(fresh_db, frozen):
    volunteers.set_pin(fresh_db, "Jan", "4826")
    vid = _id(fresh_db)
    for _ in range(5):
        volunteers.check_pin(fresh_db, vid, "9999", 5, 30)
    volunteers.set_pin(fresh_db, "Jan", "7391")
    assert volunteers.check_pin(fresh_db, vid, "7391", 5, 30).ok


def test_the_right_pin_on_the_last_try_still_opens(fresh_db, frozen):
    volunteers.set_pin(fresh_db, "Jan", "4826")
    vid = _id(fresh_db)
    for _ in range(4):
        volunteers.check_pin(fresh_db, vid, "9999", 5, 30)
    assert volunteers.check_pin(fresh_db, vid, "4826", 5, 30).ok
    assert volunteers.check_pin(fresh_db, vid, "9999", 5, 30).tries_left == 4


def test_parallel_guesses_on_separate_connections_get_max_tries_checks(tmp_path, monkeypatch):
    """Each thread has its own connection, as separate processes would."""
    path = str(tmp_path / "kiosk.db")
    with contextlib.closing(connect(path)) as db:
        migrate(db)
        volunteers.set_pin(db, "Jan", "4826")
        vid = _id(db)
    counter = CountingHasher(volunteers.HASHER)
    monkeypatch.setattr(volunteers, "HASHER", counter)
    start = threading.Barrier(40)

    def guess(pin):
        with contextlib.closing(connect(path)) as db:
            start.wait()
            return volunteers.check_pin(db, vid, pin, 5, 30)

    with ThreadPoolExecutor(40) as pool:
        results = list(pool.map(guess, ["9999"] * 40))
    assert counter.verified == 5
    assert sum(r.just_locked for r in results) == 1
    assert sum(r.tries_left > 0 for r in results) == 4
    assert all(not r.ok for r in results)
    with contextlib.closing(connect(path)) as db:
        assert volunteers.check_pin(db, vid, "4826", 5, 30).locked_seconds > 0
    assert counter.verified == 5
