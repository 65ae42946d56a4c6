"""Home: the home screen with a tile per feature, the language switch and the idle reset."""
