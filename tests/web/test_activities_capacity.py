"""The last place, taken by two visitors at the same moment: one gets it, the other is told why."""

import threading
import uuid
from datetime import UTC, datetime

import pytest

from kiosk import clock
from kiosk.activities import signups
from kiosk.activities.store import ActivityError
from kiosk.db import connect
from tests.web.activity_data import HX, add, fields, rows

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def now(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: T0)


def _at_once(count: int, work) -> list:
    """Run work(i) on `count` threads that start together; their results (or errors)."""
    start, results = threading.Barrier(count), [None] * count

    def run(i):
        start.wait()
        try:
            results[i] = work(i)
        except Exception as error:  # noqa: BLE001 - the error is the result we look at
            results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_capacity_two_connections_for_the_last_place_one_wins(app):
    activity = add(app, capacity=3)
    db = connect(app.config["DATABASE"])
    draft = {"name": "Eerst", "phone": "", "consent": ""}
    signups.sign_up(db, activity, draft, 2, uuid.uuid4().hex)  # one place left
    db.close()

    def take(i):
        own = connect(app.config["DATABASE"])  # each visitor's request has its own connection
        try:
            return signups.sign_up(own, activity, {**draft, "name": f"Buur {i}"}, 1,
                                   uuid.uuid4().hex)
        finally:
            own.close()

    results = _at_once(4, take)
    won = [r for r in results if isinstance(r, tuple)]
    lost = [r for r in results if isinstance(r, ActivityError)]
    assert len(won) == 1 and len(lost) == 3, results
    assert {error.code for error in lost} == {"full"}
    assert rows(app, "SELECT sum(people), count(*) FROM activity_signups") == [(3, 2)]


def test_capacity_two_visitors_tap_for_the_last_place_through_the_kiosk(app):
    activity = add(app, capacity=1)
    clients = [app.test_client() for _ in range(2)]
    forms = [fields(c.get(f"/activities/{activity}").get_data(as_text=True)) for c in clients]

    def tap(i):
        data = {**forms[i], "name": f"Buur {i}", "go": "send"}
        response = clients[i].post(f"/activities/{activity}", data=data, headers=HX)
        return response.status_code, response.get_data(as_text=True)

    results = _at_once(2, tap)
    assert sorted(status for status, _ in results) == [200, 409]
    refused = next(page for status, page in results if status == 409)
    assert "Sorry, de laatste plaats is net weg. Deze activiteit is nu volzet." in refused
    assert rows(app, "SELECT count(*) FROM activity_signups") == [(1,)]
    assert rows(app, "SELECT count(*) FROM print_jobs") == [(1,)]  # one slip, the winner's
