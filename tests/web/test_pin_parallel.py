"""The PIN lockout under parallel guesses, against a kiosk served by waitress with 8 threads."""

import http.client
import re
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest
from waitress.server import create_server

from kiosk import create_app, volunteers
from tests.e2e.conftest import _Served
from tests.helpers import (
    CountingHasher,
    add_volunteer,
    audit_actions,
    form_fields,
    stock_and_open_till,
)

RIGHT, WRONG = "2468", "9999"
GUESSES = 40


@pytest.fixture
def served(tmp_path, monkeypatch):
    """A kiosk under waitress (8 threads, as `kiosk serve`), its volunteer and a PIN counter."""
    counter = CountingHasher(volunteers.HASHER)
    monkeypatch.setattr(volunteers, "HASHER", counter)
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance")})
    volunteer = add_volunteer(app, "Anna", RIGHT)
    server = _Served(create_server(app, host="127.0.0.1", port=0, threads=8))
    yield app, server.server.effective_port, volunteer, counter
    server.stop()


def _request(port, method, path, body=None, cookie="", sent=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie, "HX-Request": "true"}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    if sent is not None:
        sent.release()
    response = conn.getresponse()
    data = response.read().decode()
    conn.close()
    return response.status, data, response.getheader("Set-Cookie") or ""


def _form(port, path):
    """The login form of one kiosk session: its cookie and hidden fields."""
    _, page, cookie = _request(port, "GET", path)
    return cookie.split(";")[0], form_fields(page)


@pytest.mark.parametrize("post_path", ["/desk/login", "/shop/pay/pin"])
def test_pin_lockout_holds_under_forty_parallel_guesses(served, post_path):
    app, port, volunteer, counter = served
    cookie, fields = _form(port, f"/desk/login?v={volunteer['id']}")
    if post_path == "/shop/pay/pin":
        stock_and_open_till(app)
        cookie = _with_payment(port, cookie, fields)

    def post(pin, sent=None, wait=None):
        if wait is not None:
            wait.wait(30)
        body = urllib.parse.urlencode({**fields, "volunteer_id": volunteer["id"], "pin": pin})
        return _request(port, "POST", post_path, body, cookie, sent)

    sent, first_answer = threading.Semaphore(0), threading.Event()
    with ThreadPoolExecutor(GUESSES) as pool:
        wrong = [pool.submit(post, WRONG, sent) for _ in range(GUESSES - 1)]
        for future in wrong:
            future.add_done_callback(lambda _: first_answer.set())
        for _ in wrong:
            sent.acquire(timeout=30)
        # The right PIN goes last: after every wrong one was sent and one was answered.
        right = pool.submit(post, RIGHT, wait=first_answer)
        answers = [f.result() for f in wrong] + [right.result()]
    assert counter.verified == app.config["PIN_MAX_TRIES"]
    assert all(status == 422 for status, _, _ in answers)
    assert "Te veel foute pogingen" in answers[-1][1]
    assert sum("klopt niet" in body for _, body, _ in answers) == app.config["PIN_MAX_TRIES"] - 1
    assert [a for _, a, _ in audit_actions(app)].count("pin-locked") == 1
    assert "login" not in [a for _, a, _ in audit_actions(app)]


def _with_payment(port, cookie, fields):
    """Put a bag in the basket and go to payment, as a visitor does before the PIN."""
    for path, data in (("/shop/basket", {"code": _first_bag(port, cookie), "qty": "1"}),
                       ("/shop/pay", {})):
        status, _, set_cookie = _request(port, "POST", path,
                                         urllib.parse.urlencode({**fields, **data}), cookie)
        assert status in (200, 204), path
        cookie = set_cookie.split(";")[0] or cookie
    return cookie


def _first_bag(port, cookie):
    _, page, _ = _request(port, "GET", "/shop", cookie=cookie)
    return re.search(r'name="code" value="([^"]+)"', page).group(1)
