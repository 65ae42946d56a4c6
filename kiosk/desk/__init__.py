"""Desk: a volunteer logs in with a PIN; today's visits, the one-tap tally, the audit log."""
