"""The identity provider: whether one is configured, and what its discovery document says.

The document (``/.well-known/openid-configuration``) is fetched when first needed, with
OIDC_TIMEOUT, and cached for an hour; a provider that does not answer is ``Unavailable``, and
the next request tries again.
"""

import hashlib
import logging
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DISCOVERY_PATH = "/.well-known/openid-configuration"
CACHE_SECONDS = 60 * 60
NEEDED = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")


class Unavailable(Exception):
    """The provider did not answer in time, or not with a discovery document."""


def configured():
    return bool(discovery_url() and settings.OIDC_RP_CLIENT_ID)


def discovery_url():
    if settings.OIDC_DISCOVERY_URL:
        return settings.OIDC_DISCOVERY_URL
    if settings.OIDC_ISSUER:
        return settings.OIDC_ISSUER.rstrip("/") + DISCOVERY_PATH
    return ""


def display_name():
    """How the login button names the provider."""
    return settings.OIDC_PROVIDER_NAME or _("your organisation's account")


def discovery():
    url = discovery_url()
    key = "oidc-discovery-" + hashlib.sha256(url.encode()).hexdigest()
    document = cache.get(key)
    if document is None:
        document = fetch(url)
        cache.set(key, document, CACHE_SECONDS)
    return document


def fetch(url):
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        logger.warning("OpenID Connect discovery failed: %s", error)
        raise Unavailable(str(error)) from error
    missing = [name for name in NEEDED if not isinstance(document, dict) or not document.get(name)]
    if missing:
        logger.warning("OpenID Connect discovery at %s lacks %s", url, ", ".join(missing))
        raise Unavailable(f"no {', '.join(missing)}")
    return document


def endpoint(name):
    """An endpoint (or the issuer) from the discovery document; None when it has none."""
    return discovery().get(name)


def logout_url(id_token, return_to):
    """The provider's end-session URL for this sign-in, or None when it has none (or does not
    answer: then the person is logged out here only)."""
    try:
        end_session = endpoint("end_session_endpoint")
    except Unavailable:
        return None
    if not end_session:
        return None
    query = {
        "id_token_hint": id_token,
        "post_logout_redirect_uri": return_to,
        "client_id": settings.OIDC_RP_CLIENT_ID,
    }
    separator = "&" if "?" in end_session else "?"
    return f"{end_session}{separator}{urlencode(query)}"
