"""Every figure of the month equals a count SQLite makes from the same rows on its own."""

import random
import sqlite3

import pytest

from kiosk.reports import figures

COLUMNS = {"visits.csv": ("time", "language", "reasons"),
           "tickets.csv": ("topic", "wait_seconds"), "prints.csv": ("day", "pages"),
           "sales.csv": ("product", "qty", "line_total_cents"),
           "ideas.csv": ("theme", "status"), "rights_shown.csv": ("right", "day", "shown"),
           "referrals.csv": ("partner", "referrals"),
           "activities.csv": ("kind", "people_signed_up", "attended"),
           "shifts.csv": ("started", "hours")}
REASONS = ("koffie", "digitaal", "administratie", "rechten", "zakken")


def make_rows(seed: int, size: int) -> dict[str, list[dict]]:
    """A month of export rows of every file, drawn at random (the same for the same seed)."""
    pick = random.Random(seed)
    day = lambda: f"2026-11-{pick.randint(1, 30):02d}"  # noqa: E731
    return {
        "visits.csv": [{"time": f"{day()} {pick.randint(8, 19):02d}:{pick.randint(0, 59):02d}:00",
                        "language": pick.choice(("nl", "en", "fr", "ar")),
                        "reasons": "+".join(pick.sample(REASONS, pick.randint(0, 3)))}
                       for _ in range(size)],
        "tickets.csv": [{"topic": pick.choice(("digitaal", "papieren", "huur")),
                         "wait_seconds": pick.choice(("", 0, 29, 31, 95, 600, 1830))}
                        for _ in range(size // 2)],
        "prints.csv": [{"day": day(), "pages": pick.randint(1, 30)} for _ in range(size // 3)],
        "sales.csv": [{"product": pick.choice(("REST30", "REST60", "PMD")),
                       "qty": pick.choice((1, 2, 5, -1)),
                       "line_total_cents": pick.randint(-150, 900)} for _ in range(size // 3)],
        "ideas.csv": [{"theme": pick.choice(("groen", "spelen")),
                       "status": pick.choice(("nieuw", "gebeurd"))} for _ in range(size // 4)],
        "rights_shown.csv": [{"right": pick.choice(("energie", "water")), "day": day(),
                              "shown": pick.randint(1, 9)} for _ in range(size // 5)],
        "referrals.csv": [{"partner": pick.choice(("ocmw", "cawo")),
                           "referrals": pick.randint(1, 4)} for _ in range(size // 5)],
        "activities.csv": [{"kind": pick.choice(("koken", "tuin")),
                            "people_signed_up": pick.randint(0, 12),
                            "attended": pick.choice(("", 3, 7))} for _ in range(size // 6)],
        "shifts.csv": [{"started": f"{day()} 09:00", "hours": f"{pick.randint(0, 900) / 100:.2f}"}
                       for _ in range(size // 7)] + [{"started": "2026-11-02", "hours": "2.50"}],
        "later.csv": [{"anything": 1} for _ in range(size // 8)],
    }


# The ISO week of a day: the week its Thursday falls in, counted from that year's first Thursday.
ISO_WEEK = ("'week ' || printf('%02d', (strftime('%j', date(substr(started, 1, 10), '-3 days', "
            "'weekday 4')) - 1) / 7 + 1)")


def _medians(db: sqlite3.Connection) -> dict[str, int]:
    """The middle wait in minutes per topic, from the sorted waits SQLite gives."""
    found: dict[str, list[int]] = {}
    for topic, seconds in db.execute("SELECT topic, CAST(wait_seconds AS INTEGER) FROM tickets "
                                     "WHERE wait_seconds != '' ORDER BY 1, 2"):
        found.setdefault(topic, []).append(round(seconds / 60))
    middle = lambda v: v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2  # noqa: E731
    return {topic: round(middle(sorted(v))) for topic, v in found.items()}


def sql_counts(rows: dict[str, list[dict]]) -> dict[str, dict[str, int]]:
    """The same figures, counted by SQLite's GROUP BY (no code shared with the report)."""
    db = sqlite3.connect(":memory:")
    for name, found in rows.items():
        table = name.removesuffix(".csv")
        columns = COLUMNS.get(name, ("anything",))
        db.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
        for row in found:
            db.execute(f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})",
                       [row.get(c) for c in columns])
    db.execute("CREATE TABLE reasons (reason)")
    db.executemany("INSERT INTO reasons VALUES (?)", [(r,) for r in REASONS])
    group = lambda sql: dict(db.execute(sql + " GROUP BY 1 HAVING count(*) > 0 ORDER BY 1"))  # noqa: E731
    return {
        "visits_per_day": group("SELECT substr(time, 1, 10), count(*) FROM visits"),
        "visits_per_reason": group(
            "SELECT reason, count(*) FROM visits JOIN reasons "
            "ON instr('+' || reasons || '+', '+' || reason || '+') > 0"),
        "visits_per_hour": group(
            "SELECT CASE strftime('%w', substr(time, 1, 10)) WHEN '0' THEN 'zo' WHEN '1' THEN 'ma'"
            " WHEN '2' THEN 'di' WHEN '3' THEN 'wo' WHEN '4' THEN 'do' WHEN '5' THEN 'vr'"
            " ELSE 'za' END || ' ' || substr(time, 12, 2) || 'u', count(*) FROM visits"),
        "languages": group("SELECT language, count(*) FROM visits"),
        "tickets_per_topic": group("SELECT topic, count(*) FROM tickets"),
        "bags_sold": group("SELECT product, sum(qty) FROM sales"),
        "revenue_cents": group("SELECT product, sum(line_total_cents) FROM sales"),
        "ideas_per_theme": group("SELECT theme, count(*) FROM ideas"),
        "ideas_per_status": group("SELECT status, count(*) FROM ideas"),
        "rights_shown": group("SELECT right, sum(shown) FROM rights_shown"),
        "referrals": group("SELECT partner, sum(referrals) FROM referrals"),
        "activity_signups": group("SELECT kind, sum(people_signed_up) FROM activities"),
        "activity_attended": group("SELECT kind, sum(CAST(attended AS INTEGER)) FROM activities"),
        "ticket_wait": _medians(db),
        "prints_per_day": group("SELECT day, count(*) FROM prints"),
        "pages_per_day": group("SELECT day, sum(pages) FROM prints"),
        "shifts": group(f"SELECT {ISO_WEEK}, count(*) FROM shifts"),
        "volunteer_hours": group(f"SELECT {ISO_WEEK}, sum(round(hours)) FROM shifts"),
        "rows_later.csv": group("SELECT 'later', count(*) FROM later"),
    }


@pytest.mark.parametrize(("seed", "size"), [(1, 0), (2, 1), (3, 40), (4, 400), (5, 2000)])
def test_reports_every_figure_equals_an_independent_count(seed, size):
    rows = make_rows(seed, size)
    assert figures.month(rows) == sql_counts(rows)


def test_reports_a_figure_without_its_file_is_left_out():
    rows = make_rows(6, 50)
    del rows["tickets.csv"]
    found = figures.month(rows)
    assert "tickets_per_topic" not in found
    assert found["languages"] == sql_counts(rows | {"tickets.csv": []})["languages"]


def test_reports_a_declared_file_without_figures_gets_its_row_count():
    found = figures.month({"new_feature.csv": [{"a": 1}] * 7})
    assert found == {"rows_new_feature.csv": {"new_feature": 7}}
