"""The addresses phones on the buurtpunt's Wi-Fi open (an upload link, a follow-your-turn link)."""

import functools
import re
import subprocess

from flask import current_app


def url(path: str) -> str:
    """The LAN address of a path on this kiosk: UPLOAD_BASE_URL, or this machine's address."""
    base = str(current_app.config.get("UPLOAD_BASE_URL") or "").rstrip("/")
    if not base:
        port = (current_app.config["LAN_LISTEN"] or ":8081").rsplit(":", 1)[1]
        base = f"http://{_lan_address()}:{port}"
    return f"{base}{path}"


@functools.lru_cache(maxsize=1)
def _lan_address() -> str:
    """This machine's first global IPv4 address (`ip addr`), asked once per process."""
    try:
        shown = subprocess.run(["ip", "-4", "-o", "addr", "show", "scope", "global"],
                               capture_output=True, text=True, timeout=2, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        shown = ""
    found = re.search(r"inet (\d+\.\d+\.\d+\.\d+)/", shown)
    return found.group(1) if found else "127.0.0.1"
