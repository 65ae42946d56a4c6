"""What Datasette says about the city file: every table and column in Dutch, and canned queries.

The city file (`kiosk combine`) holds two tables: `months` (which month file of which kiosk went
in) and `figures` (the month's report of each buurtpunt, small counts hidden). Arbitrary SQL is
off: the coordinator reads the tables and the canned queries below, nothing else.
"""

from flask_babel import force_locale

from kiosk.reports import figures as figures_

# "< 5" is REPORT_MIN_COUNT's default; each kiosk hides by its own setting.
HIDDEN = ("Een aantal onder de drempel van de kiosk (REPORT_MIN_COUNT, standaard 5) staat er als "
          "'< 5', net als elk getal waaruit het terug te rekenen is: dan is de waarde leeg.")

MONTHS = {
    "title": "Maandbestanden",
    "description": "Welk maandbestand van welke kiosk in dit stadsbestand zit: één rij per "
                   "kiosk en maand (een tweede keer samenvoegen vervangt de eerste).",
    "columns": {
        "kiosk": "Kiosk: de code van de kiosk die het bestand maakte (BP1, BP2 …).",
        "buurtpunt": "Buurtpunt: de naam van het buurtpunt van die kiosk.",
        "month": "Maand: de maand van het bestand, als JJJJ-MM.",
        "sha256": "Controlesom: de SHA-256 van het maandbestand zoals het samengevoegd is.",
    },
}

COLUMNS = {
    "month": "Maand: de maand van het cijfer, als JJJJ-MM.",
    "buurtpunt": "Buurtpunt: de naam van het buurtpunt.",
    "kiosk": "Kiosk: de code van de kiosk van het buurtpunt (BP1, BP2 …).",
    "figure": "Cijfer: welk cijfer van het maandrapport (zie de lijst bij de tabel).",
    "title": "Titel: de naam van het cijfer zoals op het maandrapport.",
    "position": "Volgorde: de plaats van de groep in het cijfer (0, 1, 2 …; 'totaal' komt "
                "laatst).",
    "label": "Groep: de dag, reden, taal, soort, onderwerp, thema, week … of 'totaal'.",
    "value": "Waarde: het getal; leeg waar het verborgen is.",
    "shown": "Getoond: het getal zoals op het rapport, of '< 5' waar het verborgen is.",
}


def _figure_list() -> str:
    return "; ".join(f"{figure.key}: {figure.title}" for figure in figures_.FIGURES)


def _query(title: str, description: str, sql: str) -> dict:
    return {"title": title, "description": description, "sql": " ".join(sql.split())}


def queries() -> dict:
    """The canned queries: what the coordinator asks every month, and one to compare a figure."""
    return {
        "bezoeken_per_buurtpunt": _query(
            "Bezoeken per buurtpunt per maand",
            "Hoeveel bezoeken elk buurtpunt telde, per maand (het totaal van 'Bezoeken per dag').",
            """SELECT month AS maand, buurtpunt, kiosk, shown AS bezoeken FROM figures
               WHERE figure = 'visits_per_day' AND label = 'totaal'
               ORDER BY month, buurtpunt, kiosk"""),
        "zakken_per_buurtpunt": _query(
            "Vuilniszakken per buurtpunt",
            "Hoeveel elk buurtpunt verkocht per soort (productcode) en per maand, met het totaal. "
            + HIDDEN,
            """SELECT month AS maand, buurtpunt, kiosk, label AS soort, shown AS verkocht
               FROM figures WHERE figure = 'bags_sold'
               ORDER BY month, buurtpunt, kiosk, position"""),
        "vragen_per_onderwerp": _query(
            "Vragen per onderwerp",
            "De wachtnummers van de hulpvraag per onderwerp, per buurtpunt en maand, met de "
            "middelste wachttijd in minuten (leeg waar het aantal vragen verborgen is). " + HIDDEN,
            """SELECT t.month AS maand, t.buurtpunt, t.kiosk, t.label AS onderwerp,
                      t.shown AS vragen, w.value AS wachttijd_minuten
               FROM figures t LEFT JOIN figures w ON w.figure = 'ticket_wait'
                    AND w.month = t.month AND w.kiosk = t.kiosk AND w.label = t.label
               WHERE t.figure = 'tickets_per_topic'
               ORDER BY t.month, t.buurtpunt, t.kiosk, t.position"""),
        "cijfer_vergelijken": _query(
            "Eén cijfer naast elkaar voor alle buurtpunten",
            "Kies een maand (JJJJ-MM) en een cijfer; elke groep staat dan onder elkaar voor elk "
            "buurtpunt. De cijfers: " + _figure_list() + ". " + HIDDEN,
            """SELECT label AS groep, buurtpunt, kiosk, shown AS getoond, title AS titel
               FROM figures WHERE month = :month AND figure = :figure
               ORDER BY label = 'totaal', label, buurtpunt, kiosk"""),
    }


def metadata(database: str) -> dict:
    """Datasette's metadata for the city file served under the name DATABASE."""
    with force_locale("nl"):  # the city's view is in Dutch, whatever the kiosk's language
        return _metadata(database)


def _metadata(database: str) -> dict:
    figures = {"title": "Cijfers per maand en buurtpunt",
               "description": "Het maandrapport van elk buurtpunt: één rij per groep van een "
                              "cijfer en een rij 'totaal' per cijfer (behalve bij een "
                              "middelste waarde). " + HIDDEN + " De cijfers: "
                              + _figure_list() + ".",
               "columns": COLUMNS, "facets": ["month", "buurtpunt", "figure"]}
    return {
        "title": "Buurtpunten van Dendermonde: het maandrapport",
        "description": "De maandcijfers van alle buurtpunten samen, alleen om te lezen: het "
                       "bestand verandert niet en eigen SQL staat uit (gebruik de tabellen en de "
                       "vaste vragen). Er staan alleen afgeschermde cijfers in, geen rijen over "
                       "bezoekers. " + HIDDEN,
        "license": "Intern gebruik: Stad Dendermonde, buurtopbouwwerk",
        "source": "De maandbestanden van de kiosken (kiosk export, kiosk combine)",
        "allow_sql": False,
        "databases": {database: {
            "title": "Stadsbestand",
            "description": "De maandbestanden van de kiosken, samengevoegd met kiosk combine.",
            "tables": {"months": MONTHS, "figures": figures},
            "queries": queries(),
        }},
    }
