"""Activities and offers when things go wrong: a crash between a record and its slip, a printer
that fails, a second tap at the desk, a sign-up of another activity."""

from datetime import UTC, date, datetime

import pytest

from kiosk import clock
from kiosk.db import connect
from printer import queue
from tests.helpers import add_volunteer, audit_actions, log_in
from tests.web.activity_data import HX, add, fields, rows, sign_up

T0 = datetime(2026, 10, 12, 8, 0, tzinfo=UTC)  # Monday 12 October 2026


class Crash(Exception):
    """The power goes between storing and queueing the slip."""


def _crash(*args, **kwargs):
    raise Crash


@pytest.fixture(autouse=True)
def now(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: T0)


@pytest.fixture
def desk(app):
    """A second client, logged in at the desk as Anna (the visitor's client stays a visitor)."""
    client = app.test_client()
    log_in(client, add_volunteer(app))
    page = client.get("/desk/activities").get_data(as_text=True)
    client.environ_base["HTTP_X_CSRFTOKEN"] = page.split('name="csrf-token" content="')[1].split(
        '"')[0]
    return client


def _state(app) -> list:
    return rows(app, "SELECT (SELECT count(*) FROM activity_signups), "
                     "(SELECT count(*) FROM volunteer_offers), (SELECT count(*) FROM print_jobs)")


def test_sign_up_crash_before_its_slip_stores_nothing_and_the_retry_one(app, client,
                                                                       monkeypatch):
    activity = add(app, day=date(2026, 10, 20), capacity=1)
    form = {**fields(client.get(f"/activities/{activity}").get_data(as_text=True)),
            "name": "Mia", "go": "send"}
    monkeypatch.setattr("printer.queue.enqueue", _crash)
    with pytest.raises(Crash):
        client.post(f"/activities/{activity}", data=form, headers=HX)
    assert _state(app) == [(0, 0, 0)]  # and the last place is still free
    monkeypatch.undo()
    monkeypatch.setattr(clock, "now", lambda: T0)
    assert client.post(f"/activities/{activity}", data=form, headers=HX).status_code == 200
    assert _state(app) == [(1, 0, 1)]


def test_offer_crash_before_its_slip_stores_nothing_and_the_retry_one(app, client,
                                                                     monkeypatch):
    page = client.get("/volunteer").get_data(as_text=True)
    page = client.post("/volunteer/what", data={**fields(page), "tasks": "koffie"},
                       headers=HX).get_data(as_text=True)
    page = client.post("/volunteer/when", data=fields(page), headers=HX).get_data(as_text=True)
    form = fields(page)
    monkeypatch.setattr("printer.queue.enqueue", _crash)
    with pytest.raises(Crash):
        client.post("/volunteer/send", data=form, headers=HX)
    assert _state(app) == [(0, 0, 0)]
    monkeypatch.undo()
    assert client.post("/volunteer/send", data=form, headers=HX).status_code == 200
    assert client.post("/volunteer/send", data=form, headers=HX).status_code == 200  # twice
    assert _state(app) == [(0, 1, 1)]


def test_sign_up_stands_when_the_printer_fails_and_the_visitor_is_told_to_ask(app, client):
    activity = add(app, day=date(2026, 10, 20), capacity=3)
    assert sign_up(client, activity, people="2").status_code == 200
    db = connect(app.config["DATABASE"])
    try:
        job = queue.claim_next(db)
        assert queue.mark_failed(db, job.id, "no paper", retry=False) == "failed"
    finally:
        db.close()
    thanks = client.get("/activities/bedankt").get_data(as_text=True)
    assert 'data-status="failed"' in thanks and "Vraag het aan een vrijwilliger" in thanks
    assert 'data-signup-number>1<' in thanks
    assert "Nog 1 plaats vrij" in client.get("/activities").get_data(as_text=True)


def test_desk_second_taps_change_nothing_twice(app, client, desk):
    activity = add(app, day=date(2026, 10, 20), capacity=4)
    other = add(app, day=date(2026, 10, 21), title="Samen koken", kind="koken")
    sign_up(client, activity, name="Mia", people="2")
    assert desk.post(f"/desk/activities/{other}/signups/1/cancel",
                     headers=HX).status_code == 200  # Mia's sign-up is not of this activity
    assert rows(app, "SELECT cancelled_at FROM activity_signups") == [(None,)]
    for _ in range(2):
        desk.post(f"/desk/activities/{activity}/signups/1/cancel", headers=HX)
        desk.post(f"/desk/activities/{activity}/cancel", data={"reason": "Ziek"}, headers=HX)
    actions = [action for _, action, _ in audit_actions(app)]
    assert actions.count("signup-cancel") == 1 and actions.count("activity-cancel") == 1


def test_desk_repeating_twice_or_further_adds_only_the_missing_weeks(app, desk):
    activity = add(app, day=date(2026, 10, 20))
    for until in ("2026-11-03", "2026-11-03", "2026-11-10"):
        response = desk.post(f"/desk/activities/{activity}/repeat", data={"until": until},
                             headers=HX)
        assert response.status_code == 200
    days = [row[0][:10] for row in rows(app, "SELECT starts_at FROM activities ORDER BY 1")]
    assert days == ["2026-10-20", "2026-10-27", "2026-11-03", "2026-11-10"]
    repeats = [words for _, action, words in audit_actions(app) if action == "activity-repeat"]
    assert repeats == ["Fietsherstel, 2 keer", "Fietsherstel, 1 keer"]
