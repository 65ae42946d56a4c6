"""Hostile input: the route fuzzer at scale, and hostile uploads while `/` must stay quick.

The fuzzer is the suite's own (tests/web/test_fuzz_routes.py): every route, its sweep of bad
values, then `cases` hypothesis examples per form route; never a 5xx, nothing stored by a
refusal. The uploads go to a live kiosk over HTTP while a prober asks `/` every 50 ms.
"""

import io
import re
import struct
import threading
import time
import uuid
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from bench.soak.kiosk import Browser, free_port, prepare, rows, serve


@dataclass
class Hostile:
    """What the hostile part did and found."""

    fuzzed: int = 0
    uploads: dict = field(default_factory=dict)
    slowest_home_ms: float = 0.0
    violations: list = field(default_factory=list)


def fuzz(folder: Path, cases: int) -> tuple[int, list[str]]:
    """Every route through the suite's fuzzer with `cases` examples per form route."""
    from tests.web import test_fuzz_routes as fuzzer

    kiosk, sent, problems = fuzzer.Kiosk(folder / "fuzz"), [0], []
    check = fuzzer._check

    def counted(*args, **kwargs):
        sent[0] += 1
        check(*args, **kwargs)

    for method, rule in fuzzer._routes(kiosk.app):
        kiosk.reset()
        try:
            for session_name, path, fields in kiosk.routes.sweep((method, rule), kiosk.sessions):
                counted(kiosk, method, session_name, path, fields, True)
            _examples(kiosk, method, rule, cases, counted)
        except AssertionError as error:
            problems.append(f"{method} {rule}: {str(error)[:200]}")
    kiosk.db.close()
    return sent[0], problems


def _examples(kiosk, method: str, rule: str, cases: int, send) -> None:
    """`cases` hypothesis examples for one route (fewer for a page: it has no form)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    key = (method, rule)
    form, session = kiosk.routes.form(key), kiosk.routes.session(key, kiosk.sessions)

    @settings(max_examples=cases if method == "POST" else max(20, cases // 50), deadline=None,
              derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def one(data):
        send(kiosk, method, data.draw(session), kiosk.routes.path(key, data.draw),
             data.draw(form), data.draw(st.booleans()))

    one()


def _png(width: int, height: int) -> bytes:
    """A tiny PNG that claims width x height grey pixels: a decompression bomb."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    packer, row = zlib.compressobj(9), b"\0" * (width + 1)
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0,
                                                             0, 0, 0))
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))


def _pdf(*objects: bytes) -> bytes:
    """A PDF from numbered objects (1 is the catalogue), with a correct cross-reference table."""
    out, offsets = io.BytesIO(b"%PDF-1.7\n"), []
    out.seek(0, 2)
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def corpus() -> dict[str, tuple[bytes, str]]:
    """name: (file, what must happen): "refused"; "clean": printed without active content;
    "bounded": either, but a clean copy no larger than an upload may be (a stream of 200 MB of
    spaces is a valid, blank page; the child inflates it within its memory limit)."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
    bomb = zlib.compress(b" " * 200_000_000, 9)
    deep = b"[" * 200_000 + b"]" * 200_000
    return {
        "decompression bomb (PNG, 20000x20000)": (_png(20_000, 20_000), "refused"),
        "decompression bomb (PDF stream, 200 MB)": (_pdf(
            b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            page, b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream"
            % (len(bomb), bomb)), "bounded"),
        "deep tree (PDF, 200,000 levels)": (_pdf(
            b"<< /Type /Catalog /Pages 2 0 R /Deep %s >>" % deep,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page,
            b"<< /Length 0 >>\nstream\n\nendstream"), "refused"),
        "active content (JavaScript, launch)": (_pdf(
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R /AA << /WC 6 0 R >> >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page,
            b"<< /Length 0 >>\nstream\n\nendstream",
            b"<< /S /JavaScript /JS (app.alert\\('x'\\)) >>",
            b"<< /S /Launch /F (cmd.exe) >>"), "clean"),
        "polyglot (HTML that carries a PDF)": (b"<html><script>alert(1)</script>" + b" " * 2048
                                               + _pdf(b"<< /Type /Catalog >>"), "refused"),
        "polyglot (JPEG start, ZIP body)": (b"\xff\xd8\xff\xe0" + b"PK\x03\x04" + b"\0" * 4096,
                                            "refused"),
        "huge image (JPEG, 12000x9500)": (_jpeg(12_000, 9_500), "refused"),
    }


def _jpeg(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (width, height), 128).save(out, "JPEG", quality=10)
    return out.getvalue()


def _send(browser: Browser, token: str, data: bytes) -> int:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
            f"{browser.token}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"bestand\"\r\nContent-Type: application/octet-stream\r\n\r\n").encode()
    status, _ = browser.send("POST", f"/u/{token}", body + data + f"\r\n--{boundary}--\r\n"
                             .encode(), htmx=False,
                             content_type=f"multipart/form-data; boundary={boundary}")
    return status


def _probe(port: int, stop: threading.Event, slowest: list) -> None:
    """Ask `/` every 50 ms; keep the slowest answer (the kiosk screen must stay quick)."""
    browser = Browser(port)
    while not stop.wait(0.05):
        began = time.monotonic()
        status, _ = browser.send("GET", "/", htmx=False)
        slowest[0] = max(slowest[0], (time.monotonic() - began) * 1000)
        if status != 200:
            slowest.append(f"/ answered {status}")


def _clean(db: Path, token_hash: str) -> str | None:
    """Why an accepted document's clean copy is not clean (or too big), or None."""
    path = rows(db, "SELECT file_path FROM documents WHERE token_hash = ?", [token_hash])[0][0]
    data = Path(path).read_bytes() if path else b""
    if len(data) > 20 * 1024 * 1024:
        return f"a clean copy of {len(data) // (1024 * 1024)} MB"
    found = [k for k in (b"/JavaScript", b"/JS", b"/OpenAction", b"/Launch", b"/AA") if k in data]
    return f"kept {', '.join(k.decode() for k in found)}" if found else None


def uploads(folder: Path) -> tuple[dict, float, list[str]]:
    """Send every file of the corpus to a live kiosk; outcomes, slowest `/` (ms), violations."""
    from kiosk.prints.store import token_hash

    instance, port = folder / "uploads", free_port()
    prepare(instance)
    server, stop, slowest = serve(instance, port), threading.Event(), [0.0]
    prober = threading.Thread(target=_probe, args=(port, stop, slowest))
    outcomes, problems = {}, []
    try:
        prober.start()
        browser = Browser(port, timeout=60)
        for name, (data, expected) in corpus().items():
            page = browser.send("POST", "/print/new", "")[1]
            token = re.search(r"/u/([\w-]+)", page).group(1)
            status = _send(browser, token, data)
            outcomes[name] = "accepted" if status == 200 else f"refused ({status})"
            wrong = (expected == "refused") == (status == 200) and expected != "bounded"
            if status >= 500 or wrong or (expected == "clean" and status != 200):
                problems.append(f"{name}: {outcomes[name]}, expected {expected}")
            elif status == 200 and (why := _clean(instance / "kiosk.db", token_hash(token))):
                problems.append(f"{name}: {why}")
    finally:
        stop.set()
        prober.join(10)
        server.terminate()
        server.wait(10)
    problems += [s for s in slowest[1:]]
    if slowest[0] > 100:
        problems.append(f"/ took {slowest[0]:.0f} ms during the uploads")
    return outcomes, slowest[0], problems
