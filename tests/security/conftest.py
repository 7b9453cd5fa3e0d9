import pytest

from tests.security.oidc_provider import StubProvider


@pytest.fixture(scope="session")
def oidc_provider():
    with StubProvider() as provider:
        yield provider


@pytest.fixture
def provider(oidc_provider):
    from resultat.accounts import oidc

    oidc._providers.clear()
    oidc_provider.tamper = None
    oidc_provider.next_claims = {"sub": "u-1", "preferred_username": "ebba.sso", "email": "ebba@region.example", "email_verified": True, "groups": ["rus-redaktorer"]}
    yield oidc_provider
    oidc._providers.clear()
