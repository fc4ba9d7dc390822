import pytest

from tests.helpers.oidc import CLIENT_ID, CLIENT_SECRET, Browser, IdentityProvider


@pytest.fixture(scope="session")
def identity_provider():
    """The OpenID Connect provider, one process for the session."""
    provider = IdentityProvider()
    yield provider
    provider.stop()


@pytest.fixture
def oidc(settings, identity_provider):
    """Sign-in through the provider, configured as an administrator would; the provider
    behaves until the test says otherwise."""
    settings.OIDC_ISSUER = identity_provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_RP_SCOPES = "openid email profile roles"
    settings.OIDC_PROVIDER_NAME = "Gemeente Account"
    identity_provider.misbehave("normal")
    return identity_provider


@pytest.fixture
def browser(client):
    return Browser(client)
