from django import template

register = template.Library()


@register.simple_tag
def fields_of(form, names):
    """The bound fields of a form named in a comma-separated list, skipping absent ones."""
    return [form[name] for name in names.split(",") if name in form.fields]
