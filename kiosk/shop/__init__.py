"""Shop: a visitor picks waste bags per piece, then pays at the desk (cash or QR) for a receipt."""

from flask_babel import lazy_gettext as _l

from kiosk.features import Feature, Tile
from kiosk.shop import payment, views

FEATURE = Feature(
    "shop",
    blueprints=(views.bp, payment.bp),
    tile=Tile("shop.index", _l("Vuilniszakken"), "trash-2"),
    audit_labels=payment.ACTIONS,
    settings={"SHOP_MAX_QTY": 20},  # most bags of one type in one sale
)
