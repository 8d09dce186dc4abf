"""Settings every environment shares; hub.settings.dev and hub.settings.production add the rest.

Every environment variable is read through hub.env.env, which refuses a name that
hub.env.VARIABLES does not declare (and the README's table lists).
`manage.py` uses hub.settings.dev, `wsgi`/`asgi` hub.settings.production
(bakerydemo's pattern); DJANGO_SETTINGS_MODULE chooses otherwise.
"""

from csp.constants import NONCE, NONE, SELF

from hub.env import BASE_DIR, database_from_environment, env

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "hub",
    "hub.accounts",
    "listings",
    "pledges",
    "harvest",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",
]
# Widgets render through the project's templates, so templates/wagtailadmin/widgets/ can give
# Wagtail's date and time choosers the Content-Security-Policy nonce (see hub.csp).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    # First, so it sees every header the others add: WSGI wants plain str values.
    "hub.headers.PlainHeaderValuesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "hub.csp.HubCSPMiddleware",
    "hub.csp.CSPNonceMiddleware",
    "hub.middleware.RequestLimitsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous catalogue pages from the cache, before sessions or auth are touched.
    "listings.search.caching.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "hub.urls"
CSRF_FAILURE_VIEW = "hub.views.csrf_failure"
WSGI_APPLICATION = "hub.wsgi.application"
ASGI_APPLICATION = "hub.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hub.context_processors.service",
            ],
        },
    },
]

DATABASES = {"default": database_from_environment()}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env.list(
    "PASSWORD_HASHERS",
    default=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ],
)

# Accounts (django-allauth): sign in by email, verified addresses.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_ADAPTER = "hub.accounts.adapter.HubAccountAdapter"
# The brief asks sign-up to say plainly when an email is taken, so enumeration is not hidden.
ACCOUNT_PREVENT_ENUMERATION = False
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account_dashboard"
# Messages live in the session, never a cookie, so anonymous pages set no cookies.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
WHITENOISE_USE_FINDERS = True

_REDIS_URL = env.str("REDIS_URL", default="")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _REDIS_URL}
        if _REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="hub@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

GITHUB_TOKEN = env.str("GITHUB_TOKEN", default="")
GITHUB_API_URL = env.str("GITHUB_API_URL", default="https://api.github.com")
# Harvesting (manage.py harvest): see harvest/transport.py and the README.
HARVEST_POOL_SIZE = env.int("HARVEST_POOL_SIZE", default=8)
HARVEST_RATE_LIMIT_RESERVE = env.int("HARVEST_RATE_LIMIT_RESERVE", default=20)
HARVEST_MAX_SLEEP_SECONDS = env.float("HARVEST_MAX_SLEEP_SECONDS", default=60.0)
HARVEST_RETRIES = env.int("HARVEST_RETRIES", default=3)
HARVEST_BACKOFF_SECONDS = env.float("HARVEST_BACKOFF_SECONDS", default=1.0)

# Search (listings.search): the database by default; Elasticsearch when ELASTICSEARCH_URL is
# set. Wagtail's own search (the admin's page, image and snippet search) always uses the
# database backend: it needs no Elasticsearch index of its own and keeps working when the
# Elasticsearch server is down; the public catalogue search is listings.search's.
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
#: Index names are <prefix>-<environment>-solutions (and -case-studies), behind an alias.
ELASTICSEARCH_INDEX_PREFIX = env.str("ELASTICSEARCH_INDEX_PREFIX", default="hub")
HUB_ENVIRONMENT = env.str("HUB_ENVIRONMENT", default="development")
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=5.0)
LISTINGS_SEARCH_BACKEND = (
    "listings.search.backends.elasticsearch.ElasticsearchBackend" if ELASTICSEARCH_URL else ""
)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
#: Site search (/search/) sections, named here so hub never imports an app.
HUB_SITE_SEARCH_SECTIONS = ["listings.search.site.catalogue_sections"]

# Catalogue caching (listings.search.caching): anonymous pages in the configured cache,
# and what a CDN or Varnish may keep (purged on publish by wagtail.contrib.frontend_cache).
CATALOGUE_PAGE_CACHE_SECONDS = env.int("CATALOGUE_PAGE_CACHE_SECONDS", default=600)
CATALOGUE_SHARED_CACHE_SECONDS = env.int("CATALOGUE_SHARED_CACHE_SECONDS", default=300)
CATALOGUE_CACHE_PREFIXES = ["/solutions/", "/case-studies/"]
_FRONTEND_CACHE_PURGE_URL = env.str("FRONTEND_CACHE_PURGE_URL", default="")
WAGTAILFRONTENDCACHE = (
    {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": _FRONTEND_CACHE_PURGE_URL,
        }
    }
    if _FRONTEND_CACHE_PURGE_URL
    else {}
)

WAGTAIL_SITE_NAME = "Council Solutions Hub"
# Links sent without a request (emails from cron, setup_demo's printout): hub.links.
WAGTAILADMIN_BASE_URL = env.str(
    "WAGTAILADMIN_BASE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}"
)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_MODERATORS_GROUP = "Moderators"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "hub.api.pagination.HubPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["hub.api.filters.StrictDjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="100/minute"),
        "user": env.str("API_THROTTLE_USER", default="1000/minute"),
    },
    "EXCEPTION_HANDLER": "hub.api.errors.exception_handler",
    "DEFAULT_VERSIONING_CLASS": None,
}
#: Extra request parsers for POST /api/v1/submissions/. The publiccode.yml parser lives in
#: harvest (which owns the safe parsing), so listings names it here, not in an import.
LISTINGS_SUBMISSION_PARSERS = ["harvest.api.PubliccodeParser"]
#: Identifier prefixes of the co-funding exports (OCDS ocids, 360Giving grant ids).
PLEDGES_OCDS_OCID_PREFIX = env.str("PLEDGES_OCDS_OCID_PREFIX", default="ocds-hubdem")
PLEDGES_360GIVING_PREFIX = env.str("PLEDGES_360GIVING_PREFIX", default="hub-demo")
SPECTACULAR_SETTINGS = {
    "TITLE": "Council Solutions Hub API",
    "DESCRIPTION": "Read the catalogue of council data tools; submit and pledge with a token.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["hub.api.schema.public_api_endpoints_only"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "hub.api.schema.empty_query_values_allowed",
    ],
    # Named up front so a later model's `role` or `status` choices cannot collide with these.
    "ENUM_NAME_OVERRIDES": {
        "MembershipRoleEnum": "hub.models.organisations.MembershipRole",
        "MembershipStatusEnum": "hub.models.organisations.MembershipStatus",
        "AdoptionStatusEnum": "listings.models.choices.AdoptionStatus",
        "EvidenceLevelEnum": "listings.models.choices.EvidenceLevel",
        "SavingsKindEnum": "listings.models.choices.SavingsKind",
        "SavingsPeriodEnum": "listings.models.choices.SavingsPeriod",
        "CampaignStateEnum": "pledges.models.choices.CampaignState",
        "CampaignKindEnum": "pledges.models.choices.CampaignKind",
        "PledgeStatusEnum": "pledges.models.choices.PledgeStatus",
        "LedgerKindEnum": "pledges.models.choices.LedgerKind",
        "CommitmentStatusEnum": "pledges.models.choices.CommitmentStatus",
    },
    # Swagger UI is served from the hub itself, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's live preview frames the site's own pages, so framing stays same-origin and
# Django's advice to use DENY (security.W019) is deliberately silenced.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SESSION_COOKIE_HTTPONLY = True
# Content-Security-Policy (django-csp) on every response: scripts and styles come from the
# hub itself or carry the response's nonce (request.csp_nonce); nothing loads from any other
# origin; only the hub may frame its pages (Wagtail's preview). data: images are Wagtail's
# and Swagger UI's icons, blob: the previews of images being uploaded in the admin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Wagtail's admin would load avatars from Gravatar: a third-party origin the policy refuses.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor ask releases.wagtail.org for a newer version from every editor's browser.
WAGTAIL_ENABLE_UPDATE_CHECK = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # github3.py logs every URL it builds at INFO: a harvest makes thousands.
    "loggers": {"github3": {"level": "WARNING"}},
}


def static_storages(*, manifest: bool) -> dict:
    """STORAGES: hashed static names (after collectstatic) when `manifest`, else plain."""
    return {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {
            "BACKEND": (
                "whitenoise.storage.CompressedManifestStaticFilesStorage"
                if manifest
                else "django.contrib.staticfiles.storage.StaticFilesStorage"
            )
        },
    }
