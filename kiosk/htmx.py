"""The only code that reads HX-* headers: a whole page for a direct load, a partial for htmx."""

from flask import Flask, make_response, render_template
from flask_htmx import HTMX

htmx = HTMX()


def render(page: str, partial: str, status: int = 200, **context):
    """Render the page, or only its partial when htmx asked; caches must keep them apart."""
    template = partial if htmx and not htmx.boosted else page
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    return response


def is_htmx() -> bool:
    """True when htmx made this request."""
    return bool(htmx)


def init_app(app: Flask) -> None:
    """Attach flask-htmx to the app."""
    htmx.init_app(app)
