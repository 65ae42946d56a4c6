"""Waste-bag shop domain (no Flask): catalogue, cart pricing, journal, stock, cash sessions."""

from sales.cart import DEFAULT_MAX_QTY, PAYMENT_METHODS, QR_METHODS, PricedCart, price_cart
from sales.cash import close_session, current_session, move_cash, open_session, recent_closes
from sales.catalogue import DEFAULT_CATALOGUE, list_products, load_catalogue, price_at
from sales.coins import cash_rounding, count_cash
from sales.journal import Payment, last_entry_at, record_sale, void_sale
from sales.migrations import migrations
from sales.receipts import Receipt, get_receipt, list_receipts
from sales.reports import SessionReport, get_z_report, x_report
from sales.stock import correct_stock, low_stock, record_intake, stock_levels
from sales.verify import JournalCheck, verify_journal

__all__ = [
    "DEFAULT_CATALOGUE", "DEFAULT_MAX_QTY", "PAYMENT_METHODS", "QR_METHODS", "JournalCheck",
    "Payment", "PricedCart", "Receipt", "SessionReport", "cash_rounding", "close_session",
    "correct_stock", "count_cash", "current_session", "get_receipt", "get_z_report",
    "last_entry_at",
    "list_products", "list_receipts", "load_catalogue", "low_stock", "migrations", "move_cash",
    "open_session", "price_at", "price_cart", "recent_closes", "record_intake", "record_sale",
    "stock_levels",
    "verify_journal", "void_sale", "x_report",
]
