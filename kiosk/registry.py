"""What the app is made of: its blueprints, the desk's menu and the command modules.

create_app() reads these lists; a feature adds its entries here when it lands.
"""

from flask_babel import lazy_gettext as _l

# Modules with a blueprint called `bp`, in registration order.
BLUEPRINTS = [
    "kiosk.home.views",
    "kiosk.checkin.views",
    "kiosk.shop.views",
    "kiosk.shop.payment",
    "kiosk.desk.views",
    "kiosk.till.desk.journal",
    "kiosk.prints.desk",
    "kiosk.prints.slip_status",
    "kiosk.health.views",
    "kiosk.till.desk.stock",
    "kiosk.till.desk.cash",
    "kiosk.till.desk.catalogue",
    "kiosk.ideas.views",
    "kiosk.ideas.desk",
    "kiosk.prints.views",
    "kiosk.prints.upload",
]

# The desk's menu: (endpoint, label, pictogram).
DESK_MENU = [
    ("desk.index", _l("Vandaag"), "chart-column"),
    ("journal.index", _l("Verkoop"), "receipt-euro"),
    ("printers.index", _l("Printer"), "printer"),
    ("cash.index", _l("Kassa"), "wallet"),
    ("stock.index", _l("Voorraad"), "package"),
    ("catalogue.index", _l("Prijzen"), "tags"),
    ("ideas_desk.index", _l("Ideeën"), "lightbulb"),
]

# Modules with an `init_app_commands(app)` that registers `kiosk …` commands.
COMMAND_MODULES = ["kiosk.db", "kiosk.cli", "kiosk.till.cli"]
