"""Style sheets, scripts and pictograms gzipped for a browser that accepts it.

htmx, the kiosk's css and js are most of the bytes of every visitor's first page (after the idle
reset the browser's cache is cleared). Each file is compressed once per process and kept; the
ETag stays the file's, so a browser that has it gets its 304 as before.
"""

import functools
import gzip
import os

from flask import Flask, current_app, request

TYPES = {"text/css", "text/javascript", "application/javascript", "image/svg+xml"}
MIN_BYTES = 1024  # below this gzip's own header and the extra header line win nothing


@functools.lru_cache(maxsize=128)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    with open(path, "rb") as file:
        return gzip.compress(file.read(), compresslevel=9, mtime=0)


def _compress(response):
    if request.endpoint != "static" or response.mimetype not in TYPES:
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
    """Compress the static files this app sends."""
    app.after_request(_compress)
