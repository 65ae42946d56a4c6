"""What the app is made of: its blueprints, the desk's menu and the command modules.

create_app() reads these lists; a feature adds its entries here when it lands.
"""

from flask_babel import lazy_gettext as _l

# Modules in kiosk/views/ with a blueprint called `bp`, in registration order.
BLUEPRINTS = ["home", "checkin", "shop", "payment", "desk", "printers", "slips", "health"]

# The desk's menu: (endpoint, label, pictogram).
DESK_MENU = [
    ("desk.index", _l("Vandaag"), "chart-column"),
    ("printers.index", _l("Printer"), "printer"),
]

# Modules with an `init_app_commands(app)` that registers `kiosk …` commands.
COMMAND_MODULES = ["kiosk.db", "kiosk.commands"]
