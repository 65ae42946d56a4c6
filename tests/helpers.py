"""Small helpers for reading the kiosk's pages in tests."""

import re


def form_fields(html: str) -> dict:
    """The hidden fields of a page's first form (CSRF token, idempotency key, …)."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


def csrf_token(client, url: str = "/") -> str:
    """The CSRF token a page hands out (the meta tag htmx reads)."""
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)
