"""The month's figures as tables that may leave: which groups hide, and what the rows say."""

from kiosk.reports import tables

SALES = [{"product": "REST60", "qty": 7, "line_total_cents": 1190},
         {"product": "PMD", "qty": 2, "line_total_cents": 100},
         {"product": "REST30", "qty": 9, "line_total_cents": 1530}]
TICKETS = ([{"topic": "digitaal", "wait_seconds": 60 * m} for m in (2, 4, 6, 8, 30, 40)]
           + [{"topic": "huur", "wait_seconds": 120}, {"topic": "huur", "wait_seconds": ""}])


def by_key(rows):
    return {t.figure.key: t for t in tables.tables(rows, 5)}


def test_reports_what_the_bags_brought_hides_where_the_number_sold_hides():
    made = by_key({"sales.csv": SALES})
    sold, brought = made["bags_sold"], made["revenue_cents"]
    # PMD (2) is small; 18 in all would give it away from the other two: REST60 (7) hides too.
    assert sold.hidden == {"PMD", "REST60"} == brought.hidden
    assert [sold.shown(k) for k in ("PMD", "REST30", "REST60", tables.TOTAL)] == [
        "< 5", "9", "< 5", "18"]
    assert brought.shown("REST30") == "1530" and brought.shown("PMD") == "< 5"


def test_reports_a_hidden_median_does_not_read_as_minutes():
    made = by_key({"tickets.csv": TICKETS})
    # huur (2) is small, and digitaal (6) would follow from the total (8): both hide.
    assert made["tickets_per_topic"].hidden == {"huur", "digitaal"}
    assert made["tickets_per_topic"].shown(tables.TOTAL) == "8"
    wait = made["ticket_wait"]
    assert wait.total is None and wait.values == {"digitaal": 7, "huur": 2}
    assert wait.shown("huur") == "n < 5"


def test_reports_rows_leave_a_hidden_value_empty():
    rows = tables.rows(tables.tables({"sales.csv": SALES}, 5))
    sold = {r["label"]: r for r in rows if r["figure"] == "bags_sold"}
    assert sold["PMD"]["value"] is None and sold["PMD"]["shown"] == "< 5"
    assert sold["REST30"]["value"] == 9 and sold["totaal"]["value"] == 18
    assert [r["position"] for r in sold.values()] == [0, 1, 2, 3]
    assert sold["PMD"]["title"] == "Verkocht per soort"
