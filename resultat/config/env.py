"""Reading settings from the environment. Plain Python, no Django import."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nej", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"Miljövariabeln {name} ska vara 1/0, true/false; fick {raw!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def dev_secret_key(var_dir: Path) -> str:
    """A random key kept in var/ so development sessions survive restarts."""
    path = Path(var_dir) / "dev-secret-key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


# Values seen in tutorials, templates and .env examples; a key like these is public.
_PLACEHOLDER_WORDS = ("changeme", "change-me", "change_me", "secret", "placeholder", "example", "your-", "insecure", "xxxx", "…", "...")
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_UNIQUE = 5


def weak_secret_key_reason(key: str) -> str | None:
    """Why ``key`` is unfit for production, or None when it is fine.

    The same thresholds as Django's deploy check (security.W009): at least 50
    characters and 5 different ones, and not Django's generated development key;
    on top of that no known placeholder word.
    """
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return f"den är {len(key)} tecken lång; minst {MIN_SECRET_KEY_LENGTH} krävs"
    if len(set(key)) < MIN_SECRET_KEY_UNIQUE:
        return f"den har färre än {MIN_SECRET_KEY_UNIQUE} olika tecken"
    lowered = key.lower()
    if lowered.startswith("django-insecure"):
        return "det är Djangos osäkra utvecklingsnyckel"
    for word in _PLACEHOLDER_WORDS:
        if word in lowered:
            return f"den innehåller platshållaren {word!r}"
    return None


def database_from_url(url: str | None, var_dir: Path) -> dict:
    """Turn DATABASE_URL into a Django DATABASES entry.

    Supported: ``sqlite:///relative/or/absolute.db`` (``sqlite:////abs``),
    ``postgresql://user:pass@host:port/name?sslmode=...`` (also ``postgres://``),
    and a socket directory as ``?host=/run/postgresql``. Without a URL the
    default is a SQLite file ``var/resultat.sqlite3``.
    """
    if not url:
        return _sqlite(Path(var_dir) / "resultat.sqlite3")
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        if path.startswith("//"):
            path = path[1:]
        elif path.startswith("/"):
            path = path[1:]
        if path in ("", ":memory:"):
            return _sqlite(":memory:")
        return _sqlite(Path(path))
    if parsed.scheme in ("postgres", "postgresql", "pgsql"):
        query = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        host = query.pop("host", None) or unquote(parsed.hostname or "")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "resultat",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": host,
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": int(query.pop("conn_max_age", "60")),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": query,
        }
    raise ValueError(f"DATABASE_URL har ett okänt schema {parsed.scheme!r} (använd sqlite:// eller postgresql://)")


def _sqlite(path) -> dict:
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    return {
        # SQLite with a queue for write transactions (resultat/infrastructure/sqlite)
        "ENGINE": "resultat.infrastructure.sqlite",
        "NAME": str(path),
        # Test databases in memory, as Django does for its own SQLite backend (pytest-django
        # recognises that backend by its module name only and would otherwise derive a
        # file name from NAME).
        "TEST": {"NAME": ":memory:"},
        # WAL lets readers work while one writer writes; the busy timeout makes
        # concurrent writers wait instead of failing with "database is locked".
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        },
    }


ROLES = ("administrator", "analyst", "editor", "reviewer")


def oidc_from_env(environ=os.environ) -> dict | None:
    """Single sign-on settings (docs/security.md), or None without OIDC_ISSUER."""
    issuer = environ.get("OIDC_ISSUER", "").strip()
    if not issuer:
        return None
    client_id = environ.get("OIDC_CLIENT_ID", "").strip()
    if not client_id:
        raise ValueError("OIDC_ISSUER är satt men OIDC_CLIENT_ID saknas")
    role_map = {}
    # ";" between pairs: provider values such as LDAP DNs contain commas
    for pair in environ.get("OIDC_ROLE_MAP", "").split(";"):
        if not pair.strip():
            continue
        value, sep, role = pair.rpartition("=")
        role = role.strip()
        if not sep or role not in ROLES:
            raise ValueError(f"OIDC_ROLE_MAP: {pair.strip()!r} ska vara VÄRDE=roll med roll bland {', '.join(ROLES)}")
        role_map[value.strip()] = role
    def flag(name, default):
        raw = environ.get(name)
        return default if raw is None else raw.strip().lower() in _TRUE
    return {
        "issuer": issuer,
        "client_id": client_id,
        "client_secret": environ.get("OIDC_CLIENT_SECRET", ""),
        "scopes": environ.get("OIDC_SCOPES", "openid email profile"),
        "name": environ.get("OIDC_NAME", "organisationens konto"),
        "username_claim": environ.get("OIDC_USERNAME_CLAIM", "preferred_username"),
        "roles_claim": environ.get("OIDC_ROLES_CLAIM", "").strip() or None,
        "role_map": role_map,
        "create_users": flag("OIDC_CREATE_USERS", True),
        "match_email": flag("OIDC_MATCH_EMAIL", False),
        "allow_http": False,
    }
