"""Personal and organisational identifiers: checking them on input and masking them for display.

A citizen is identified by the 12-digit personal identification number (số định danh cá nhân, the number
of the chip-based citizen identity card; Law on Identification 2023 Art. 12); an organisation by its
10-digit tax code, or 13 characters "xxxxxxxxxx-yyy" for a branch (Circular 105/2020/TT-BTC Art. 5).
Public pages and logs show only masked forms (personal data protection, Decree 13/2023).
"""

from __future__ import annotations

import re
import unicodedata

_CITIZEN = re.compile(r"\d{12}")
_TAX_CODE = re.compile(r"\d{10}(-\d{3})?")


def normalise_identifier(kind: str, text: str) -> str:
    """The identifier without spaces and dots, or ValueError saying what is wrong with it."""
    value = re.sub(r"[\s.]", "", text or "")
    if kind == "citizen":
        if not _CITIZEN.fullmatch(value):
            raise ValueError("số định danh cá nhân phải có đúng 12 chữ số")
        return value
    if kind == "organisation":
        if not _TAX_CODE.fullmatch(value):
            raise ValueError("mã số thuế phải có 10 chữ số, hoặc 10 chữ số, dấu “-” và 3 chữ số")
        return value
    raise ValueError(f"loại người nộp “{kind}” không hợp lệ")


def mask_identifier(value: str) -> str:
    """Every character but the last three hidden: "054090001234" → "*********234"."""
    if len(value) <= 3:
        return "*" * len(value)
    return "*" * (len(value) - 3) + value[-3:]


def mask_name(name: str) -> str:
    """The family name and the initial of every other word: "Đinh Văn Hùng" → "Đinh V*** H***"."""
    words = unicodedata.normalize("NFC", name).split()
    if not words:
        return ""
    return " ".join([words[0], *(word[0] + "*" * 3 for word in words[1:])])


def mask_phone(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) <= 5:  # too short to show a part of it
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 5) + digits[-2:]
