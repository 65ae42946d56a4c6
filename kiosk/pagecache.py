"""Visitor pages that are the same for everyone, rendered once a minute per language.

The home screen and the check-in form read nothing from the database: they change only with the
language, the clock's minute and whether htmx asked for the whole page or a part; the shop
changes with that, the basket and the database. Rendering their pictograms and translated labels
again for every tap is most of what a request costs on a Raspberry Pi, so `shared_page` keeps
their HTML for the current minute and fills in, on every answer, what is each visitor's own: the
session's CSRF token and a fresh key for each form.
"""

import functools
import uuid
from collections.abc import Callable, Hashable

from flask import Flask, current_app, g, render_template, request
from flask_babel import get_locale
from markupsafe import Markup

from kiosk import clock
from kiosk.htmx import htmx
from kiosk.security import csrf_token

CSRF_SLOT = "__kiosk_csrf_token__"
FORM_KEY = "__kiosk_form_key__"
MAX_PAGES = 64  # query strings are part of the key: a bound, not a cache of everything


class _Pages:
    """The pages kept for one minute; the first page of a new minute drops the old ones."""

    def __init__(self):
        self.minute = None
        self.pages: dict[Hashable, tuple] = {}

    def get(self, minute: str, key: Hashable) -> tuple | None:
        return self.pages.get(key) if minute == self.minute else None

    def put(self, minute: str, key: Hashable, page: tuple) -> None:
        if minute != self.minute:
            self.pages, self.minute = {}, minute
        if len(self.pages) < MAX_PAGES:
            self.pages[key] = page


def _fill(body: str) -> str:
    """Put this visitor's CSRF token and a fresh key for each form into a kept page."""
    if CSRF_SLOT in body:
        body = body.replace(CSRF_SLOT, csrf_token())
    parts = body.split(FORM_KEY)
    filled = [parts[0]]
    for part in parts[1:]:
        filled += [uuid.uuid4().hex, part]
    return "".join(filled)


def shared_page(vary: Callable[[], Hashable] | None = None) -> Callable:
    """Keep a GET view's page for a minute, per language and htmx request kind.

    Only for a view that only reads, and whose page depends on nothing else than the language,
    the minute and what `vary` returns (a session value; `db.generation()` for the database).
    A form in it takes `FORM_KEY` as its idempotency key.
    """

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            pages: _Pages = current_app.extensions["pagecache"]
            minute = clock.now().strftime("%Y-%m-%dT%H:%M")
            key = (request.method, request.endpoint, request.full_path, bool(htmx),
                   bool(htmx and htmx.boosted), str(get_locale()), vary() if vary else None)
            page = pages.get(minute, key)
            if page is None:
                page = _render(view, args, kwargs)
                # A page is kept only when what it shows stood still while it was drawn.
                if page[1] == 200 and (vary is None or vary() == key[-1]):
                    pages.put(minute, key, page)
            body, status, headers = page
            return current_app.response_class(_fill(body), status, headers)

        return wrapped

    return decorate


def _render(view: Callable, args, kwargs) -> tuple[str, int, list]:
    g.csrf_token = CSRF_SLOT  # Flask-WTF hands out what is on g: the slot, filled in per answer
    try:
        response = current_app.make_response(view(*args, **kwargs))
    finally:
        g.pop("csrf_token", None)
    headers = [(name, value) for name, value in response.headers if name != "Content-Length"]
    return response.get_data(as_text=True), response.status_code, headers


def frame(name: str, **context: Hashable) -> Markup:
    """A piece of every page's frame (templates/frame/NAME.html), drawn once a minute a language."""
    frames: _Pages = current_app.extensions["pagecache_frames"]
    minute = clock.now().strftime("%Y-%m-%dT%H:%M")
    key = (name, str(get_locale()), tuple(sorted(context.items())))
    piece = frames.get(minute, key)
    if piece is None:
        piece = Markup(render_template(f"frame/{name}.html", **context))  # noqa: S704 - ours
        frames.put(minute, key, piece)
    return piece


def init_app(app: Flask) -> None:
    """Give this app its own kept pages and frame pieces."""
    app.extensions["pagecache"] = _Pages()
    app.extensions["pagecache_frames"] = _Pages()
    app.jinja_env.globals["frame"] = frame
