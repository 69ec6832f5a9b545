"""Django settings for councilwatch.

Every value comes from the environment with a safe development default; ``docs/settings.md`` lists them all
and ``councilwatch/core/tests/test_docs.py`` fails when one is missing there.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from councilwatch.env import env, env_bool, env_float, env_int

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / "data"
VAR_DIR = Path(env("COUNCILWATCH_VAR_DIR", str(BASE_DIR / "var"), "Folder for the SQLite file, documents and logs."))

DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
DEBUG = env_bool("DEBUG", True, "Django debug mode; set DEBUG=0 in production.")
SECRET_KEY = env("SECRET_KEY", DEV_SECRET_KEY, "Signing key for sessions and tokens; required when DEBUG=0.")
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set to a private value when DEBUG is off")

ALLOWED_HOSTS = [
    h.strip()
    for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver", "Comma-separated host names served.").split(",")
    if h.strip()
]
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000", "Public base URL used in emails, feeds and the API.").rstrip("/")
CSRF_TRUSTED_ORIGINS = [SITE_URL]

DATABASE_URL = env(
    "DATABASE_URL",
    f"sqlite:///{VAR_DIR / 'councilwatch.sqlite3'}",
    "Database: SQLite file by default; postgres://user@host:5432/name in production.",
)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "councilwatch.core",
    "councilwatch.replay",
    "councilwatch.councils",
    "councilwatch.meetings",
    "councilwatch.documents",
    "councilwatch.ingest",
    "councilwatch.summaries",
    "councilwatch.search",
    "councilwatch.subscriptions",
    "councilwatch.pipeline",
    "councilwatch.api",
    "councilwatch.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "councilwatch.urls"
WSGI_APPLICATION = "councilwatch.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(env("DOCUMENT_STORAGE_DIR", str(VAR_DIR / "documents"), "Where downloaded documents are kept."))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "documents": {
        "BACKEND": env(
            "DOCUMENT_STORAGE_BACKEND",
            "django.core.files.storage.FileSystemStorage",
            "Django storage class for documents (e.g. storages.backends.s3.S3Storage).",
        ),
        "OPTIONS": {"location": str(MEDIA_ROOT)},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Email: Django's SMTP backend.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST", "127.0.0.1", "SMTP server host.")
EMAIL_PORT = env_int("EMAIL_PORT", 1025, "SMTP server port.")
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "", "SMTP user name, if the server asks for one.")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "", "SMTP password, if the server asks for one.")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False, "Use STARTTLS with the SMTP server.")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, "Seconds before an SMTP connection attempt gives up.")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "councilwatch <digest@localhost>", "Sender of all mail.")

# Jobs: Celery on Redis in production; absent a broker, jobs run in-process.
REDIS_URL = env("REDIS_URL", "", "Redis URL (redis://127.0.0.1:6379/0); also the Celery broker if none is set.")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", REDIS_URL, "Celery broker URL; empty runs jobs in-process.")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL

# Sessions and cookies.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
LOGIN_URL = "/admin/login/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO", "Log level of the root logger.")},
}

# --- replay ---
REPLAY_FAULTS = env(
    "REPLAY_FAULTS", "", "Faults the replay server injects: 'PATTERN=KIND[:N]' rules separated by spaces or ';'."
)
REPLAY_TIMEOUT_SECONDS = env_float(
    "REPLAY_TIMEOUT_SECONDS", 30.0, "How long the replay server's 'timeout' fault holds a request unanswered."
)
REPLAY_SLOW_SECONDS = env_float("REPLAY_SLOW_SECONDS", 10.0, "Over how many seconds the 'slow' fault trickles a body.")

# --- web ---
MIDDLEWARE = [*MIDDLEWARE, "councilwatch.web.middleware.SecurityHeadersMiddleware"]
WEB_PAGE_CACHE_SECONDS = env_int(
    "WEB_PAGE_CACHE_SECONDS", 600, "Seconds a rendered public page is cached (0 turns page caching off)."
)
WEB_CACHE_URL = env(
    "WEB_CACHE_URL",
    "",
    "Cache for rendered pages: empty keeps them in process memory; redis://host:6379/1 shares them.",
)
WEB_PAGE_CACHE_ALIAS = "pages"
CACHES = {
    **globals().get("CACHES", {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}),
    "pages": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": WEB_CACHE_URL, "KEY_PREFIX": "cw"}
        if WEB_CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    ),
}

# --- search ---
SEARCH_AUTO_INDEX = env_bool(
    "SEARCH_AUTO_INDEX", True, "Reindex a meeting for search when it, its items, decisions or summary are saved."
)

# --- api ---
INSTALLED_APPS += ["ninja"]  # django-ninja: serves its Swagger UI files locally (no CDN)
MIDDLEWARE += ["councilwatch.api.middleware.ApiMiddleware"]
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 50, "Default number of results per page of the JSON API.")
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 200, "Largest page_size a JSON API client may ask for.")
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 300, "max-age, in seconds, of the JSON API's Cache-Control header.")
API_ANON_RATE_PER_MINUTE = env_int(
    "API_ANON_RATE_PER_MINUTE", 60, "JSON API requests per minute allowed to one client IP without a key."
)
API_KEY_RATE_PER_MINUTE = env_int("API_KEY_RATE_PER_MINUTE", 600, "JSON API requests per minute allowed per API key.")
API_PROFESSIONAL_RATE_PER_MINUTE = env_int(
    "API_PROFESSIONAL_RATE_PER_MINUTE", 3000, "JSON API requests per minute allowed per professional API key."
)
API_NUM_PROXIES = env_int(
    "API_NUM_PROXIES", 0, "Trusted reverse proxies in front of the site; the client IP is read from X-Forwarded-For."
)
API_RATE_LIMIT_CACHE_URL = env(
    "API_RATE_LIMIT_CACHE_URL", REDIS_URL, "Redis URL for the API's rate-limit counters; empty uses local memory."
)
API_EXPORT_DIR = Path(env("API_EXPORT_DIR", str(VAR_DIR / "exports"), "Folder of the nightly bulk export files."))
API_EXPORT_KEEP = env_int("API_EXPORT_KEEP", 7, "How many nightly bulk exports export_dump keeps.")
CACHES = globals().get("CACHES") or {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHES["api"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": API_RATE_LIMIT_CACHE_URL}
    if API_RATE_LIMIT_CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "councilwatch-api"}
)
