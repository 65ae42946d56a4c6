"""Small helpers for reading the kiosk's pages in tests."""

import re
import threading


def form_fields(html: str) -> dict:
    """The hidden fields of a page's first form (CSRF token, idempotency key, …)."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


def csrf_token(client, url: str = "/") -> str:
    """The CSRF token a page hands out (the meta tag htmx reads)."""
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def add_volunteer(app, name: str = "Anna", pin: str = "2468") -> dict:
    """Create a volunteer directly in the app's database."""
    from kiosk import volunteers
    from kiosk.db import connect

    db = connect(app.config["DATABASE"])
    try:
        volunteers.set_pin(db, name, pin)
        return next(v for v in volunteers.active(db) if v["name"] == name)
    finally:
        db.close()


def log_in(client, volunteer: dict, pin: str = "2468"):
    """Log in at the desk the way the PIN pad does (htmx)."""
    fields = form_fields(client.get(f"/desk/login?v={volunteer['id']}").get_data(as_text=True))
    return client.post("/desk/login", data={**fields, "pin": pin}, headers={"HX-Request": "true"})


def audit_actions(app) -> list[tuple]:
    """The audit log as (volunteer name, action, its details in words as the desk says them)."""
    from kiosk import audit, features
    from kiosk.db import connect
    from kiosk.templating import reason_label

    db = connect(app.config["DATABASE"])
    try:
        with app.test_request_context():
            labels = features.audit_labels()
            return [(r["volunteer_name"], r["action"], audit.details(r, labels, reason_label))
                    for r in db.query("SELECT * FROM audit_log ORDER BY id")]
    finally:
        db.close()


def stock_and_open_till(app, pieces: int = 100, float_cents: int = 5000) -> None:
    """Put bags on the shelf and open the till, as a volunteer would before selling."""
    import sales
    from kiosk.db import connect

    db = connect(app.config["DATABASE"])
    try:
        for product in sales.list_products(db):
            sales.record_intake(db, product.code, volunteer="Anna", pieces=pieces)
        sales.open_session(db, float_cents, "Anna")
    finally:
        db.close()


def pdf_bytes(pages: int = 1, password: str | None = None, printable: bool = True) -> bytes:
    """A real PDF of blank A4 pages, optionally encrypted (password "" locks only editing)."""
    import io

    from pypdf import PdfWriter
    from pypdf.constants import UserAccessPermissions as Allowed

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password is not None:
        allowed = Allowed.all() if printable else Allowed.all() & ~Allowed.PRINT
        writer.encrypt(user_password=password, owner_password="eigenaar", algorithm="RC4-128",
                       permissions_flag=allowed)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def jpeg_bytes(size=(800, 600), colour=(200, 30, 30)) -> bytes:
    """A real JPEG photo-sized image."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


def settled(page) -> None:
    """Wait until htmx has wired the content it just swapped in (it does so after settling).

    A person cannot type within those 20 ms; a test can, and the keystroke would go unseen.
    """
    # A function, not an expression: Playwright polls an expression with eval; the CSP forbids it.
    page.wait_for_function(
        "() => !document.querySelector('.htmx-added, .htmx-settling, .htmx-swapping')")


class CountingHasher:
    """The real argon2 hasher, counting every PIN it is asked to verify."""

    def __init__(self, hasher):
        self.hasher, self.verified, self.lock = hasher, 0, threading.Lock()

    def verify(self, pin_hash, pin):
        with self.lock:
            self.verified += 1
        return self.hasher.verify(pin_hash, pin)

    def hash(self, pin):
        return self.hasher.hash(pin)


def in_threads(work, count: int = 8) -> list:
    """Run work() in `count` threads at once; the exceptions they raised (none, hopefully)."""
    errors = []

    def run():
        try:
            work()
        except Exception as error:  # noqa: BLE001 - the test asserts there were none
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def query(app, sql: str, params=()) -> list[tuple]:
    """Rows from the app's database, read on a connection of their own."""
    from kiosk.db import connect

    db = connect(app.config["DATABASE"])
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


class Clock:
    """The kiosk's clock (kiosk.clock.now), set by the test: `clock.set(moment)`."""

    def __init__(self, monkeypatch, start):
        from kiosk import clock

        self.now = start
        monkeypatch.setattr(clock, "now", lambda: self.now)

    def set(self, moment) -> None:
        self.now = moment

    def __call__(self, moment) -> None:
        self.set(moment)


# Routes that are not a visitor's screen: the desk, files, the phones' pages, pieces that poll.
NOT_VISITOR = ("/desk", "/static", "/u/", "/q/", "/healthz", "/speak", "/reset", "/lang/",
               "/favicon", "/slip/", "/help/now", "/help/chime.wav", "/shifts/on-duty",
               "/activities.ics")


def visitor_routes(app) -> list[str]:
    """Every visitor screen the app serves without an argument, found in its url_map."""
    return sorted(rule.rule for rule in app.url_map.iter_rules()
                  if "GET" in rule.methods and not rule.arguments
                  and not rule.rule.startswith(NOT_VISITOR))
