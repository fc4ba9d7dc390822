"""Settings for Ontmoeting, driven by environment variables.

Every knob is an environment variable; the defaults are safe for production
except where DEBUG is asked for explicitly. See README.md, "Configuration".
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

DEV_SECRET_KEY = "django-insecure-development-only-key"  # noqa: S105 (refused unless DEBUG)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = DEV_SECRET_KEY
# Without a real key the app must not serve: ontmoeting/wsgi.py stops with this message (and
# Django refuses to sign anything with an empty key). Commands that sign nothing, such as
# migrate or makemigrations, still run.
MISSING_KEY_MESSAGE = None
if not DEBUG and SECRET_KEY in ("", DEV_SECRET_KEY):
    MISSING_KEY_MESSAGE = (
        "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
        "value (for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
        "or set DEBUG=1 for local development only."
    )
    SECRET_KEY = ""  # noqa: S105 (empty: Django then refuses to sign)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django_filters",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "leaflet",
    "csp",
    "places",
    "surveys",
    "ontmoeting",  # its system checks only
]

MIDDLEWARE = [
    # First: every log line of the request, and its response, carry one request id.
    "ontmoeting.requestid.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # /_healthz/livez and /_healthz/readyz, before the host check, session and login.
    "ontmoeting.probes.ProbeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A lost database is a Dutch 503 page with Retry-After, not a server error.
    "ontmoeting.unavailable.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Two-step verification for editors and admins, and the absolute session limit.
    "places.accounts.twofactor.AccountSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Sign-in through the identity provider; does nothing unless OIDC_* are set (below).
    "places.accounts.oidc.backend.OIDCBackend",
]

ROOT_URLCONF = "ontmoeting.urls"
# SUBPATH=/ontmoeting/ serves the app under that path (a proxy passes the path on unchanged;
# ontmoeting/wsgi.py takes the prefix off). Links, static files, redirects and cookie paths
# follow it.
SUBPATH = "/" + os.environ.get("SUBPATH", "").strip("/") + "/"
SUBPATH = "/" if SUBPATH == "//" else SUBPATH
FORCE_SCRIPT_NAME = SUBPATH.rstrip("/") or None
WSGI_APPLICATION = "ontmoeting.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "places.context_processors.map_settings",
                "places.context_processors.user_roles",
                "places.context_processors.municipality",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# DATABASE_URL unset: the embedded SpatiaLite file, so one command runs the app.
# postgis://USER:PASSWORD@HOST:PORT/NAME: PostGIS, as in production and CI.
GIS_ENGINES = {
    "django.contrib.gis.db.backends.postgis",
    "django.contrib.gis.db.backends.spatialite",
}
DATABASE_URL = os.environ.get("DATABASE_URL") or f"spatialite:///{VAR_DIR / 'ontmoeting.sqlite3'}"
# Connections are kept for CONN_MAX_AGE seconds; CONN_HEALTH_CHECKS tests a kept connection
# before a request reuses it, so after a database restart (or pg_terminate_backend) the next
# request reconnects instead of failing. While the database is down: ontmoeting/unavailable.py.
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# An optional read replica for the heavy read-only traffic: map data and the JSON API.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=60, conn_health_checks=True
    )
MAP_DATABASE = "replica" if "replica" in DATABASES else "default"
if DATABASES["default"]["ENGINE"] not in GIS_ENGINES:
    raise ImproperlyConfigured(
        f"DATABASE_URL must use the postgis:// or spatialite:// scheme (got engine "
        f"{DATABASES['default']['ENGINE']}). Leave it unset for the embedded SpatiaLite file."
    )

# The SRID geometries are stored in. RD New (EPSG:28992) is in metres, so distances,
# buffers and nearest-neighbour ordering are correct and indexable in the Netherlands.
# Changing it requires a new database: migrations read it from here.
STORAGE_SRID = int(os.environ.get("STORAGE_SRID", "28992"))
# Everything sent to the browser is WGS84.
WEB_SRID = 4326

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Rate limits (reports, password resets) must be counted once for every worker and
    # server: in the database's table ontmoeting_limits (made after migrate) unless a shared
    # cache is configured.
    "limits": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ontmoeting_limits",
    },
}
if os.environ.get("CACHE_URL"):
    CACHES["default"] = CACHES["limits"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["CACHE_URL"],
    }

# --- Passwords and sessions -----------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        # Django's own, with its Dutch message back (places/fields.py).
        "NAME": "places.fields.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Role-aware: places/accounts/landing.py sends each person on to their work.
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "places:list"
# Sessions end after this much idle time (every request renews them).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", str(60 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# ... and, however active, this long after the login (places/twofactor.py).
SESSION_MAX_SECONDS = int(os.environ.get("SESSION_MAX_SECONDS", str(10 * 60 * 60)))
# Editors and admins confirm each login with a code from an authenticator app; the app shows
# the account under this name.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Ontmoeting")
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for one day
# Invitations to become a member of a place expire after this many days.
INVITATION_DAYS = 14

# Login throttling (django-axes): after 5 failures an account/IP pair waits an hour.
AXES_FAILURE_LIMIT = 5
AXES_VERBOSE = False
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The lockout page (429) in the site's frame and language, for the login and for every other
# password check (places/passwords.py).
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Behind one trusted proxy the client is the last address it appended to X-Forwarded-For;
# without a proxy the header is ignored, so a spoofed one changes nothing. One rule for the
# lockout, the audit trail and the rate limits (places/limits.py).
BEHIND_PROXY = env_bool("BEHIND_PROXY")
AXES_CLIENT_IP_CALLABLE = "places.accounts.limits.client_ip"

# --- Sign-in through the identity provider (OpenID Connect) ---------------
# Off unless OIDC_ISSUER (or OIDC_DISCOVERY_URL) and OIDC_CLIENT_ID are set; the endpoints come
# from the provider's discovery document (places/accounts/oidc/, docs/beheer/inloggen-oidc.md).
OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "")
OIDC_DISCOVERY_URL = os.environ.get("OIDC_DISCOVERY_URL", "")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
OIDC_RP_SCOPES = os.environ.get("OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_SIGN_ALGO", "RS256")
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "")
OIDC_ROLE_CLAIM = os.environ.get("OIDC_ROLE_CLAIM", "roles")
OIDC_ROLE_PREFIX = os.environ.get("OIDC_ROLE_PREFIX", "")
OIDC_MFA_ACR_VALUES = env_list("OIDC_MFA_ACR_VALUES")
OIDC_TIMEOUT = float(os.environ.get("OIDC_TIMEOUT", "5"))
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc-callback"
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # for logging out at the provider too
if (OIDC_ISSUER or OIDC_DISCOVERY_URL or OIDC_RP_CLIENT_ID) and not (
    (OIDC_ISSUER or OIDC_DISCOVERY_URL) and OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET
):
    raise ImproperlyConfigured(
        "Sign-in through the identity provider needs OIDC_ISSUER (or OIDC_DISCOVERY_URL), "
        "OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together; set all three, or none to turn it off."
    )
# The read-only API: requests a minute from one client address before a 429 (0: no limit);
# counted per worker unless CACHE_URL names a shared cache (places/exports/throttle.py).
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", "600"))

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------
STATIC_URL = f"{SUBPATH}static/"
# The container image collects them into the image, outside the data folder VAR_DIR.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Hashed names for long caching; a name missing from the manifest (django-leaflet asks for
# the "leaflet/images/" folder) falls back to the plain name instead of failing.
WHITENOISE_MANIFEST_STRICT = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Security -------------------------------------------------------------
# HTTPS=1 is the production switch: the site is served over HTTPS only. It turns on the
# redirect to HTTPS, HSTS for a year with subdomains, and Secure cookies with __Host- names;
# each part can still be set on its own. Behind a TLS-terminating proxy set BEHIND_PROXY=1
# too. Without HTTPS=1, `manage.py check --deploy` fails (README, "Production").
HTTPS = env_bool("HTTPS")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
# Load balancers and orchestrators probe over plain http (ontmoeting/probes.py). The pattern is
# matched against the path with SUBPATH, without its first slash.
SECURE_REDIRECT_EXEMPT = [rf"^{SUBPATH[1:]}(healthz|_healthz/livez|_healthz/readyz)$"]
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
ONE_YEAR = 365 * 24 * 3600
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS") or (ONE_YEAR if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")

# No script reads a cookie (static/js only fetches with GET), so all are HttpOnly.
SECURE_COOKIES = env_bool("SECURE_COOKIES", HTTPS)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
if SECURE_COOKIES:
    # Browsers accept a __Host- cookie only when it is Secure, has Path=/ and no Domain, so no
    # subdomain can set or overwrite it. Over plain http (development) they would drop it:
    # there the plain names stay.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_NAME = "__Host-django_language"
if SUBPATH != "/":
    # Under a path the cookies are sent for that path only; a __Host- cookie must have Path=/,
    # so they take the __Secure- names (Secure, no Domain) instead.
    SESSION_COOKIE_PATH = CSRF_COOKIE_PATH = LANGUAGE_COOKIE_PATH = SUBPATH
    if SECURE_COOKIES:
        SESSION_COOKIE_NAME = "__Secure-sessionid"
        CSRF_COOKIE_NAME = "__Secure-csrftoken"
        LANGUAGE_COOKIE_NAME = "__Secure-django_language"

# --- Base map -------------------------------------------------------------
# PDOK's BRT-Achtergrondkaart is the base map Dutch municipalities use; OpenStreetMap is
# offered as an alternative. Both URLs can be replaced (for example by a tile cache).
PDOK_TILES_URL = os.environ.get(
    "MAP_TILES_URL",
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
)
OSM_TILES_URL = os.environ.get(
    "MAP_ALT_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
BOUNDARY_ATTRIBUTION = (
    "Grenzen: Kadaster / Centraal Bureau voor de Statistiek, 2024; Gemeente Amsterdam"
)
LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (52.37, 4.90),  # (lat, lng): Amsterdam
    "DEFAULT_ZOOM": 12,
    "MIN_ZOOM": 7,
    "MAX_ZOOM": 19,
    "RESET_VIEW": False,
    # Leaflet guesses its marker image path from the CSS URL, which hashed static file
    # names break; give it the (unhashed) folder instead.
    "FORCE_IMAGE_PATH": f"{STATIC_URL}leaflet/images/",
    "TILES": [
        (
            _("BRT-Achtergrondkaart (PDOK)"),
            PDOK_TILES_URL,
            {"attribution": "Kaartgegevens &copy; Kadaster", "maxZoom": 19},
        ),
        (
            _("OpenStreetMap"),
            OSM_TILES_URL,
            {"attribution": "&copy; OpenStreetMap-bijdragers", "maxZoom": 19},
        ),
    ],
    "ATTRIBUTION_PREFIX": BOUNDARY_ATTRIBUTION,
    "PLUGINS": {
        "markercluster": {
            "css": [
                "vendor/leaflet.markercluster/MarkerCluster.css",
                "vendor/leaflet.markercluster/MarkerCluster.Default.css",
            ],
            "js": "vendor/leaflet.markercluster/leaflet.markercluster.js",
        },
    },
}


def tile_origins(*urls):
    return sorted({"/".join(url.split("/")[:3]) for url in urls if "://" in url})


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        # Inline <style> only with the nonce: the per-type marker colours.
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:", *tile_origins(PDOK_TILES_URL, OSM_TILES_URL)],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        # The login button and logging out lead on to the identity provider (when set).
        "form-action": ["'self'", *tile_origins(OIDC_ISSUER, OIDC_DISCOVERY_URL)],
        "frame-ancestors": ["'none'"],
    },
}

# --- E-mail ---------------------------------------------------------------
# By default mail is written to files in var/mail/ (mode 600), never to the console: the
# messages hold invitation, password-reset and survey links that work as keys.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "ontmoeting.mail.PrivateFileBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ontmoeting@localhost")

# --- Statements -----------------------------------------------------------
# Where people send remarks on accessibility, and the municipality's privacy officer
# (functionaris gegevensbescherming): an e-mail address, web address or phone number.
# Left empty, the statements show a marked placeholder.
# The municipality whose register this is, in texts such as the rondvraag's introduction.
MUNICIPALITY_NAME = os.environ.get("MUNICIPALITY_NAME", "Amsterdam")
ACCESSIBILITY_CONTACT = os.environ.get("ACCESSIBILITY_CONTACT", "")
PRIVACY_CONTACT = os.environ.get("PRIVACY_CONTACT", "")
# These seed the municipality's settings (places.models.municipality) when it is first used;
# after that an admin edits them under Beheer. MUNICIPALITY_FILE: a YAML file with the same.
PDOK_GEMEENTE = os.environ.get("PDOK_GEMEENTE", "")  # e.g. GM0599: addresses only there
MAP_BASE = os.environ.get("MAP_BASE", "pdok")  # or "osm"
MUNICIPALITY_FILE = os.environ.get("MUNICIPALITY_FILE", "")

# --- Logging --------------------------------------------------------------
# The audit trail (logger ontmoeting.audit, one JSON line per event) goes with the rest of the
# log to stderr (under systemd: the journal), unless AUDIT_LOG_FILE names a file for it alone:
# appended to, and reopened when logrotate moves it. `make run` sets var/audit.log, so the
# developer's terminal shows requests and errors, not JSON. Its level does not follow LOG_LEVEL:
# the trail is complete whatever else is logged.
AUDIT_LOG_FILE = os.environ.get("AUDIT_LOG_FILE", "")
# LOG_FORMAT=json: one JSON object a line on stdout (ontmoeting/logformat.py), for a log
# collector; every line carries the request id that the response's X-Request-ID header has
# (ontmoeting/requestid.py). The default, text, writes plain lines to stderr.
LOG_FORMAT = (os.environ.get("LOG_FORMAT") or "text").strip().lower()
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json (got {LOG_FORMAT!r}).")
JSON_CONSOLE = {"formatter": "json", "stream": "ext://sys.stdout"} if LOG_FORMAT == "json" else {}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "hide_link_keys": {"()": "ontmoeting.logfilters.HideLinkKeys"},
        "request_id": {"()": "ontmoeting.logfilters.RequestId"},
    },
    "formatters": {"json": {"()": "ontmoeting.logformat.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "hide_link_keys"],
            **JSON_CONSOLE,
        },
        **(
            {
                "audit_file": {
                    "class": "logging.handlers.WatchedFileHandler",
                    "filename": AUDIT_LOG_FILE,
                    "filters": ["hide_link_keys"],
                }
            }
            if AUDIT_LOG_FILE
            else {}
        ),
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # django-axes logs every successful login at INFO; failures stay visible as WARNING.
        "axes": {"level": "WARNING"},
        "ontmoeting.audit": (
            {"level": "INFO", "handlers": ["audit_file"], "propagate": False}
            if AUDIT_LOG_FILE
            else {"level": "INFO"}
        ),
    },
}

# --- Reporting vulnerabilities and errors -------------------------------------
# /.well-known/security.txt (RFC 9116, ontmoeting/security_txt.py). CONTACT: mailto:, https:
# or tel: URIs, comma-separated; unset, the file is not served and check --deploy warns.
# EXPIRES: a date or ISO 8601 time; unset, a year after this release. POLICY: a web address of
# the disclosure policy (the municipality's CVD page, or SECURITY.md in the repository).
SECURITY_TXT_CONTACT = env_list("SECURITY_TXT_CONTACT")
SECURITY_TXT_EXPIRES = os.environ.get("SECURITY_TXT_EXPIRES", "")
SECURITY_TXT_POLICY = os.environ.get("SECURITY_TXT_POLICY", "")
# Errors to Sentry (or a compatible service such as GlitchTip) when SENTRY_DSN is set, without
# personal data: ontmoeting/sentry.py strips users, cookies, bodies and query strings.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT", "production")
if SENTRY_DSN:
    from ontmoeting.sentry import init_sentry

    init_sentry(SENTRY_DSN, SENTRY_ENVIRONMENT)

SILENCED_SYSTEM_CHECKS = [
    # GDAL < 3.9 cannot block file/network access while parsing spatial reference
    # definitions. Debian 12 ships GDAL 3.6; this app never parses user-supplied SRS
    # definitions (only EPSG codes from settings), so the risk does not apply.
    "gis.W001",
]
if not SECURE_HSTS_PRELOAD:
    # The browsers' preload list takes whole registrable domains (gemeente.nl with every
    # subdomain), which only the domain's owner can decide; SECURE_HSTS_PRELOAD=1 opts in.
    SILENCED_SYSTEM_CHECKS.append("security.W021")

# Boundaries sent to the browser are simplified to this tolerance (storage units, metres).
BOUNDARY_SIMPLIFY_METRES = 2

# --- Geocoding ------------------------------------------------------------
# PDOK Locatieserver, the Dutch government's free geocoder (no key needed).
PDOK_LOCATIESERVER_URL = os.environ.get(
    "PDOK_LOCATIESERVER_URL", "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"
)
GEOCODER_TIMEOUT = float(os.environ.get("GEOCODER_TIMEOUT", "3"))
# Nearby search: the radius offered by default, and the most results shown.
NEARBY_DEFAULT_RADIUS = 1000
NEARBY_MAX_RESULTS = 100
# A wijkteam page lists the places in its wijken without contact for this many months.
WIJKTEAM_STALE_MONTHS = int(os.environ.get("WIJKTEAM_STALE_MONTHS", "6"))
# Policy dashboard: areas with fewer inhabitants than this are "geen/weinig inwoners" and never
# ranked as a gap (harbours, parks, business parks).
POLICY_FEW_INHABITANTS = int(os.environ.get("POLICY_FEW_INHABITANTS", "50"))
# The distances N (metres) whose coverage per buurt is kept in a table (places.policy.coverage),
# updated when a place changes; other distances are computed when asked. Comma-separated.
POLICY_COVERAGE_DISTANCES = sorted(
    {int(m) for m in os.environ.get("POLICY_COVERAGE_DISTANCES", "800").split(",") if m.strip()}
)
# Places not verified ("klopt nog") for this many days are flagged and their members reminded.
VERIFY_AFTER_DAYS = int(os.environ.get("VERIFY_AFTER_DAYS", "365"))

# Map data: up to this many places in view are sent as points; more become server-side
# clusters below MAP_CLUSTER_BELOW_ZOOM (from there on always points; places/mapdata.py).
# The clusters of the public views are pre-aggregated for zooms below MAP_CELLS_BELOW_ZOOM.
MAP_POINT_LIMIT = int(os.environ.get("MAP_POINT_LIMIT", "2000"))
MAP_CLUSTER_BELOW_ZOOM = 17
MAP_CELLS_BELOW_ZOOM = 15
# Pre-aggregated clusters (manage.py aggregate_map) serve low zooms for this many seconds
# after the data changed; then live grouping takes over until they are rebuilt.
MAP_CELLS_MAX_AGE = int(os.environ.get("MAP_CELLS_MAX_AGE", "600"))

CSRF_FAILURE_VIEW = "ontmoeting.errors.csrf_failure"  # Dutch, in the site frame
