"""/desk/reports: exact figures on the desk, the A4 page with small counts hidden, month before."""

import re

import pytest

from kiosk.db import connect, migrate
from tests.helpers import add_volunteer, log_in


def add_visits(app, visits):
    """Visits as (UTC time, [reasons], language), stored as check-in stores them."""
    db = connect(app.config["DATABASE"])
    migrate(db)
    for number, (moment, reasons, language) in enumerate(visits):
        visit_id = db.execute(
            "INSERT INTO visits (created_at, language, source, request_key) VALUES (?, ?, ?, ?)",
            [moment, language, "kiosk", f"r{moment}{number}"]).lastrowid
        db.conn.executemany("INSERT INTO visit_reasons (visit_id, reason) VALUES (?, ?)",
                            [(visit_id, reason) for reason in reasons])
    db.conn.commit()
    db.close()


# November: 6 for coffee, 2 with a digital question; October: 3 for coffee.
NOVEMBER = ([(f"2026-11-0{day}T09:00:00+00:00", ["koffie"], "nl") for day in range(2, 8)]
            + [("2026-11-09T14:00:00+00:00", ["digitaal"], "fr"),
               ("2026-11-10T14:00:00+00:00", ["digitaal"], "nl")])
OCTOBER = [(f"2026-10-1{day}T09:00:00+00:00", ["koffie"], "nl") for day in range(3)]


@pytest.fixture
def desk(app, client):
    add_visits(app, NOVEMBER + OCTOBER)
    log_in(client, add_volunteer(app))
    return client


def cell(html: str, figure: str, code: str, which: str) -> str:
    """A table cell (data-now / data-before) of one line of one figure."""
    part = html.split(f'data-figure="{figure}"', 1)[1].split('data-figure="', 1)[0]
    found = re.search(rf'<tr data-code="{re.escape(code)}">.*?<td class="num" data-{which}>'
                      rf'([^<]*)</td>', part, re.S)
    return found.group(1).replace("&lt;", "<") if found else ""


def total(html: str, figure: str) -> str:
    part = html.split(f'data-figure="{figure}"', 1)[1].split('data-figure="', 1)[0]
    return re.search(r"data-total>([^<]*)<", part).group(1).replace("&lt;", "<")


def test_reports_the_desk_report_needs_a_volunteer(client):
    assert client.get("/desk/reports?month=2026-11").status_code in (302, 303)
    assert client.get("/desk/reports/print?month=2026-11").status_code in (302, 303)


def test_reports_the_desk_shows_exact_figures_and_the_month_before(desk):
    html = desk.get("/desk/reports?month=2026-11").get_data(as_text=True)
    assert cell(html, "visits_per_reason", "koffie", "now") == "6"
    assert cell(html, "visits_per_reason", "digitaal", "now") == "2"
    assert cell(html, "visits_per_reason", "koffie", "before") == "3"
    assert total(html, "visits_per_reason") == "8"
    assert cell(html, "languages", "fr", "now") == "1"
    assert "Koffie en een babbel" in html and "Français" in html


def test_reports_the_a4_page_hides_small_counts_and_what_gives_them_away(desk):
    html = desk.get("/desk/reports/print?month=2026-11").get_data(as_text=True)
    assert cell(html, "visits_per_reason", "digitaal", "now") == "< 5"
    # 8 in all and 2 hidden would give 6 for coffee, and the reverse: coffee is hidden too.
    assert cell(html, "visits_per_reason", "koffie", "now") == "< 5"
    assert total(html, "visits_per_reason") == "8"
    assert cell(html, "visits_per_reason", "koffie", "before") == "< 5"
    assert re.search(r'data-code="digitaal">.*?width="0"', html, re.S), "a hidden count has no bar"
    assert "data-print" in html


@pytest.mark.parametrize("month", ["", "2026-13", "abc", "1999-01", "2026-11' OR 1=1"])
def test_reports_a_strange_month_shows_a_month_not_an_error(desk, month):
    response = desk.get("/desk/reports", query_string={"month": month})
    assert response.status_code == 200
    assert re.search(r'data-month="[0-9]{4}-[0-9]{2}"', response.get_data(as_text=True))
