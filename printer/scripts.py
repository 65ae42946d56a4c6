"""Which code page prints a visitor's language, and which languages print as an image.

Turkish, Polish, Romanian and Ukrainian print as text in a code page the printer's
python-escpos profile offers (switched with ESC t); Arabic, which a receipt printer cannot shape
from a code page, is drawn right to left into an image (printer/rtl.py).
"""

import dataclasses
import functools

from printer._escpos import get_profile
from printer.address import Profile

# The pages to try per language, best first: the DOS pages most thermal printers carry, then the
# Windows ones. Dutch, English and French keep the configured page (CP858 by default).
LANGUAGE_CODEPAGES = {
    "tr": ("CP857", "CP1254"),
    "pl": ("CP852", "CP1250", "ISO_8859-2"),
    "ro": ("CP852", "CP1250", "ISO_8859-2"),
    "uk": ("CP1125", "CP866", "CP1251"),
}
PYTHON_CODECS = {"CP857": "cp857", "CP1254": "cp1254", "CP852": "cp852", "CP1250": "cp1250",
                 "ISO_8859-2": "iso8859_2", "CP1125": "cp1125", "CP866": "cp866",
                 "CP1251": "cp1251"}
RASTER_LANGUAGES = {"ar"}


@functools.lru_cache(maxsize=8)
def _offered(escpos_profile: str | None) -> frozenset:
    return frozenset(get_profile(escpos_profile or "default").profile_data["codePages"].values())


def is_raster(language: str) -> bool:
    """Whether a slip in this language prints as an image."""
    return language in RASTER_LANGUAGES


def for_language(profile: Profile, language: str) -> Profile:
    """This printer's profile for a slip in this language: its code page, or UTF-8 for an image."""
    if is_raster(language):
        return _with_codec(profile, profile.codepage, "utf-8")
    offered = _offered(profile.escpos_profile)
    for page in LANGUAGE_CODEPAGES.get(language, ()):
        if page in offered:
            return _with_codec(profile, page, PYTHON_CODECS[page])
    return profile


def _with_codec(profile: Profile, page: str, codec: str) -> Profile:
    # Profile checks the configured page against the settings' short list; a language's page
    # comes from the printer's own capabilities instead, so it is set after that check.
    copy = dataclasses.replace(profile)
    object.__setattr__(copy, "codepage", page)
    object.__setattr__(copy, "python_codec", codec)
    return copy
