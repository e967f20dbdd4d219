"""All settings of motcua. The environment is read here and nowhere else (see `.env.example`)."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

import dj_database_url

from motcua.common.env import EnvError, env_bool, env_int, env_list, env_optional, env_str

PACKAGE_DIR = Path(__file__).resolve().parent

VAR_DIR = Path(
    env_str(
        "MOTCUA_VAR_DIR", str(Path.cwd() / "var"), "Folder for the SQLite file, uploads and generated keys"
    )
).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)

PRODUCTION = env_bool(
    "MOTCUA_PRODUCTION", False, "true on a real server: requires a secret key, HTTPS and explicit hosts"
)
DEBUG = env_bool("MOTCUA_DEBUG", False, "Django debug pages; never true in production")


def _secret_key() -> str:
    configured = env_optional("MOTCUA_SECRET_KEY", "Django secret key; required when MOTCUA_PRODUCTION=true")
    if configured:
        return configured
    if PRODUCTION:
        raise EnvError("MOTCUA_SECRET_KEY must be set when MOTCUA_PRODUCTION=true")
    # Outside production a key is made once per machine and kept out of the repository.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list(
    "MOTCUA_ALLOWED_HOSTS", ["127.0.0.1", "localhost"], "Comma-separated host names this server answers to"
)
CSRF_TRUSTED_ORIGINS = env_list(
    "MOTCUA_CSRF_TRUSTED_ORIGINS", [], "Comma-separated origins (https://host) allowed to post forms"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "axes",
    "motcua.common",
    "motcua.units",
    "motcua.accounts",
    "motcua.calendars",
    "motcua.catalog",
    "motcua.reviews",
    "motcua.documents",
    "motcua.dossiers",
    "motcua.plans",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "motcua.common.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.common.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "motcua.common.middleware.ActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motcua.accounts.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str(
            "DATABASE_URL",
            f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}",
            "Database: empty for the SQLite file in MOTCUA_VAR_DIR, postgres://user@host:5432/name for PostgreSQL",
        ),
        conn_max_age=env_int("MOTCUA_DB_CONN_MAX_AGE", 60, "Seconds a database connection is kept open"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo read while a write is under way; IMMEDIATE avoids lock upgrades that deadlock.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = env_int("MOTCUA_LOGIN_FAILURE_LIMIT", 5, "Failed sign-ins before an account is locked")
AXES_COOLOFF_TIME = env_int("MOTCUA_LOGIN_LOCKOUT_MINUTES", 15, "Minutes a locked account stays locked") / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = VAR_DIR / "media"
UPLOAD_MAX_MB = env_int(
    "MOTCUA_UPLOAD_MAX_MB",
    20,
    "Largest file in MB accepted into the document store (dossier components, results)",
)

STATUS_LOOKUP_RATE = env_str(
    "MOTCUA_STATUS_LOOKUP_RATE",
    "30/min",
    "Public status lookups and ratings allowed per client address: N/s, N/min, N/hour or N/day",
)
if not re.fullmatch(r"\d+/(s|sec|m|min|h|hour|d|day)", STATUS_LOOKUP_RATE):
    raise EnvError(f"MOTCUA_STATUS_LOOKUP_RATE must look like 30/min, not {STATUS_LOOKUP_RATE!r}")
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "motcua.common.pagination.Pagination",
    "EXCEPTION_HANDLER": "motcua.common.api.exception_handler",
    "PAGE_SIZE": 50,
    # throttles count in the default cache (local memory: per worker process)
    "DEFAULT_THROTTLE_RATES": {"status_lookup": STATUS_LOOKUP_RATE},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "motcua API",
    "DESCRIPTION": "One-stop administrative procedure system (Hệ thống thông tin giải quyết TTHC)",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # one name per choice set that several fields or apps share
    "ENUM_NAME_OVERRIDES": {
        "ChannelEnum": "motcua.dossiers.enums.Channel",
        "KindEnum": "motcua.units.enums.UnitKind",
        "OwnerKindEnum": "motcua.documents.enums.OwnerKind",
        "ResultKindEnum": "motcua.dossiers.enums.ResultKind",
        "OpeningActionEnum": "motcua.dossiers.api.staff.OPENING_ACTIONS",
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("MOTCUA_SESSION_HOURS", 10, "Hours a staff session lasts") * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
_SSL_REDIRECT = env_bool(
    "MOTCUA_SSL_REDIRECT",
    True,
    "In production, redirect plain HTTP to HTTPS (false when a proxy already does it)",
)
_HSTS_SECONDS = env_int("MOTCUA_HSTS_SECONDS", 31536000, "In production, the HSTS max-age in seconds")
BEHIND_PROXY = env_bool(
    "MOTCUA_BEHIND_PROXY",
    False,
    "true when a trusted reverse proxy sets X-Forwarded-Proto and X-Request-ID (never when clients reach motcua directly)",
)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# whose address a throttle counts: without a proxy X-Forwarded-For is the client's to forge, so ignored
REST_FRAMEWORK["NUM_PROXIES"] = 1 if BEHIND_PROXY else 0
if PRODUCTION:
    SECURE_SSL_REDIRECT = _SSL_REDIRECT
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = _HSTS_SECONDS
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

EMAIL_BACKEND = env_str(
    "MOTCUA_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    "How e-mail (reminders) is sent: django.core.mail.backends.smtp.EmailBackend on a server",
)
EMAIL_HOST = env_str("MOTCUA_EMAIL_HOST", "localhost", "SMTP server for e-mail")
EMAIL_PORT = env_int("MOTCUA_EMAIL_PORT", 25, "SMTP port")
DEFAULT_FROM_EMAIL = env_str("MOTCUA_EMAIL_FROM", "motcua@localhost", "Sender address of motcua's e-mail")
SERVE_BIND = env_str("MOTCUA_BIND", "127.0.0.1:8000", "Address and port `motcua serve` listens on")
SERVE_WORKERS = env_int("MOTCUA_WORKERS", 3, "Worker processes of `motcua serve`")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "motcua.common.middleware.RequestIdLogFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]}
    },
    "root": {
        "handlers": ["console"],
        "level": env_str("MOTCUA_LOG_LEVEL", "INFO", "Log level: DEBUG, INFO, WARNING or ERROR"),
    },
    # WeasyPrint reports every step of every PDF at INFO; only its warnings matter here.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
