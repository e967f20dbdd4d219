"""Vietnamese names: folding diacritics for search without ever treating two names as one.

"Xã Ba Tơ" and "Xã Ba Tô" are different communes that fold to the same text, so folding is a way to
find candidates, and the exact (diacritic-preserving) form decides between them.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")

# Longest first, so "thành phố" wins over a shorter prefix.
DIVISION_PREFIXES: tuple[str, ...] = (
    "thành phố trực thuộc trung ương",
    "thành phố",
    "thị trấn",
    "thị xã",
    "đặc khu",
    "phường",
    "huyện",
    "quận",
    "tỉnh",
    "xã",
)


def normalise(text: str) -> str:
    """NFC, case-folded, single spaces: the form in which names with diacritics are compared."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def fold(text: str) -> str:
    """`normalise` without diacritics (đ → d): the form in which candidates are looked up."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).casefold())
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").replace("đ", "d")
    return _SPACES.sub(" ", unicodedata.normalize("NFC", stripped)).strip()


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese mark, so that it can only match one exact spelling."""
    return fold(text) != normalise(text)


def strip_division(text: str) -> str:
    """The name without its division word: "Thị trấn Ba Tơ" → "ba tơ" (normalised)."""
    value = normalise(text)
    folded_prefixes = [(p, fold(p)) for p in DIVISION_PREFIXES]
    for prefix, folded_prefix in folded_prefixes:
        for candidate in (prefix, folded_prefix):
            if value.startswith(candidate + " "):
                return value[len(candidate) + 1 :]
    return value


def same_name(a: str, b: str) -> bool:
    """Equal as written (diacritics count, case and spacing do not)."""
    return normalise(a) == normalise(b)
