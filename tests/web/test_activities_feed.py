"""The calendar feed (/activities.ics), read back by a real parser, and activities.csv."""

import csv
from datetime import UTC, date, datetime, time

import pytest
from icalendar import Calendar

from kiosk import clock
from kiosk.activities import store
from kiosk.db import connect
from tests.web.activity_data import add, sign_up

T0 = datetime(2026, 10, 12, 8, 0, tzinfo=UTC)
LAN = {"REMOTE_ADDR": "192.168.1.23"}


@pytest.fixture(autouse=True)
def now(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: T0)


def _calendar(client, **kwargs) -> Calendar:
    response = client.get("/activities.ics", **kwargs)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    return Calendar.from_ical(response.data)


def test_feed_is_a_valid_calendar_with_each_activity_at_its_time(app, client):
    add(app, title="Samen tuinieren", day=date(2026, 10, 20), until=date(2026, 10, 27),
        outside=True, place="Moestuin Kerkplein", bring="Handschoenen", cost_cents=150)
    add(app, title="Buurtfeest", day=date(2026, 10, 24), start=time(16, 0), capacity=None)
    cal = _calendar(client)
    assert cal["VERSION"] == "2.0" and "Buurtpunt kiosk" in str(cal["PRODID"])
    events = sorted(cal.walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))
    assert [str(e["SUMMARY"]) for e in events] == ["Samen tuinieren", "Buurtfeest",
                                                  "Samen tuinieren"]
    assert [e.decoded("DTSTART") for e in events] == [
        datetime(2026, 10, 20, 12, 0, tzinfo=UTC), datetime(2026, 10, 24, 14, 0, tzinfo=UTC),
        datetime(2026, 10, 27, 13, 0, tzinfo=UTC)]  # 14:00 in Brussels before and after
    assert events[0].decoded("DTEND") == datetime(2026, 10, 20, 14, 0, tzinfo=UTC)
    assert str(events[0]["LOCATION"]) == "Moestuin Kerkplein"
    assert str(events[1]["LOCATION"]).startswith("Buurtpunt Dendermonde")
    assert "Breng mee: Handschoenen" in str(events[0]["DESCRIPTION"])
    assert "€ 1,50" in str(events[0]["DESCRIPTION"]) and "Vrij binnen" in str(
        events[1]["DESCRIPTION"])
    assert len({str(e["UID"]) for e in events}) == 3
    assert all(str(e["STATUS"]) == "CONFIRMED" for e in events)


def test_feed_keeps_a_cancelled_activity_as_cancelled_and_never_names_anyone(app, client):
    activity = add(app, title="Fietsherstel", day=date(2026, 10, 20))
    sign_up(client, activity, name="Mia Peeters", phone="0470 12 34 56", consent="1")
    db = connect(app.config["DATABASE"])
    store.cancel(db, activity, "De begeleider is ziek")
    db.close()
    body = client.get("/activities.ics").get_data(as_text=True)
    assert "Mia" not in body and "0470" not in body
    (event,) = Calendar.from_ical(body).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1
    assert "Afgelast: De begeleider is ziek" in str(event["DESCRIPTION"])


def test_feed_answers_the_lan_where_the_kiosk_screen_does_not(app, client):
    add(app, day=date(2026, 10, 20))
    assert len(_calendar(client, environ_base=LAN).walk("VEVENT")) == 1
    assert client.get("/activities", environ_base=LAN).status_code == 403
    assert client.get("/activities/1", environ_base=LAN).status_code == 403


def test_export_writes_activities_with_counts_and_no_names(app, client, runner, tmp_path):
    activity = add(app, title="Fietsherstel", day=date(2026, 10, 20), capacity=6)
    add(app, title="Volgende maand", day=date(2026, 11, 3))
    sign_up(client, activity, name="Mia Peeters", people="2", phone="0470 12 34 56",
            consent="1")
    sign_up(client, activity, name="Ahmed")
    db = connect(app.config["DATABASE"])
    store.set_attended(db, activity, 4)
    db.close()
    result = runner.invoke(args=["export", "--month", "2026-10", "--out", str(tmp_path)])
    assert result.exit_code == 0 and "activities.csv (1 activiteiten)" in result.output
    text = (tmp_path / "activities.csv").read_text(encoding="utf-8")
    assert "Mia" not in text and "Ahmed" not in text and "0470" not in text
    (row,) = list(csv.DictReader(text.splitlines()))
    assert row == {"kiosk": "BP1", "number": "1", "start": "2026-10-20 14:00",
                   "end": "2026-10-20 16:00", "kind": "fietsherstel", "title": "Fietsherstel",
                   "place": "", "outside": "no", "capacity": "6", "cost_cents": "0",
                   "cancelled": "no", "cancel_reason": "", "signups": "< 5",
                   "people_signed_up": "< 5", "attended": "< 5"}  # too few to leave as counts
