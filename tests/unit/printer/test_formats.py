"""One formatter for amounts, days and times, the Belgian way in each language (Babel)."""

from datetime import UTC, date, datetime

import pytest

from printer import formats
from printer.layout import layout
from printer.slip import Header, Slip, Total

NBSP = "\xa0"
# 14:03 in Brussels on a winter day; 12:03 UTC on a summer day is 14:03 too.
WINTER = datetime(2026, 11, 27, 13, 3, tzinfo=UTC)
SUMMER = datetime(2026, 7, 5, 12, 3, tzinfo=UTC)


@pytest.mark.parametrize(("language", "cents", "text"), [
    ("nl", 145, "€ 1,45"), ("nl", 0, "€ 0,00"), ("nl", 5, "€ 0,05"),
    ("nl", 123456, "€ 1.234,56"), ("nl", -290, "€ -2,90"),
    ("fr", 145, "1,45 €"), ("fr", -5, "-0,05 €"), ("fr", 123456, "1\u202f234,56 €"),
    ("en", 145, "1,45 €"), ("en", 123456, "1.234,56 €"),
])
def test_formats_money_the_belgian_way_per_language(language, cents, text):
    assert formats.money(cents, language) == text.replace(" ", NBSP)


def test_formats_money_never_breaks_between_sign_and_number():
    for language in ("nl", "fr", "en"):
        assert " " not in formats.money(145, language)


@pytest.mark.parametrize("cents", [1.45, True, "145"])
def test_formats_money_takes_whole_cents_only(cents):
    with pytest.raises(TypeError):
        formats.money(cents)


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
@pytest.mark.parametrize("moment", [WINTER, SUMMER])
def test_formats_days_and_times_are_day_month_year_on_a_24_hour_clock(language, moment):
    expected_day = "27/11/2026" if moment is WINTER else "05/07/2026"
    assert formats.day(moment, language) == expected_day
    assert formats.clock(moment, language) == "14:03"
    assert formats.stamp(moment, language) == f"{expected_day} 14:03"


def test_formats_long_day_in_the_language():
    assert formats.long_day(WINTER, "nl") == "vrijdag 27 november 2026"
    assert formats.long_day(WINTER, "fr") == "vendredi 27 novembre 2026"
    assert formats.long_day(WINTER, "en") == "Friday, 27 November 2026"


def test_formats_take_the_belgian_variant_or_the_language_itself():
    assert str(formats.locale("fr")) == "fr_BE"
    assert str(formats.locale("en")) == "en_BE"
    assert str(formats.locale("tr")) == "tr"
    assert str(formats.locale("xx")) == "nl_BE"


def test_formats_refuse_a_time_without_zone():
    with pytest.raises(ValueError, match="zone"):
        formats.day(datetime.combine(date(2026, 1, 1), datetime.min.time()))


def test_formats_a_visitors_slip_writes_its_totals_in_its_language():
    from printer.address import Profile

    slip = Slip(header=Header("Buurtpunt"), body=[Total("Total", 145)], language="fr")
    lines = [line.text for line in layout(slip, Profile())]
    assert any(text.startswith("Total") and text.endswith("1,45 €") for text in lines)
    dutch = [line.text for line in layout(Slip(header=Header("B"), body=[Total("Totaal", 145)]),
                                          Profile())]
    assert any(text.endswith("€ 1,45") for text in dutch)
