"""Ik begin / Ik stop with a PIN (the desk's lockout), on duty, closing time, hours, export."""

import csv
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk import clock, create_app
from kiosk.config import ConfigError
from kiosk.db import connect
from kiosk.shifts import store
from tests.helpers import Clock, add_volunteer, audit_actions, form_fields, log_in, query

BRUSSELS = ZoneInfo("Europe/Brussels")
MORNING = datetime(2026, 3, 12, 9, 0, tzinfo=BRUSSELS)
HTMX = {"HX-Request": "true"}


@pytest.fixture
def at(monkeypatch):
    """The kiosk's clock, set by the test."""
    return Clock(monkeypatch, MORNING)


@pytest.fixture
def anna(app):
    return add_volunteer(app, "Anna Peeters")


def shift(client, volunteer, action="start", pin="2468"):
    page = client.get(f"/shifts?v={volunteer['id']}").get_data(as_text=True)
    assert f'action="/shifts/{action}"' in page
    return client.post(f"/shifts/{action}", data={**form_fields(page), "pin": pin}, headers=HTMX)


rows = query


def test_shifts_start_with_the_pin_shows_on_home_and_desk(app, client, anna, at):
    answer = shift(client, anna)
    assert answer.status_code == 200
    assert "Goeie dienst, Anna Peeters!" in answer.get_data(as_text=True)
    assert "Je dienst begon om 09:00." in answer.get_data(as_text=True)
    home = client.get("/shifts/on-duty?place=home").get_data(as_text=True)
    assert "In dienst: Anna" in home and "hidden" not in home.split(">")[0]
    desk = client.get("/shifts/on-duty?place=desk").get_data(as_text=True)
    assert "In dienst: Anna" in desk and "Ik begin / Ik stop" in desk
    assert ("Anna Peeters", "shift-start", "") in audit_actions(app)


def test_shifts_home_shows_nobody_and_the_poll_answers_nothing_while_unchanged(client, anna):
    home = client.get("/shifts/on-duty?place=home").get_data(as_text=True)
    assert "hidden" in home.split(">")[0]
    poll = re.search(r'hx-get="([^"]+)"', home).group(1).replace("&amp;", "&")
    assert client.get(poll).get_data() == b""
    shift(client, anna)
    assert b"In dienst: Anna" in client.get(poll).get_data()


def test_shifts_stop_shows_the_hours_of_the_shift_and_the_month(app, client, anna, at):
    shift(client, anna)
    at(MORNING + timedelta(hours=3, minutes=25))
    answer = shift(client, anna, "stop").get_data(as_text=True)
    assert 'data-shift-hours="3:25"' in answer
    assert "Deze maand: 1 dienst, samen 3:25 uur." in answer
    again = client.post("/shifts/stop", data={**form_fields(client.get(
        f"/shifts?v={anna['id']}").get_data(as_text=True)), "volunteer_id": anna["id"],
        "pin": "2468"}, headers=HTMX)
    assert "Je had geen dienst lopen" in again.get_data(as_text=True)
    assert rows(app, "SELECT count(*) FROM shifts") == [(1,)]


def test_shifts_double_tap_on_start_opens_one_shift(app, client, anna):
    page = client.get(f"/shifts?v={anna['id']}").get_data(as_text=True)
    for _ in range(2):
        client.post("/shifts/start", data={**form_fields(page), "pin": "2468"}, headers=HTMX)
    assert rows(app, "SELECT count(*) FROM shifts") == [(1,)]
    assert [a for a in audit_actions(app) if a[1] == "shift-start"] == [
        ("Anna Peeters", "shift-start", "")]


def test_shifts_a_wrong_pin_starts_nothing_and_counts_toward_the_desk_lockout(app, client, anna):
    for tries_left in (4, 3, 2, 1):
        answer = shift(client, anna, pin="1357")
        assert answer.status_code == 422
        assert f"Nog {tries_left} poging" in answer.get_data(as_text=True)
    locked = shift(client, anna, pin="1357").get_data(as_text=True)
    assert "Te veel foute pogingen" in locked
    assert "Te veel foute pogingen" in shift(client, anna).get_data(as_text=True)  # right PIN too
    assert "Te veel foute pogingen" in log_in(app.test_client(), anna).get_data(as_text=True)
    assert rows(app, "SELECT count(*) FROM shifts") == [(0,)]
    assert ("Anna Peeters", "pin-locked", "") in audit_actions(app)


def test_shifts_bad_input_is_refused(client, anna):
    page = client.get(f"/shifts?v={anna['id']}").get_data(as_text=True)
    for volunteer in ("", "x", "99", str(2**70)):
        answer = client.post("/shifts/start", data={**form_fields(page), "volunteer_id": volunteer,
                                                    "pin": "2468"}, headers=HTMX)
        assert answer.status_code == 422 and "Kies eerst je naam." in answer.get_data(as_text=True)


def test_shifts_an_open_shift_closes_at_closing_time_flagged_for_a_check(app, client, anna, at):
    shift(client, anna)
    at(MORNING.replace(hour=21))
    assert "hidden" in client.get("/shifts/on-duty").get_data(as_text=True).split(">")[0]
    assert rows(app, "SELECT auto_closed, ended_at FROM shifts") == [
        (1, "2026-03-12T16:00:00.000000+00:00")]
    desk = app.test_client()
    log_in(desk, anna)
    page = desk.get("/desk/shifts").get_data(as_text=True)
    assert "data-flagged=" in page and "1 vanzelf gestopt" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    checked = desk.post("/desk/shifts/1/checked", data={"csrf_token": token}, headers=HTMX)
    assert "data-flagged=" not in checked.get_data(as_text=True)
    again = desk.post("/desk/shifts/1/checked", data={"csrf_token": token}, headers=HTMX)
    assert again.status_code == 409
    assert [a[1] for a in audit_actions(app) if a[1].startswith("shift")] == [
        "shift-start", "shift-auto-closed", "shift-checked"]


def test_shifts_the_stop_screen_tells_about_a_shift_that_closed_by_itself(client, anna, at):
    shift(client, anna)
    at(MORNING + timedelta(days=1))
    shift(client, anna)
    answer = shift(client, anna, "stop").get_data(as_text=True)
    assert "Je dienst van 12/03/2026 is vanzelf gestopt om 17:00." in answer


def test_shifts_month_overview_and_print(app, client, anna, at):
    jan = add_volunteer(app, "Jan", "3579")
    shift(client, anna)
    shift(client, jan, pin="3579")
    at(MORNING + timedelta(hours=2))
    shift(client, anna, "stop")
    at(MORNING + timedelta(hours=4, minutes=30))
    shift(client, jan, "stop", "3579")
    desk = app.test_client()
    log_in(desk, anna)
    page = desk.get("/desk/shifts?month=2026-03").get_data(as_text=True)
    hours = re.findall(r'data-volunteer="([^"]+)">.*?data-hours>([\d:]+)<', page, re.S)
    assert hours == [("Anna Peeters", "2:00"), ("Jan", "4:30")]
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    printed = desk.post("/desk/shifts/print", data={"csrf_token": token, "month": "2026-03"},
                        headers=HTMX)
    assert "De uren worden afgedrukt." in printed.get_data(as_text=True)
    [(kind, payload)] = rows(app, "SELECT kind, payload FROM print_jobs")
    assert kind == "shifts" and "Uren in maart 2026" in payload and "6:30 u" in payload
    assert "Geen diensten deze maand." in desk.get("/desk/shifts?month=2026-02").get_data(
        as_text=True)


def test_shifts_export_writes_shifts_csv_with_hours_across_midnight(app, client, anna, at,
                                                                     tmp_path):
    at(MORNING.replace(hour=22))
    shift(client, anna)
    at(MORNING.replace(hour=22) + timedelta(hours=3, minutes=45))
    shift(client, anna, "stop")
    out = tmp_path / "out"
    result = app.test_cli_runner().invoke(args=["export", "--month", "2026-03", "--out",
                                                str(out)])
    assert "shifts.csv (1 diensten)" in result.output, result.output
    with (out / "shifts.csv").open(encoding="utf-8", newline="") as fh:
        assert list(csv.DictReader(fh)) == [{
            "kiosk": "BP1", "started": "2026-03-12 22:00:00",
            "ended": "2026-03-13 01:45:00", "hours": "3.75", "auto_closed": "no",
            "checked": "no"}]


def test_shifts_a_wrong_closing_time_stops_the_kiosk_at_start_up(tmp_path):
    with pytest.raises(ConfigError, match="SHIFTS_CLOSING_TIME"):
        create_app({"INSTANCE_PATH": str(tmp_path), "SHIFTS_CLOSING_TIME": "vijf uur"})


def test_shifts_the_home_bar_names_three_and_counts_the_rest(app, client, at):
    db = connect(app.config["DATABASE"])
    for name in ("Anna", "Jan", "Els", "Mohammed", "Fatima"):
        store.start(db, {"id": add_volunteer(app, name, "2468")["id"], "name": name}, clock.now())
    home = client.get("/shifts/on-duty?place=home").get_data(as_text=True)
    assert re.search(r"<span data-on-duty>In dienst: Anna, Jan, Els \+2</span>", home)
    desk = client.get("/shifts/on-duty?place=desk").get_data(as_text=True)
    assert "In dienst: Anna, Jan, Els, Mohammed, Fatima" in desk  # the desk has the room
