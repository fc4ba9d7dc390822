"""Signing in through the identity provider in a real browser: the button on the login page,
the way to the provider and back past the site's content security policy, logging out there
too, and the notice when the provider does not answer; each page passes axe."""

import copy

import pytest

from tests.helpers.browser import seen
from tests.helpers.oidc import CLIENT_ID, CLIENT_SECRET, IdentityProvider, free_port

pytestmark = pytest.mark.django_db(transaction=True)


def use_provider(settings, issuer):
    """Configured as an administrator would, the provider's origin in form-action included."""
    settings.OIDC_ISSUER = issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_RP_SCOPES = "openid email profile roles"
    settings.OIDC_PROVIDER_NAME = "Gemeente Account"
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"].append(issuer)
    settings.CONTENT_SECURITY_POLICY = policy


@pytest.fixture
def provider(live_server, settings, page):
    provider = IdentityProvider(app=live_server.url)
    use_provider(settings, provider.issuer)
    page.context.route(f"{provider.issuer}/**", lambda route: route.continue_())
    yield provider
    provider.stop()


def test_policy_staff_sign_in_and_out_through_the_provider(page, live_server, provider, people):
    provider.person("fatima", given_name="Fatima", roles=["beleid"])
    page.goto(f"{live_server.url}/account/login/")
    seen(page, "oidc-1-login")
    page.get_by_role("button", name="Inloggen met Gemeente Account").click()
    page.wait_for_url(f"{live_server.url}/beleid/")
    seen(page, "oidc-2-dashboard")

    page.get_by_role("button", name="Uitloggen Fatima").click()
    page.wait_for_url(f"{provider.issuer}/session/end**")
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("link", name="Inloggen").is_visible()


def test_when_the_provider_does_not_answer_the_login_form_is_right_there(
    page, live_server, settings, people
):
    use_provider(settings, f"http://127.0.0.1:{free_port()}")
    settings.OIDC_TIMEOUT = 2
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_role("button", name="Inloggen met Gemeente Account").click()
    notice = page.get_by_role("alert")
    assert "antwoordt nu niet" in notice.inner_text()
    seen(page, "oidc-3-provider-down")
    page.get_by_label("Gebruikersnaam").fill("beleid")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.wait_for_url(f"{live_server.url}/beleid/")
