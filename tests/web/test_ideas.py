"""The visitor's ideas flow and the ideas wall, through the test client."""

import html
import re

import pytest

from kiosk.db import connect
from kiosk.ideas import store as ideas

HX = {"HX-Request": "true"}
GOOD = {"kind": "idee", "theme": "spelen", "text": "Een ruilkast aan het speelplein",
        "place": "Kerkstraat", "name": "", "phone": "", "email": "", "consent": ""}


def _fields(page: str) -> dict:
    """The hidden fields of a step, as a browser would send them back."""
    found = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
    return {name: html.unescape(value) for name, value in found}


def _start(client) -> dict:
    return _fields(client.get("/ideas").get_data(as_text=True))


def _rows(app, sql, params=()):
    db = connect(app.config["DATABASE"])
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def _confirm(client, **changes):
    form = {**_start(client), **GOOD, **changes}
    return client.post("/ideas/confirm", data=form, headers=HX)


def test_ideas_steps_carry_what_was_typed_and_go_back_without_losing_it(client):
    page = client.get("/ideas").get_data(as_text=True)
    assert 'data-step="kind"' in page and 'autocomplete="off"' in page
    form = _fields(page)
    steps = [("kind", {"kind": "melding"}, "theme"), ("theme", {"theme": "netheid"}, "text"),
             ("text", {"text": "Zwerfvuil <b>overal</b>\nnaast de bank"}, "place"),
             ("place", {"place": "Kerkplein"}, "contact")]
    for step, typed, following in steps:
        response = client.post(f"/ideas/{step}", data={**form, **typed}, headers=HX)
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and f'data-step="{following}"' in page
        assert "<html" not in page
        form = _fields(page)
    assert form["text"] == "Zwerfvuil <b>overal</b>\nnaast de bank"
    back = client.post("/ideas/contact", data={**form, "go": "back", "name": "Mia"}, headers=HX)
    page = back.get_data(as_text=True)
    assert 'data-step="place"' in page and 'value="Kerkplein"' in page
    assert _fields(page)["name"] == "Mia"
    assert "no-store" in back.headers["Cache-Control"]


@pytest.mark.parametrize(("step", "changes", "field", "message"), [
    ("text", {"text": ""}, "text", "Schrijf eerst je idee"),
    ("text", {"text": "   \n  "}, "text", "Schrijf eerst je idee"),
    ("text", {"text": "x" * 2001}, "text", "te lang"),
    ("place", {"place": "p" * 201}, "place", "plaats korter"),
    ("contact", {"phone": "12345", "consent": "1"}, "phone", "telefoonnummer klopt niet"),
    ("contact", {"phone": "0470 12 34 5", "consent": "1"}, "phone", "telefoonnummer klopt niet"),
    ("contact", {"phone": "<script>", "consent": "1"}, "phone", "telefoonnummer klopt niet"),
    ("contact", {"email": "jan@", "consent": "1"}, "email", "e-mailadres klopt niet"),
    ("contact", {"email": "jan <jan@x.be>", "consent": "1"}, "email", "e-mailadres klopt niet"),
    ("contact", {"phone": "0470123456"}, "consent", "Vink het vakje aan"),
    ("contact", {"name": "Jan"}, "consent", "Vink het vakje aan"),
    ("contact", {"consent": "1"}, "phone", "telefoonnummer of e-mailadres"),
    ("theme", {"theme": "raket"}, "theme", "Kies waarover"),
    ("kind", {"kind": ""}, "kind", "een idee of een melding"),
])
def test_ideas_bad_input_is_422_with_a_message_and_nothing_lost(client, step, changes, field,
                                                                message):
    form = {**_start(client), **GOOD, "text": "Mijn <i>idee</i> met é", **changes}
    response = client.post(f"/ideas/{step}", data=form, headers=HX)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html.unescape(page)
    assert f'id="error-{field}"' in page
    for name, value in changes.items():
        kept = value.strip() if name == "text" else " ".join(value.split())
        if name not in ("consent", "kind", "theme") and kept:
            assert html.escape(kept, quote=False) in page
    if "text" not in changes:
        assert "Mijn &lt;i&gt;idee&lt;/i&gt; met é" in page


@pytest.mark.parametrize("phone", ["0470 12 34 56", "0470/12.34.56", "+32 470 12 34 56",
                                   "0032470123456", "052 12 34 56", "02 123 45 67",
                                   "+31 6 12345678"])
def test_ideas_phone_numbers_in_belgian_shapes_are_accepted(phone):
    assert ideas.phone_ok(phone)


@pytest.mark.parametrize("phone", ["0470", "04701234567", "+32 470", "1234567890", "0470-abc",
                                   "+32 0470 12 34 56"])
def test_ideas_phone_numbers_in_wrong_shapes_are_refused(phone):
    assert not ideas.phone_ok(phone)


def test_ideas_confirm_stores_once_for_a_double_tap_and_prints_the_number(app, client):
    form = {**_start(client), **GOOD, "phone": "0470 12 34 56", "consent": "1"}
    first = client.post("/ideas/confirm", data=form, headers=HX)
    second = client.post("/ideas/confirm", data=form, headers=HX)
    assert first.status_code == second.status_code == 200
    assert "data-idea-number>1<" in first.get_data(as_text=True)
    assert "data-idea-number>1<" in second.get_data(as_text=True)
    assert 'id="slip-status"' in first.get_data(as_text=True)
    assert _rows(app, "SELECT id, kind, theme, contact_phone, status FROM ideas") == [
        (1, "idee", "spelen", "0470 12 34 56", "nieuw")]
    jobs = _rows(app, "SELECT kind, payload FROM print_jobs")
    assert len(jobs) == 1 and jobs[0][0] == "idea"
    assert "Je nummer" in jobs[0][1] and "0470" not in jobs[0][1]


def test_ideas_confirm_without_htmx_redirects_to_the_thanks(client):
    _confirm(client)
    form = {**_start(client), **GOOD}
    response = client.post("/ideas/confirm", data=form)
    assert response.status_code == 303
    assert "data-idea-number>2<" in client.get(response.location).get_data(as_text=True)


def test_ideas_contact_without_consent_is_never_stored(app, client):
    response = _confirm(client, name="Jan", phone="0470123456")
    assert response.status_code == 422
    assert "Vink het vakje aan" in response.get_data(as_text=True)
    assert _rows(app, "SELECT count(*) FROM ideas") == [(0,)]
    assert _confirm(client, name="", phone="").status_code == 200
    assert _rows(app, "SELECT contact_name, contact_phone, consent_at FROM ideas") == [
        ("", "", None)]


def test_ideas_consent_says_what_for_and_how_long(app, client):
    form = {**_start(client), **GOOD}
    page = client.post("/ideas/place", data=form, headers=HX).get_data(as_text=True)
    assert 'type="checkbox" name="consent"' in page
    assert "alleen over dit bericht" in page and "90 dagen" in page


def test_ideas_markup_is_stored_as_typed_and_shown_as_text(app, client):
    script = "<script>alert('x')</script> & <img src=x onerror=alert(1)>"
    response = _confirm(client, text=script, place=script)
    assert response.status_code == 200
    assert _rows(app, "SELECT text, place FROM ideas") == [(script, script)]


def test_ideas_wall_shows_only_public_ideas_escaped_and_ik_ook_once_per_session(app, client):
    _confirm(client, text="Geheim idee")
    _confirm(client, text="<script>alert(1)</script>")
    db = connect(app.config["DATABASE"])
    ideas.set_public(db, 2, True, "<script>alert(1)</script> op de muur")
    ideas.change_status(db, 2, "niet_mogelijk", "Het <b>budget</b> is op", None)
    db.close()
    page = client.get("/ideas/wall").get_data(as_text=True)
    assert "Geheim idee" not in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; op de muur" in page
    assert "Niet mogelijk" in page and "Het &lt;b&gt;budget&lt;/b&gt; is op" in page
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    headers = {**HX, "X-CSRFToken": token}
    first = client.post("/ideas/wall/2/ik-ook", headers=headers).get_data(as_text=True)
    again = client.post("/ideas/wall/2/ik-ook", headers=headers).get_data(as_text=True)
    assert 'data-votes="1"' in first and 'data-votes="1"' in again and "disabled" in again
    assert client.post("/ideas/wall/1/ik-ook", headers=headers).status_code == 404
    assert _rows(app, "SELECT idea_id, count(*) FROM idea_votes GROUP BY idea_id") == [(2, 1)]


def test_ideas_ik_ook_counts_again_for_the_next_kiosk_session(app, client, monkeypatch):
    _confirm(client)
    db = connect(app.config["DATABASE"])
    ideas.set_public(db, 1, True, "Een ruilkast")
    db.close()
    token = re.search(r'name="csrf-token" content="([^"]+)"',
                      client.get("/ideas/wall").get_data(as_text=True)).group(1)
    headers = {**HX, "X-CSRFToken": token}
    client.post("/ideas/wall/1/ik-ook", headers=headers)
    client.get("/reset")  # the idle reset: a new visitor
    token = re.search(r'name="csrf-token" content="([^"]+)"',
                      client.get("/ideas/wall").get_data(as_text=True)).group(1)
    page = client.post("/ideas/wall/1/ik-ook", headers={**HX, "X-CSRFToken": token})
    assert 'data-votes="2"' in page.get_data(as_text=True)
    # A session left untouched on the home screen also ends after the idle time.
    from datetime import timedelta

    from kiosk import clock
    later = clock.now() + timedelta(seconds=app.config["IDLE_SECONDS"] + 5)
    monkeypatch.setattr(clock, "now", lambda: later)
    page = client.post("/ideas/wall/1/ik-ook", headers={**HX, "X-CSRFToken": token})
    assert 'data-votes="3"' in page.get_data(as_text=True)


def test_ideas_home_has_a_tile(client):
    assert 'href="/ideas"' in client.get("/").get_data(as_text=True)


def test_ideas_keyboard_assets_load_only_on_the_ideas_page(client):
    assert "simple-keyboard/index.js" in client.get("/ideas").get_data(as_text=True)
    assert "js/keyboard.js" in client.get("/ideas").get_data(as_text=True)
    assert "simple-keyboard" not in client.get("/").get_data(as_text=True)
    assert "simple-keyboard" not in client.get("/ideas/wall").get_data(as_text=True)
