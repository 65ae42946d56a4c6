"""Prints: a document from a visitor's phone, a slip's progress, the desk's printer page."""
