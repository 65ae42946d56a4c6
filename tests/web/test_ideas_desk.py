"""The desk's ideas page: list and filters, status log, notes, the wall text, paper, CSV, purge."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest

from kiosk import clock
from kiosk.db import connect
from kiosk.ideas import store as ideas
from tests.helpers import add_volunteer, audit_actions, log_in

HX = {"HX-Request": "true"}
T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def now(monkeypatch):
    """A clock the test moves by hand."""
    moment = {"now": T0}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])
    return moment


@pytest.fixture
def db(app):
    database = connect(app.config["DATABASE"])
    yield database
    database.close()


@pytest.fixture
def desk(app, client, now):
    """A client logged in at the desk as Anna, with the CSRF header htmx sends."""
    log_in(client, add_volunteer(app))
    token = re.search(r'name="csrf-token" content="([^"]+)"',
                      client.get("/desk/ideas").get_data(as_text=True)).group(1)
    client.environ_base["HTTP_X_CSRFTOKEN"] = token
    return client


def _idea(db, key_digit="a", **changes):
    draft = {"kind": "idee", "theme": "spelen", "text": "Een ruilkast", "place": "Kerkstraat",
             "name": "", "phone": "", "email": "", "consent": "", **changes}
    return ideas.record_idea(db, draft, key_digit * 32)[0]["id"]


def test_ideas_desk_needs_a_volunteer(client):
    assert client.get("/desk/ideas").status_code == 302
    assert client.get("/desk/ideas/export.csv").status_code == 302


def test_ideas_desk_lists_and_filters_by_status_theme_and_since(desk, db, now):
    first = _idea(db, "a", text="Speeltuin")
    now["now"] = T0 + timedelta(days=3)
    second = _idea(db, "b", theme="groen", text="Bomen planten")
    ideas.change_status(db, second, "bekijken", "", None)
    page = desk.get("/desk/ideas").get_data(as_text=True)
    assert f'data-idea="{first}"' in page and f'data-idea="{second}"' in page
    only = desk.get("/desk/ideas?status=bekijken", headers=HX).get_data(as_text=True)
    assert "<html" not in only
    assert f'data-idea="{second}"' in only and f'data-idea="{first}"' not in only
    themed = desk.get("/desk/ideas?theme=spelen").get_data(as_text=True)
    assert f'data-idea="{first}"' in themed and f'data-idea="{second}"' not in themed
    since = desk.get("/desk/ideas?since=2026-03-04").get_data(as_text=True)
    assert f'data-idea="{second}"' in since and f'data-idea="{first}"' not in since
    assert 'data-idea="' in desk.get("/desk/ideas?since=nonsense").get_data(as_text=True)


def test_ideas_desk_shows_markup_as_text(desk, db):
    idea = _idea(db, text="<script>alert(1)</script>", place="<b>hier</b>")
    for url in ("/desk/ideas", f"/desk/ideas/{idea}"):
        page = desk.get(url).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in page and "<b>hier</b>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_ideas_desk_status_changes_are_logged_with_who_and_when(app, desk, db, now):
    idea = _idea(db)
    response = desk.post(f"/desk/ideas/{idea}/status", data={"status": "doorgegeven"},
                         headers=HX)
    assert response.status_code == 200 and "De status is bewaard" in response.get_data(
        as_text=True)
    now["now"] = T0 + timedelta(hours=2)
    refused = desk.post(f"/desk/ideas/{idea}/status", data={"status": "niet_mogelijk"},
                        headers=HX)
    assert refused.status_code == 422
    assert "waarom het niet mogelijk is" in refused.get_data(as_text=True)
    desk.post(f"/desk/ideas/{idea}/status",
              data={"status": "niet_mogelijk", "reason": "De stad  plant er een\nweg"},
              headers=HX)
    desk.post(f"/desk/ideas/{idea}/status",
              data={"status": "niet_mogelijk", "reason": "De stad plant er een weg"}, headers=HX)
    assert ideas.status_log(db, idea) and [
        (e["old_status"], e["new_status"], e["reason"], e["volunteer_name"], e["at"])
        for e in ideas.status_log(db, idea)] == [
        ("nieuw", "doorgegeven", "", "Anna", clock.iso(T0)),
        ("doorgegeven", "niet_mogelijk", "De stad plant er een weg", "Anna",
         clock.iso(T0 + timedelta(hours=2)))]
    assert ideas.get_idea(db, idea)["closed_at"] == clock.iso(T0 + timedelta(hours=2))
    page = desk.get(f"/desk/ideas/{idea}").get_data(as_text=True)
    assert page.count("data-log-status=") == 2
    assert [a for a in audit_actions(app) if a[1] == "idea-status"] == [
        ("Anna", "idea-status", f"nr. {idea}, nu: Doorgegeven aan de stad"),
        ("Anna", "idea-status", f"nr. {idea}, nu: Niet mogelijk")]
    desk.post(f"/desk/ideas/{idea}/status", data={"status": "bekijken"}, headers=HX)
    assert ideas.get_idea(db, idea)["closed_at"] is None


def test_ideas_desk_public_flag_needs_a_text_and_shows_on_the_wall(app, desk, db):
    idea = _idea(db, text="Jan Peeters van nummer 12 wil een bank")
    refused = desk.post(f"/desk/ideas/{idea}/public", data={"public": "1", "public_text": " "},
                        headers=HX)
    assert refused.status_code == 422
    assert ideas.get_idea(db, idea)["public"] == 0
    done = desk.post(f"/desk/ideas/{idea}/public",
                     data={"public": "1", "public_text": "Een bank aan de kerk"}, headers=HX)
    assert done.status_code == 200
    wall = desk.get("/ideas/wall").get_data(as_text=True)
    assert "Een bank aan de kerk" in wall and "Peeters" not in wall
    desk.post(f"/desk/ideas/{idea}/public", data={"public_text": "Een bank aan de kerk"},
              headers=HX)
    assert "Een bank aan de kerk" not in desk.get("/ideas/wall").get_data(as_text=True)
    assert [a[1] for a in audit_actions(app) if a[1].startswith("idea-p")] == [
        "idea-public", "idea-private"]


def test_ideas_desk_notes_are_kept_with_who_and_never_on_the_wall(app, desk, db):
    idea = _idea(db)
    ideas.set_public(db, idea, True, "Een ruilkast")
    assert desk.post(f"/desk/ideas/{idea}/notes", data={"note": ""}, headers=HX
                     ).status_code == 422
    page = desk.post(f"/desk/ideas/{idea}/notes", data={"note": "Bellen met <de> stad"},
                     headers=HX).get_data(as_text=True)
    assert "Bellen met &lt;de&gt; stad" in page
    assert [(n["text"], n["volunteer_name"]) for n in ideas.notes(db, idea)] == [
        ("Bellen met <de> stad", "Anna")]
    assert "Bellen" not in desk.get("/ideas/wall").get_data(as_text=True)
    assert ("Anna", "idea-note", f"nr. {idea}") in audit_actions(app)


def test_ideas_desk_prints_for_a_meeting_without_contact_details(app, desk, db):
    idea = _idea(db, name="Jan", phone="0470123456", consent="1")
    ideas.add_note(db, idea, "Op de agenda zetten", None)
    page = desk.post(f"/desk/ideas/{idea}/print", headers=HX).get_data(as_text=True)
    assert "wordt afgedrukt" in page
    payload = db.execute("SELECT payload FROM print_jobs WHERE kind = 'idea'").fetchall()
    assert len(payload) == 1
    assert "Een ruilkast" in payload[0][0] and "Op de agenda zetten" in payload[0][0]
    assert "0470123456" not in payload[0][0] and "Jan" not in payload[0][0]
    assert ("Anna", "idea-print", f"nr. {idea}") in audit_actions(app)


def test_ideas_desk_csv_export_without_contact_and_safe_for_spreadsheets(app, desk, db):
    _idea(db, "a", text="=HYPERLINK(\"http://x\")", name="Jan", phone="0470123456", consent="1")
    _idea(db, "b", theme="groen", text="Bomen, \"veel\" bomen\nlangs de Dender")
    response = desk.get("/desk/ideas/export.csv?theme=")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [r["number"] for r in rows] == ["2", "1"]
    assert rows[1]["text"] == "'=HYPERLINK(\"http://x\")"
    assert rows[0]["text"] == "Bomen, \"veel\" bomen\nlangs de Dender"
    assert rows[1]["contact_consented"] == "yes" and "0470123456" not in body
    assert rows[0]["kiosk"] == "BP1" and rows[0]["time"] == "2026-03-02 10:30"
    only = list(csv.DictReader(io.StringIO(
        desk.get("/desk/ideas/export.csv?theme=groen").get_data(as_text=True))))
    assert [r["number"] for r in only] == ["2"]
    assert ("Anna", "idea-export", "2 ideeën") in audit_actions(app)


def test_ideas_desk_contact_is_purged_days_after_closing(app, desk, db, now):
    keep = app.config["IDEAS_CONTACT_RETENTION_DAYS"]
    idea = _idea(db, "a", name="Jan", phone="0470123456", consent="1")
    still_open = _idea(db, "b", name="Mia", email="mia@voorbeeld.be", consent="1")
    assert "0470123456" in desk.get(f"/desk/ideas/{idea}").get_data(as_text=True)
    now["now"] = T0 + timedelta(days=10)
    ideas.change_status(db, idea, "gebeurd", "", None)
    now["now"] = T0 + timedelta(days=10 + keep - 1)
    desk.get("/desk/ideas")
    assert "0470123456" in desk.get(f"/desk/ideas/{idea}").get_data(as_text=True)
    now["now"] = T0 + timedelta(days=10 + keep, seconds=1)
    desk.get("/desk/ideas")
    page = desk.get(f"/desk/ideas/{idea}").get_data(as_text=True)
    assert "0470123456" not in page and "Gewist op" in page
    row = ideas.get_idea(db, idea)
    assert (row["contact_name"], row["contact_phone"], row["text"]) == ("", "", "Een ruilkast")
    assert ideas.get_idea(db, still_open)["contact_email"] == "mia@voorbeeld.be"


def test_ideas_purge_contacts_uses_the_configured_days(db, now):
    idea = _idea(db, name="Jan", phone="0470123456", consent="1")
    ideas.change_status(db, idea, "niet_mogelijk", "Geen plaats", None)
    assert ideas.purge_contacts(db, T0 + timedelta(days=29), retention_days=30) == 0
    assert ideas.purge_contacts(db, T0 + timedelta(days=30), retention_days=30) == 1
    assert ideas.purge_contacts(db, T0 + timedelta(days=31), retention_days=30) == 0


def test_ideas_desk_unknown_idea_is_404(desk):
    assert desk.get("/desk/ideas/99").status_code == 404
    assert desk.post("/desk/ideas/99/status", data={"status": "gebeurd"}).status_code == 404
    assert desk.post("/desk/ideas/99/print").status_code == 404


def test_ideas_desk_menu_has_ideas(desk):
    assert 'href="/desk/ideas"' in desk.get("/desk").get_data(as_text=True)
