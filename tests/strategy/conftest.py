"""The strategy tests use the shared fixtures of tests/factories.py."""
