"""The footnote of pages whose figures count example data in (places.demo)."""

from django import template

from places.demo import has_demo

register = template.Library()


@register.inclusion_tag("places/_demo_footnote.html")
def demo_footnote():
    return {"has_demo": has_demo()}
