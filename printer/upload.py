"""Inspect an uploaded file by its content, in a child process with time and memory limits.

The parent (`prepare`, `thumbnail`) only stats the file and reads its first kilobyte; parsing
runs in `python -m printer.upload_child`, because a hostile PDF or image can make a parser spin
or eat memory. The child prints one line of JSON; errors are machine codes for the web layer.
This module imports no parser: the kiosk's own process never parses an upload.
"""

import json
import math
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MESSAGES = {
    "empty": "the file is empty",
    "too-large": "the file is too large",
    "wrong-type": "not a PDF, JPEG or PNG file",
    "corrupt": "the file is damaged or cannot be read",
    "encrypted": "the PDF is protected with a password",
    "no-printing": "the PDF's maker does not allow printing it",
    "too-many-pages": "the PDF has too many pages",
    "timeout": "checking the file took too long",
}
SIGNATURES = {b"\xff\xd8\xff": "jpeg", b"\x89PNG\r\n\x1a\n": "png"}
_ROOT = Path(__file__).resolve().parent.parent


class UploadError(ValueError):
    """An upload that cannot be printed; `code` is one of MESSAGES' keys."""

    def __init__(self, code: str) -> None:
        super().__init__(MESSAGES[code])
        self.code = code


@dataclass(frozen=True)
class Inspection:
    """What an accepted upload turned out to be."""

    kind: str  # "pdf" or "image"
    pages: int
    colour: bool | None  # None when not cheaply knowable (PDFs)


def sniff(head: bytes) -> str:
    """Return "pdf", "jpeg" or "png" from the file's first bytes, whatever its name says."""
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    # Readers accept junk before the header, so the PDF signature may come a little later.
    if b"%PDF-" in head[:1024]:
        return "pdf"
    raise UploadError("wrong-type")


def precheck(source: Path, max_bytes: int) -> str:
    """The refusals that need no parser: empty, too large, not a known signature."""
    size = source.stat().st_size
    if size == 0:
        raise UploadError("empty")
    if size > max_bytes:
        raise UploadError("too-large")
    with source.open("rb") as file:
        return sniff(file.read(1024))


def _command(*args: str) -> list[str]:
    # -P: a stray module in the server's working directory must not shadow ours or pypdf.
    return [sys.executable, "-P", "-m", "printer.upload_child", *args]


def _run_child(args: list[str], *, timeout: float, memory_mb: int) -> dict:
    """Run the child with the limits; return its JSON answer or raise its UploadError."""
    limits = ["--memory-mb", str(memory_mb), "--cpu-seconds", str(math.ceil(timeout) + 1)]
    path = [str(_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    try:
        # run() kills the child on timeout. Limits are set by the child itself: preexec_fn can
        # deadlock in a threaded server.
        done = subprocess.run(  # noqa: S603 - our own interpreter and module, no shell
            _command(*limits, *args),
            capture_output=True,
            timeout=timeout,
            env=env,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise UploadError("timeout") from exc
    lines = done.stdout.decode(errors="replace").strip().splitlines()
    try:
        answer = json.loads(lines[-1])
    except (IndexError, ValueError):
        # No answer: the child crashed in a parser, or a limit's signal ended it.
        timed_out = done.returncode == -signal.SIGXCPU
        raise UploadError("timeout" if timed_out else "corrupt") from None
    if "error" in answer:
        raise UploadError(answer["error"] if answer["error"] in MESSAGES else "corrupt")
    return answer


def prepare(
    source: Path,
    target_pdf: Path,
    *,
    max_pages: int = 50,
    max_bytes: int = 20 * 1024 * 1024,
    timeout: float = 10.0,
    memory_mb: int = 512,
) -> Inspection:
    """Check an upload and write a clean PDF of it to target_pdf; raise UploadError if unfit."""
    precheck(source, max_bytes)  # the cheap refusals need no child
    args = ["prepare", str(source), str(target_pdf), str(max_pages), str(max_bytes)]
    try:
        answer = _run_child(args, timeout=timeout, memory_mb=memory_mb)
    except UploadError:
        target_pdf.unlink(missing_ok=True)
        raise
    return Inspection(kind=answer["kind"], pages=answer["pages"], colour=answer["colour"])


def thumbnail(
    pdf: Path, target_png: Path, *, width: int = 240, timeout: float = 10.0, memory_mb: int = 512
) -> Path:
    """Render page 1 of a prepared PDF to a PNG `width` pixels wide, in a child process."""
    args = ["thumbnail", str(pdf), str(target_png), str(width)]
    try:
        _run_child(args, timeout=timeout, memory_mb=memory_mb)
    except UploadError:
        target_png.unlink(missing_ok=True)
        raise
    return target_png
