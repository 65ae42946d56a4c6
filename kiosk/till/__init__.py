"""Till: the desk's cash, sales journal, stock and prices pages, Z-reports, the sales commands."""
