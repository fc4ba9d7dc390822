"""Sign-in through the identity provider is configured all at once or not at all, and its
origin joins the content security policy's form-action (the login button and logging out
lead there)."""

import os
import subprocess
import sys

from tests.helpers.paths import ROOT

SHOW_FORM_ACTION = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])"
)


def settings_with(**env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("OIDC_")}
    environment.update(env, DEBUG="1", DJANGO_SETTINGS_MODULE="ontmoeting.settings")
    return subprocess.run(
        [sys.executable, "-c", SHOW_FORM_ACTION],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_half_a_configuration_stops_with_what_to_set():
    result = settings_with(OIDC_ISSUER="https://sso.example.nl/realms/gemeente")
    assert result.returncode != 0
    assert "OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together" in result.stderr


def test_the_provider_may_receive_the_forms_that_lead_there():
    result = settings_with(
        OIDC_ISSUER="https://sso.example.nl/realms/gemeente",
        OIDC_CLIENT_ID="ontmoeting",
        OIDC_CLIENT_SECRET="geheim",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[\"'self'\", 'https://sso.example.nl']"


def test_without_a_provider_forms_go_to_the_site_only():
    assert settings_with().stdout.strip() == "[\"'self'\"]"
