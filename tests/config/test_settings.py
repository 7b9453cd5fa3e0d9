"""Settings come from the environment; production refuses to start without a secret key."""

import os
import subprocess
import sys
from pathlib import Path

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
    result = run_python(code, SECRET_KEY="x" * 60, ALLOWED_HOSTS="resultat.example.se", DATABASE_URL="postgresql://u:p@db:5432/r", RESULTAT_VAR_DIR=str(tmp_path))
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
