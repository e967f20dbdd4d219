"""The English catalogue of the shell is complete and its compiled .mo matches the .po."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "src" / "motcua" / "locale" / "en" / "LC_MESSAGES"


def _entries() -> list[tuple[str, str, str, bool]]:
    """(context, msgid, msgstr or first plural, fuzzy) of each entry of the .po file."""
    entries = []
    for block in (LOCALE / "django.po").read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        current = None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[0\])?) (".*")$', line)
            if match:
                current = match.group(1).replace("[0]", "")
                fields[current] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and current:
                fields[current] += ast.literal_eval(line)
            elif line.startswith("msgstr["):
                current = None
        if fields.get("msgid"):
            entries.append(
                (fields.get("msgctxt", ""), fields["msgid"], fields.get("msgstr", ""), "#, fuzzy" in block)
            )
    return entries


def test_every_entry_is_translated_and_none_is_fuzzy() -> None:
    entries = _entries()
    assert len(entries) > 100
    assert [e[1] for e in entries if not e[2]] == []
    assert [e[1] for e in entries if e[3]] == []


def test_compiled_catalogue_matches_the_source() -> None:
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for context, msgid, msgstr, _fuzzy in _entries():
        got = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
        assert got == msgstr, f"django.mo is stale for {msgid!r}: run msgfmt (see locale/README.md)"
