"""The soak's clients: what visitors and volunteers do, and what must hold after a power cut.

Each client acts on a live kiosk until the server dies under it, noting every write the kiosk
acknowledged; `check` then reads the database after the restart and names every violation.
A feature adds its own client here with one more line in CLIENTS (the help queue's tickets:
take a ticket, note its number; check that each acknowledged ticket is there once, numbered
without gaps). Clients never depend on each other.
"""

import io
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.soak.kiosk import PIN, Browser, rows
from kiosk.prints.store import token_hash

BASKETS = [("REST30", 2), ("PMD", 3), ("REST60", 1)]


@dataclass
class Run:
    """What one client saw: acknowledged writes, and a request the power cut interrupted."""

    acked: list = field(default_factory=list)
    cut_off: tuple | None = None


@dataclass(frozen=True)
class Client:
    """act(browser, rng, run, volunteer_id) until the server dies; check(db_path, acked)."""

    name: str
    act: Callable
    check: Callable[[Path, list], list[str]]
    retry: Callable | None = None  # resend the cut-off request after the restart


def _checkin(browser: Browser, rng, run: Run, volunteer_id: int) -> None:
    while True:
        key = uuid.uuid4().hex
        reason = rng.choice(["koffie", "digitaal", "zakken"])
        status, _ = browser.send("POST", "/checkin", f"reason={reason}&key={key}")
        if status < 400:
            run.acked.append(key)


def _check_checkins(db: Path, acked: list) -> list[str]:
    found = {key for (key,) in rows(db, "SELECT request_key FROM visits")}
    return [f"check-in {key} lost" for key in acked if key not in found]


def _bags(browser: Browser, rng, run: Run, volunteer_id: int) -> None:
    while True:
        run.acked.append(sell(browser, rng.choice(BASKETS), volunteer_id, run))
        browser.send("GET", "/shop")  # the thank-you screen goes home: a new basket


def sell(browser: Browser, basket: tuple[str, int], volunteer_id: int, run: Run | None = None,
         ) -> str:
    """One sale through the screens, paid cash; the receipt number the kiosk acknowledged."""
    code, qty = basket
    for path, body in [("/shop/basket", f"code={code}&qty={qty}"), ("/shop/pay", ""),
                       ("/shop/pay/pin", f"volunteer_id={volunteer_id}&pin={PIN}"),
                       ("/shop/pay/method", "method=cash"),
                       ("/shop/pay/received", "received=10")]:
        status, _ = browser.send("POST", path, body)
        if status >= 400:
            raise AssertionError(f"{path} answered {status}")
    if run is not None:
        run.cut_off = (browser.cookie, browser.token)
    number = _receipt_number(*browser.send("POST", "/shop/pay/confirm", ""))
    if run is not None:
        run.cut_off = None
    return number


def _receipt_number(status: int, page: str) -> str:
    found = re.search(r"data-receipt-number>([^<]+)<", page)
    if not 200 <= status < 300 or not found:
        raise AssertionError(f"confirm answered {status}")
    return found.group(1)


def _retry_sale(port: int, cut_off: tuple) -> str:
    """The cut-off confirm, sent again with its session (and so its idempotency key)."""
    browser = Browser.__new__(Browser)
    browser.port, browser.timeout = port, 10.0
    return _receipt_number(*browser.resume(*cut_off).send("POST", "/shop/pay/confirm", ""))


def _check_bags(db: Path, acked: list) -> list[str]:
    numbers = [n for (n,) in rows(db, "SELECT number FROM receipts WHERE void_of IS NULL")]
    problems = [f"receipt {n} lost" for n in acked if n not in numbers]
    problems += [f"receipt {n} twice" for n in set(numbers) if numbers.count(n) > 1]
    # Every receipt, also one whose answer the cut swallowed: one print job each.
    for number in set(numbers):
        jobs = rows(db, "SELECT count(*) FROM print_jobs WHERE kind = 'receipt' AND reprint_of "
                        "IS NULL AND instr(payload, ?) > 0", [f'"{number}"'])[0][0]
        if jobs != 1:
            problems.append(f"receipt {number} has {jobs} print jobs")
    return problems


def _ideas(browser: Browser, rng, run: Run, volunteer_id: int) -> None:
    while True:
        key = uuid.uuid4().hex
        body = f"kind=idee&theme=spelen&text=Een+bank+{rng.randrange(1000)}&key={key}"
        status, page = browser.send("POST", "/ideas/confirm", body)
        if status < 400:
            run.acked.append(key)


def _check_ideas(db: Path, acked: list) -> list[str]:
    found = dict(rows(db, "SELECT request_key, id FROM ideas"))
    problems = [f"idea {key} lost" for key in acked if key not in found]
    for key in acked:
        if key in found:
            slips = rows(db, "SELECT count(*) FROM print_jobs WHERE ref = ?",
                         [f"idea:{found[key]}"])[0][0]
            if slips != 1:
                problems.append(f"idea {found[key]} has {slips} slips")
    return problems


def _uploads(browser: Browser, rng, run: Run, volunteer_id: int) -> None:
    from tests.helpers import pdf_bytes

    page = browser.send("GET", "/print", htmx=False)[1]
    while True:
        token = re.search(r"/u/([\w-]+)", page).group(1)
        boundary = uuid.uuid4().hex
        body = io.BytesIO()
        body.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
                   f"{browser.token}\r\n--{boundary}\r\nContent-Disposition: form-data; "
                   f"name=\"file\"; filename=\"brief.pdf\"\r\nContent-Type: application/pdf"
                   f"\r\n\r\n".encode())
        body.write(pdf_bytes(rng.randrange(1, 3)))
        body.write(f"\r\n--{boundary}--\r\n".encode())
        status, _ = browser.send("POST", f"/u/{token}", body.getvalue(), htmx=False,
                                 content_type=f"multipart/form-data; boundary={boundary}")
        if status == 200:
            run.acked.append(token_hash(token))
        page = browser.send("POST", "/print/new", "")[1]  # done: a fresh link for the next one


def _check_uploads(db: Path, acked: list) -> list[str]:
    states = dict(rows(db, "SELECT token_hash, status FROM documents"))
    return [f"upload {token} lost ({states.get(token)})" for token in acked
            if states.get(token) in (None, "waiting")]


CLIENTS = [
    Client("check-in", _checkin, _check_checkins),
    Client("bags", _bags, _check_bags, retry=_retry_sale),
    Client("ideas", _ideas, _check_ideas),
    Client("uploads", _uploads, _check_uploads),
]
