"""Product names as a visitor reads them: in their language, a number never parted from its unit."""

import re

from flask import g

from kiosk import i18n
from kiosk.db import get_db
from sales import list_products
from sales.catalogue import Product

# "30 l" must not break across two lines: a no-break space between a number and its unit.
_NUMBER_UNIT = re.compile(r"(\d)\s+(l|ml|cl|kg|g|cm|mm|m)\b")


def unbreakable(text: str) -> str:
    """Glue each number to the unit after it: "Restafvalzak 30 l" keeps "30 l" on one line."""
    return _NUMBER_UNIT.sub("\\1\u00a0\\2", text)


def name(product: Product) -> str:
    """A product's name in this visitor's language (the Dutch name when there is none)."""
    return unbreakable(product.name_in(i18n.current()))


def name_of(code: str, fallback: str = "") -> str:
    """The name of a product by its code (a basket line, a receipt line), in this language."""
    known = g.get("products_by_code")
    if known is None:
        known = g.products_by_code = {
            p.code: p for p in list_products(get_db(), include_inactive=True, kind=None)}
    product = known.get(code)
    return name(product) if product else unbreakable(fallback or code)
