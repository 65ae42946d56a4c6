"""Uploads are judged by content in a limited child process: real small files made here."""

import struct
import sys
import time
import zlib

import pypdf
import pytest
from PIL import Image
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from printer import upload
from printer.upload import Inspection, UploadError, prepare, sniff, thumbnail

A4_PORTRAIT = (595, 842)  # points, rounded


def write_pdf(path, pages, size=A4_PORTRAIT):
    """A PDF of blank pages."""
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(*size)
    writer.write(path)
    return path


def write_png(path, width, height, bit_depth=8, colour_type=0, rows=None):
    """A PNG built chunk by chunk, so that huge declared sizes cost nothing to make."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    stride = 1 + (width * bit_depth + 7) // 8
    data = zlib.compress(b"\0" * stride * (height if rows is None else rows), 1)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )
    return path


def page_size(pdf):
    """(width, height) of every page, in whole points."""
    reader = pypdf.PdfReader(pdf, strict=True)
    return [(round(page.mediabox.width), round(page.mediabox.height)) for page in reader.pages]


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", "pdf"),
        (b"\r\n" * 100 + b"%PDF-1.4", "pdf"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF", "jpeg"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "png"),
    ],
)
def test_sniff_reads_the_signature(head, kind):
    assert sniff(head) == kind


@pytest.mark.parametrize(
    "head",
    [b"", b"hello.pdf", b"GIF89a", b"x" * 1024 + b"%PDF-1.7", b"PK\x03\x04", b"\x89PNG\r\n"],
)
def test_sniff_refuses_anything_else(head):
    with pytest.raises(UploadError) as info:
        sniff(head)
    assert info.value.code == "wrong-type"


def test_upload_error_has_code_and_english_message():
    error = UploadError("too-many-pages")
    assert isinstance(error, ValueError)
    assert error.code == "too-many-pages"
    assert str(error) == "the PDF has too many pages"


@pytest.mark.parametrize("pages", [1, 3])
def test_prepare_counts_pdf_pages_and_writes_a_valid_copy(tmp_path, pages):
    source = write_pdf(tmp_path / "doc.pdf", pages)
    target = tmp_path / "clean.pdf"
    assert prepare(source, target) == Inspection(kind="pdf", pages=pages, colour=None)
    assert page_size(target) == [A4_PORTRAIT] * pages


def test_prepare_reads_a_pillow_pdf(tmp_path):
    colours = [Image.new("RGB", (300, 420), colour) for colour in ("red", "green", "blue")]
    source = tmp_path / "photos.pdf"
    colours[0].save(source, save_all=True, append_images=colours[1:])
    assert prepare(source, tmp_path / "clean.pdf").pages == 3


def extras(pdf):
    """Which of metadata, document script, attachments and page script a PDF carries."""
    reader = pypdf.PdfReader(pdf, strict=True)
    root = reader.trailer["/Root"]
    return {
        "author": (reader.metadata or {}).get("/Author"),
        "open_action": "/OpenAction" in root,
        "names": "/Names" in root,
        "page_action": "/AA" in reader.pages[0],
    }


def test_prepare_drops_metadata_scripts_and_attachments(tmp_path):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(*A4_PORTRAIT)
    writer.add_metadata({"/Author": "Jan Peeters"})
    script = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")}
    )
    writer.root_object[NameObject("/OpenAction")] = script
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): script})
    writer.add_attachment("geheim.txt", b"rekeningnummer")
    source = tmp_path / "doc.pdf"
    writer.write(source)
    assert extras(source) == {
        "author": "Jan Peeters",
        "open_action": True,
        "names": True,
        "page_action": True,
    }
    target = tmp_path / "clean.pdf"
    prepare(source, target)
    assert extras(target) == {
        "author": None,
        "open_action": False,
        "names": False,
        "page_action": False,
    }
    assert b"rekeningnummer" not in target.read_bytes()


def test_prepare_refuses_an_encrypted_pdf(tmp_path):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(*A4_PORTRAIT)
    writer.encrypt(user_password="geheim", algorithm="RC4-128")
    source = tmp_path / "locked.pdf"
    writer.write(source)
    target = tmp_path / "clean.pdf"
    with pytest.raises(UploadError) as info:
        prepare(source, target)
    assert info.value.code == "encrypted"
    assert not target.exists()


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_prepare_refuses_a_corrupt_pdf(tmp_path, damage):
    source = tmp_path / "broken.pdf"
    if damage == "truncated":
        data = write_pdf(tmp_path / "whole.pdf", 3).read_bytes()
        source.write_bytes(data[: len(data) // 2])
    else:
        source.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    target = tmp_path / "clean.pdf"
    with pytest.raises(UploadError) as info:
        prepare(source, target)
    assert info.value.code == "corrupt"
    assert not target.exists()


@pytest.mark.parametrize(("pages", "max_pages"), [(60, 50), (3, 2)])
def test_prepare_refuses_too_many_pages(tmp_path, pages, max_pages):
    source = write_pdf(tmp_path / "long.pdf", pages)
    with pytest.raises(UploadError) as info:
        prepare(source, tmp_path / "clean.pdf", max_pages=max_pages)
    assert info.value.code == "too-many-pages"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.pdf", b"", "empty"),
        ("notes.pdf", b"Dit is gewoon tekst, geen PDF.\n", "wrong-type"),
        ("photo.gif", b"GIF89a\x01\0\x01\0", "wrong-type"),
    ],
)
def test_prepare_refuses_by_content(tmp_path, name, content, code):
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(UploadError) as info:
        prepare(source, tmp_path / "clean.pdf")
    assert info.value.code == code


def test_prepare_refuses_a_file_over_the_size_limit_without_reading_it(tmp_path):
    source = tmp_path / "big.pdf"
    with source.open("wb") as file:
        file.write(b"%PDF-1.7\n")
        file.truncate(21 * 1024 * 1024)  # sparse: nothing to read
    with pytest.raises(UploadError) as info:
        prepare(source, tmp_path / "clean.pdf")
    assert info.value.code == "too-large"


def test_prepare_takes_a_jpeg_named_pdf_as_an_image(tmp_path):
    source = tmp_path / "scan.pdf"
    Image.new("RGB", (400, 600), "white").save(source, "JPEG")
    target = tmp_path / "clean.pdf"
    assert prepare(source, target) == Inspection(kind="image", pages=1, colour=False)
    assert page_size(target) == [A4_PORTRAIT]


@pytest.mark.parametrize(
    ("size", "orientation", "page"),
    [
        ((900, 600), 1, (842, 595)),  # landscape photo, landscape page
        ((600, 900), 1, (595, 842)),
        ((900, 600), 6, (595, 842)),  # held upright: EXIF turns it a quarter
    ],
)
def test_prepare_puts_an_image_on_the_a4_side_that_fits(tmp_path, size, orientation, page):
    source = tmp_path / "photo.jpg"
    exif = Image.Exif()
    exif[0x0112] = orientation
    Image.new("RGB", size, "orange").save(source, exif=exif)
    target = tmp_path / "clean.pdf"
    assert prepare(source, target).colour is True
    assert page_size(target) == [page]


@pytest.mark.parametrize(
    ("mode", "colour", "expected"),
    [("RGB", "red", True), ("L", 128, False), ("RGBA", (255, 0, 0, 0), False), ("P", 3, True)],
)
def test_prepare_turns_a_png_into_one_page_and_tells_colour(tmp_path, mode, colour, expected):
    source = tmp_path / "picture.png"
    image = Image.new(mode, (500, 300), colour)
    if mode == "P":
        image.putpalette([0, 0, 0, 255, 255, 255, 128, 128, 128, 0, 0, 255])
    image.save(source)
    target = tmp_path / "clean.pdf"
    assert prepare(source, target) == Inspection(kind="image", pages=1, colour=expected)
    assert page_size(target) == [(842, 595)]


@pytest.mark.parametrize("side", [12_000, 20_000])  # above Pillow's warning, above its error
def test_prepare_refuses_a_decompression_bomb(tmp_path, side):
    source = write_png(tmp_path / "bomb.png", side, side, rows=1)
    with pytest.raises(UploadError) as info:
        prepare(source, tmp_path / "clean.pdf")
    assert info.value.code == "too-large"


def test_prepare_refuses_an_image_that_needs_more_memory_than_allowed(tmp_path):
    source = write_png(tmp_path / "big.png", 6000, 6000, bit_depth=1)  # 108 MB as RGB
    with pytest.raises(UploadError) as info:
        prepare(source, tmp_path / "clean.pdf", memory_mb=100)
    assert info.value.code == "too-large"
    assert prepare(source, tmp_path / "clean.pdf").pages == 1  # fits in the default 512 MB


def test_prepare_refuses_a_truncated_png(tmp_path):
    source = tmp_path / "cut.png"
    Image.effect_noise((300, 300), 50).save(source)
    source.write_bytes(source.read_bytes()[:2000])
    with pytest.raises(UploadError) as info:
        prepare(source, tmp_path / "clean.pdf")
    assert info.value.code == "corrupt"


def test_prepare_times_out_on_a_slow_check(tmp_path):
    source = write_pdf(tmp_path / "doc.pdf", 1)
    target = tmp_path / "clean.pdf"
    with pytest.raises(UploadError) as info:
        prepare(source, target, timeout=0.01)  # the child cannot even start in time
    assert info.value.code == "timeout"
    assert not target.exists()


def test_prepare_kills_a_child_that_hangs(tmp_path, monkeypatch):
    hang = [sys.executable, "-c", "import time; time.sleep(60)"]
    monkeypatch.setattr(upload, "_command", lambda *args: hang)
    source = write_pdf(tmp_path / "doc.pdf", 1)
    started = time.monotonic()
    with pytest.raises(UploadError) as info:
        prepare(source, tmp_path / "clean.pdf", timeout=0.5)
    assert info.value.code == "timeout"
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("script", "code"),
    [
        ("import os, signal; os.kill(os.getpid(), signal.SIGXCPU)", "timeout"),
        ("raise SystemExit(3)", "corrupt"),
        ("print('not json')", "corrupt"),
        ('print(\'{"error": "unheard-of"}\')', "corrupt"),
    ],
)
def test_prepare_reads_a_child_without_answer_as_a_refusal(tmp_path, monkeypatch, script, code):
    monkeypatch.setattr(upload, "_command", lambda *args: [sys.executable, "-c", script])
    source = write_pdf(tmp_path / "doc.pdf", 1)
    with pytest.raises(UploadError) as info:
        prepare(source, tmp_path / "clean.pdf")
    assert info.value.code == code


@pytest.mark.parametrize("width", [240, 120])
def test_thumbnail_renders_page_one_as_png(tmp_path, width):
    source = tmp_path / "photo.jpg"
    Image.new("RGB", (900, 600), "red").save(source)
    pdf = tmp_path / "clean.pdf"
    prepare(source, pdf)
    png = tmp_path / "thumb.png"
    assert thumbnail(pdf, png, width=width) == png
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(png) as image:
        assert image.width == width
        assert image.height == round(width * 595 / 842)
        red, green, blue = image.convert("RGB").getpixel((width // 2, image.height // 2))
        assert red > 200 and green < 60 and blue < 60


def test_thumbnail_refuses_a_file_it_cannot_render(tmp_path):
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(b"%PDF-1.7\nnothing here")
    png = tmp_path / "thumb.png"
    with pytest.raises(UploadError) as info:
        thumbnail(pdf, png)
    assert info.value.code == "corrupt"
    assert not png.exists()


def test_prepare_repairs_a_pdf_with_a_wrong_xref_offset(tmp_path):
    data = write_pdf(tmp_path / "whole.pdf", 3).read_bytes()
    at = data.rindex(b"startxref")
    source = tmp_path / "edited.pdf"  # as some editors leave them: startxref points elsewhere
    source.write_bytes(data[:at] + b"startxref\n12\n%%EOF\n")
    with pytest.raises(pypdf.errors.PdfReadError):
        pypdf.PdfReader(source, strict=True)
    target = tmp_path / "clean.pdf"
    inspection = prepare(source, target)
    assert inspection.pages == 3
    assert page_size(target) == [A4_PORTRAIT] * 3  # the copy is clean: strict reading works


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_prepare_opens_a_pdf_locked_only_against_editing(tmp_path, algorithm):
    writer = pypdf.PdfWriter()
    for _ in range(2):
        writer.add_blank_page(*A4_PORTRAIT)
    writer.encrypt(user_password="", owner_password="gemeente", algorithm=algorithm)
    source = tmp_path / "formulier.pdf"
    writer.write(source)
    target = tmp_path / "clean.pdf"
    assert prepare(source, target).pages == 2
    assert not pypdf.PdfReader(target).is_encrypted  # what is printed is a plain copy


def test_prepare_respects_a_pdf_whose_maker_forbids_printing(tmp_path):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(*A4_PORTRAIT)
    no_print = pypdf.constants.UserAccessPermissions.all() & ~(
        pypdf.constants.UserAccessPermissions.PRINT)
    writer.encrypt(user_password="", owner_password="gemeente", algorithm="AES-128",
                   permissions_flag=no_print)
    source = tmp_path / "niet-printen.pdf"
    writer.write(source)
    with pytest.raises(UploadError) as info:
        prepare(source, tmp_path / "clean.pdf")
    assert info.value.code == "no-printing"
