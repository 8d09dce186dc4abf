"""The hub's settings: base (shared), dev (manage.py's default) and production (wsgi/asgi)."""
