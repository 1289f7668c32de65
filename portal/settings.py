"""Ghișeul settings: every switch is an environment variable; the defaults are the embedded `make run` setup."""

import os
from collections.abc import Iterator, Mapping
from pathlib import Path

import environ
from celery.schedules import crontab


class SetVariables(Mapping[str, str]):
    """The environment without its empty variables: `DATABASE_URL=` (as compose files and .env templates leave them)
    means unset, so the default applies, instead of an empty URL that django-environ cannot parse."""

    def __init__(self, environment: Mapping[str, str]) -> None:
        self._environment = environment

    def __getitem__(self, name: str) -> str:
        value = self._environment[name]
        if value == "":
            raise KeyError(name)
        return value

    def __iter__(self) -> Iterator[str]:
        return (name for name, value in self._environment.items() if value != "")

    def __len__(self) -> int:
        return sum(1 for _name in self)


def environment_reader() -> environ.Env:
    """django-environ reading the live process environment, an empty variable counting as unset."""
    reader = environ.Env()
    reader.ENVIRON = SetVariables(os.environ)
    return reader


BASE_DIR = Path(__file__).resolve().parent.parent
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")
env = environment_reader()

VAR_DIR = Path(env.str("GHISEUL_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

# --- mode -----------------------------------------------------------------------------------------------------
# PRODUCTION=true turns on every deployment safeguard and refuses to start without the secrets it needs.
PRODUCTION = env.bool("PRODUCTION", default=False)
# Off unless asked for (DEBUG=true), so that `make run` shows the portal's own error pages, as people will see them;
# WhiteNoise serves the static files in every mode (from the finders outside production).
DEBUG = env.bool("DEBUG", default=False)
if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-ghiseul-local-development-only-do-not-deploy")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# --- applications ---------------------------------------------------------------------------------------------
INSTALLED_APPS = [
    "portal",
    "services",
    "services.permits",
    "payments",
    "petitions",
    "cms",
    "quality",
    "investments",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail",
    "modelcluster",
    "taggit",
]

MIDDLEWARE = [
    # Each request starts reading from the primary until a view asks for the replica (portal.dbrouters).
    "portal.dbrouters.PinToPrimaryMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of a public page is in its URL (/hu/…, /en/…); the portal's own pages follow the visitor's choice.
    "portal.middleware.LocaleMiddleware",
    # After the language is chosen (its 413 page is translated), before CsrfViewMiddleware parses the body.
    "portal.uploads.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.UserLanguageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.StaffMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
AUTH_USER_MODEL = "portal.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.portal",
                "cms.navigation.site_navigation",
            ],
        },
    }
]
FORM_RENDERER = "portal.forms_renderer.GovUKFormRenderer"

# --- data -----------------------------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if PRODUCTION else 0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    # A file, not shared-cache memory, so that tests with several connections wait for locks instead of failing.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
# A streaming replica of the primary for the heavy reads that tolerate its lag; the router (portal/dbrouters.py) sends
# every write, and every read not wrapped in reading_from_replica(), to "default". Tests mirror the primary's database.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["portal.dbrouters.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://ghiseul")}

# --- files ----------------------------------------------------------------------------------------------------
# Uploaded files are private: never under a public URL, streamed only by authorising views (DESIGN.md "Files").
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))  # Wagtail images and documents
MEDIA_URL = "/media/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_URL = "/static/"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise looks there even before collectstatic
WHITENOISE_USE_FINDERS = not PRODUCTION
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_QUERYSTRING_EXPIRE = 300
    AWS_S3_FILE_OVERWRITE = False
    _private_storage = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"location": "private"}}
    _media_storage = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"location": "media"}}
else:
    _private_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    }
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_storage,
    "private": _private_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploads stream (portal/uploads.py): the limiting handler counts each file as it arrives and skips one past its
# field's limit (UPLOAD_MAX_BYTES unless the view sets another); a request body of at most 2.5 MB is parsed in memory,
# a larger one streams to temporary files on disk, so memory does not grow with the size of a file.
FILE_UPLOAD_HANDLERS = [
    "portal.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2560 * 1024
FILE_UPLOAD_TEMP_DIR = env.str("FILE_UPLOAD_TEMP_DIR", default=None)  # None: the system temp dir (on disk, not tmpfs)
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
# The most one request may carry — five files at UPLOAD_MAX_BYTES plus 10 MB of form fields and multipart framing
# (110 MB by default); a larger body is answered with the 413 page before it is read. A reverse proxy in front should
# allow at least this much (Caddy's request_body max_size in deploy/Caddyfile), so that people see the portal's translated page.
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=5 * UPLOAD_MAX_BYTES + 10 * 1024 * 1024)
CLAMAV_SOCKET = env.str("CLAMAV_SOCKET", default="")

# --- tasks ----------------------------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="memory://")
CELERY_RESULT_BACKEND = env.str(
    "CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL if CELERY_BROKER_URL.startswith("redis") else None
)
# Without a broker the tasks run in the web process (make run); with one, a worker runs them.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL == "memory://")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/Bucharest"
# What renders PDFs or builds exports runs on its own queue and workers ("documents"), so that a long export never
# holds back the e-mails and reminders of the default queue ("celery").
CELERY_TASK_ROUTES = {
    "services.tasks.send_registration_receipt": {"queue": "documents"},
    "services.tasks.export_queue_csv": {"queue": "documents"},
    "payments.tasks.send_receipt": {"queue": "documents"},
}
CELERY_BEAT_SCHEDULE = {
    "due-date-reminders": {"task": "services.tasks.send_due_reminders", "schedule": crontab(hour=7, minute=0)},
    "overdue-digest": {"task": "services.tasks.send_overdue_digests", "schedule": crontab(hour=7, minute=30)},
    "expired-permit-drafts": {
        "task": "services.permits.tasks.purge_expired_drafts",
        "schedule": crontab(hour=3, minute=30),
    },
    "unconfirmed-petitions": {
        "task": "petitions.tasks.purge_unconfirmed_filings",
        "schedule": crontab(hour=3, minute=15),
    },
    "payments-reconciliation": {"task": "payments.tasks.reconcile_yesterday", "schedule": crontab(hour=4, minute=0)},
    "delete-old-queue-exports": {"task": "services.tasks.delete_old_exports", "schedule": crontab(hour=3, minute=40)},
    # Pages and revisions an editor scheduled go live (or expire) within the minute.
    "publish-scheduled-pages": {"task": "cms.tasks.publish_scheduled_pages", "schedule": crontab(minute="*")},
    # Approved procedure versions take effect on their date, superseding the ones they replace (quality).
    "procedure-versions-take-effect": {
        "task": "quality.tasks.take_effect_due_versions",
        "schedule": crontab(hour=0, minute=5),
    },
    "procedure-reviews": {"task": "quality.tasks.announce_procedure_reviews", "schedule": crontab(hour=7, minute=10)},
    "procedure-acknowledgements": {
        "task": "quality.tasks.remind_procedure_acknowledgements",
        "schedule": crontab(hour=7, minute=20),
    },
    # Late, overdue and long-suspended cases open their nonconformities; overdue actions remind, then escalate.
    "open-nonconformities": {"task": "quality.tasks.open_nonconformities", "schedule": crontab(hour=6, minute=40)},
    "overdue-actions": {"task": "quality.tasks.remind_overdue_actions", "schedule": crontab(hour=7, minute=30)},
}

# --- mail -----------------------------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Ghișeul <no-reply@ghiseul.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- accounts (django-allauth) --------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
# Behind a reverse proxy: how many proxies append to X-Forwarded-For, or the header that carries the client's address.
# Every rate limit (sign-in, case lookup) counts per client address read this way.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("TRUSTED_CLIENT_IP_HEADER", default="") or None
ACCOUNT_SIGNUP_FORM_CLASS = "portal.forms.SignupForm"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGIN_URL = "account_login"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_TOLERANCE = 1  # one 30-second step of clock drift either way (RFC 6238, section 6)
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Ghișeul")
SOCIALACCOUNT_ADAPTER = "portal.adapters.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_ONLY = False
# ROeID (national eID, OpenID Connect) appears only when the institution has its client credentials.
ROEID_CLIENT_ID = env.str("ROEID_CLIENT_ID", default="")
ROEID_CLIENT_SECRET = env.str("ROEID_CLIENT_SECRET", default="")
ROEID_SERVER_URL = env.str("ROEID_SERVER_URL", default="")
ROEID_CNP_CLAIM = env.str("ROEID_CNP_CLAIM", default="")  # claim names are given to the institution at onboarding
# The scopes asked at sign-in: a provider that releases the CNP claim under a scope of its own sends it only when that
# scope is asked too. "openid" is always asked (OpenID Connect Core 1.0, section 3.1.2.1).
ROEID_SCOPES = env.list("ROEID_SCOPES", default=["openid", "profile", "email"])
# Signing out also ends the ROeID session at the provider's end_session_endpoint (from its discovery document). The
# sign-out form is redirected there, which CSP form-action governs: name that endpoint's origin here when it is not
# on the host of ROEID_SERVER_URL.
ROEID_END_SESSION_ORIGIN = env.str("ROEID_END_SESSION_ORIGIN", default="")


def roeid_app(*, client_id: str, secret: str, server_url: str, scopes: list[str]) -> dict:
    """The ROeID entry of SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]; allauth's OAuth2 providers read an app's
    own scopes from its settings["scope"] before the provider-wide SCOPE."""
    return {
        "provider_id": "roeid",
        "name": "ROeID",
        "client_id": client_id,
        "secret": secret,
        "settings": {
            "server_url": server_url,
            "oauth_pkce_enabled": True,
            "scope": ["openid", *(scope for scope in dict.fromkeys(scopes) if scope and scope != "openid")],
        },
    }


SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
if ROEID_CLIENT_ID and ROEID_SERVER_URL:
    SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"].append(
        roeid_app(
            client_id=ROEID_CLIENT_ID, secret=ROEID_CLIENT_SECRET, server_url=ROEID_SERVER_URL, scopes=ROEID_SCOPES
        )
    )
ROEID_FORM_ACTION = [origin for origin in (ROEID_SERVER_URL, ROEID_END_SESSION_ORIGIN) if origin]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- languages and time ---------------------------------------------------------------------------------------
LANGUAGE_CODE = "ro"
LANGUAGES = [("ro", "Română"), ("hu", "Magyar"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["portal.formats"]
LANGUAGE_COOKIE_NAME = "django_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Bucharest"
USE_I18N = True
# The views whose language is in their URL (i18n_patterns, no prefix for Romanian): the public site's pages and search.
PATH_LANGUAGE_VIEWS = ["wagtail_serve", "cms:search"]
USE_TZ = True

# --- Wagtail --------------------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env.str("INSTITUTION_NAME", default="Ghișeul")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no staff e-mail hashes sent to a third party
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin does not call releases.wagtail.org
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Pages are indexed without diacritics (cms.models.search.fold), so "simple" (no stemming) suits ro, hu and en alike.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}}

# --- security -------------------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
STRIPE_FORM_ACTION = ["https://checkout.stripe.com"] if env.str("STRIPE_SECRET_KEY", default="") else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "frame-ancestors": ["'none'"],
        # The payment form is redirected to Stripe's hosted checkout, which form-action governs too.
        "form-action": ["'self'", *ROEID_FORM_ACTION, *STRIPE_FORM_ACTION],
        # An injected <base href> would re-root every relative URL of the page (scripts, forms) on another host.
        "base-uri": ["'self'"],
    }
}
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

# --- product --------------------------------------------------------------------------------------------------
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
# While the endpoint's signing secret is rolled in Stripe's dashboard both are valid: give them comma-separated.
STRIPE_WEBHOOK_SECRETS = env.list("STRIPE_WEBHOOK_SECRET", default=[])
PAYMENTS_PROVIDER = "stripe" if STRIPE_SECRET_KEY else "demo"
# Stripe's events are a few kilobytes; a larger body is refused before it is parsed.
PAYMENTS_WEBHOOK_MAX_BYTES = env.int("PAYMENTS_WEBHOOK_MAX_BYTES", default=256 * 1024)
# Signatures older than this many seconds are refused (Stripe's own default), so a captured event cannot be replayed.
PAYMENTS_WEBHOOK_TOLERANCE = 300
# A checkout not paid within this many minutes expires (Stripe's minimum is 30).
PAYMENTS_CHECKOUT_MINUTES = env.int("PAYMENTS_CHECKOUT_MINUTES", default=30)
CASE_LOOKUP_RATE = env.str("CASE_LOOKUP_RATE", default="10/10m")
# Tries of the tax notice's access code per account, so the code cannot be guessed.
TAXPAYER_LINK_RATE = env.str("TAXPAYER_LINK_RATE", default="5/h")
# Petitions filed without an account: how many per client address, and how long they wait for the e-mail
# confirmation before they are deleted with their files.
PETITION_FILING_RATE = env.str("PETITION_FILING_RATE", default="5/h")
PETITION_CONFIRMATION_DAYS = env.int("PETITION_CONFIRMATION_DAYS", default=7)
QUEUE_PAGE_SIZE = 25
# The queue's covering index names INCLUDE columns, a PostgreSQL optimisation that SQLite (make run) simply ignores.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
# A queue export of more cases than this is prepared by a Celery task and downloaded from "My exports".
QUEUE_EXPORT_SYNC_MAX_ROWS = env.int("QUEUE_EXPORT_SYNC_MAX_ROWS", default=20_000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "celery.app.trace": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        # Every PDF would otherwise log its seven rendering steps and each font it subsets.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
