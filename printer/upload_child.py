"""The child of printer.upload: parses one upload under time and memory limits, prints JSON.

Run as `python -m printer.upload_child`; only this process loads pypdf, pypdfium2 and Pillow.
"""

import argparse
import io
import json
import os
import resource
import sys
import warnings
from pathlib import Path

import pypdf
import pypdfium2
from PIL import Image, ImageChops, ImageOps
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from printer.upload import UploadError, precheck

DPI = 150
A4 = (1240, 1754)  # 210 x 297 mm at 150 dpi
MARGIN = 59  # 10 mm at 150 dpi
# A 108-megapixel phone photo must pass; JPEGs are decoded scaled down (draft), PNGs that big
# run into the memory limit and are refused as too large.
MAX_PIXELS = 110_000_000
# What a printed copy keeps of a page: its drawing and its size (add_page sets /Parent).
PAGE_KEYS = frozenset({"/Type", "/Resources", "/Contents", "/MediaBox", "/CropBox", "/BleedBox",
                       "/TrimBox", "/ArtBox", "/Rotate", "/Group", "/UserUnit"})
# Keys that run a script, follow a link, or carry a file or a form.
ACTIVE_KEYS = frozenset({"/A", "/AA", "/OpenAction", "/JS", "/JavaScript", "/URI", "/EF", "/RF",
                         "/AF", "/EmbeddedFiles", "/XFA", "/AcroForm", "/Annots",
                         "/RichMediaContent", "/Ref", "/OPI", "/Alternates"})


def _copy_pdf(source: Path, target: Path, max_pages: int) -> dict:
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
    flat = pypdf.PdfReader(io.BytesIO(_flatten(_pages_only(reader))), strict=False)
    writer = pypdf.PdfWriter()
    for page in flat.pages:
        writer.add_page(_inert(page))
    writer.write(target)
    return {"kind": "pdf", "pages": pages, "colour": None}


def _pages_only(reader) -> bytes:
    """The pages alone in a fresh file: no catalogue, so no document scripts, XFA or attachments."""
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _flatten(pdf: bytes) -> bytes:
    """Draw what each shown annotation looks like (a filled-in field's text) into its page.

    PDFium's flattening draws each appearance where a reader shows it, then leaves the page
    without annotations. Not FLAT_PRINT: a field its maker did not mark for printing still
    shows the visitor's answer on screen, and the visitor expects it on paper too.
    """
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            pypdfium2.raw.FPDFPage_Flatten(page.raw, pypdfium2.raw.FLAT_NORMALDISPLAY)
            page.close()
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    finally:
        document.close()


def _inert(page):
    """The page's drawing and size only; every key that acts or carries a file goes, however deep.

    Readers never act on such keys inside a picture or a font, but a file tucked in there would
    still be in the copy: the walk keeps the promise that nothing of it is.
    """
    for key in set(page.keys()) - PAGE_KEYS:
        del page[key]
    seen, todo = set(), [page]
    while todo:
        obj = todo.pop()
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                continue
            seen.add(obj.idnum)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            for key in ACTIVE_KEYS & set(obj.keys()):
                del obj[key]
            todo.extend(value for key, value in obj.items() if key != "/Parent")
        elif isinstance(obj, ArrayObject):
            todo.extend(obj)
    return page


def _open_without_password(reader) -> None:
    """Open a PDF that is locked only against editing (many official forms are); refuse others.

    Such a file opens for anyone with an empty password. One that asks a password to open is
    refused, and so is one whose maker forbade printing it.
    """
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
    # Below the kiosk itself: a hostile file may take its CPU time, never the screen's.
    os.nice(10)


def _child(argv: list[str]) -> dict:
    """Do one job as the child; return the answer to print."""
    parser = argparse.ArgumentParser(prog="python -m printer.upload_child")
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
        kind = precheck(args.source, args.max_bytes)
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
