"""The login page's button for signing in through the identity provider."""

from django import template

from places.accounts.oidc import provider

register = template.Library()


@register.simple_tag
def identity_provider():
    """The provider's name for the button, or "" when none is configured (no button then)."""
    return provider.display_name() if provider.configured() else ""
