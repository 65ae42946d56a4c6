"""Security for all the kiosk serves: CSRF, headers, the LAN guard, rate limits, the desk login."""

import functools
import ipaddress
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable

from flask import Flask, abort, current_app, g, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect, generate_csrf

from kiosk import audit, volunteers
from kiosk.db import get_db
from kiosk.htmx import navigate

csrf = CSRFProtect()

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
# What the desk login owns in the session; everything else is the visitor's and survives it.
DESK_KEYS = frozenset({"volunteer_id", "desk_seen", "csrf_token"})
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def lan_allowed(view: Callable) -> Callable:
    """Mark a view that phones on the buurtpunt's Wi-Fi may reach (the upload page)."""
    view.lan_allowed = True
    return view


def accepts_upload(setting: str) -> Callable:
    """Mark a view that takes a file: it may receive as many MB as `setting` says (plus a form)."""

    def mark(view: Callable) -> Callable:
        view.accepts_upload = setting
        return view

    return mark


def is_local_client() -> bool:
    """True for the kiosk's own screen (loopback) and for paired desk devices."""
    try:
        address = ipaddress.ip_address(request.remote_addr or "")
    except ValueError:
        return False
    return address.is_loopback or str(address) in current_app.config["DESK_ADDRESSES"]


def _guard_lan() -> None:
    view = current_app.view_functions.get(request.endpoint or "")
    setting = getattr(view, "accepts_upload", None)
    if setting:
        # Raised before anything reads the body (CSRF does): other requests keep 64 KiB.
        request.max_content_length = (current_app.config[setting] + 1) * 1024 * 1024
        if (request.content_length or 0) > request.max_content_length:
            abort(413)  # before any parser opens a temporary file for it
    if is_local_client():
        return
    if request.endpoint == "static" or getattr(view, "lan_allowed", False):
        return
    abort(403)


def csrf_token() -> str:
    """This session's CSRF token for a page, signed once per session rather than once a page.

    Tokens do not expire by time here (WTF_CSRF_TIME_LIMIT is None: the idle reset ends the
    session), so the signed form of a session's token stays good and is handed out again.
    """
    if "csrf_token" in g or current_app.config["WTF_CSRF_TIME_LIMIT"] is not None:
        return generate_csrf()
    signed_tokens = current_app.extensions["csrf_signed"]
    signed = signed_tokens.get(session.get("csrf_token"))
    if signed is None:
        signed = generate_csrf()
        if len(signed_tokens) >= 1024:  # a bound: sessions come and go all day
            signed_tokens.clear()
        signed_tokens[session["csrf_token"]] = signed
    g.csrf_token = signed
    return signed


class RateLimit:
    """At most `limit` hits per `seconds` for each key; thread-safe."""

    def __init__(self, limit: int, seconds: float) -> None:
        self.limit, self.seconds = limit, seconds
        self._hits: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque:
        hits = self._hits[key]
        while hits and hits[0] <= now - self.seconds:
            hits.popleft()
        return hits

    def blocked(self, key: str) -> bool:
        """True while the key has used up its hits."""
        with self._lock:
            return len(self._recent(key, time.monotonic())) >= self.limit

    def hit(self, key: str) -> None:
        """Count one hit for the key."""
        now = time.monotonic()
        with self._lock:
            self._recent(key, now).append(now)


class _SessionInterface(SecureCookieSessionInterface):
    """Flask's signed session cookie, its serializer built once per key rather than per request."""

    def get_signing_serializer(self, app: Flask):
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        built = app.extensions.get("session_serializer")
        if built is None or built[0] != keys:
            built = app.extensions["session_serializer"] = (
                keys, super().get_signing_serializer(app))
        return built[1]


def _secure_headers(response):
    # Not headers.setdefault(): each header it lacks costs a raised and caught KeyError.
    present = {name.lower() for name, _ in response.headers}
    for name, value in HEADERS.items():
        if name.lower() not in present:
            response.headers.add(name, value)
    if request.endpoint != "static":
        # Nothing a visitor saw or typed may come back from the cache or the back button.
        response.headers["Cache-Control"] = "no-store"
    return response


def current_volunteer() -> dict | None:
    """The volunteer logged in at the desk in this session, if any."""
    if "volunteer" not in g:
        volunteer_id = session.get("volunteer_id")
        g.volunteer = volunteers.get(get_db(), volunteer_id) if volunteer_id else None
    return g.volunteer


def log_in(volunteer: dict) -> None:
    """Start a desk session for this volunteer, keeping what the visitor has on the go.

    A visitor's basket or payment in progress stays (the volunteer may be logging in to open
    the till for it); the CSRF token is new, so a form handed out before the login is void.
    """
    kept = {key: value for key, value in session.items() if key not in DESK_KEYS}
    session.clear()
    session.update(kept)
    session["volunteer_id"] = volunteer["id"]
    session["desk_seen"] = time.time()
    g.volunteer = volunteer
    audit.log(get_db(), "login", volunteer=volunteer)


def log_out(reason: str = "logout") -> None:
    """End the desk session, noting why in the audit log."""
    volunteer = current_volunteer()
    if volunteer:
        audit.log(get_db(), reason, volunteer=volunteer)
    session.pop("volunteer_id", None)
    session.pop("desk_seen", None)
    g.volunteer = None


def _desk_guard(view: Callable, touch: bool) -> Callable:
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if current_volunteer() is None:
            return _to_login(url_for("desk.login"))
        idle = time.time() - session.get("desk_seen", 0)
        if idle > current_app.config["DESK_IDLE_SECONDS"]:
            log_out("idle-logout")
            return _to_login(url_for("desk.login", idle=1))
        if touch:
            session["desk_seen"] = time.time()
        return view(*args, **kwargs)

    return wrapped


def _to_login(url: str):
    """To the login page: the whole screen, also when a panel of the desk asked (htmx)."""
    return navigate(url, code=302)


def desk_required(view: Callable) -> Callable:
    """Only for a logged-in volunteer who touched the desk within the idle limit."""
    return _desk_guard(view, touch=True)


def desk_polled(view: Callable) -> Callable:
    """Like desk_required, for a panel that refreshes itself: polling is not a touch."""
    return _desk_guard(view, touch=False)


def init_app(app: Flask) -> None:
    """CSRF on every state-changing request, the LAN guard first, secure headers last."""
    app.session_interface = _SessionInterface()
    csrf.init_app(app)
    app.extensions["csrf_signed"] = {}
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.context_processor(lambda: {"csrf_token": csrf_token})  # Flask-WTF's comes first
    app.before_request_funcs.setdefault(None, []).insert(0, _guard_lan)
    app.after_request(_secure_headers)
