"""Static css and js go gzipped to a browser that accepts it, and stay the same files."""

import gzip
import re

import pytest

CHROMIUM = {"Accept-Encoding": "gzip, deflate, br, zstd"}


@pytest.mark.parametrize("path", ["/static/vendor/htmx.min.js", "/static/css/kiosk.css",
                                  "/static/js/boost.js"])
def test_compression_static_file_is_gzipped_and_the_same(client, path):
    plain = client.get(path)
    packed = client.get(path, headers=CHROMIUM)
    assert packed.status_code == 200 and packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"] and "Accept-Ranges" not in packed.headers
    assert gzip.decompress(packed.data) == plain.data
    assert int(packed.headers["Content-Length"]) == len(packed.data) < len(plain.data) / 2
    assert "Content-Encoding" not in plain.headers
    plain.close()


def test_compression_a_cached_copy_still_gets_its_304(client):
    first = client.get("/static/js/kiosk.js", headers=CHROMIUM)
    again = client.get("/static/js/kiosk.js",
                       headers={**CHROMIUM, "If-None-Match": first.headers["ETag"]})
    again.close()  # the server closes what werkzeug opened; the test client leaves it to us
    assert again.status_code == 304 and again.data == b""


def test_compression_pages_are_left_alone(client):
    page = client.get("/", headers=CHROMIUM)
    assert page.status_code == 200 and "Content-Encoding" not in page.headers


def test_compression_home_page_over_the_wire_under_100_kb(client):
    """What the home screen costs a browser that empties its cache at every idle reset."""
    page = client.get("/", headers=CHROMIUM)
    total = len(page.data)
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.get_data(as_text=True)):
        response = client.get(asset, headers=CHROMIUM)
        total += len(response.data)
        response.close()
    assert total < 100_000


def test_compression_a_page_asks_for_versioned_files_kept_a_year(client):
    html = client.get("/ideas").get_data(as_text=True)
    urls = [url.replace("&amp;", "&") for url in re.findall(r'"(/static/[^"]+)"', html)]
    assert urls and all(re.search(r"\?v=[0-9a-f]+\.[0-9a-f]+$", url) for url in urls), urls
    for url in urls[:3]:
        with client.get(url) as response:
            assert response.headers["Cache-Control"] == "max-age=31536000, immutable", url
    # Without the version, or with an old one, the file must be asked for again each time.
    for url in ("/static/css/ideas.css", "/static/css/ideas.css?v=1.1"):
        with client.get(url) as response:
            assert response.headers["Cache-Control"] == "no-cache", url


def test_compression_a_changed_file_gets_a_new_url(app):
    import os
    import uuid

    from flask import url_for

    path = os.path.join(app.static_folder, f"test-{uuid.uuid4().hex}.css")
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("body { color: #000; }")
        with app.test_request_context():
            first = url_for("static", filename=os.path.basename(path))
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(" p { margin: 0; }")
            assert url_for("static", filename=os.path.basename(path)) != first
    finally:
        os.unlink(path)
