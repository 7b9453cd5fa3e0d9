"""The follow-up tests use the shared fixtures of tests/factories.py."""
