"""Health: /healthz says whether the database and the printers are well (JSON for a monitor)."""
