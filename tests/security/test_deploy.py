"""``manage.py check --deploy`` is clean with production settings from the environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("RESULTAT_DEV", "DEBUG", "RESULTAT_TESTING", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="resultat.regionvasterbotten.se",
        CSRF_TRUSTED_ORIGINS="https://resultat.regionvasterbotten.se",
        BEHIND_TLS_PROXY="1",
        RESULTAT_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        **extra,
    )
    return env


def run_check(env):
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING", "--settings=resultat.config.settings"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_is_clean_in_production(tmp_path):
    result = run_check(production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_notices_a_weak_setting(tmp_path):
    # the check is real: turning HTTPS off makes it fail
    result = run_check(production_env(tmp_path, SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0"))
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr and "security.W012" in result.stdout + result.stderr
