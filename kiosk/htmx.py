"""The only code that reads or sets HX-* headers: a page for a direct load, a partial for htmx.

`htmx` (flask-htmx) is the one way to ask whether htmx made the request: it is true then, and
`htmx.boosted` tells a boosted link; HX-* response headers come from flask-htmx's make_response.
"""

from flask import Flask, make_response, redirect, render_template
from flask_htmx import HTMX
from flask_htmx import make_response as htmx_response

htmx = HTMX()


def render(page: str, partial: str, status: int = 200, **context):
    """Render the page, or only its partial when htmx asked; caches must keep them apart."""
    template = partial if htmx and not htmx.boosted else page
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    return response


def navigate(url: str, code: int = 303):
    """Go to another page: HX-Redirect for htmx (the whole screen), else a plain redirect.

    A boosted form gets the plain redirect too: htmx follows it and swaps the page in.
    """
    if htmx and not htmx.boosted:
        return htmx_response("", 204, redirect=url)
    return redirect(url, code=code)


def unchanged():
    """Nothing new for a panel that polls: htmx keeps what the screen shows.

    An empty 200 with HX-Reswap: none rather than a 204: waitress answers a 204 about 0.1 ms
    slower (measured), and a poll is the most frequent request the kiosk gets.
    """
    return htmx_response("", 200, reswap="none")


def init_app(app: Flask) -> None:
    """Attach flask-htmx to the app."""
    htmx.init_app(app)
