"""Settings come from the environment; production refuses to start without a secret key."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, **env):
    clean = {k: v for k, v in os.environ.items() if k not in ("RESULTAT_DEV", "DEBUG", "SECRET_KEY", "RESULTAT_TESTING")}
    clean.update(env)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60)


def test_production_requires_secret_key(tmp_path):
    result = run_python("import resultat.config.settings", RESULTAT_VAR_DIR=str(tmp_path))
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_settings_are_secure(tmp_path):
    code = (
        "import resultat.config.settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, s.ALLOWED_HOSTS, s.DATABASES['default']['ENGINE'])"
    )
    result = run_python(code, SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="resultat.example.se", DATABASE_URL="postgresql://u:p@db:5432/r", RESULTAT_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False True True True ['resultat.example.se'] django.db.backends.postgresql"


def test_dev_mode_generates_and_keeps_a_key(tmp_path):
    code = "import resultat.config.settings as s; print(s.SECRET_KEY)"
    first = run_python(code, RESULTAT_DEV="1", RESULTAT_VAR_DIR=str(tmp_path))
    second = run_python(code, RESULTAT_DEV="1", RESULTAT_VAR_DIR=str(tmp_path))
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout and len(first.stdout.strip()) > 40


def test_sqlite_default_uses_wal(tmp_path):
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','resultat.config.settings'); django.setup();"
        "from django.db import connection; c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0]);"
        "c.execute('PRAGMA busy_timeout'); print(c.fetchone()[0])"
    )
    result = run_python(code, RESULTAT_DEV="1", RESULTAT_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000"]


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("kort-men-slumpad-3f9a", "tecken lång"),
        ("x" * 60, "olika tecken"),
        ("django-insecure-" + "a1b2c3d4e5" * 5, "osäkra utvecklingsnyckel"),
        ("changeme-" + "q8w7e6r5t4y3u2i1o0p9" * 3, "platshållaren"),
    ],
)
def test_production_refuses_a_weak_secret_key(tmp_path, key, reason):
    result = run_python("import resultat.config.settings", SECRET_KEY=key, RESULTAT_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert "SECRET_KEY duger inte i produktion" in last and reason in last


def test_weak_key_rule_accepts_generated_keys():
    from resultat.config.env import weak_secret_key_reason

    assert all(weak_secret_key_reason(secrets.token_urlsafe(50)) is None for _ in range(200))


def test_command_line_without_environment_says_what_to_set_in_one_line(tmp_path):
    """No traceback: one line of what is wrong, one line of what to do."""
    env = {k: v for k, v in os.environ.items() if k not in ("RESULTAT_DEV", "DEBUG", "SECRET_KEY", "RESULTAT_TESTING")}
    env["RESULTAT_VAR_DIR"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-m", "resultat.cli", "report", "--help"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and "SECRET_KEY" in lines[0] and "RESULTAT_DEV=1" in lines[1]
