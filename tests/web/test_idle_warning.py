"""The idle warning on every page, and the desk's "still here" that keeps its server session."""

import re
import time

import pytest

from tests.helpers import add_volunteer, csrf_token, log_in


def _body(html: str) -> str:
    return re.search(r"<body[^>]*>", html).group(0)


@pytest.mark.parametrize("path", ["/checkin", "/ideas", "/shop", "/desk/login"])
def test_idle_warning_waits_on_every_visitor_page(app, client, path):
    html = client.get(path).get_data(as_text=True)
    assert 'data-idle-warning="15"' in _body(html)
    assert "data-idle-ping-url" not in _body(html)  # a visitor's session lives in the browser
    assert 'id="idle-warning"' in html and "Ben je er nog?" in html
    assert re.search(r'<button type="button" class="button primary big" data-idle-keep>', html)


def test_idle_warning_on_the_desk_pings_the_server(app, client):
    log_in(client, add_volunteer(app))
    body = _body(client.get("/desk").get_data(as_text=True))
    assert 'data-idle-ping-url="/desk/still-here"' in body
    assert f'data-idle-seconds="{app.config["DESK_IDLE_SECONDS"] + 1}"' in body


def test_idle_warning_time_is_a_setting(tmp_path):
    from kiosk import create_app

    app = create_app({"INSTANCE_PATH": str(tmp_path / "i"), "IDLE_WARNING_SECONDS": 20})
    assert 'data-idle-warning="20"' in app.test_client().get("/checkin").get_data(as_text=True)


def test_desk_still_here_keeps_the_volunteer_logged_in(app, client, monkeypatch):
    log_in(client, add_volunteer(app))
    token = csrf_token(client, "/desk")
    start = time.time()
    limit = app.config["DESK_IDLE_SECONDS"]
    for step in (1, 2):  # twice the idle time since the last page, touched in between
        monkeypatch.setattr(time, "time", lambda step=step: start + step * (limit - 5))
        response = client.post("/desk/still-here", headers={"X-CSRFToken": token})
        assert response.status_code == 204
    assert client.get("/desk").status_code == 200


def test_desk_still_here_needs_a_volunteer_and_the_token(app, client):
    assert client.post("/desk/still-here").status_code == 400  # no CSRF token
    token = csrf_token(client, "/")
    response = client.post("/desk/still-here", headers={"X-CSRFToken": token})
    assert response.status_code == 302 and "/desk/login" in response.headers["Location"]


def test_desk_still_here_after_the_idle_time_is_too_late(app, client, monkeypatch):
    log_in(client, add_volunteer(app))
    token = csrf_token(client, "/desk")
    later = time.time() + app.config["DESK_IDLE_SECONDS"] + 1
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post("/desk/still-here", headers={"X-CSRFToken": token})
    assert response.status_code == 302 and "idle=1" in response.headers["Location"]
