"""Staff sign-in through the municipality's identity provider (OpenID Connect), beside the
local accounts, with mozilla-django-oidc doing the protocol.

- ``provider``: whether a provider is configured, and its discovery document (fetched lazily,
  with a timeout, and cached);
- ``claims``: from the provider's claims to our roles, and whether it did multi-factor;
- ``backend``: the authentication backend (token checks with a Dutch reason when refused);
- ``views``: start, callback and logout (here and at the provider).

docs/beheer/inloggen-oidc.md is the administrator's side of it.
"""
