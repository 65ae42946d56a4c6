"""Health: /healthz says whether the database and the printers are well (JSON for a monitor)."""

from kiosk.features import Feature
from kiosk.health import views

FEATURE = Feature("health", blueprints=(views.bp,))
