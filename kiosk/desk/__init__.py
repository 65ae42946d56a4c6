"""Desk: a volunteer logs in with a PIN; today's visits, the one-tap tally, the audit log."""

from flask_babel import lazy_gettext as _l

from kiosk.desk import views
from kiosk.features import Feature, MenuEntry

FEATURE = Feature(
    "desk",
    blueprints=(views.bp,),
    desk_menu=(MenuEntry("desk.index", _l("Vandaag"), "chart-column", 10),),
    audit_labels=views.ACTIONS,
)
