"""The catalogues keep up with the screens: every visible string is extracted and translated."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).parents[2]
CATALOGUES = ROOT / "kiosk" / "translations"
METHODS = [("kiosk/**.py", "python"), ("templates/**.html", "jinja2")]


def _source_ids() -> set:
    found = extract_from_dir(str(ROOT), METHODS, keywords={"_": None, "_l": None, "gettext": None,
                                                          "ngettext": (1, 2), "lazy_gettext": None})
    return {msgid if isinstance(msgid, str) else msgid[0]
            for _, _, msgid, *_ in found}


def test_template_catalogue_has_every_visible_string():
    with (CATALOGUES / "messages.pot").open("rb") as f:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    missing = _source_ids() - template
    assert not missing, f"run `make messages` and translate: {sorted(missing)}"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_catalogue_is_complete(language):
    with (CATALOGUES / language / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalogue = read_po(f, locale=language)
    untranslated = [m.id for m in catalogue if m.id and (
        m.fuzzy or not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    assert untranslated == []
