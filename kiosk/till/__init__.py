"""Till: the desk's cash, sales journal, stock and prices pages, Z-reports, the sales commands."""

from flask_babel import lazy_gettext as _l

from kiosk.features import Export, Feature, MenuEntry
from kiosk.till import cli, export
from kiosk.till.desk import cash, catalogue, journal, stock

FEATURE = Feature(
    "till",
    blueprints=(journal.bp, stock.bp, cash.bp, catalogue.bp),
    desk_menu=(
        MenuEntry("journal.index", _l("Verkoop"), "receipt-euro", 20),
        MenuEntry("cash.index", _l("Kassa"), "wallet", 40),
        MenuEntry("stock.index", _l("Voorraad"), "package", 50),
        MenuEntry("catalogue.index", _l("Prijzen"), "tags", 60),
    ),
    audit_labels={**journal.ACTIONS, **stock.ACTIONS, **cash.ACTIONS, **catalogue.ACTIONS},
    export=Export("sales.csv", export.COLUMNS, export.month_rows, "bonlijnen"),
    commands=(cli.verify_command, cli.products_group),
)
