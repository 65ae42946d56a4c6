"""Every route the app registers, fuzzed: never a 5xx, and a refused request stores nothing.

The routes come from the app's url_map, their fields and path values from the pages the app
renders (tests/web/fuzzing.py), so a new route is fuzzed without anyone listing it here.
"""

import io
import re
import shutil
import sqlite3
import tempfile
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import create_app
from kiosk.db import connect
from tests.helpers import add_volunteer, log_in, pdf_bytes, stock_and_open_till
from tests.web.fuzzing import Routes

CONFIG = {"TESTING": True, "DESK_IDLE_SECONDS": 86_400}
EXAMPLES = {"GET": 20, "POST": 150}


def _routes(app=None):
    """(method, rule) for every route of the app (a freshly built one), static files aside."""
    if app is None:
        with tempfile.TemporaryDirectory() as folder:
            return _routes(create_app({"INSTANCE_PATH": folder, **CONFIG}))
    return sorted((method, rule.rule) for rule in app.url_map.iter_rules()
                  if rule.endpoint != "static" for method in rule.methods - {"HEAD", "OPTIONS"})


class Kiosk:
    """A seeded kiosk, its sessions (visitor, payer, printer, desk) and what its pages offer."""

    def __init__(self, folder: Path):
        self.app = create_app({"INSTANCE_PATH": str(folder), **CONFIG})
        self.client = self.app.test_client()
        self.cookie = self.app.config["SESSION_COOKIE_NAME"]
        self.db = connect(self.app.config["DATABASE"])
        self.tables = [row[0] for row in self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        self.sessions, self.routes = {}, Routes(self.app)
        _seed(self)
        self.uploads = self.app.extensions["printing"].uploads
        self.seeded_uploads = folder / "seeded"
        shutil.copytree(self.uploads, self.seeded_uploads)
        self.seeded = sqlite3.connect(":memory:")
        self.db.conn.backup(self.seeded)

    def reset(self) -> None:
        """Back to the seeded database and uploaded files, so each route meets the same kiosk."""
        self.seeded.backup(self.db.conn)
        shutil.rmtree(self.uploads)
        shutil.copytree(self.seeded_uploads, self.uploads)

    def keep(self, name: str) -> None:
        """Remember the client's current session (cookie and CSRF token) under a name."""
        page = self.client.get("/").get_data(as_text=True)
        token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
        self.sessions[name] = (self.client.get_cookie(self.cookie).value, token)

    def use(self, name: str) -> str:
        """Go back to a remembered session; its CSRF token."""
        cookie, token = self.sessions[name]
        self.client.set_cookie(self.cookie, cookie)
        return token

    def rows(self) -> tuple:
        """How many rows each table holds (the audit of a PIN lock is a refusal's own record)."""
        counts = [self.db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0]  # noqa: S608
                  for t in self.tables if t != "audit_log"]
        audit = self.db.execute(
            "SELECT count(*) FROM audit_log WHERE action != 'pin-locked'").fetchone()[0]
        return (*counts, audit)


def _seed(kiosk: Kiosk) -> None:
    """A volunteer, stock, an open till, a basket at payment, an idea on the wall, a print job."""
    app, client = kiosk.app, kiosk.client
    volunteer = add_volunteer(app)
    stock_and_open_till(app)
    kiosk.keep("visitor")
    token = kiosk.sessions["visitor"][1]
    code = re.search(r'name="code" value="([^"]+)"', client.get("/shop").get_data(as_text=True))[1]
    client.post("/shop/basket", data={"code": code, "qty": "1", "csrf_token": token})
    client.post("/shop/pay", data={"csrf_token": token})
    kiosk.keep("payer")
    client.post("/ideas/confirm", data={"kind": "idee", "theme": "spelen", "csrf_token": token,
                                        "text": "Een bank op het plein", "key": uuid.uuid4().hex})
    client.post("/help", data={"topic": "rechten", "key": uuid.uuid4().hex, "csrf_token": token})
    client.post("/shifts/start", data={"volunteer_id": volunteer["id"], "pin": "2468",
                                       "csrf_token": token})
    upload = re.search(r"/u/([\w-]+)", client.get("/print").get_data(as_text=True))[0]
    client.post(upload, data={"csrf_token": token, "file": (io.BytesIO(pdf_bytes(2)), "a.pdf")})
    kiosk.keep("printer")
    log_in(client, volunteer)
    kiosk.keep("desk")
    token = kiosk.sessions["desk"][1]
    client.post("/desk/ideas/1/public", data={"public": "1", "public_text": "Een bank",
                                              "csrf_token": token})
    client.post("/desk/printer/test", data={"csrf_token": token})
    _seed_activity(client, token)
    pages = [rule for method, rule in _routes(app) if method == "GET" and "<" not in rule]
    for name in kiosk.sessions:
        for path in [*pages, "/desk/ideas/1", "/activities/1", "/desk/activities/1",
                     "/desk/volunteering/1", f"/desk/login?v={volunteer['id']}",
                     f"/shop/pay?v={volunteer['id']}"]:
            kiosk.use(name)  # each page as the session was: /reset would end it
            page = client.get(path)
            if page.mimetype == "text/html":
                kiosk.routes.read(page.get_data(as_text=True), name)
            page.close()


def _seed_activity(client, token: str) -> None:
    """An activity next week with one sign-up, and an offer to help."""
    day = (date.today() + timedelta(days=7)).isoformat()
    client.post("/desk/activities/new", data={
        "kind": "koken", "title": "Samen koken", "day": day, "hour": "14", "minute": "0",
        "minutes": "120", "capacity": "9", "csrf_token": token})
    client.post("/activities/1", data={"name": "Mia", "people": "1", "go": "send",
                                       "key": uuid.uuid4().hex, "csrf_token": token})
    client.post("/volunteer/send", data={"tasks": "koffie", "key": uuid.uuid4().hex,
                                         "csrf_token": token})


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory):
    kiosk = Kiosk(tmp_path_factory.mktemp("fuzz") / "instance")
    yield kiosk
    kiosk.db.close()


def _check(kiosk: Kiosk, method: str, session: str, path: str, fields: dict, htmx: bool):
    """Send one request: never a 5xx; when refused (4xx), no row stored."""
    token = kiosk.use(session)
    before = kiosk.rows()
    response = kiosk.client.open(
        path, method=method, query_string=fields if method == "GET" else None,
        data={**fields, "csrf_token": token} if method == "POST" else None,
        headers={"X-CSRFToken": token, **({"HX-Request": "true"} if htmx else {})})
    response.close()
    assert response.status_code < 500, (session, path, fields)
    if 400 <= response.status_code < 500:
        assert kiosk.rows() == before, ("a refused request stored rows", session, path, fields)


@pytest.mark.parametrize(("method", "rule"), _routes())
def test_route_answers_bad_input_without_a_server_error(kiosk, method, rule):
    key, routes = (method, rule), kiosk.routes
    kiosk.reset()
    for number, (session, path, fields) in enumerate(routes.sweep(key, kiosk.sessions)):
        _check(kiosk, method, session, path, fields, htmx=number % 2 == 0)
    form, session = routes.form(key), routes.session(key, kiosk.sessions)

    @settings(max_examples=EXAMPLES[method], deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def fuzz(data):
        _check(kiosk, method, data.draw(session, label="session"),
               routes.path(key, data.draw), data.draw(form, label="fields"),
               data.draw(st.booleans(), label="htmx"))

    fuzz()
