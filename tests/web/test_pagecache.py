"""Pages kept for a minute: each visitor still gets their own token and form key, and the
language, the clock, htmx and the session's own state are never mixed up."""

import re
from datetime import timedelta

import sales
from kiosk import clock, create_app, pagecache
from kiosk.db import connect, generation, get_db
from kiosk.ideas import store as ideas
from tests.helpers import add_volunteer, csrf_token, form_fields, stock_and_open_till
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


def _write(app, change):
    """Change the database the way another process would (a volunteer's command, a worker)."""
    db = connect(app.config["DATABASE"])
    try:
        change(db)
    finally:
        db.close()


def test_pagecache_shop_follows_stock_and_each_basket(app):
    stock_and_open_till(app, pieces=5)
    first, second = app.test_client(), app.test_client()
    assert "Op. Vraag het" not in _page(first, "/shop")
    token = csrf_token(first, "/shop")
    first.post("/shop/basket", data={"code": "PMD", "qty": "2"},
               headers={"HX-Request": "true", "X-CSRFToken": token})
    assert 'data-code="PMD" data-qty="2"' in _page(first, "/shop")
    assert 'data-code="PMD" data-qty="0"' in _page(second, "/shop")
    _write(app, lambda db: sales.correct_stock(db, "REST30", -5, reason="telling",
                                               volunteer="Anna"))
    for visitor in (first, second):
        assert "Op. Vraag het" in _page(visitor, "/shop")


def test_pagecache_wall_follows_new_ideas_and_each_visitors_vote(app):
    first, second = app.test_client(), app.test_client()
    assert "Een ruilkast" not in _page(first, "/ideas/wall")
    draft = ideas.clean({"kind": "idee", "theme": "spelen", "text": "Een ruilkast?"})
    _write(app, lambda db: (ideas.record_idea(db, draft, "a" * 32),
                            ideas.set_public(db, 1, True, "Een ruilkast")))
    wall = _page(first, "/ideas/wall")
    assert "Een ruilkast" in wall and "Jij ook" not in wall
    token = re.search(r'name="csrf-token" content="([^"]+)"', wall).group(1)
    first.post("/ideas/wall/1/ik-ook", headers={"HX-Request": "true", "X-CSRFToken": token})
    assert "Jij ook" in _page(first, "/ideas/wall")
    other = _page(second, "/ideas/wall")
    assert "Jij ook" not in other and 'data-votes="1"' in other


def test_pagecache_frame_belongs_to_its_own_kiosk(tmp_path):
    names = ["Buurtpunt Oud-Dendermonde", "Buurtpunt Sint-Gillis"]
    apps = [create_app({"INSTANCE_PATH": str(tmp_path / str(n)), "BUURTPUNT_NAME": name})
            for n, name in enumerate(names)]
    for _ in range(2):
        for app, name in zip(apps, names, strict=True):
            assert f"<span>{name}</span>" in _page(app.test_client(), "/checkin")


def test_db_generation_moves_with_every_write_from_here_or_elsewhere(app):
    with app.app_context():
        before = generation()
        assert generation() == before  # reading changes nothing
        get_db().execute("INSERT INTO audit_log (at, action) VALUES ('x', 'test')")
        get_db().conn.commit()
        mine = generation()
        assert mine != before
        add_volunteer(app, "Bram", "1357")  # its own connection, as a worker has
        assert generation() != mine
