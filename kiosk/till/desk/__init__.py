"""The till's desk pages, one module per page: cash, journal ("Verkoop"), stock, catalogue."""
