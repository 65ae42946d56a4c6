"""The desk's queue: call next (once a tap), forward-only moves, undo, walk-ins, figures, export."""

import csv
import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.helpers import Clock, add_volunteer, audit_actions, form_fields, log_in, query

NOON = datetime(2026, 3, 12, 11, 0, tzinfo=UTC)
HTMX = {"HX-Request": "true"}


@pytest.fixture
def at(monkeypatch):
    """The kiosk's clock, set by the test."""
    return Clock(monkeypatch, NOON)


@pytest.fixture
def desk(app, at):
    """A visitor's client that took three tickets, and a volunteer logged in at the desk."""
    visitor = app.test_client()
    for topic in ("digitaal", "rechten", "printen"):
        fields = form_fields(visitor.get("/help").get_data(as_text=True))
        visitor.post("/help", data={**fields, "topic": topic})
    client = app.test_client()
    log_in(client, add_volunteer(app))
    return client


rows = query


def forms(page: str) -> dict:
    """Each form of the queue by its action (and button value): its hidden fields."""
    found = {}
    for action, inner in re.findall(r'<form method="post" action="([^"]+)"(.*?)</form>', page,
                                    re.S):
        fields = dict(re.findall(r'name="(csrf_token|key|on)" value="([^"]*)"', inner))
        values = re.findall(r'name="(outcome|topic)" value="(\w+)"', inner)
        found[action + (f"#{values[0][1]}" if len(values) == 1 else "")] = fields
    return found


def post(client, url, extra=None, page=None):
    page = page or client.get("/desk/help").get_data(as_text=True)
    key = url.split("?")[0]
    fields = forms(page)[key + (f"#{extra['outcome']}" if extra and "outcome" in extra else "")]
    return client.post(key, data={**fields, **(extra or {})}, headers=HTMX)


def status(app):
    return rows(app, "SELECT number, status, outcome FROM help_tickets ORDER BY number")


def test_help_desk_shows_the_queue_with_topics_and_waiting_times(app, desk, at):
    at(NOON + timedelta(minutes=12))
    page = desk.get("/desk/help").get_data(as_text=True)
    assert page.count('class="queue-row"') == 3
    assert "Mijn rechten" in page and "wacht 12 min" in page
    assert 'data-waiting-count>3<' in page and 'data-longest-wait>12 min<' in page


def test_help_desk_call_next_tapped_twice_calls_one_person(app, desk):
    page = desk.get("/desk/help").get_data(as_text=True)
    answers = [post(desk, "/desk/help/next", page=page) for _ in range(2)]
    assert all(a.status_code == 200 for a in answers)
    assert "Nummer 1 is geroepen." in answers[1].get_data(as_text=True)
    assert status(app) == [(1, "called", None), (2, "waiting", None), (3, "waiting", None)]
    assert [a[1:] for a in audit_actions(app) if a[1].startswith("help")] == [
        ("help-call", "nr. 1")]


def test_help_desk_two_volunteers_calling_at_once_call_two_people(app, desk):
    other = app.test_client()
    log_in(other, add_volunteer(app, "Jan", "3579"), "3579")
    post(desk, "/desk/help/next")
    post(other, "/desk/help/next")
    assert status(app)[:2] == [(1, "called", None), (2, "called", None)]


def test_help_desk_done_with_an_outcome_in_one_tap(app, desk):
    post(desk, "/desk/help/next")
    answer = post(desk, "/desk/help/1/done", {"outcome": "later"})
    assert answer.status_code == 200
    assert status(app)[0] == (1, "done", "later")
    assert ("Anna", "help-done", "nr. 1: Kom later terug") in audit_actions(app)


def refer(client, number, partner=None):
    """Tap "Doorverwezen naar …", then the partner (or Elders): the form's own key each time."""
    page = client.get("/desk/help").get_data(as_text=True)
    link = re.search(rf'data-refer="{number}" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    choice = client.get(link, headers=HTMX).get_data(as_text=True)
    done = f'action="/desk/help/{number}/done"'
    choices = [f for f in re.findall(r"<form (.*?)</form>", choice, re.S)
               if done in f and 'type="hidden" name="outcome" value="doorverwezen"' in f]
    inner = next(f for f in choices if (
        f'value="{partner}"' in f if partner else 'name="referred_to"' not in f))
    fields = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', inner))
    return {**fields, **({"referred_to": partner} if partner else {})}, choice


def test_help_desk_referred_to_a_partner_is_stored_logged_shown_counted_and_exported(
        app, desk, tmp_path):
    post(desk, "/desk/help/next")
    fields, choice = refer(desk, 1, "stadswinkel")
    assert "Sociaal Huis" in choice and "Elders (niet in de lijst)" in choice
    assert "Iets melden aan de stad" not in choice  # an online service is no partner
    answers = [desk.post("/desk/help/1/done", data=fields, headers=HTMX) for _ in range(2)]
    assert [a.status_code for a in answers] == [200, 200]
    assert rows(app, "SELECT outcome, referred_to FROM help_tickets WHERE number = 1") == [
        ("doorverwezen", "stadswinkel")]
    assert rows(app, "SELECT action, outcome, referred_to FROM help_ticket_log WHERE "
                     "action = 'done'") == [("done", "doorverwezen", "stadswinkel")]
    assert [a[1:] for a in audit_actions(app) if a[1] == "help-done"] == [
        ("help-done", "nr. 1: Doorverwezen naar Stadswinkel")]
    assert "Doorverwezen naar Stadswinkel" in answers[1].get_data(as_text=True)
    post(desk, "/desk/help/next")
    fields, _ = refer(desk, 2)  # the place is not in the list: Elders
    desk.post("/desk/help/2/done", data=fields, headers=HTMX)
    assert "Doorverwezen (elders)" in desk.get("/desk/help").get_data(as_text=True)
    page = desk.get("/desk/help/cijfers?month=2026-03").get_data(as_text=True)
    assert re.findall(r'data-referred="([\w-]+)"><td>([^<]+)</td><td class="num">(\d+)<', page
                      ) == [("elders", "elders (niet in de lijst)", "1"),
                            ("stadswinkel", "naar Stadswinkel", "1")]
    out = tmp_path / "out"
    app.test_cli_runner().invoke(args=["export", "--month", "2026-03", "--out", str(out)])
    with (out / "tickets.csv").open(encoding="utf-8", newline="") as fh:
        assert [r["referred_to"] for r in csv.DictReader(fh)] == ["stadswinkel", "", ""]


def test_help_desk_undo_clears_the_partner(app, desk):
    post(desk, "/desk/help/next")
    fields, _ = refer(desk, 1, "sociaal-huis")
    desk.post("/desk/help/1/done", data=fields, headers=HTMX)
    post(desk, "/desk/help/1/undo")
    assert rows(app, "SELECT status, outcome, referred_to FROM help_tickets WHERE number = 1"
                ) == [("called", None, None)]
    assert "/desk/help/cijfers" in desk.get("/desk/help").get_data(as_text=True)
    page = desk.get("/desk/help/cijfers?month=2026-03").get_data(as_text=True)
    assert "data-referred" not in page


def test_help_desk_a_ticket_never_called_cannot_be_finished(app, desk):
    page = desk.get("/desk/help").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    answer = desk.post("/desk/help/2/done", data={"csrf_token": token, "outcome": "geholpen"},
                       headers=HTMX)
    assert answer.status_code == 409
    assert "nog niet geroepen" in answer.get_data(as_text=True)
    assert status(app)[1] == (2, "waiting", None)
    assert not [a for a in audit_actions(app) if a[1].startswith("help")]


def test_help_desk_call_a_chosen_number_then_recall_and_absent(app, desk):
    post(desk, "/desk/help/3/call")
    post(desk, "/desk/help/3/recall")
    post(desk, "/desk/help/3/absent")
    assert status(app)[2] == (3, "absent", None)
    assert rows(app, "SELECT calls FROM help_tickets WHERE number = 3") == [(2,)]


def test_help_desk_undo_within_a_minute_then_too_late(app, desk, at):
    post(desk, "/desk/help/next")
    post(desk, "/desk/help/1/done", {"outcome": "geholpen"})
    at(NOON + timedelta(seconds=30))
    page = desk.get("/desk/help").get_data(as_text=True)
    assert "/desk/help/1/undo" in page
    answer = post(desk, "/desk/help/1/undo", page=page)
    assert "Nummer 1 is teruggezet." in answer.get_data(as_text=True)
    assert status(app)[0] == (1, "called", None)
    assert ("Anna", "help-undo", "nr. 1, nu: Aan de beurt") in audit_actions(app)
    post(desk, "/desk/help/1/absent")
    at(NOON + timedelta(seconds=100))
    page = desk.get("/desk/help").get_data(as_text=True)
    assert "/desk/help/1/undo" not in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    late = desk.post("/desk/help/1/undo", data={"csrf_token": token}, headers=HTMX)
    assert late.status_code == 409 and "binnen een minuut" in late.get_data(as_text=True)


def test_help_desk_walk_in_is_added_once_counted_and_being_helped(app, desk):
    fields = forms(desk.get("/desk/help").get_data(as_text=True))["/desk/help/walk-in"]
    answers = [desk.post("/desk/help/walk-in", data={**fields, "topic": "papieren"},
                         headers=HTMX) for _ in range(2)]
    assert "Nummer 4 toegevoegd." in answers[1].get_data(as_text=True)
    assert rows(app, "SELECT number, source, status, called_at IS NOT NULL FROM help_tickets "
                     "WHERE source = 'desk'") == [(4, "desk", "called", 1)]
    assert rows(app, "SELECT v.source, r.reason FROM visits v JOIN visit_reasons r "
                     "ON r.visit_id = v.id WHERE v.source = 'desk'") == [("desk", "administratie")]
    assert [a[1:] for a in audit_actions(app) if a[1] == "help-walk-in"] == [
        ("help-walk-in", "nr. 4")]


def test_help_desk_chime_switch_reaches_the_home_screen(app, desk):
    assert 'data-chime="1"' in desk.get("/help/now").get_data(as_text=True)
    post(desk, "/desk/help/chime", {"on": "0"})
    assert 'data-chime="0"' in desk.get("/help/now").get_data(as_text=True)
    assert ("Anna", "help-chime-off", "") in audit_actions(app)


def test_help_desk_queue_poll_answers_nothing_while_unchanged(app, desk, at):
    panel = desk.get("/desk/help/queue", headers=HTMX).get_data(as_text=True)
    shown = re.search(r'hx-get="([^"]+)"', panel).group(1).replace("&amp;", "&")
    assert desk.get(shown, headers=HTMX).get_data() == b""
    at(NOON + timedelta(minutes=1))  # the waiting times moved on
    assert b"queue-row" in desk.get(shown, headers=HTMX).get_data()


def test_help_desk_midnight_rollover_closes_yesterdays_tickets(app, desk, at):
    post(desk, "/desk/help/next")
    at(NOON + timedelta(days=1))
    page = desk.get("/desk/help").get_data(as_text=True)
    assert "Niemand wacht." in page
    assert rows(app, "SELECT status, auto_closed FROM help_tickets") == [("absent", 1)] * 3


def test_help_desk_figures_per_topic_per_day_with_waiting_times(app, desk, at):
    at(NOON + timedelta(minutes=20))
    post(desk, "/desk/help/next")
    at(NOON + timedelta(minutes=35))
    post(desk, "/desk/help/1/done", {"outcome": "geholpen"})
    page = desk.get("/desk/help/cijfers?month=2026-03").get_data(as_text=True)
    day = re.search(r'<tr data-day="2026-03-12">(.*?)</tr>', page, re.S).group(1)
    assert re.findall(r'data-topic="(\w+)">(\d+)<', day) == [
        ("digitaal", "1"), ("papieren", "0"), ("rechten", "1"), ("printen", "1"), ("anders", "0")]
    waits = re.search(r'data-spread="waits">(.*?)</tr>', page, re.S).group(1)
    assert "data-median>20 min<" in waits and "data-p90>20 min<" in waits
    assert 'data-outcome="geholpen"' in page and "maart 2026" in page
    assert "Geen vragen deze maand." in desk.get("/desk/help/cijfers?month=2026-04").get_data(
        as_text=True)
    assert desk.get("/desk/help/cijfers?month=9999-99").status_code == 200


def test_help_desk_export_writes_tickets_csv(app, desk, tmp_path):
    post(desk, "/desk/help/next")
    out = tmp_path / "out"
    result = app.test_cli_runner().invoke(args=["export", "--month", "2026-03", "--out",
                                                str(out)])
    assert "tickets.csv (3 wachtnummers)" in result.output, result.output
    with (out / "tickets.csv").open(encoding="utf-8", newline="") as fh:
        first = next(csv.DictReader(fh))
    assert (first["number"], first["topic"], first["status"], first["taken"]) == (
        "1", "digitaal", "called", "2026-03-12 12:00:00")
    assert first["wait_seconds"] == "0" and "name" not in first


def test_help_desk_needs_a_login(client):
    assert client.get("/desk/help").status_code == 302
    assert client.get("/desk/help/cijfers").status_code == 302


@pytest.mark.parametrize(("url", "extra", "code"), [
    ("/desk/help/1/done", {"outcome": "ontslagen"}, 422),
    ("/desk/help/1/done", {"outcome": ""}, 422),
    ("/desk/help/1/done", {"outcome": "doorverwezen", "referred_to": "casino"}, 422),
    ("/desk/help/1/done", {"outcome": "doorverwezen", "referred_to": "melding"}, 422),
    ("/desk/help/1/done", {"outcome": "geholpen", "referred_to": "stadswinkel"}, 422),
    ("/desk/help/99/call", {}, 404),
    ("/desk/help/walk-in", {"topic": "casino"}, 422),
    ("/desk/help/walk-in", {"topic": "digitaal", "key": "1' OR 1=1"}, 422),
])
def test_help_desk_bad_input_is_refused_and_changes_nothing(app, desk, url, extra, code):
    post(desk, "/desk/help/next")
    before = status(app), rows(app, "SELECT count(*) FROM visits"), audit_actions(app)
    page = desk.get("/desk/help").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    answer = desk.post(url, data={"csrf_token": token, "key": "a" * 32, **extra}, headers=HTMX)
    assert answer.status_code == code and 'role="alert"' in answer.get_data(as_text=True)
    assert (status(app), rows(app, "SELECT count(*) FROM visits"), audit_actions(app)) == before
