"""Check-in: an anonymous visitor taps why they came (the visits themselves are the core's)."""
