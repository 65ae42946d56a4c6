"""The desk's activities: plan, repeat across a clock change, change, cancel, copy, door list."""

import json
import re
from datetime import UTC, date, datetime

import pytest

from kiosk import clock
from printer.slip import Slip
from tests.helpers import add_volunteer, audit_actions, log_in
from tests.web.activity_data import HX, add, rows, sign_up

T0 = datetime(2026, 10, 12, 8, 0, tzinfo=UTC)  # Monday 12 October 2026, summer time
FORM = {"kind": "tuin", "title": "Samen tuinieren", "day": "2026-10-20", "hour": "14",
        "minute": "0", "minutes": "120", "outside": "1", "place": "Moestuin Kerkplein",
        "bring": "Werkhandschoenen", "capacity": "8", "cost": ""}


@pytest.fixture
def now(monkeypatch):
    moment = {"now": T0}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])
    return moment


@pytest.fixture
def desk(app, client, now):
    """A client logged in at the desk as Anna, with the CSRF header htmx sends."""
    log_in(client, add_volunteer(app))
    token = re.search(r'name="csrf-token" content="([^"]+)"',
                      client.get("/desk/activities").get_data(as_text=True)).group(1)
    client.environ_base["HTTP_X_CSRFTOKEN"] = token
    return client


def _starts(app):
    return [row[0] for row in rows(app, "SELECT starts_at FROM activities ORDER BY starts_at")]


def test_activities_desk_plans_one_and_lists_it(app, desk):
    assert "Nieuwe activiteit" in desk.get("/desk/activities").get_data(as_text=True)
    response = desk.post("/desk/activities/new", data=FORM, headers=HX)
    assert response.status_code == 204 and response.headers["HX-Redirect"] == "/desk/activities/1"
    assert rows(app, "SELECT kind, title, place, outside, bring, capacity, cost_cents, "
                     "series_id FROM activities") == [
        ("tuin", "Samen tuinieren", "Moestuin Kerkplein", 1, "Werkhandschoenen", 8, 0, 1)]
    assert _starts(app) == ["2026-10-20T12:00:00.000000+00:00"]  # 14:00 in Brussels, summer
    page = desk.get("/desk/activities").get_data(as_text=True)
    assert "Samen tuinieren" in page and "0 / 8" in page
    assert ("Anna", "activity-new", "Samen tuinieren, 1 keer") in audit_actions(app)


def test_activities_desk_repeats_weekly_at_the_same_hour_across_the_clock_change(app, desk):
    # Summer time ends on Sunday 25 October 2026: 14:00 is 12:00 UTC before, 13:00 UTC after.
    response = desk.post("/desk/activities/new", data={**FORM, "until": "2026-11-10"},
                         headers=HX)
    assert response.status_code == 204
    assert _starts(app) == ["2026-10-20T12:00:00.000000+00:00",
                            "2026-10-27T13:00:00.000000+00:00",
                            "2026-11-03T13:00:00.000000+00:00",
                            "2026-11-10T13:00:00.000000+00:00"]
    assert rows(app, "SELECT DISTINCT series_id FROM activities") == [(1,)]
    page = desk.get("/desk/activities").get_data(as_text=True)
    assert all(f"{day}/1{month} 14:00" in page
               for day, month in (("20", "0/2026"), ("27", "0/2026"), ("03", "1/2026")))


def test_activities_desk_repeats_an_existing_one_into_summer_time(app, desk, now):
    now["now"] = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
    activity = add(app, day=date(2027, 3, 23), title="Repair café")  # 14:00 winter time
    response = desk.post(f"/desk/activities/{activity}/repeat", data={"until": "2027-04-06"},
                         headers=HX)
    assert "Elke week gepland tot 06/04/2027." in response.get_data(as_text=True)
    assert _starts(app) == ["2027-03-23T13:00:00.000000+00:00",
                            "2027-03-30T12:00:00.000000+00:00",  # after 28 March: summer time
                            "2027-04-06T12:00:00.000000+00:00"]
    too_early = desk.post(f"/desk/activities/{activity}/repeat", data={"until": "2027-03-24"},
                          headers=HX)
    assert too_early.status_code == 422
    assert "minstens een week" in too_early.get_data(as_text=True)


@pytest.mark.parametrize(("changes", "message"), [
    ({"title": ""}, "Titel: vul dit in."),
    ({"day": ""}, "Dag: kies een dag."),
    ({"hour": "3"}, "Uur: kies uit de lijst."),
    ({"kind": "zwemmen"}, "Kies wat voor activiteit het is."),
    ({"place": ""}, "Waar: vul dit in."),  # elsewhere in the neighbourhood needs a place
    ({"capacity": "0"}, "Plaatsen: minstens 1"),
    ({"cost": "gratis"}, "Kost: vul een bedrag in euro in"),
    ({"title_en": "x" * 81}, "Titel (en): hoogstens 80 tekens."),
])
def test_activities_desk_refuses_a_wrong_field_with_a_message(app, desk, changes, message):
    response = desk.post("/desk/activities/new", data={**FORM, **changes}, headers=HX)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and message in page
    assert 'value="Werkhandschoenen"' in page  # what was typed stays
    assert rows(app, "SELECT count(*) FROM activities") == [(0,)]


def test_activities_desk_changes_texts_per_language_and_places(app, desk, client):
    activity = add(app, capacity=3, day=date(2026, 10, 20))
    sign_up(client, activity, people="2")
    changed = {**FORM, "title_en": "Gardening together", "capacity": "1"}
    refused = desk.post(f"/desk/activities/{activity}", data=changed, headers=HX)
    assert refused.status_code == 422 and "minstens zoveel plaatsen" in refused.get_data(
        as_text=True)
    saved = desk.post(f"/desk/activities/{activity}", data={**changed, "capacity": "2"},
                      headers=HX)
    assert "De activiteit is bewaard." in saved.get_data(as_text=True)
    assert rows(app, "SELECT title, capacity, texts, revision FROM activities") == [
        ("Samen tuinieren", 2, '{"en": {"title": "Gardening together"}}', 1)]
    assert 'value="Gardening together"' in desk.get(
        f"/desk/activities/{activity}").get_data(as_text=True)


def test_activities_desk_cancels_with_a_reason_visitors_see(app, desk):
    activity = add(app, day=date(2026, 10, 14))
    missing = desk.post(f"/desk/activities/{activity}/cancel", data={"reason": " "}, headers=HX)
    assert missing.status_code == 422 and "Waarom: vul dit in." in missing.get_data(as_text=True)
    done = desk.post(f"/desk/activities/{activity}/cancel",
                     data={"reason": "De begeleider is ziek"}, headers=HX)
    assert "De activiteit is afgelast." in done.get_data(as_text=True)
    visitor = desk.get("/activities").get_data(as_text=True)
    assert "Afgelast" in visitor and "De begeleider is ziek" in visitor
    assert ("Anna", "activity-cancel", "Fietsherstel (nr. 1)") in audit_actions(app)


def test_activities_desk_copies_one_a_week_later(app, desk):
    activity = add(app, day=date(2026, 10, 20), title="Samen koken", kind="koken")
    response = desk.post(f"/desk/activities/{activity}/copy", headers=HX)
    assert response.headers["HX-Redirect"] == "/desk/activities/2?copied=1"
    assert rows(app, "SELECT id, title, kind FROM activities ORDER BY id") == [
        (1, "Samen koken", "koken"), (2, "Samen koken", "koken")]
    assert _starts(app)[1] == "2026-10-27T13:00:00.000000+00:00"  # still 14:00, winter time
    assert "Dit is de kopie." in desk.get("/desk/activities/2?copied=1").get_data(as_text=True)


def test_activities_desk_door_list_has_names_only(app, desk, client):
    activity = add(app, day=date(2026, 10, 20), capacity=6)
    sign_up(client, activity, name="Mia", people="2", phone="0470 12 34 56", consent="1")
    sign_up(client, activity, name="Ahmed")
    page = desk.get(f"/desk/activities/{activity}").get_data(as_text=True)
    assert "0470 12 34 56" in page and "Ingeschreven: 3 van 6 plaatsen" in page
    response = desk.post(f"/desk/activities/{activity}/door-list", headers=HX)
    assert "De deurlijst wordt afgedrukt." in response.get_data(as_text=True)
    payload = rows(app, "SELECT payload FROM print_jobs WHERE kind = 'door-list'")[0][0]
    slip = Slip.from_json(payload)
    assert slip.title == "Deurlijst"
    text = json.dumps(slip.to_dict(), ensure_ascii=False)
    assert "Mia" in text and "Ahmed" in text and "3 van 6" in text and "0470" not in text


def test_activities_desk_cancels_a_sign_up_and_counts_who_came(app, desk, client):
    activity = add(app, day=date(2026, 10, 20), capacity=2)
    sign_up(client, activity, name="Mia", people="2")
    assert "Volzet" in client.get("/activities").get_data(as_text=True)
    response = desk.post(f"/desk/activities/{activity}/signups/1/cancel", headers=HX)
    assert "Inschrijving nr. 1 is geschrapt." in response.get_data(as_text=True)
    assert "geschrapt door Anna" in response.get_data(as_text=True)
    assert "Nog 2 plaatsen vrij" in client.get("/activities").get_data(as_text=True)
    counted = desk.post(f"/desk/activities/{activity}/attended", data={"attended": "7"},
                        headers=HX)
    assert "Het aantal aanwezigen is bewaard." in counted.get_data(as_text=True)
    assert rows(app, "SELECT attended FROM activities") == [(7,)]
    wrong = desk.post(f"/desk/activities/{activity}/attended", data={"attended": "-1"},
                      headers=HX)
    assert wrong.status_code == 422 and rows(app, "SELECT attended FROM activities") == [(7,)]
    assert [a for _, a, _ in audit_actions(app) if a.startswith(("signup", "activity"))] == [
        "signup-cancel", "activity-attended"]


def test_activities_desk_needs_a_login(client):
    assert client.get("/desk/activities").status_code == 302
    assert client.get("/desk/activities/new").status_code == 302
