"""`kiosk city`: two kiosks' months combined and served by Datasette on 127.0.0.1, read-only.

The canned queries answer over Datasette's JSON API with the numbers the kiosks stored (small
ones as "< 5"), arbitrary SQL is refused, and the city's figures are each kiosk's own report.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kiosk.reports import exporting, tables
from tests.web.month_data import make_kiosk

MONTH = "2026-11"
REASONS = ("koffie", "digitaal+koffie", "administratie", "rechten+buren", "vuilniszakken")
PLANS = {
    "BP1": {
        "visits": [(n % 27, language, REASONS[n % 5]) for n, language in
                   enumerate(["nl"] * 25 + ["fr"] * 8 + ["ar"] * 5 + ["en"] * 2)],
        "baskets": [{"REST30": 4, "PMD": 5}, {"REST30": 4, "REST60": 3, "PMD": 5},
                    {"REST30": 4, "PMD": 5}, {"REST60": 3, "PMD": 5}],
        "tickets": [("digitaal", m) for m in (1, 2, 3, 4, 5)]
        + [("papieren", m) for m in (2, 4, 6, 8, 10, 12)] + [("rechten", 9), ("rechten", 1)],
        "ideas": [("groen", "nieuw"), ("groen", "gebeurd"), ("spelen", "bekijken"),
                  ("netheid", "nieuw"), ("groen", "nieuw"), ("verkeer", "doorgegeven"),
                  ("groen", "nieuw")],
        "rights": ["groeipakket-schooltoeslag"] * 6 + ["leefloon"] * 2,
        "referrals": ["sociaal-huis"] * 3,
    },
    "BP2": {
        "visits": [(n, language, REASONS[n % 3]) for n, language in
                   enumerate(["nl"] * 9 + ["en"] * 3)],
        "baskets": [{"REST30": 7}, {"PMD": 2}],
        "tickets": [("digitaal", 4)] * 3,
        "ideas": [("spelen", "nieuw"), ("samen", "nieuw")],
        "rights": ["leefloon"],
        "referrals": [],
    },
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(process: subprocess.Popen, url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"kiosk city stopped: {process.communicate()}")
        try:
            urllib.request.urlopen(f"{url}/-/versions.json", timeout=2).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail("kiosk city did not answer within 30 s")


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """Both kiosks exported and combined into city.db, served by `kiosk city` on a free port."""
    tmp = tmp_path_factory.mktemp("city")
    apps = {kiosk_id: make_kiosk(tmp, kiosk_id, plan) for kiosk_id, plan in PLANS.items()}
    files = []
    for kiosk_id, app in apps.items():
        result = app.test_cli_runner().invoke(args=["export", "--month", MONTH, "--out",
                                                    str(tmp / "usb")])
        assert result.exit_code == 0, result.output
        files.append(str(tmp / "usb" / f"{kiosk_id}-{MONTH}.db"))
    result = apps["BP1"].test_cli_runner().invoke(args=["combine", *files, "--out",
                                                        str(tmp / "city.db")])
    assert result.exit_code == 0, result.output
    port = _free_port()
    env = {**os.environ, "KIOSK_INSTANCE_PATH": str(tmp / "coordinator"),
           "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([str(Path(sys.executable).parent / "kiosk"), "city",
                                str(tmp / "city.db"), "--port", str(port)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(process, url)
        said = [process.stdout.readline(), process.stdout.readline()]
        yield url, apps, said
    finally:
        process.terminate()
        process.communicate(timeout=10)


def get(url: str, path: str, **params) -> list[dict]:
    query = urllib.parse.urlencode({**params, "_shape": "array", "_size": "max"})
    with urllib.request.urlopen(f"{url}{path}?{query}", timeout=10) as response:
        return json.load(response)


def test_reports_city_visits_per_buurtpunt_per_month(city):
    url, _, _ = city
    assert get(url, "/city/bezoeken_per_buurtpunt.json") == [
        {"maand": MONTH, "buurtpunt": "Buurtpunt BP1", "kiosk": "BP1", "bezoeken": "40"},
        {"maand": MONTH, "buurtpunt": "Buurtpunt BP2", "kiosk": "BP2", "bezoeken": "12"}]


def test_reports_city_bags_per_buurtpunt_hide_small_counts(city):
    url, _, _ = city
    found = [(r["kiosk"], r["soort"], r["verkocht"])
             for r in get(url, "/city/zakken_per_buurtpunt.json")]
    # BP2 sold 2 PMD: hidden, and REST30 with it, or the total would give the 2 away.
    assert found == [("BP1", "PMD", "20"), ("BP1", "REST30", "12"), ("BP1", "REST60", "6"),
                     ("BP1", "totaal", "38"),
                     ("BP2", "PMD", "< 5"), ("BP2", "REST30", "< 5"), ("BP2", "totaal", "9")]


def test_reports_city_tickets_per_topic_with_the_middle_wait(city):
    url, _, _ = city
    found = [(r["kiosk"], r["onderwerp"], r["vragen"], r["wachttijd_minuten"])
             for r in get(url, "/city/vragen_per_onderwerp.json")]
    assert found == [("BP1", "digitaal", "< 5", None), ("BP1", "papieren", "6", 7),
                     ("BP1", "rechten", "< 5", None), ("BP1", "totaal", "13", None),
                     ("BP2", "digitaal", "< 5", None), ("BP2", "totaal", "< 5", None)]


def test_reports_city_compares_one_figure_across_buurtpunten(city):
    url, _, _ = city
    found = [(r["groep"], r["kiosk"], r["getoond"])
             for r in get(url, "/city/cijfer_vergelijken.json", month=MONTH, figure="languages")]
    assert found == [("ar", "BP1", "< 5"), ("en", "BP1", "< 5"), ("en", "BP2", "< 5"),
                     ("fr", "BP1", "8"), ("nl", "BP1", "25"), ("nl", "BP2", "< 5"),
                     ("totaal", "BP1", "40"), ("totaal", "BP2", "12")]


@pytest.mark.parametrize("kiosk_id", PLANS)
def test_reports_city_figures_are_each_kiosks_own_report(city, kiosk_id):
    """Point 5: every figure row in the city view is the kiosk's own suppressed report."""
    url, apps, _ = city
    app = apps[kiosk_id]
    with app.app_context():
        rows = exporting.month_rows(MONTH)
        own = tables.rows(tables.tables({e.file: found for e, found in rows.items()},
                                        app.config["REPORT_MIN_COUNT"]))
    shown = get(url, "/city/figures.json", kiosk=kiosk_id, month=MONTH, _sort="rowid")
    assert {(r["buurtpunt"], r["month"]) for r in shown} == {(f"Buurtpunt {kiosk_id}", MONTH)}
    columns = ("figure", "title", "position", "label", "value", "shown")
    assert [{c: r[c] for c in columns} for r in shown] == own
    assert {"visits_per_reason", "bags_sold", "ticket_wait", "ideas_per_theme",
            "rights_shown"} <= {r["figure"] for r in own}
    for figure in sorted({r["figure"] for r in own}):
        compared = get(url, "/city/cijfer_vergelijken.json", month=MONTH, figure=figure)
        assert sorted((r["groep"], r["getoond"]) for r in compared if r["kiosk"] == kiosk_id) \
            == sorted((r["label"], r["shown"]) for r in own if r["figure"] == figure)


@pytest.mark.parametrize("path", ["/city.json?sql=select+1", "/city?sql=select+1",
                                  "/city/figures.json?_where=value+%3E+0"])
def test_reports_city_refuses_arbitrary_sql(city, path):
    url, _, _ = city
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url + path, timeout=10)
    refused.value.close()
    assert refused.value.code == 403


def test_reports_city_names_every_table_and_column_in_dutch(city):
    url, _, _ = city
    with urllib.request.urlopen(f"{url}/-/metadata.json", timeout=10) as response:
        metadata = json.load(response)
    assert metadata["allow_sql"] is False and metadata["license"] and metadata["source"]
    described = metadata["databases"]["city"]["tables"]
    for table in ("months", "figures"):
        with urllib.request.urlopen(f"{url}/city/{table}.json?_size=1", timeout=10) as answer:
            columns = json.load(answer)["columns"]
        assert described[table]["title"] and described[table]["description"]
        assert sorted(described[table]["columns"]) == sorted(c for c in columns if c != "rowid")
    queries = metadata["databases"]["city"]["queries"]
    assert {"bezoeken_per_buurtpunt", "zakken_per_buurtpunt", "vragen_per_onderwerp",
            "cijfer_vergelijken"} <= set(queries)


def test_reports_city_says_it_is_read_only(city):
    url, _, said = city
    assert said[0].startswith("Stadsweergave van city.db: http://127.0.0.1:")
    assert "Alleen lezen" in said[1] and "eigen SQL staat uit" in said[1]
    with urllib.request.urlopen(f"{url}/-/databases.json", timeout=10) as response:
        (database,) = json.load(response)
    assert database["name"] == "city" and database["is_mutable"] is False


def test_reports_city_without_datasette_says_how_to_install_it(tmp_path, monkeypatch, app):
    city_db = tmp_path / "city.db"
    city_db.write_bytes(b"")
    monkeypatch.setitem(sys.modules, "datasette.app", None)  # as if the extra were missing
    result = app.test_cli_runner().invoke(args=["city", str(city_db)])
    assert result.exit_code == 1
    assert "Datasette" in result.output and "'.[city]'" in result.output
    assert "Traceback" not in result.output
