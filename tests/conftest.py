"""Shared test configuration.

The database choice and the CI rules live in tests/plugins/ (loaded with ``-p`` in
pyproject.toml); browser fixtures in tests/browser/conftest.py. See docs/testing.md.
"""

# ``pytester`` runs small pytest sessions in a subprocess; tests/infra/ uses it to
# test the plugins themselves.
pytest_plugins = ["pytester"]


import pytest
from django.conf import settings
from django.utils import translation


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
