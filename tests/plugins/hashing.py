"""Cheaper password hashes in the tests: Argon2id still, with the smallest parameters.

The settings hash passwords with Argon2id at argon2-cffi's defaults (64 MiB, three
passes): about 0.1–0.2 s of CPU per hash and per check on the 2-core machine. The tests
create users (``make_user``, the ``people`` fixture, the demo users) and sign in with
passwords hundreds of times. For the test session this plugin puts a subclass with
the same algorithm name first in ``PASSWORD_HASHERS`` (``override_settings``, which
also clears Django's hasher cache): the stored hashes still read
``argon2$argon2id$…`` and every code path (hashing, checking, the login throttle) is
the one production runs; only the cost parameters are minimal. Hashes made with the
production parameters still verify (the parameters are part of the hash). Subprocesses
(the CLI, the production smoke test) use the real settings.

``RESULTAT_TEST_FAST_HASHES=0`` turns it off.
"""

from __future__ import annotations

import os

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher

ENABLED = os.environ.get("RESULTAT_TEST_FAST_HASHES", "1").strip().lower() not in {"0", "false", "no", "off"}


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with one pass over 64 KiB (the algorithm name is unchanged)."""

    time_cost = 1
    memory_cost = 64
    parallelism = 1


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashes():
    if not ENABLED:
        yield
        return
    from django.conf import settings
    from django.test.utils import override_settings

    hashers = [f"{__name__}.CheapArgon2PasswordHasher", *settings.PASSWORD_HASHERS]
    with override_settings(PASSWORD_HASHERS=hashers):
        yield
