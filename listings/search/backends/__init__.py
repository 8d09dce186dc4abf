"""Search backends. ``listings.search.get_backend()`` picks one from the settings."""
