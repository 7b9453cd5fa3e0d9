"""Django settings for Resultat, read from the environment.

Development (``make run``) sets ``RESULTAT_DEV=1``; production must set
``SECRET_KEY`` and ``ALLOWED_HOSTS`` and normally ``DATABASE_URL``.
See docs/deploy.md.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from resultat.config.env import (
    database_from_url,
    dev_secret_key,
    env_bool,
    env_list,
    oidc_from_env,
    weak_secret_key_reason,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("RESULTAT_VAR_DIR", BASE_DIR / "var"))
# data/ of the source tree; an installed wheel carries it as resultat/data (pyproject.toml).
_PACKAGED_DATA = Path(__file__).resolve().parent.parent / "data"
DATA_DIR = Path(os.environ.get("RESULTAT_DATA_DIR") or (_PACKAGED_DATA if _PACKAGED_DATA.is_dir() else BASE_DIR / "data"))

DEV = env_bool("RESULTAT_DEV", False)
DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY") or (dev_secret_key(VAR_DIR) if DEV or DEBUG else "")
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "SECRET_KEY måste sättas i miljön i produktion (se docs/deploy.md). "
        "För utveckling: make run."
    )
if not (DEV or DEBUG) and (_weak := weak_secret_key_reason(SECRET_KEY)):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"SECRET_KEY duger inte i produktion: {_weak}. Skapa en ny, till exempel med "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))' (se docs/deploy.md)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if (DEV or DEBUG) else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "resultat.infrastructure",
    "resultat.accounts",
    "resultat.reference",
    "resultat.strategy",
    "resultat.followup",
    "resultat.imports",
    "resultat.initiatives",
    "resultat.indicators",
    "resultat.reports",
    "resultat.public",
    "resultat.opendata",
    "resultat.search",
    "resultat.learning",
    "resultat.security",
    "resultat.example",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "resultat.security.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "resultat.security.nul.RefuseNulMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "resultat.infrastructure.middleware.PublicCacheMiddleware",
]

ROOT_URLCONF = "resultat.config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "resultat" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "resultat.public.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "resultat.config.wsgi.application"

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL"), VAR_DIR)}

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["resultat.accounts.backends.ThrottledModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "resultat" / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "resultat" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if (DEV or DEBUG or env_bool("RESULTAT_TESTING", False))
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# Rendered charts (SVG/PNG) cached on disk by spec, renderer version and format, so a
# fresh process reuses them (resultat/core/charts/render.py); "off" keeps them in memory only.
_CHART_CACHE = os.environ.get("RESULTAT_CHART_CACHE_DIR", "")
RESULTAT_CHART_CACHE_DIR = None if _CHART_CACHE.lower() == "off" else Path(_CHART_CACHE or VAR_DIR / "cache" / "charts")
# Development and tests serve static files straight from the source folders.
WHITENOISE_USE_FINDERS = DEV or DEBUG or env_bool("RESULTAT_TESTING", False)
WHITENOISE_AUTOREFRESH = DEV or DEBUG

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if (DEV or DEBUG) else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "resultat@localhost")

# Security: secure cookies and HSTS unless developing on plain http.
_SECURE = not (DEV or DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", _SECURE)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", _SECURE)
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _SECURE)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if not _SECURE else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _SECURE
# Preloading commits the whole registrable domain (usually the region's, not ours) to
# HTTPS in every browser; it is the domain owner's decision, so it is opt-in and the
# check that recommends it is silenced unless it is on (docs/security.md).
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(12 * 3600)))
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
PASSWORD_RESET_TIMEOUT = 3 * 3600

# Optional single sign-on with OpenID Connect (resultat/accounts/oidc.py).
RESULTAT_OIDC = oidc_from_env()

# Login throttle (resultat/accounts/throttle.py).
RESULTAT_LOGIN_THROTTLE = {
    "account_limit": int(os.environ.get("LOGIN_ACCOUNT_LIMIT", "5")),
    "ip_limit": int(os.environ.get("LOGIN_IP_LIMIT", "30")),
    "window": int(os.environ.get("LOGIN_WINDOW_SECONDS", "900")),
    "lock_seconds": int(os.environ.get("LOGIN_LOCK_SECONDS", "900")),
}
# Public forms that store or mail something (accessibility report, password reset):
# accepted posts per client address and window (resultat/accounts/throttle.py).
RESULTAT_FORM_THROTTLE = {
    "limit": int(os.environ.get("FORM_THROTTLE_LIMIT", "5")),
    "window": int(os.environ.get("FORM_THROTTLE_WINDOW_SECONDS", "900")),
}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
# Addresses of the reverse proxies whose X-Forwarded-For is believed (login throttle per
# client address); gunicorn itself always reports the proxy as REMOTE_ADDR.
RESULTAT_TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])

# The region this installation serves (its strategies are loaded as data).
RESULTAT_REGION = os.environ.get("RESULTAT_REGION", "vasterbotten")

# The public site and open data (docs/open-data.md, docs/public-site.md).
RESULTAT_SITE_URL = os.environ.get("RESULTAT_SITE_URL", "")  # absolute base for DCAT/export, e.g. https://resultat.example.se
RESULTAT_PUBLISHER_NAME = os.environ.get("RESULTAT_PUBLISHER_NAME", "Region Västerbotten")
RESULTAT_PUBLISHER_URL = os.environ.get("RESULTAT_PUBLISHER_URL", "https://www.regionvasterbotten.se/")
RESULTAT_OPENDATA_LICENCE_URL = os.environ.get("RESULTAT_OPENDATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/")
RESULTAT_OPENDATA_LICENCE_TITLE = os.environ.get("RESULTAT_OPENDATA_LICENCE_TITLE", "Creative Commons Erkännande 4.0 (CC BY 4.0)")
RESULTAT_OPENDATA_CONTACT_EMAIL = os.environ.get("RESULTAT_OPENDATA_CONTACT_EMAIL", "region@regionvasterbotten.se")
RESULTAT_ACCESSIBILITY_EMAIL = os.environ.get("RESULTAT_ACCESSIBILITY_EMAIL", RESULTAT_OPENDATA_CONTACT_EMAIL)
RESULTAT_PUBLIC_MAX_AGE = int(os.environ.get("RESULTAT_PUBLIC_MAX_AGE", "300"))
# Seconds a rendered anonymous public page / API answer is kept server-side (0 = off; off in tests).
RESULTAT_PUBLIC_SERVER_CACHE = int(os.environ.get("RESULTAT_PUBLIC_SERVER_CACHE", "0" if env_bool("RESULTAT_TESTING", False) else "60"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
