from tests.search.conftest import edition, users  # noqa: F401  (fixtures: 2025 edition + 2026 demo cycle)
