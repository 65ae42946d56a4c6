"""Where to go: placeholder while it is built."""

from kiosk.features import Feature

FEATURE = Feature("info")
