"""Shared test configuration.

The database choice and the CI rules live in tests/plugins/ (loaded with ``-p`` in
pyproject.toml); browser fixtures in tests/browser/conftest.py. See docs/testing.md.
"""

# ``pytester`` runs small pytest sessions in a subprocess; tests/infra/ uses it to
# test the plugins themselves.
pytest_plugins = ["pytester"]
