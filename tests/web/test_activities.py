"""Activities for visitors: the cards of this week and next, one-tap sign-up, its slip, consent."""

import json
import sqlite3
from datetime import UTC, date, datetime, time, timedelta

import pytest

from kiosk import clock
from printer.slip import Slip
from tests.web.activity_data import HX, add, fields, rows, sign_up

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)  # Monday 2 March 2026, 10:30 in Brussels


@pytest.fixture
def now(monkeypatch):
    """A clock the test moves by hand."""
    moment = {"now": T0}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])
    return moment


def _page(client, path="/activities") -> str:
    return client.get(path).get_data(as_text=True)


def test_activities_cards_show_this_week_and_next_with_what_a_visitor_needs(app, client, now):
    add(app, title="Fietsherstel", day=date(2026, 3, 3), capacity=5, cost_cents=250,
        bring="Je fiets en een slot")
    add(app, kind="tuin", title="Samen tuinieren", day=date(2026, 3, 10), capacity=None,
        outside=True, place="Moestuin Kerkplein", start=time(9, 30), minutes=90)
    add(app, title="Te laat", day=date(2026, 3, 16))  # the week after next: not yet shown
    page = _page(client)
    this, following = page.index("Deze week"), page.index("Volgende week")
    assert this < page.index("Fietsherstel") < following < page.index("Samen tuinieren")
    assert "Te laat" not in page
    assert "dinsdag 3 maart" in page and "14:00 – 16:00" in page and "In het buurtpunt" in page
    assert "Breng mee: Je fiets en een slot" in page and "€ 2,50" in page
    assert "Nog 5 plaatsen vrij" in page and 'data-left="5"' in page
    assert "Moestuin Kerkplein" in page and "09:30 – 11:00" in page and "Gratis" in page
    assert "Vrij binnen" in page
    assert page.count("Inschrijven") == 1  # vrij binnen: no sign-up
    assert 'href="/activities/1"' in page and 'href="/volunteer?activity=1"' in page


def test_activities_home_has_a_tile_and_a_bar_with_today_and_tomorrow(app, client, now):
    assert 'href="/activities"' in _page(client, "/")
    assert "home-activities" not in _page(client, "/")
    add(app, title="Koffieklets", kind="koffie", day=date(2026, 3, 2), start=time(15, 0))
    add(app, title="Buurtsoep", kind="koken", day=date(2026, 3, 3), start=time(12, 0))
    add(app, title="Overmorgen", day=date(2026, 3, 4))
    home = _page(client, "/")  # a kept page, drawn again because the database changed
    assert "Vandaag" in home and "15:00 Koffieklets" in home
    assert "Morgen" in home and "12:00 Buurtsoep" in home and "Overmorgen" not in home
    now["now"] = T0 + timedelta(days=1)  # the next day: yesterday's activity is gone
    home = _page(client, "/")
    assert "Koffieklets" not in home and "12:00 Buurtsoep" in home and "Overmorgen" in home


def test_activities_cancelled_ones_stay_visible_with_their_reason(app, client, now):
    activity = add(app, title="Buurtfeest")
    db_rows = rows(app, "SELECT id FROM activities")
    assert db_rows == [(activity,)]
    from kiosk.activities import store
    from kiosk.db import connect
    db = connect(app.config["DATABASE"])
    store.cancel(db, activity, "Te veel regen voorspeld")
    db.close()
    page = _page(client)
    assert "Buurtfeest" in page and "Afgelast" in page and "Te veel regen voorspeld" in page
    assert 'href="/activities/1"' not in page  # no sign-up for a cancelled one
    response = sign_up(client, activity)
    assert response.status_code == 422 and "afgelast" in response.get_data(as_text=True)
    assert rows(app, "SELECT count(*) FROM activity_signups") == [(0,)]


def test_activities_texts_per_language_with_dutch_fallback(app, client, now):
    add(app, title="Fietsherstel", place="Zaal 2", bring="Je fiets",
        texts={"en": {"title": "Bike repair"}, "fr": {"title": "Réparation vélo",
                                                      "bring": "Ton vélo"}})
    client.get("/lang/en")
    page = _page(client)
    assert "Bike repair" in page and "Zaal 2" in page
    assert "Bring: Je fiets" in page  # no English text: the Dutch one, under an English label
    client.get("/lang/fr")
    page = _page(client)
    assert "Réparation vélo" in page and "Ton vélo" in page and "Zaal 2" in page


def test_activities_sign_up_stores_once_and_its_slip_in_the_same_transaction(app, client, now):
    activity = add(app, title="Fietsherstel", capacity=5)
    form = fields(_page(client, f"/activities/{activity}"))
    data = {**form, "name": "Mia", "people": "2", "go": "send"}
    first = client.post(f"/activities/{activity}", data=data, headers=HX)
    again = client.post(f"/activities/{activity}", data=data, headers=HX)  # a double tap
    for response in (first, again):
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and 'data-signup-number>1<' in page
    assert rows(app, "SELECT number, name, people, phone, consent_at FROM activity_signups") == [
        (1, "Mia", 2, "", None)]
    jobs = rows(app, "SELECT kind, ref, payload FROM print_jobs")
    assert [(kind, ref) for kind, ref, _ in jobs] == [("activity", "signup:1")]
    slip = Slip.from_json(jobs[0][2])
    text = json.dumps(slip.to_dict(), ensure_ascii=False)
    assert slip.title == "Inschrijving voor een activiteit"
    for expected in ("Je inschrijvingsnummer", "Fietsherstel", "dinsdag 3 maart 2026",
                     "14:00 - 16:00", "In het buurtpunt", "2 personen"):
        assert expected in text, expected
    assert "Nog 3 plaatsen vrij" in _page(client)


def test_activities_the_slip_speaks_the_visitors_language_under_a_dutch_title(app, client, now):
    activity = add(app, title="Fietsherstel", texts={"fr": {"title": "Réparation vélo"}})
    client.get("/lang/fr")
    assert sign_up(client, activity).status_code == 200
    slip = Slip.from_json(rows(app, "SELECT payload FROM print_jobs")[0][0])
    text = json.dumps(slip.to_dict(), ensure_ascii=False)
    assert slip.title == "Inschrijving voor een activiteit" and slip.language == "fr"
    assert "Réparation vélo" in text and "mardi 3 mars 2026" in text


def test_activities_plus_and_minus_change_the_number_and_keep_the_name(app, client, now):
    activity = add(app, capacity=3)
    form = fields(_page(client, f"/activities/{activity}"))
    page = client.post(f"/activities/{activity}", data={**form, "name": "Ahmed", "go": "more"},
                       headers=HX).get_data(as_text=True)
    assert 'data-people>2<' in page and 'value="Ahmed"' in page
    form = fields(page)
    page = client.post(f"/activities/{activity}", data={**form, "name": "Ahmed", "go": "more"},
                       headers=HX).get_data(as_text=True)
    assert 'data-people>3<' in page
    assert 'value="more" class="key qty-key more" aria-label="Eén meer" disabled' in page
    assert rows(app, "SELECT count(*) FROM activity_signups") == [(0,)]


@pytest.mark.parametrize(("typed", "message"), [
    ({"name": ""}, "Schrijf je voornaam of je initialen."),
    ({"phone": "0470 12 34 56"}, "Vink het vakje aan. Of maak het telefoonnummer leeg."),
    ({"phone": "12", "consent": "1"}, "Dit telefoonnummer klopt niet."),
    ({"consent": "1"}, "Schrijf een telefoonnummer, of vink het vakje uit."),
    ({"people": "0"}, "Kies met hoeveel je komt."),
])
def test_activities_sign_up_refused_with_a_message_and_nothing_stored(app, client, now, typed,
                                                                       message):
    activity = add(app)
    response = sign_up(client, activity, **typed)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert rows(app, "SELECT count(*) FROM activity_signups") == [(0,)]
    assert rows(app, "SELECT count(*) FROM print_jobs") == [(0,)]


def test_activities_consent_box_says_what_for_and_how_long(app, client, now):
    page = _page(client, f"/activities/{add(app)}")
    assert "als er iets verandert aan deze activiteit" in page
    assert "gewist de dag na de activiteit" in page
    assert 'data-keyboard="text"' in page and 'data-keyboard="tel"' in page


def test_activities_phone_kept_with_consent_and_deleted_the_day_after(app, client, now, runner):
    activity = add(app, day=date(2026, 3, 3), start=time(19, 0))
    response = sign_up(client, activity, phone="0470 12 34 56", consent="1")
    assert response.status_code == 200
    assert rows(app, "SELECT phone FROM activity_signups") == [("0470 12 34 56",)]
    now["now"] = datetime(2026, 3, 3, 22, 59, tzinfo=UTC)  # 23:59 in Brussels, that evening
    assert "0 telefoonnummer(s)" in runner.invoke(args=["purge"]).output
    assert rows(app, "SELECT phone FROM activity_signups") == [("0470 12 34 56",)]
    now["now"] = datetime(2026, 3, 3, 23, 0, tzinfo=UTC)  # midnight: the day after
    assert "1 telefoonnummer(s) bij inschrijvingen gewist" in runner.invoke(args=["purge"]).output
    assert rows(app, "SELECT phone, phone_purged_at, name FROM activity_signups") == [
        ("", clock.iso(now["now"]), "Mia")]


@pytest.mark.parametrize(("people", "status", "message"), [
    ("3", 409, "Er zijn niet genoeg plaatsen meer voor zoveel mensen."),
    ("2", 200, ""),
])
def test_activities_capacity_is_never_exceeded(app, client, now, people, status, message):
    activity = add(app, capacity=4)
    assert sign_up(client, activity, people="2", name="Eerste").status_code == 200
    response = sign_up(client, activity, people=people, name="Tweede")
    assert response.status_code == status and message in response.get_data(as_text=True)
    assert rows(app, "SELECT sum(people) FROM activity_signups")[0][0] <= 4


def test_activities_no_sign_up_once_started_or_for_vrij_binnen(app, client, now):
    started = add(app, day=date(2026, 3, 2), start=time(10, 0))  # 10:00, it is 10:30 now
    walk_in = add(app, day=date(2026, 3, 3), capacity=None)
    assert "al begonnen" in sign_up(client, started).get_data(as_text=True)
    assert "gewoon komen" in sign_up(client, walk_in).get_data(as_text=True)
    assert client.get("/activities/999").status_code == 404
    assert rows(app, "SELECT count(*) FROM activity_signups") == [(0,)]


def test_activities_kept_pages_drawn_again_for_activities_not_for_other_writes(app, client, now,
                                                                              monkeypatch):
    from kiosk.activities import cards
    drawn, weeks, days_ahead = [], cards.weeks, cards.days_ahead
    monkeypatch.setattr(cards, "weeks", lambda db: drawn.append("list") or weeks(db))
    monkeypatch.setattr(cards, "days_ahead", lambda db: drawn.append("bar") or days_ahead(db))
    activity = add(app, title="Koffieklets", day=date(2026, 3, 2), start=time(15, 0))
    for _ in range(2):  # the print worker writes every few seconds: the pages stay kept
        assert "15:00 Koffieklets" in _page(client, "/") and "Nog 5" in _page(client)
        with sqlite3.connect(app.config["DATABASE"]) as other:
            other.execute("CREATE TABLE IF NOT EXISTS elsewhere (x)")
            other.execute("INSERT INTO elsewhere VALUES (1)")
    assert drawn == ["bar", "list"]
    sign_up(client, activity, people="2")
    assert "Nog 3" in _page(client) and "Koffieklets" in _page(client, "/")
    assert drawn == ["bar", "list", "list", "bar"]
