"""Every route answers; home, languages, the idle reset and /healthz."""

import pytest

from tests.helpers import csrf_token


def _get_routes(app):
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and not rule.arguments:
            yield rule.rule


def test_every_get_route_answers(app, client):
    for path in _get_routes(app):
        with client.get(path) as response:
            # The thumbnail of an upload only exists once a phone has sent a file.
            expected = (404,) if path == "/print/thumb" else (200, 302, 303)
            if path == "/speak":  # says the text it is given: nothing to say is a 400
                expected = (400,)
            assert response.status_code in expected, path


def test_every_post_route_answers_a_valid_token(app, client):
    token = csrf_token(client)
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods:
            response = client.post(rule.rule, data={"csrf_token": token})
            assert response.status_code < 500, rule.rule


def test_home_shows_name_date_tiles_languages_and_desk_entrance(client):
    body = client.get("/").get_data(as_text=True)
    assert "Buurtpunt Dendermonde" in body
    assert "data-clock-time" in body
    assert 'href="/checkin"' in body
    assert "Ik kom binnen" in body
    for name in ("Nederlands", "English", "Français"):
        assert name in body
    assert 'href="/desk/login"' in body


def test_home_tiles_all_lead_somewhere(client):
    import re

    body = client.get("/").get_data(as_text=True)
    for href in re.findall(r'class="tile" href="([^"]+)"', body):
        assert client.get(href).status_code == 200


@pytest.mark.parametrize(("code", "text"), [
    ("nl", "Waarom kom je vandaag?"),
    ("en", "Why are you here today?"),
    ("fr", "Pourquoi venez-vous aujourd'hui ?"),
])
def test_language_switch(client, code, text):
    client.get(f"/lang/{code}")
    body = client.get("/checkin").get_data(as_text=True)
    assert text in body
    assert f'<html lang="{code}"' in body


def test_language_switch_ignores_unknown_language_and_foreign_next(client):
    response = client.get("/lang/xx?next=https://evil.example/")
    assert response.headers["Location"] == "/"
    assert '<html lang="nl"' in client.get("/").get_data(as_text=True)


BOOSTED = {"HX-Request": "true", "HX-Boosted": "true"}


@pytest.mark.parametrize(("code", "start", "welcome"), [
    ("en", "nl", "Welcome"), ("ar", "nl", 'dir="rtl"'), ("nl", "fr", "Welkom"),
    ("xx", "fr", "Bienvenue")])
def test_boosted_language_tap_answers_the_home_screen_at_once(client, code, start, welcome):
    """No redirect to follow: the home screen in the new language in the same answer."""
    client.get(f"/lang/{start}")
    response = client.get(f"/lang/{code}", headers=BOOSTED)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    shown = start if code == "xx" else code
    assert f'<html lang="{shown}"' in body and welcome in body
    assert 'class="tiles' in body
    # The next page keeps the language: it is the visit's, not this answer's.
    assert f'<html lang="{shown}"' in client.get("/checkin").get_data(as_text=True)
    # Elsewhere than home the visitor is still sent back where they were.
    elsewhere = client.get(f"/lang/{code}?next=/checkin", headers=BOOSTED)
    assert elsewhere.status_code == 302 and elsewhere.headers["Location"] == "/checkin"


def test_reset_forgets_the_visitor(client):
    client.get("/lang/en")
    response = client.get("/reset")
    assert response.status_code == 303
    # Storage, not the cache: only the static files, the same for everyone, are ever kept there
    # (next test), and clearing them made the first tap after each reset load and compile them
    # again (bench/bench_taps.py: home -> print 1.06x -> 0.89x the floor).
    assert response.headers["Clear-Site-Data"] == '"storage"'
    assert '<html lang="nl"' in client.get("/").get_data(as_text=True)


def test_nothing_but_static_files_may_be_kept_by_the_browser(app, client):
    """What the idle reset leaves in the browser's cache: only what is the same for everyone."""
    client.get("/lang/fr")
    for path in _get_routes(app):
        with client.get(path) as response:
            kept = response.headers.get("Cache-Control")
            if path.startswith("/static"):
                continue
            assert kept == "no-store", path
    static = client.get("/static/css/kiosk.css")
    assert "no-store" not in static.headers["Cache-Control"] and "Set-Cookie" not in static.headers
    static.close()


def test_idle_reset_is_configured_on_visitor_pages(app, client):
    body = client.get("/checkin").get_data(as_text=True)
    assert f'data-idle-seconds="{app.config["IDLE_SECONDS"]}"' in body
    assert 'data-idle-url="/reset"' in body


def test_htmx_history_cache_is_off(client):
    body = client.get("/").get_data(as_text=True)
    assert '"historyCacheSize": 0' in body


def test_healthz_reports_database_printers_and_version(client):
    body = client.get("/healthz").get_json()
    assert body["database"] == "ok"
    assert set(body["printers"]) == {"receipt", "document"}
    assert body["version"]
    assert "queue_length" in body


def test_unknown_page_is_a_calm_404(client):
    response = client.get("/nergens")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet." in response.get_data(as_text=True)
