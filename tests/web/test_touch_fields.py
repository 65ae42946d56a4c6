"""Every field a person fills on the kiosk has its on-screen keyboard, keypad or picker.

The templates are read as text, so a new field without one fails here before anyone tries it
on a screen without a keyboard.
"""

import re
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader, meta

TEMPLATES = Path(__file__).parents[2] / "templates"
KEYBOARD_CSS = Path(__file__).parents[2] / "kiosk" / "static" / "css" / "keyboard.css"
KINDS = {"text", "multiline", "email", "tel", "numeric", "decimal", "date"}
# Chosen by a tap, or never typed on the kiosk: the phone's upload page uses the phone's keyboard.
NOT_TYPED = {"hidden", "checkbox", "radio", "submit", "button", "file"}
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_TAG = re.compile(r"<(input|textarea|select)\b(.*?)>", re.S)
_ATTR = re.compile(r'([\w:-]+)(?:="([^"]*)")?')


def _fields(source: str) -> list[tuple[str, dict]]:
    """Every input, textarea and select of a template, with its attributes."""
    # Jinja expressions become a placeholder: "value={{ v }}" keeps a value, "{% if %}" goes.
    plain = _JINJA.sub(lambda m: "X" if m.group(0).startswith("{{") else " ", source)
    return [(tag, {name: value for name, value in _ATTR.findall(attrs)})
            for tag, attrs in _TAG.findall(plain)]


def _typed(tag: str, attrs: dict) -> bool:
    return tag == "textarea" or (tag == "input" and attrs.get("type", "text") not in NOT_TYPED)


def _templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


def _problems(name: str, source: str) -> list[str]:
    problems = []
    for tag, attrs in _fields(source):
        where = f"{name}: <{tag} name={attrs.get('name')}>"
        kind = attrs.get("data-keyboard")
        if tag == "input" and attrs.get("type") in ("date", "color"):
            problems.append(f"{where}: the browser's own picker; use fields/_touch.html")
        elif "data-pin-input" in attrs and "data-pin-key" in source:
            continue  # the PIN pad types into it
        elif _typed(tag, attrs) and kind not in KINDS:
            problems.append(f"{where}: no data-keyboard (one of {sorted(KINDS)})")
        elif (tag == "textarea") != (kind == "multiline") and _typed(tag, attrs):
            problems.append(f"{where}: 'multiline' (new line) is for a textarea, and only there")
        elif attrs.get("inputmode") in KINDS - {"multiline"} and attrs["inputmode"] != kind:
            problems.append(f"{where}: inputmode {attrs['inputmode']} but keyboard {kind}")
    return problems


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_touch_fields_every_typed_field_has_its_keyboard(path):
    assert _problems(path.name, path.read_text(encoding="utf-8")) == []


def test_touch_fields_the_check_finds_a_field_without_a_keyboard():
    bad = ('<form><label>Naam <input type="text" name="name" value="{{ v }}"{% if x %} autofocus'
           '{% endif %}></label><textarea name="note" data-keyboard="text"></textarea>'
           '<input type="number" name="n" inputmode="numeric" data-keyboard="decimal">'
           '<input type="date" name="day"><input type="hidden" name="csrf">'
           '<input type="password" name="pin" data-pin-input></form>')
    assert len(_problems("bad.html", bad)) == 5
    with_pad = bad.replace("</form>", '<button data-pin-key="1">')  # the PIN pad types the PIN
    assert len(_problems("pin.html", with_pad)) == 4
    good = '<input type="text" data-keyboard="text"><textarea data-keyboard="multiline">'
    assert _problems("good.html", good) == []


def _needs_keyboard(env: Environment, name: str, seen: set) -> bool:
    """Whether a template, or one it includes or imports, has a field that needs the keys."""
    if name in seen:
        return False
    seen.add(name)
    source = env.loader.get_source(env, name)[0]
    if "data-keyboard" in source or "<select" in source:
        return True
    parent = _parent(source)
    references = meta.find_referenced_templates(env.parse(source))
    return any(_needs_keyboard(env, ref, seen) for ref in references if ref and ref != parent)


def _parent(source: str) -> str | None:
    found = re.search(r'{%\s*extends\s+"([^"]+)"', source)
    return found.group(1) if found else None


def _loads_keyboard(env: Environment, name: str) -> bool:
    """Whether the page, or a page it extends, loads the keyboards (frame('keyboard'[, ...]))."""
    source = env.loader.get_source(env, name)[0]
    if re.search(r"frame\('keyboard'[,)]", source):
        return True
    parent = _parent(source)
    return bool(parent) and _loads_keyboard(env, parent)


def test_touch_fields_every_page_with_fields_loads_the_keyboards():
    env = Environment(loader=FileSystemLoader(TEMPLATES))
    pages = [str(p.relative_to(TEMPLATES)) for p in _templates()
             if "{% extends" in p.read_text(encoding="utf-8")]
    missing = [page for page in pages
               if _needs_keyboard(env, page, set()) and not _loads_keyboard(env, page)]
    assert pages and missing == []


def test_touch_fields_lists_open_with_big_choices():
    css = KEYBOARD_CSS.read_text(encoding="utf-8")
    assert "appearance: base-select" in css
    assert re.search(r"select option \{[^}]*min-height: (4[89]|[5-9]\d)px", css)
