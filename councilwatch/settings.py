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
