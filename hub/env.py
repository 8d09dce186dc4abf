"""The one place the hub reads its environment.

Every setting that can change between a laptop, CI and production is read here,
so the README's table of variables and the code cannot drift apart unnoticed.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

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
    ("SECURE_SSL_REDIRECT", "true when DEBUG is off", "Redirect plain HTTP to HTTPS."),
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
        "true when DEBUG is off",
        "Serve static files by their hashed names (after collectstatic).",
    ),
    (
        "ELASTICSEARCH_INDEX_PREFIX",
        "hub",
        "Prefix of the Elasticsearch index names.",
    ),
    (
        "SECURE_HSTS_SECONDS",
        "31536000 when DEBUG is off",
        "How long browsers must use HTTPS only (HSTS).",
    ),
    (
        "SESSION_COOKIE_SECURE",
        "true when DEBUG is off",
        "Send the session cookie over HTTPS only.",
    ),
    (
        "CSRF_COOKIE_SECURE",
        "true when DEBUG is off",
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
