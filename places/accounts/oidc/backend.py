"""The authentication backend for sign-in through the identity provider.

mozilla-django-oidc exchanges the code and fetches the keys; this backend reads the endpoints
from the discovery document (not from settings), checks the ID token fully (signature,
issuer, audience, expiry: the library leaves the audience unchecked) and names why it refuses
one, finds the account by the provider's subject, and applies the roles (claims.py).
"""

import hashlib
import re

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from places.accounts.oidc import claims as role_claims
from places.accounts.oidc import provider

# Seconds of difference between our clock and the provider's that we forgive.
LEEWAY = 60
USERNAME_PREFIX = "oidc-"
SAFE_SUBJECT = re.compile(r"^[\w.@+-]{1,100}$")


class Refused(Exception):
    """The provider's answer cannot be trusted; ``reason`` says why (views.REFUSALS)."""

    AUDIENCE = "audience"
    EXPIRED = "expired"
    SIGNATURE = "signature"
    ISSUER = "issuer"
    INVALID = "invalid"
    LOCAL_ACCOUNT = "local_account"

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def username_for(subject):
    """The account of a provider's person: their subject (``sub``), which never changes,
    rather than an e-mail address, which can."""
    if SAFE_SUBJECT.match(subject):
        return USERNAME_PREFIX + subject
    return USERNAME_PREFIX + hashlib.sha256(subject.encode()).hexdigest()[:40]


class OIDCBackend(OIDCAuthenticationBackend):
    OIDC_RP_IDP_SIGN_KEY = None

    def __init__(self, *args, **kwargs):
        # The library reads the endpoints here; they come from discovery, when needed.
        self.UserModel = get_user_model()

    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.OIDC_RP_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.OIDC_RP_SIGN_ALGO)
    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: provider.endpoint("token_endpoint"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: provider.endpoint("userinfo_endpoint"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: provider.endpoint("jwks_uri"))

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce; a password login is not ours.
        if "nonce" not in kwargs or not provider.configured():
            return None
        return super().authenticate(request, **kwargs)

    def get_user(self, user_id):
        return ModelBackend.get_user(self, user_id)  # inactive accounts stay out

    def verify_token(self, token, **kwargs):
        try:
            return super().verify_token(token, **kwargs)
        except SuspiciousOperation as error:  # no published key for it, or the wrong nonce
            reason = Refused.SIGNATURE if "JWKS" in str(error) else Refused.INVALID
            raise Refused(reason) from error
        except jwt.InvalidTokenError as error:  # no token at all, or not a JWT
            raise Refused(Refused.INVALID) from error

    def _verify_jws(self, token, key):
        try:
            algorithm = jwt.get_unverified_header(token).get("alg")
            if algorithm != self.OIDC_RP_SIGN_ALGO:
                raise Refused(Refused.SIGNATURE)
            return jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=provider.endpoint("issuer"),
                leeway=LEEWAY,
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise Refused(Refused.EXPIRED) from error
        except jwt.InvalidAudienceError as error:
            raise Refused(Refused.AUDIENCE) from error
        except jwt.InvalidIssuerError as error:
            raise Refused(Refused.ISSUER) from error
        except jwt.InvalidTokenError as error:  # the signature, or a malformed token
            raise Refused(Refused.SIGNATURE) from error

    def get_or_create_user(self, access_token, id_token, payload):
        userinfo = {}
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload["sub"]:
                raise Refused(Refused.INVALID)
        claims = {**userinfo, **payload}  # the signed ID token wins
        with transaction.atomic():
            user = self.account(claims)
            changes = role_claims.apply_roles(user, role_claims.wanted_roles(claims))
        user.oidc_sign_in = {"provider_mfa": role_claims.did_mfa(payload), **changes}
        return user

    def account(self, claims):
        username = username_for(str(claims["sub"]))
        user = self.UserModel.objects.filter(username=username).first()
        if user is not None and user.has_usable_password():
            raise Refused(Refused.LOCAL_ACCOUNT)  # a local account with that name: not theirs
        details = {
            "email": str(claims.get("email") or "")[:254],
            "first_name": str(claims.get("given_name") or claims.get("name") or "")[:150],
            "last_name": str(claims.get("family_name") or "")[:150],
        }
        if user is None:
            return self.UserModel.objects.create_user(username, **details)
        changed = [name for name, value in details.items() if getattr(user, name) != value]
        for name in changed:
            setattr(user, name, details[name])
        if changed:
            user.save(update_fields=changed)
        return user
