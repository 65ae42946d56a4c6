"""Amounts and dates on screen follow the visitor's language, the Belgian way (one formatter)."""

from datetime import UTC, datetime

import pytest

from kiosk import clock
from tests.helpers import add_volunteer, log_in

WINTER = datetime(2026, 11, 27, 13, 3, tzinfo=UTC)


@pytest.fixture
def at_winter(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: WINTER)


@pytest.mark.parametrize(("language", "price", "total"), [
    ("nl", "€ 1,45", "€ 0,00"), ("fr", "1,45 €", "0,00 €"), ("en", "1,45 €", "0,00 €"),
])
def test_formats_shop_amounts_in_the_visitors_language(client, language, price, total):
    client.get(f"/lang/{language}")
    body = client.get("/shop").get_data(as_text=True)
    assert f"<strong>{price}</strong>" in body
    assert f"data-total>{total}<" in body


@pytest.mark.parametrize(("language", "day"), [
    ("nl", "vrijdag 27 november 2026"), ("fr", "vendredi 27 novembre 2026"),
    ("en", "Friday, 27 November 2026"),
])
def test_formats_top_bar_day_and_time(client, at_winter, language, day):
    client.get(f"/lang/{language}")
    body = client.get("/checkin").get_data(as_text=True)
    assert f"data-clock-date>{day}<" in body
    assert "data-clock-time>14:03<" in body


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_formats_desk_times_are_day_month_year_on_a_24_hour_clock(app, client, at_winter,
                                                                  language):
    client.get(f"/lang/{language}")
    log_in(client, add_volunteer(app))
    body = client.get("/desk").get_data(as_text=True)
    assert "<td>27/11/2026 14:03</td>" in body
