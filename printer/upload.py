"""Inspect an uploaded file by its content, in a child process with time and memory limits.

The parent (`prepare`, `thumbnail`) only stats the file and reads its first kilobyte; parsing
runs in `python -m printer.upload`, because a hostile PDF or image can make a parser spin or
eat memory. The child prints one line of JSON; errors are machine codes for the web layer.
"""

import argparse
import json
import math
import os
import resource
import signal
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageOps

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
DPI = 150
A4 = (1240, 1754)  # 210 x 297 mm at 150 dpi
MARGIN = 59  # 10 mm at 150 dpi
# A 108-megapixel phone photo must pass; JPEGs are decoded scaled down (draft), PNGs that big
# run into the memory limit and are refused as too large.
MAX_PIXELS = 110_000_000
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


def _precheck(source: Path, max_bytes: int) -> str:
    size = source.stat().st_size
    if size == 0:
        raise UploadError("empty")
    if size > max_bytes:
        raise UploadError("too-large")
    with source.open("rb") as file:
        return sniff(file.read(1024))


def _command(*args: str) -> list[str]:
    # -P: a stray module in the server's working directory must not shadow ours or pypdf.
    return [sys.executable, "-P", "-m", "printer.upload", *args]


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
    _precheck(source, max_bytes)  # the cheap refusals need no child
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


def _copy_pdf(source: Path, target: Path, max_pages: int) -> dict:
    # Imported in the child only: the kiosk's own process never loads a PDF parser.
    import pypdf

    try:
        reader = pypdf.PdfReader(source, strict=True)
    except pypdf.errors.PdfReadError:
        # Many real files carry a wrong offset somewhere (a broken xref table, a bad startxref),
        # which pypdf repairs when not strict. Safe here: this is the limited child, the pages
        # are re-written into a clean file, and the visitor sees the page count and page 1.
        reader = pypdf.PdfReader(source, strict=False)
    if reader.is_encrypted:
        _open_without_password(reader)
    pages = len(reader.pages)
    if pages == 0:
        raise UploadError("corrupt")
    if pages > max_pages:
        raise UploadError("too-many-pages")
    # A fresh writer takes the pages only: no metadata, outline, attachments or document scripts.
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        added = writer.add_page(page)
        added.pop("/AA", None)  # page-open actions
    writer.write(target)
    return {"kind": "pdf", "pages": pages, "colour": None}


def _open_without_password(reader) -> None:
    """Open a PDF that is locked only against editing (many official forms are); refuse others.

    Such a file opens for anyone with an empty password. One that asks a password to open is
    refused, and so is one whose maker forbade printing it.
    """
    import pypdf

    try:
        opened = reader.decrypt("")
    except (pypdf.errors.PdfReadError, pypdf.errors.DependencyError, NotImplementedError):
        opened = pypdf.PasswordType.NOT_DECRYPTED
    if opened == pypdf.PasswordType.NOT_DECRYPTED:
        raise UploadError("encrypted")
    if not reader.user_access_permissions & pypdf.constants.UserAccessPermissions.PRINT:
        raise UploadError("no-printing")


def _fit(size: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
    """Return (page size, image size): the A4 orientation where the image comes out biggest."""
    best = None
    for page in (A4, A4[::-1]):
        scale = min((page[0] - 2 * MARGIN) / size[0], (page[1] - 2 * MARGIN) / size[1])
        if best is None or scale > best[0]:
            best = (scale, page)
    scale, page = best
    return page, (max(1, round(size[0] * scale)), max(1, round(size[1] * scale)))


def _rgb(image: Image.Image) -> Image.Image:
    """Flatten onto white paper: transparent parts print as nothing, not as black."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        return flat
    if image.mode.startswith("I;16"):
        image = image.point(lambda value: value / 256).convert("L")  # 16-bit greys
    return image.convert("RGB")


def _is_colour(image: Image.Image) -> bool:
    """True when a visible share of pixels is clearly coloured (JPEG noise is not colour)."""
    small = image.copy()
    small.thumbnail((256, 256))
    red, green, blue = small.split()
    spread = ImageChops.lighter(
        ImageChops.difference(red, green), ImageChops.difference(green, blue)
    )
    coloured = sum(spread.histogram()[32:])
    return coloured > small.width * small.height // 2000


def _image_to_pdf(source: Path, target: Path, kind: str) -> dict:
    formats = ["JPEG"] if kind == "jpeg" else ["PNG"]
    with Image.open(source, formats=formats) as image:
        image.verify()
    with Image.open(source, formats=formats) as image:
        _, size = _fit(image.size)  # symmetric in width and height, so good before rotating
        image.draft("RGB", size)  # JPEG only: decode at a reduced scale, fast and small
        image.load()
        picture = _rgb(ImageOps.exif_transpose(image))
    page_size, size = _fit(picture.size)
    picture = picture.resize(size, Image.Resampling.LANCZOS)
    page = Image.new("RGB", page_size, "white")
    page.paste(picture, ((page_size[0] - size[0]) // 2, (page_size[1] - size[1]) // 2))
    page.save(target, "PDF", resolution=DPI, quality=90)
    return {"kind": "image", "pages": 1, "colour": _is_colour(picture)}


def _render(pdf: Path, target: Path, width: int) -> dict:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        # A page drawn as a thin strip must not become an enormous bitmap.
        scale = min(width / page.get_width(), 4 * width / page.get_height())
        image = page.render(scale=scale).to_pil()
        if image.width != width and abs(image.width - width) <= 1:
            image = image.resize((width, image.height))
        image.save(target, "PNG")
        return {"width": image.width, "height": image.height}
    finally:
        document.close()


def _limit(memory_mb: int, cpu_seconds: int) -> None:
    """Cap this process's address space and CPU time; past the CPU cap the kernel kills it."""
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def _child(argv: list[str]) -> dict:
    """Do one job as the child; return the answer to print."""
    parser = argparse.ArgumentParser(prog="python -m printer.upload")
    parser.add_argument("--memory-mb", type=int, default=512)
    parser.add_argument("--cpu-seconds", type=int, default=11)
    parser.add_argument("job", choices=["prepare", "thumbnail"])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("number", type=int, help="max pages (prepare) or width (thumbnail)")
    parser.add_argument("max_bytes", type=int, nargs="?", default=20 * 1024 * 1024)
    args = parser.parse_args(argv)
    _limit(args.memory_mb, args.cpu_seconds)
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    warnings.simplefilter("error", Image.DecompressionBombWarning)
    try:
        if args.job == "thumbnail":
            return _render(args.source, args.target, args.number)
        kind = _precheck(args.source, args.max_bytes)
        if kind == "pdf":
            return _copy_pdf(args.source, args.target, args.number)
        return _image_to_pdf(args.source, args.target, kind)
    except UploadError as exc:
        return {"error": exc.code}
    except (MemoryError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return {"error": "too-large"}
    except Exception:  # anything a parser throws means the file is unusable
        return {"error": "corrupt"}


if __name__ == "__main__":
    print(json.dumps(_child(sys.argv[1:])), flush=True)
