"""Every language offered has every visitor string and slip translated (receipts stay Dutch)."""

import pytest

from kiosk.config import DEFAULTS
from tests import visitor_strings


@pytest.fixture(scope="module")
def wanted():
    return visitor_strings.visitor_msgids()


def test_visitor_strings_are_found_and_desk_strings_left_out(wanted):
    assert {"Waarom kom je vandaag?", "Ik kom binnen", "Voorlezen"} <= wanted
    assert "Kassa sluiten" not in wanted  # the desk's
    assert "Welkom! Wat wil je doen?" in wanted


@pytest.mark.parametrize("language", [code for code in DEFAULTS["LANGUAGES"] if code != "nl"])
def test_visitor_catalogue_is_complete(wanted, language):
    lacking = visitor_strings.missing(language, wanted)
    assert not lacking, (f"{language}: {len(lacking)} visitor strings untranslated or fuzzy "
                         f"(python -m tests.visitor_strings -v): {lacking[:10]}")
