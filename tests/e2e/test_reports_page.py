"""The month's report at the desk: charts drawn, the A4 page printed to PDF and looked at."""

import io
from datetime import timedelta

import pypdfium2
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from kiosk import clock
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_desk_flow import _add_volunteer, _log_in
from tests.web.test_reports_desk import add_visits

pytestmark = pytest.mark.e2e

REASONS = ("koffie", "digitaal", "administratie", "rechten", "buren")


def _last_month_visits():
    """Visits in the month before this one: 12, 9, 6, 3 and 1 per reason, two languages."""
    first = (clock.now().replace(day=1) - timedelta(days=1)).replace(day=1, hour=9)
    visits = []
    for place, reason in enumerate(REASONS):
        for number in range((12, 9, 6, 3, 1)[place]):
            moment = first + timedelta(days=number, hours=place)
            visits.append((clock.iso(moment), [reason], "fr" if number % 4 == 0 else "nl"))
    return visits


def test_reports_page_charts_and_the_a4_page_as_pdf(kiosk, page, shot):
    _add_volunteer(kiosk)
    add_visits(kiosk.app, _last_month_visits())
    _log_in(page, kiosk)
    page.get_by_role("link", name="Maandrapport").tap()
    chart = page.locator("[data-figure='visits_per_reason']")
    expect(chart.locator("tr[data-code='koffie'] [data-now]")).to_have_text("12")
    expect(chart.locator("tr[data-code='buren'] [data-now]")).to_have_text("1")
    expect(chart.locator("[data-total]")).to_have_text("31")
    bars = chart.locator(".chart-bar")
    assert bars.count() == 5 and bars.first.bounding_box()["width"] > 0
    shot(page, "report-desk")

    page.get_by_role("link", name="Blad voor A4").tap()
    chart = page.locator("[data-figure='visits_per_reason']")
    expect(chart.locator("tr[data-code='buren'] [data-now]")).to_have_text("< 5")
    expect(chart.locator("tr[data-code='rechten'] [data-now]")).to_have_text("< 5")
    expect(chart.locator("tr[data-code='koffie'] [data-now]")).to_have_text("12")
    shot(page, "report-a4-screen")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "report-a4.pdf").write_bytes(pdf)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Maandrapport" in text and "< 5" in text and "Digitale vraag" in text
    assert "Afmelden" not in text and "Vorige maand" not in text, "no buttons or menu on paper"
    first = pypdfium2.PdfDocument(pdf)[0]
    first.render(scale=1.5).to_pil().save(SCREENSHOTS / "report-a4-page1.png")
