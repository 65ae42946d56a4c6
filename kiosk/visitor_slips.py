"""Slips a visitor takes home: in their own language, under a Dutch title line.

The Dutch title tells a volunteer at a glance what the slip is (and names it in the desk's print
queue); the rest speaks the visitor's language, with its dates and amounts. Receipts and
Z-reports are not built here: they are the journal's record and stay Dutch.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from flask import current_app
from flask_babel import force_locale

from printer import formats
from printer.slip import Element, Header, Slip, Text


def _known(language: str) -> str:
    config = current_app.config
    return language if language in config["LANGUAGES"] else config["DEFAULT_LANGUAGE"]


@contextmanager
def speaking(language: str) -> Iterator[str]:
    """Translate in this visitor's language (stored with what they did) for the block's length."""
    language = _known(language)
    with force_locale(language):
        yield language


def visitor_slip(language: str, title, body: list[Element], header: Header,
                 moment: datetime) -> Slip:
    """The slip: `title` (a lazy string) in Dutch, then in the visitor's language, then `body`."""
    language = _known(language)
    with force_locale(formats.PAPER):
        dutch = str(title)
    with force_locale(language):
        own = str(title)
    heading = [Text(own, align="center", bold=True)] if own != dutch else []
    return Slip(header=header, title=dutch, body=heading + body,
                printed_at=formats.plain(formats.stamp(moment, language)), language=language)
