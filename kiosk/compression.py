"""Static files: gzipped for a browser that accepts it, and kept a year under a versioned URL.

htmx, the kiosk's css and js are most of the bytes of every visitor's first page (after the idle
reset the browser's cache is cleared). Each file is compressed once per process and kept; the
ETag stays the file's, so a browser that has it gets its 304 as before.

`url_for('static', ...)` adds `v=` (the file's size and time): a file asked for with the version
it has now may be kept a year without asking again, so a boosted tap into a screen with its own
style sheet does not wait for a revalidation; a changed file gets a new URL. Without `v` (or an
old one) the file is sent as before, to be revalidated.
"""

import functools
import gzip
import os

from flask import Flask, current_app, request

TYPES = {"text/css", "text/javascript", "application/javascript", "image/svg+xml"}
MIN_BYTES = 1024  # below this gzip's own header and the extra header line win nothing
YEAR = 365 * 24 * 3600


def _version(filename: str) -> str | None:
    try:
        stat = os.stat(os.path.join(current_app.static_folder, filename))
    except (OSError, TypeError, ValueError):
        return None
    return f"{stat.st_size:x}.{stat.st_mtime_ns:x}"


def _add_version(endpoint: str, values: dict) -> None:
    if endpoint == "static" and "v" not in values:
        version = _version(values.get("filename", ""))
        if version:
            values["v"] = version


def _keep(response):
    """A file asked for with its current version may stay in the browser's cache a year."""
    if response.status_code in (200, 304) and request.args.get("v") == _version(
            request.view_args["filename"]):
        response.cache_control.no_cache = None
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
    return response


@functools.lru_cache(maxsize=128)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    with open(path, "rb") as file:
        return gzip.compress(file.read(), compresslevel=9, mtime=0)


def _compress(response):
    if request.endpoint != "static":
        return response
    response = _keep(response)
    if response.mimetype not in TYPES:
        return response
    response.vary.add("Accept-Encoding")
    accepted = "gzip" in request.headers.get("Accept-Encoding", "")
    if response.status_code != 200 or not accepted or "Content-Encoding" in response.headers:
        return response
    path = os.path.join(current_app.static_folder, request.view_args["filename"])
    stat = os.stat(path)
    if stat.st_size < MIN_BYTES:
        return response
    body = _gzipped(path, stat.st_mtime_ns)
    if hasattr(response.response, "close"):
        response.response.close()  # the file werkzeug opened to send as it is
    response.direct_passthrough = False
    response.set_data(body)
    response.headers["Content-Encoding"] = "gzip"
    response.headers.pop("Accept-Ranges", None)  # a range of the compressed bytes means nothing
    return response


def init_app(app: Flask) -> None:
    """Compress the static files this app sends; version their URLs."""
    app.after_request(_compress)
    app.url_defaults(_add_version)
