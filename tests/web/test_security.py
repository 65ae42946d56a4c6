"""Security basics: CSRF, headers, the LAN guard, cookies, the request size limit."""

import pytest

from tests.helpers import csrf_token, form_fields

LAN = {"REMOTE_ADDR": "192.168.1.23"}


def test_post_without_csrf_token_is_rejected(client):
    fields = form_fields(client.get("/checkin").get_data(as_text=True))
    del fields["csrf_token"]
    response = client.post("/checkin", data={**fields, "reason": "koffie"})
    assert response.status_code == 400
    assert "verlopen" in response.get_data(as_text=True)


def test_post_with_csrf_header_like_htmx_is_accepted(client):
    token = csrf_token(client, "/checkin")
    fields = form_fields(client.get("/checkin").get_data(as_text=True))
    del fields["csrf_token"]
    response = client.post("/checkin", data={**fields, "reason": "koffie"},
                           headers={"HX-Request": "true", "X-CSRFToken": token})
    assert response.status_code == 200


def test_csrf_token_from_another_session_is_rejected(app, client):
    other = app.test_client()
    token = csrf_token(other, "/checkin")
    fields = form_fields(client.get("/checkin").get_data(as_text=True))
    response = client.post("/checkin", data={**fields, "csrf_token": token, "reason": "koffie"})
    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/", "/checkin", "/desk/login", "/healthz", "/reset",
                                  "/static/css/kiosk.css", "/lang/en"])
def test_security_headers_on_every_response(client, path):
    response = client.get(path)
    response.close()
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/checkin", "/desk/login"])
def test_pages_are_never_cached(client, path):
    assert client.get(path).headers["Cache-Control"] == "no-store"


def test_pages_have_no_inline_script(client):
    for path in ("/", "/checkin", "/desk/login"):
        body = client.get(path).get_data(as_text=True)
        assert "<script>" not in body
        assert " on" + "click=" not in body


def test_session_cookie_flags(client):
    client.get("/lang/en")
    cookie = client.get_cookie("kiosk_session")
    assert cookie.http_only
    assert cookie.same_site == "Strict"


@pytest.mark.parametrize("path", ["/", "/checkin", "/desk", "/desk/login", "/healthz",
                                  "/lang/en", "/reset", "/nope"])
def test_lan_guard_refuses_the_lan(client, path):
    response = client.get(path, environ_base=LAN)
    assert response.status_code == 403


def test_lan_guard_refuses_posts_from_the_lan(client):
    assert client.post("/checkin", data={"reason": "koffie"}, environ_base=LAN).status_code == 403


def test_lan_guard_lets_phones_reach_upload_pages(client):
    response = client.get("/u/abc", environ_base=LAN)  # answered by the upload page itself
    assert response.status_code == 404
    assert "Deze link bestaat niet" in response.get_data(as_text=True)
    with client.get("/static/css/phone.css", environ_base=LAN) as response:
        assert response.status_code == 200
    assert client.get("/checkin", environ_base=LAN).status_code == 403
    assert client.get("/print", environ_base=LAN).status_code == 403


def test_lan_guard_lets_a_paired_desk_device_in(tmp_path):
    from kiosk import create_app

    app = create_app({"INSTANCE_PATH": str(tmp_path), "TESTING": True,
                      "DESK_ADDRESSES": ["192.168.1.23"]})
    assert app.test_client().get("/desk/login", environ_base=LAN).status_code == 200


def test_lan_guard_allows_ipv6_loopback(client):
    assert client.get("/", environ_base={"REMOTE_ADDR": "::1"}).status_code == 200
