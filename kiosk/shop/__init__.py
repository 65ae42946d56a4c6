"""Shop: a visitor picks waste bags per piece, then pays at the desk (cash or QR) for a receipt."""
