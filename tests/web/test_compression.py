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
