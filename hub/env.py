"""The one place the hub reads its environment.

Every setting that can change between a laptop, CI and production is read here,
so the README's table of variables and the code cannot drift apart unnoticed.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEFAULT_SQLITE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"

#: Name, default and meaning of each variable; the README table is generated from this.
VARIABLES: list[tuple[str, str, str]] = [
    (
        "SECRET_KEY",
        "an insecure development key",
        "Django's signing key; required when DEBUG is off.",
    ),
    ("DEBUG", "false", "Show tracebacks and serve assets from source. Never on in production."),
    ("ALLOWED_HOSTS", "127.0.0.1,localhost", "Comma-separated host names the site answers to."),
    ("DATABASE_URL", "sqlite:///db.sqlite3", "Database, e.g. postgres://user@host:5432/hub."),
    (
        "ELASTICSEARCH_URL",
        "(unset)",
        "Elasticsearch for search; unset means the database searches.",
    ),
    (
        "REDIS_URL",
        "(unset)",
        "Redis for the shared cache and throttling; unset means local memory.",
    ),
    (
        "EMAIL_URL",
        "consolemail://",
        "SMTP as smtp+tls://user:password@host:587; default prints mail.",
    ),
    ("DEFAULT_FROM_EMAIL", "hub@localhost", "The From address of the hub's email."),
    ("GITHUB_TOKEN", "(unset)", "Token for GitHub harvesting; unset means anonymous rate limits."),
    ("GITHUB_API_URL", "https://api.github.com", "GitHub (or Enterprise) API base URL."),
    (
        "WAGTAILADMIN_BASE_URL",
        "http://127.0.0.1:8000",
        "Absolute base URL used in emails and admin.",
    ),
    ("SECURE_SSL_REDIRECT", "true when DEBUG is off", "Redirect plain HTTP to HTTPS."),
    ("ACCOUNT_EMAIL_VERIFICATION", "mandatory", "mandatory, optional or none."),
    ("API_THROTTLE_ANON", "100/minute", "Request rate for anonymous API clients."),
    ("API_THROTTLE_USER", "1000/minute", "Request rate for signed-in API clients."),
    (
        "PLEDGES_OCDS_OCID_PREFIX",
        "ocds-hubdem",
        "Open Contracting ocid prefix of the campaign export (register one for real data).",
    ),
    (
        "PLEDGES_360GIVING_PREFIX",
        "hub-demo",
        "360Giving identifier prefix: grant ids are 360G-<prefix>-<campaign>-<council>.",
    ),
]
