"""The UI is Dutch: every message in the catalogue has a Dutch translation."""

import re

from tests.helpers.paths import ROOT

CATALOGUE = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def entries():
    text = CATALOGUE.read_text(encoding="utf-8")
    for block in text.split("\n\n")[1:]:  # the first block is the header
        if block.startswith("#~") or "msgid" not in block:
            continue
        yield block


def test_no_fuzzy_translations():
    assert not [block for block in entries() if "#, fuzzy" in block]


def test_every_message_is_translated():
    untranslated = []
    for block in entries():
        values = re.findall(r'msgstr(?:\[\d\])? ((?:".*"\n?)+)', block)
        if not values or any(not "".join(re.findall(r'"(.*)"', v)) for v in values):
            untranslated.append(block.splitlines()[-2:])
    assert untranslated == []
