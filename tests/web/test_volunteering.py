"""I want to help: the steps, the offer stored once with its slip, consent, status log, purge."""

import json
import re
from datetime import UTC, date, datetime, timedelta

import pytest

from kiosk import clock
from printer.slip import Slip
from tests.helpers import add_volunteer, audit_actions, log_in
from tests.web.activity_data import HX, add, fields, rows

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def now(monkeypatch):
    moment = {"now": T0}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])
    return moment


def _post(client, path, form, **typed):
    response = client.post(path, data={**form, **typed}, headers=HX)
    return response, response.get_data(as_text=True)


def _offer(client, start="/volunteer", **contact):
    """Walk the three steps: coffee and cooking, Wednesday afternoon, then the contact."""
    form = fields(client.get(start).get_data(as_text=True))
    _, page = _post(client, "/volunteer/what", form, tasks=["koffie", "koken"])
    _, page = _post(client, "/volunteer/when", fields(page), times=["wo-namiddag"])
    assert 'data-step="contact"' in page
    return _post(client, "/volunteer/send", fields(page), **contact)


def test_volunteering_steps_carry_the_choices_and_go_back(client, now):
    form = fields(client.get("/volunteer").get_data(as_text=True))
    response, page = _post(client, "/volunteer/what", form)
    assert response.status_code == 422 and "Kies minstens één ding" in page
    _, page = _post(client, "/volunteer/what", fields(page), tasks=["tuin", "onzin"],
                    other="Soep maken")
    assert 'data-step="when"' in page and "<html" not in page
    assert re.findall(r'name="tasks" value="(\w+)"', page) == ["tuin"]
    _, page = _post(client, "/volunteer/when", fields(page), times=["ma-avond", "zz-x"], go="back")
    assert 'data-step="what"' in page and 'value="tuin" checked' in page
    assert 'value="Soep maken"' in page


def test_volunteering_offer_stored_once_with_its_slip(app, client, now):
    response, page = _offer(client, name="Jan", phone="0470 12 34 56", consent="1")
    assert response.status_code == 200 and "data-offer-number>1<" in page
    again = client.post("/volunteer/send", data={**fields(_offer_page(client)), "key": ""})
    assert again.status_code == 422  # a forged empty key stores nothing
    assert rows(app, "SELECT tasks, times, contact_name, contact_phone, status "
                     "FROM volunteer_offers") == [
        ("koffie+koken", "wo-namiddag", "Jan", "0470 12 34 56", "nieuw")]
    (kind, ref, payload), = rows(app, "SELECT kind, ref, payload FROM print_jobs")
    assert (kind, ref) == ("offer", "offer:1")
    text = json.dumps(Slip.from_json(payload).to_dict(), ensure_ascii=False)
    assert "Ik wil helpen" in text and "Koffie zetten" in text and "neemt contact" in text
    assert "0470" not in text and "Jan" not in text


def _offer_page(client):
    form = fields(client.get("/volunteer").get_data(as_text=True))
    _, page = _post(client, "/volunteer/what", form, tasks=["koffie"])
    _, page = _post(client, "/volunteer/when", fields(page))
    return page


def test_volunteering_a_double_tap_stores_one_offer(app, client, now):
    page = _offer_page(client)
    for _ in range(2):
        response, _ = _post(client, "/volunteer/send", fields(page))
        assert response.status_code == 200
    assert rows(app, "SELECT count(*) FROM volunteer_offers") == [(1,)]
    assert rows(app, "SELECT count(*) FROM print_jobs") == [(1,)]


def test_volunteering_contact_only_with_consent(app, client, now):
    response, page = _offer(client, name="Jan", phone="0470 12 34 56")
    assert response.status_code == 422 and "Vink het vakje aan" in page
    assert 'value="0470 12 34 56"' in page
    assert rows(app, "SELECT count(*) FROM volunteer_offers") == [(0,)]
    assert "tot 90 dagen nadat het gesprek is afgerond" in page
    response, page = _offer(client)  # no contact at all: ask at the desk
    assert response.status_code == 200 and "Vraag aan de balie" in page
    assert rows(app, "SELECT contact_name, consent_at FROM volunteer_offers") == [("", None)]


def test_volunteering_from_an_activity_card(app, client, now):
    activity = add(app, title="Samen koken", day=date(2026, 3, 4),
                   texts={"en": {"title": "Cooking together"}})
    client.get("/lang/en")
    page = client.get(f"/volunteer?activity={activity}").get_data(as_text=True)
    assert "Cooking together" in page
    response, _ = _offer(client, start=f"/volunteer?activity={activity}")
    assert response.status_code == 200
    assert rows(app, "SELECT activity_id, language FROM volunteer_offers") == [(activity, "en")]


@pytest.fixture
def desk(app, client, now):
    log_in(client, add_volunteer(app))
    token = re.search(r'name="csrf-token" content="([^"]+)"',
                      client.get("/desk/volunteering").get_data(as_text=True)).group(1)
    client.environ_base["HTTP_X_CSRFTOKEN"] = token
    return client


def test_volunteering_desk_status_log_says_who_and_when(app, client, desk, now):
    _offer(client, name="Jan", phone="0470 12 34 56", consent="1")
    listed = desk.get("/desk/volunteering").get_data(as_text=True)
    assert "Koffie zetten, Mee koken" in listed and "Jan" in listed and "Nieuw" in listed
    page = desk.get("/desk/volunteering/1").get_data(as_text=True)
    assert "0470 12 34 56" in page and "woensdag namiddag" in page
    now["now"] = T0 + timedelta(hours=2)
    response = desk.post("/desk/volunteering/1/status",
                         data={"status": "gesproken", "note": "Belt volgende week terug"},
                         headers=HX)
    assert "De status is bewaard." in response.get_data(as_text=True)
    now["now"] = T0 + timedelta(days=3)
    desk.post("/desk/volunteering/1/status", data={"status": "gestart"}, headers=HX)
    assert rows(app, "SELECT old_status, new_status, note, volunteer_name, at "
                     "FROM volunteer_offer_log ORDER BY id") == [
        ("nieuw", "gesproken", "Belt volgende week terug", "Anna",
         clock.iso(T0 + timedelta(hours=2))),
        ("gesproken", "gestart", "", "Anna", clock.iso(T0 + timedelta(days=3)))]
    assert rows(app, "SELECT status, closed_at FROM volunteer_offers") == [
        ("gestart", clock.iso(T0 + timedelta(days=3)))]
    page = desk.get("/desk/volunteering/1").get_data(as_text=True)
    assert 'data-log-status="gestart"' in page and "Belt volgende week terug" in page
    assert ("Anna", "offer-status", "nr. 1, nu: Gestart") in audit_actions(app)
    wrong = desk.post("/desk/volunteering/1/status", data={"status": "weg"}, headers=HX)
    assert wrong.status_code == 422 and len(rows(app, "SELECT * FROM volunteer_offer_log")) == 2


def test_volunteering_contact_purged_90_days_after_closing(app, client, desk, now, runner):
    _offer(client, name="Jan", phone="0470 12 34 56", email="jan@voorbeeld.be", consent="1")
    desk.post("/desk/volunteering/1/status", data={"status": "niet_verder"}, headers=HX)
    now["now"] = T0 + timedelta(days=90) - timedelta(seconds=1)
    assert "contactgegevens bij 0 aanbod(en) gewist" in runner.invoke(args=["purge"]).output
    now["now"] = T0 + timedelta(days=90)
    assert "contactgegevens bij 1 aanbod(en) gewist" in runner.invoke(args=["purge"]).output
    assert rows(app, "SELECT contact_name, contact_phone, contact_email, contact_purged_at, "
                     "tasks FROM volunteer_offers") == [
        ("", "", "", clock.iso(now["now"]), "koffie+koken")]
    page = desk.get("/desk/volunteering/1").get_data(as_text=True)
    assert "Gewist op" in page and "0470" not in page


def test_volunteering_a_still_open_offer_keeps_its_contact(app, client, desk, now):
    _offer(client, name="Jan", phone="0470 12 34 56", consent="1")
    desk.post("/desk/volunteering/1/status", data={"status": "gesproken"}, headers=HX)
    now["now"] = T0 + timedelta(days=400)
    assert "0470 12 34 56" in desk.get("/desk/volunteering/1").get_data(as_text=True)


def test_volunteering_offers_are_not_exported(app, client, now, runner, tmp_path):
    _offer(client, name="Jan", phone="0470 12 34 56", consent="1")
    out = tmp_path / "out"
    result = runner.invoke(args=["export", "--month", "2026-03", "--out", str(out)])
    assert result.exit_code == 0
    written = b" ".join(p.read_bytes() for p in out.iterdir())
    assert b"Jan" not in written and b"0470" not in written
    assert sorted(p.name for p in out.iterdir()) == [
        "BP1-2026-03.db", "BP1-2026-03.json", "activities.csv", "ideas.csv", "prints.csv",
        "referrals.csv", "rights_shown.csv", "sales.csv", "shifts.csv", "tickets.csv",
        "visits.csv"]
