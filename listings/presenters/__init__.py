"""Presenters: what a page shows, built from selectors' querysets and plain data."""
