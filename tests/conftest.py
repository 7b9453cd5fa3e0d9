"""Shared test configuration.

The database choice and the CI rules live in tests/plugins/ (loaded with ``-p`` in
pyproject.toml); browser fixtures in tests/browser/conftest.py. See docs/testing.md.
"""

import pytest
from django.conf import settings
from django.utils import translation

# ``pytester`` runs small pytest sessions in a subprocess; tests/infra/ uses it to
# test the plugins themselves. tests.factories: the shared fixtures and builders of
# every test package (no cross-package conftest imports). tests.plugins.parsed: the
# report import parses the same text once per process; tests.plugins.hashing: Argon2id
# password hashes with minimal cost parameters; tests.plugins.snapshots: the directory
# in which the workers of an xdist run hand each other the loaders' replayed rows.
pytest_plugins = ["pytester", "tests.plugins.snapshots", "tests.factories", "tests.plugins.parsed", "tests.plugins.hashing"]


@pytest.fixture(autouse=True)
def _reset_language():
    """Every test ends in the default language (Swedish).

    LocaleMiddleware activates the request's language (e.g. ``Accept-Language: en``) for
    the thread and never deactivates it, so without this a test-client request in English
    would make later tests' gettext calls outside a request come out in English.
    """
    yield
    if settings.configured:
        translation.deactivate()
