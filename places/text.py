"""Rules for short text: names and addresses are one line of printable characters."""

import unicodedata
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def has_control_characters(text):
    return any(unicodedata.category(char) == "Cc" for char in text or "")


def validate_one_line(text):
    """Refuse line breaks, tabs, NUL and other control characters in a one-line field."""
    if has_control_characters(text):
        raise ValidationError(
            _("Use one line of text, without line breaks or tabs."), code="control_characters"
        )


def one_line(text):
    """Text for a mail header or a file name: control characters become spaces."""
    cleaned = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text or "")
    return " ".join(cleaned.split())


def sort_key(name):
    """How a Dutch reader alphabetises a name, whatever the database's collation: case and
    accents do not count ('de Boeg' = 'De Boeg', 'Ábc' beside 'Abc'), the ligature 'ĳ' is
    'ij', and leading quotes or punctuation ("'t Hoekje") are skipped."""
    decomposed = unicodedata.normalize("NFKD", (name or "").casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    start = next((i for i, c in enumerate(letters) if c.isalnum()), len(letters))
    return " ".join(letters[start:].split())[:200]


def choice_label(instance, field_name):
    """What `get_<field>_display()` says, from a table made once per language: Django rebuilds
    and hashes every choice's label on each call, which was a third of a result row's cost."""
    value = getattr(instance, field_name)
    return _choice_labels(type(instance), field_name, get_language()).get(value, value)


@lru_cache(maxsize=64)
def _choice_labels(model, field_name, language):
    return {value: str(label) for value, label in model._meta.get_field(field_name).flatchoices}
