"""Activities for the tests: a plan with defaults, stored straight in a kiosk's database."""

import html
import re
from datetime import date, time

from kiosk.activities import store
from kiosk.db import connect

ZONE = "Europe/Brussels"
HX = {"HX-Request": "true"}


def plan(**changes) -> store.Plan:
    """Fietsherstel in the buurtpunt, 14:00 for two hours, 5 places, free (unless changed)."""
    values = {"kind": "fietsherstel", "title": "Fietsherstel", "day": date(2026, 3, 3),
              "start": time(14, 0), "minutes": 120, "capacity": 5}
    return store.Plan(**{**values, **changes})


def add(app, until=None, **changes) -> int:
    """Store an activity (and its weekly copies up to `until`) in the app's database."""
    db = connect(app.config["DATABASE"])
    try:
        return store.create(db, plan(**changes), ZONE, until)[0]
    finally:
        db.close()


def rows(app, sql, params=()):
    """What a query finds in the app's database now."""
    db = connect(app.config["DATABASE"])
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def fields(page: str) -> dict:
    """The hidden fields of a page's form, as a browser sends them back (a list when repeated)."""
    found: dict = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page):
        value = html.unescape(value)
        found[name] = [*found[name], value] if isinstance(found.get(name), list) else (
            [found[name], value] if name in found else value)
    return found


def sign_up(client, activity_id: int, **typed):
    """Fill in the sign-up form of an activity and send it (as htmx does)."""
    form = fields(client.get(f"/activities/{activity_id}").get_data(as_text=True))
    data = {**form, "name": "Mia", "go": "send", **typed}
    return client.post(f"/activities/{activity_id}", data=data, headers=HX)
