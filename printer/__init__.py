"""Receipt printing for the kiosk: slip layout, ESC/POS devices and a durable print queue."""
