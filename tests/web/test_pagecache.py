"""Pages kept for a minute: each visitor still gets their own token and form key, and the
language, the clock, htmx and the session's own state are never mixed up."""

import re
from datetime import timedelta

from kiosk import clock, pagecache
from kiosk.db import connect
from tests.helpers import add_volunteer, form_fields
from tests.web.test_checkin import _visits


def _page(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_pagecache_gives_every_visitor_their_own_csrf_token(app):
    first, second = app.test_client(), app.test_client()
    tokens = [form_fields(_page(c, "/checkin"))["csrf_token"] for c in (first, second)]
    assert tokens[0] != tokens[1]
    assert pagecache.CSRF_SLOT not in _page(first, "/checkin")
    for visitor, token in zip((first, second), tokens, strict=True):
        key = form_fields(_page(visitor, "/checkin"))["key"]
        response = visitor.post("/checkin", data={"csrf_token": token, "key": key,
                                                  "reason": "koffie"})
        assert response.status_code == 303
    # One visitor's token is no good in another's session.
    key = form_fields(_page(first, "/checkin"))["key"]
    refused = first.post("/checkin", data={"csrf_token": "x" + tokens[1][1:], "key": key,
                                           "reason": "koffie"})
    assert refused.status_code == 400
    assert len(_visits(app)) == 2


def test_pagecache_gives_every_form_a_fresh_key(app, client):
    keys = {form_fields(_page(client, url))["key"] for url in ["/checkin"] * 3 + ["/ideas"] * 3}
    assert len(keys) == 6
    assert all(re.fullmatch(r"[0-9a-f]{32}", key) for key in keys)
    for _ in range(2):  # two neighbours one after the other: two visits, not one
        fields = form_fields(_page(client, "/checkin"))
        client.post("/checkin", data={**fields, "reason": "buren"})
    assert len(_visits(app)) == 2


def test_pagecache_keeps_languages_apart(app):
    dutch, english = app.test_client(), app.test_client()
    english.get("/lang/en")
    for _ in range(2):
        assert "Waarom kom je vandaag?" in _page(dutch, "/checkin")
        assert "Why are you here today?" in _page(english, "/checkin")
        assert 'lang="en"' in _page(english, "/")


def test_pagecache_shows_the_new_minute(client, monkeypatch):
    first = re.search(r"data-clock-time>([^<]+)<", _page(client, "/")).group(1)
    later = clock.now() + timedelta(minutes=7)
    monkeypatch.setattr(clock, "now", lambda: later)
    second = re.search(r"data-clock-time>([^<]+)<", _page(client, "/")).group(1)
    assert first != second


def test_pagecache_keeps_the_htmx_part_apart_from_the_page(client):
    assert "<html" in _page(client, "/checkin")
    part = _page(client, "/checkin", **{"HX-Request": "true"})
    assert part.lstrip().startswith('<section id="checkin"')
    assert "<html" in _page(client, "/checkin")
    assert "<html" not in _page(client, "/checkin", **{"HX-Request": "true"})


def test_pagecache_home_still_knows_whether_there_is_something_to_forget(app):
    fresh, chose_language = app.test_client(), app.test_client()
    chose_language.get("/lang/nl")
    for _ in range(2):
        assert 'data-idle-url=""' in _page(fresh, "/")
        assert 'data-idle-url="/reset"' in _page(chose_language, "/")


def test_pagecache_holds_a_bounded_number_of_pages(app, client):
    for number in range(pagecache.MAX_PAGES + 20):
        assert "Waarom kom je vandaag?" in _page(client, f"/checkin?n={number}")
    assert len(app.extensions["pagecache"].pages) == pagecache.MAX_PAGES


def test_pagecache_login_screen_follows_who_can_log_in(app, client):
    assert "Er is nog geen vrijwilliger" in _page(client, "/desk/login")
    add_volunteer(app, "Anna")
    assert "Anna" in _page(client, "/desk/login")
    add_volunteer(app, "Bram", "1357")
    names = _page(client, "/desk/login")
    assert "Anna" in names and "Bram" in names
    db = connect(app.config["DATABASE"])
    db.execute("UPDATE volunteers SET active = 0 WHERE name = 'Bram'")
    db.conn.commit()
    db.close()
    assert "Bram" not in _page(client, "/desk/login")
