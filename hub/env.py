"""The one place the hub reads its environment.

Every variable is read through `env` (hub.settings.base, .dev, .production and
`database_from_environment` below), which refuses a name that `VARIABLES` does not
declare and records each name it reads in `env.read`. tests/hub/test_env.py checks the
README's table against `VARIABLES` in both directions, and that the settings read every
declared name, so the table and the code cannot drift apart unnoticed.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import environ

BASE_DIR = Path(__file__).resolve().parent.parent


class DeclaredEnv(environ.Env):
    """django-environ's reader, refusing undeclared names and registering every read."""

    def __init__(self, **scheme):
        super().__init__(**scheme)
        self.read: set[str] = set()
        self._reading = False

    def get_value(self, var, cast=None, default=environ.Env.NOTSET, parse_default=False):
        if self._reading:  # a "$NAME" proxy value being resolved: not a declared read
            return super().get_value(var, cast=cast, default=default, parse_default=parse_default)
        if var not in declared_names():
            raise ImproperlyConfigured(
                f"{var} is read from the environment but not declared in hub.env.VARIABLES "
                "(declare it there and in the README's table)."
            )
        self.read.add(var)
        self._reading = True
        try:
            return super().get_value(var, cast=cast, default=default, parse_default=parse_default)
        finally:
            self._reading = False


def declared_names() -> set[str]:
    """The names in VARIABLES: the only ones `env` reads."""
    return {name for name, _, _ in VARIABLES}


env = DeclaredEnv()

DEFAULT_SQLITE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"


def database_from_environment() -> dict:
    """The default database from DATABASE_URL and CONN_MAX_AGE.

    A connection kept open between requests (CONN_MAX_AGE above 0, or None for ever) is
    checked before each request reuses it: without the check, every pooled connection
    fails one request after the database restarts or drops it.
    """
    database = env.db("DATABASE_URL", default=DEFAULT_SQLITE_URL)
    database.setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
    if database["CONN_MAX_AGE"] is None or database["CONN_MAX_AGE"] > 0:
        database["CONN_HEALTH_CHECKS"] = True
    return database


#: Name, default and meaning of each variable, as in the README's table (one row each).
VARIABLES: list[tuple[str, str, str]] = [
    (
        "SECRET_KEY",
        "a development-only key (dev); none in production",
        "Django's signing key; production settings refuse to start without it.",
    ),
    (
        "DEBUG",
        "true (dev); always off in production",
        "Show tracebacks and serve assets from source (development settings only).",
    ),
    ("ALLOWED_HOSTS", "127.0.0.1,localhost", "Comma-separated host names the site answers to."),
    ("DATABASE_URL", "sqlite:///db.sqlite3", "Database, e.g. postgres://user@host:5432/hub."),
    (
        "CONN_MAX_AGE",
        "0",
        "Seconds to keep a database connection open; kept ones are health-checked.",
    ),
    (
        "ELASTICSEARCH_URL",
        "(unset)",
        "Elasticsearch for search; unset means the database searches.",
    ),
    (
        "ELASTICSEARCH_INDEX_PREFIX",
        "hub",
        "First part of the Elasticsearch index names (<prefix>-<environment>-solutions).",
    ),
    (
        "HUB_ENVIRONMENT",
        "development",
        "This deployment's name (e.g. staging), part of the Elasticsearch index names.",
    ),
    ("ELASTICSEARCH_TIMEOUT", "5", "Seconds to wait for Elasticsearch before giving up."),
    (
        "CATALOGUE_PAGE_CACHE_SECONDS",
        "600",
        "How long anonymous catalogue pages stay in the server's cache; 0 turns it off.",
    ),
    (
        "CATALOGUE_SHARED_CACHE_SECONDS",
        "300",
        "s-maxage for a CDN or Varnish on catalogue pages without a query string.",
    ),
    (
        "FRONTEND_CACHE_PURGE_URL",
        "(unset)",
        "Varnish or CDN address that takes PURGE requests on publish; unset means none.",
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
    ("PORT", "8000", "The port `make run` serves on; the default base URL uses it."),
    ("HARVEST_POOL_SIZE", "8", "How many requests the harvester makes to GitHub at once."),
    (
        "HARVEST_RATE_LIMIT_RESERVE",
        "20",
        "The harvester stops cleanly (and resumes next run) with this many requests left.",
    ),
    (
        "HARVEST_MAX_SLEEP_SECONDS",
        "60",
        "The longest the harvester waits for a rate limit or retry; longer waits stop the run.",
    ),
    ("HARVEST_RETRIES", "3", "Retries of a 5xx answer or connection error, with backoff."),
    ("HARVEST_BACKOFF_SECONDS", "1", "The first retry's backoff; it doubles, with jitter."),
    (
        "WAGTAILADMIN_BASE_URL",
        "http://127.0.0.1:$PORT",
        "Absolute base URL of links made without a request (emails, admin, setup_demo).",
    ),
    ("SECURE_SSL_REDIRECT", "true (production only)", "Redirect plain HTTP to HTTPS."),
    ("ACCOUNT_EMAIL_VERIFICATION", "mandatory", "mandatory, optional or none."),
    ("API_THROTTLE_ANON", "100/minute", "Request rate for anonymous API clients."),
    ("API_THROTTLE_USER", "1000/minute", "Request rate for signed-in API clients."),
    (
        "CSRF_TRUSTED_ORIGINS",
        "(none)",
        "Comma-separated origins trusted for forms, e.g. https://hub.example.org.",
    ),
    (
        "PASSWORD_HASHERS",
        "PBKDF2",
        "Comma-separated Django password hashers, strongest first.",
    ),
    (
        "MEDIA_ROOT",
        "media/",
        "Folder for uploaded documents and images.",
    ),
    (
        "STATIC_MANIFEST",
        "false (dev); true (production)",
        "Serve static files by their hashed names (after collectstatic).",
    ),
    (
        "SECURE_HSTS_SECONDS",
        "31536000 (production only)",
        "How long browsers must use HTTPS only (HSTS).",
    ),
    (
        "SESSION_COOKIE_SECURE",
        "true (production only)",
        "Send the session cookie over HTTPS only.",
    ),
    (
        "CSRF_COOKIE_SECURE",
        "true (production only)",
        "Send the CSRF cookie over HTTPS only.",
    ),
    (
        "LOG_LEVEL",
        "INFO",
        "Level of the log written to standard error.",
    ),
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
