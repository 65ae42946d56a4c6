"""Home: the home screen with a tile per feature, the language switch and the idle reset."""

from kiosk.features import Feature
from kiosk.home import views

FEATURE = Feature("home", blueprints=(views.bp,))
