"""Staff sign in through the municipality's identity provider: a real OpenID Connect provider
(tests/oidc/provider.js) issues and signs the tokens; nothing in the app is patched."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from places import roles
from places.models import Wijkteam
from tests.helpers.oidc import AFTER_LOGOUT, Forms, free_port

pytestmark = pytest.mark.django_db
User = get_user_model()


def sign_in(browser):
    """The person opens the login page and presses the provider's button."""
    page = browser.open(reverse("login"))
    assert "Inloggen met Gemeente Account" in page.content.decode()
    return browser.open(reverse("oidc-login"))


def log_out(browser):
    """The person logs out here, and confirms it on the provider's page it sends them to."""
    question = browser.open(reverse("logout"), data={})
    form = Forms(question.text).forms["op.logoutForm"]
    return browser.open(form["action"], data={**form["fields"], "logout": "yes"})


def account(sub):
    return User.objects.get(username=f"oidc-{sub}")


def test_without_a_provider_the_login_page_has_no_button(client):
    page = client.get(reverse("login")).content.decode()
    assert "Inloggen met" not in page
    assert client.get(reverse("oidc-login")).status_code == 404


def test_a_first_sign_in_makes_the_account_with_the_role_and_logs_it(oidc, browser, people, audit):
    oidc.person("fatima", given_name="Fatima", family_name="Bakr", roles=["beleid"])
    page = sign_in(browser)
    assert browser.url.endswith(reverse("places:dashboard"))
    assert "Uitloggen Fatima" in page.content.decode()
    fatima = account("fatima")
    assert (fatima.first_name, fatima.has_usable_password()) == ("Fatima", False)
    assert roles.is_policy(fatima) and not roles.is_editor(fatima)
    (sign_in_event,) = audit("login.oidc")
    assert sign_in_event["actor"] == f"auth.user:{fatima.pk}"
    assert (sign_in_event["roles_added"], sign_in_event["provider_mfa"]) == (["beleid"], True)


def test_the_wijkteam_comes_from_the_claim_value(oidc, browser, people):
    team = Wijkteam.objects.get(name="Wijkteam Centrum-West")
    oidc.person("wim", given_name="Wim", roles=["wijkteam:wijkteam centrum-west"])
    sign_in(browser)
    wim = account("wim")
    assert list(wim.wijkteams.all()) == [team]
    assert browser.url.endswith(team.get_absolute_url())


def test_a_changed_claim_changes_the_role_at_the_next_sign_in(oidc, browser, people, audit):
    oidc.person("anna", given_name="Anna", roles=["beleid", "wijkteam:WK036301"])
    sign_in(browser)
    anna = account("anna")
    assert roles.is_policy(anna) and anna.wijkteams.count() == 1
    log_out(browser)

    oidc.person("anna", given_name="Anna", roles=["redactie", "admin"])
    page = sign_in(browser)
    anna = account("anna")
    assert roles.is_editor(anna) and not roles.in_group(anna, roles.POLICY)
    assert (anna.is_staff, anna.is_superuser, anna.wijkteams.count()) == (True, True, 0)
    assert browser.url.endswith(reverse("places:moderation")) and page.status_code == 200
    second = audit("login.oidc")[-1]
    assert second["roles_added"] == ["admin", "redactie"]
    assert second["roles_removed"] == ["beleid", "wijkteam"]
    assert len(second["wijkteams_removed"]) == 1


def test_without_multi_factor_at_the_provider_our_code_step_follows(oidc, browser, people):
    oidc.person("rob", given_name="Rob", roles=["redactie"], amr=["pwd"])
    sign_in(browser)
    assert browser.url.startswith("http://testserver" + reverse("two-factor-setup"))
    assert browser.client.get(reverse("places:moderation")).status_code == 302


def test_multi_factor_at_the_provider_counts_as_our_code_step(oidc, browser, people, audit):
    oidc.person("mia", given_name="Mia", roles=["redactie"], amr=["pwd", "otp"])
    page = sign_in(browser)
    assert browser.url.endswith(reverse("places:moderation"))
    assert "Uitloggen Mia" in page.content.decode()
    assert audit("login.oidc")[-1]["provider_mfa"] is True


def test_a_listed_authentication_level_counts_as_multi_factor(oidc, settings, browser, people):
    settings.OIDC_MFA_ACR_VALUES = ["urn:gemeente:loa:substantieel"]
    oidc.person("sam", roles=["redactie"], amr=["pwd"], acr="urn:gemeente:loa:substantieel")
    sign_in(browser)
    assert browser.url.endswith(reverse("places:moderation"))


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("wrong-audience", "voor een andere toepassing bedoeld"),
        ("expired", "was al verlopen"),
        ("bad-signature", "geen geldige handtekening"),
    ],
)
def test_a_proof_of_login_that_cannot_be_trusted_is_refused(oidc, browser, audit, mode, message):
    oidc.person("eve", given_name="Eve", roles=["admin"])
    oidc.misbehave(mode)
    page = sign_in(browser)
    assert browser.url.endswith(reverse("login")) and page.status_code == 200
    text = page.content.decode()
    assert message in text and "U bent niet ingelogd" in text
    assert not User.objects.filter(username="oidc-eve").exists()
    assert "_auth_user_id" not in browser.client.session
    (refusal,) = audit("login.oidc")
    assert refusal["result"] == "refused"


def test_a_local_account_of_that_name_is_not_taken_over(oidc, browser, people):
    User.objects.create_user("oidc-mallory", password="een-lang-wachtwoord")
    oidc.person("mallory", roles=["admin"])
    page = sign_in(browser)
    assert "Er bestaat al een lokaal account met deze naam" in page.content.decode()
    assert not User.objects.get(username="oidc-mallory").is_superuser


def test_a_provider_that_is_down_gives_a_clear_page_and_local_login_still_works(
    oidc, settings, browser, people, audit
):
    settings.OIDC_ISSUER = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    settings.OIDC_TIMEOUT = 2
    page = sign_in(browser)
    assert page.status_code == 503
    text = page.content.decode()
    assert "antwoordt nu niet" in text and "Log hieronder in met uw gebruikersnaam" in text
    assert audit("login.oidc")[-1]["result"] == "unavailable"
    logged_in = browser.open(
        reverse("login"), data={"username": "beleid", "password": "een-lang-wachtwoord"}
    )
    assert browser.url.endswith(reverse("places:dashboard")) and logged_in.status_code == 200


def test_logging_out_ends_the_session_here_and_at_the_provider(oidc, browser, people):
    oidc.person("lex", given_name="Lex", roles=["beleid"])
    sign_in(browser)
    id_token = browser.client.session["oidc_id_token"]
    question = browser.open(reverse("logout"), data={})
    assert browser.url.startswith(f"{oidc.issuer}/session/end")
    assert f"id_token_hint={id_token}" in browser.url
    assert "_auth_user_id" not in browser.client.session  # logged out here already
    form = Forms(question.text).forms["op.logoutForm"]
    done = browser.open(form["action"], data={**form["fields"], "logout": "yes"})
    assert browser.url == AFTER_LOGOUT and done.status_code == 200
    # At the provider too: signing in again, the provider has the person log in anew.
    logins = oidc.logins()
    sign_in(browser)
    assert oidc.logins() == logins + 1


def test_while_the_provider_session_lasts_it_does_not_ask_to_log_in_again(oidc, browser):
    """The other side of the logout test: logged out here only, the provider lets them in."""
    oidc.person("lot", given_name="Lot", roles=["beleid"])
    sign_in(browser)
    browser.client.logout()
    logins = oidc.logins()
    sign_in(browser)
    assert oidc.logins() == logins
    assert "_auth_user_id" in browser.client.session
