"""Required documents: the field ``thanh_phan_ho_so``."""

from __future__ import annotations

import re

from motcua.core.catalog_text.common import (
    _NO_INFO_REASON,
    Problem,
    RequiredDocument,
    missing,
)

_DOC_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
_QUANTITY = re.compile(r"(?<!\d)(\d+) bản chính(?:,(\d+) bản sao)?")
_ENUMERATOR = re.compile(r"[a-zđ][.)]\s")
_YEAR_BEFORE = re.compile(r"(?:\d/\d{1,2}/|năm )$")
_TEMPLATE_EXT = re.compile(r"(?i)\.(?:docx?|pdf|xlsx?|rar|zip|odt)\s*$")
_ROMAN_DOT = re.compile(r"\b[IVXLC]+\.$")
_LAST_WORDS = re.compile(r"(?:\S+\s+){0,2}\S*$")


def _ends_row(after: str) -> bool:
    """Whether the text after "… bản chính" starts another row or heading, not more of a sentence."""
    first = after.lstrip(" \t")
    if not first or _ENUMERATOR.match(after):
        return True
    if len(first) < len(after):
        return first[0].isupper() or first[0] in "*+-–•"
    return first[0].isupper() or first[0].isdigit() or first[0] in "*+-–•(["


def _quantity(seg: str, match: re.Match[str]) -> tuple[int, int | None, str] | None:
    """(end of the name, originals or None when ambiguous, reason), or None when not a row's quantity."""
    digits, start = match.group(1), match.start()
    before = seg[start - 1 : start]
    if before == "(" or not _ends_row(seg[match.end() :]):
        return None
    if _YEAR_BEFORE.search(seg[max(0, start - 12) : start]) and len(digits) > 4:
        rest = digits[4:]  # a year has four digits: "ngày 25/6/20241 bản chính", "năm 20240 bản chính"
        return start + 4, (int(rest) if len(rest) == 1 else None), ""
    if before == " " and len(digits) > 1 and digits.startswith("0"):
        return None  # running text: "nộp 01 bản chính tờ khai"
    if len(digits) == 1 or not before:
        return start, int(digits), ""
    words = _LAST_WORDS.search(seg, max(0, start - 40), start)
    excerpt = seg[words.start() if words else start : match.end()]
    reason = f"số lượng bản chính viết liền với số ở cuối tên (“{excerpt}”)"
    return match.end(1), None, reason


def _template_start(name: str) -> int:
    """Where a form file name glued to the end of `name` begins, or -1 when no cell boundary is seen.

    The rightmost punctuation junction wins ("…Bộ Công an).1.MuCT01…doc"); failing that the leftmost
    change of case, since file names are full of them ("MuCT01banhnhkmtheoThngts53.doc")."""
    ext = _TEMPLATE_EXT.search(name)
    punctuation, case = -1, -1
    for i in range(1, ext.start() if ext else 0):
        prev, char, before, after = name[i - 1], name[i], name[: i - 1], name[i + 1 : i + 2]
        if not char.isalnum():
            continue
        dot_after_word = prev == "." and (before[-1:].isalpha() or before[-1:] == ")")
        if prev in ');”"' or (dot_after_word and not (char.isdigit() and _ROMAN_DOT.search(name[:i]))):
            punctuation = i
        elif case >= 0 or (prev == "m" and char in "23"):  # "15m2", "10m3"
            continue
        elif prev.islower() and (char.isupper() or char.isdigit()):
            case = i
        elif prev.isdigit() and char.isupper() and after.islower():
            case = i  # "…ngày 25/01/2026Mẫu số 03.docx"
        elif prev.isupper() and char.isupper() and after.islower() and before[-1:].isupper():
            case = i  # "…NĐ-CPMus06.docx", "…01/TAINMẫu số 01 TAIN.docx"
        elif prev.isupper() and char.isdigit() and re.search(r"[-/][A-ZĐ]+$", name[:i]):
            case = i  # "…TT-BTC01-LP.docx"
    return punctuation if punctuation >= 0 else case


def parse_documents(raw: str) -> tuple[list[RequiredDocument], list[Problem]]:
    if missing(raw):
        return [], [Problem("documents", raw, _NO_INFO_REASON)]
    parts = raw.split(_DOC_HEADER)
    if len(parts) == 1:
        return [], [Problem("documents", raw, "không thấy bảng giấy tờ (tiêu đề “Tên giấy tờ…Số lượng”)")]
    docs: list[RequiredDocument] = []
    problems: list[Problem] = []
    heading = parts[0]
    for index, seg in enumerate(parts[1:], start=1):
        group, row_start = ("" if missing(heading) else heading.strip()), 0
        glued = ""  # a quantity inside the row glued to a lower-case word: maybe two rows merged
        for match in _QUANTITY.finditer(seg):
            if (found := _quantity(seg, match)) is None:
                following = seg[match.end() : match.end() + 1]
                if following.isalpha() and following.islower():
                    glued = glued or seg[match.start() : match.end() + 12]
                continue
            name_end, originals, reason = found
            row_raw, name = seg[row_start : match.end()], seg[row_start:name_end].rstrip()
            if glued:
                problems.append(
                    Problem(
                        "documents",
                        row_raw,
                        f"số lượng viết liền với chữ phía sau (“{glued}”): có thể hai giấy tờ bị gộp",
                    )
                )
                glued = ""
            cut = _template_start(name)
            template, name = (name[cut:], name[:cut]) if cut >= 0 else ("", name)
            copies = int(match.group(2)) if match.group(2) else None
            docs.append(RequiredDocument(group, name.strip(), template, originals, copies, "", row_raw))
            if reason:
                problems.append(Problem("documents", row_raw, reason))
            elif cut < 0 and _TEMPLATE_EXT.search(name):
                problems.append(Problem("documents", row_raw, "không xác định được chỗ bắt đầu tên tệp mẫu"))
            if not name.strip() and not template:
                problems.append(Problem("documents", row_raw, "dòng giấy tờ không có tên"))
            row_start = match.end()
        heading = seg[row_start:]
        if index == len(parts) - 1 and heading.strip():
            docs.append(RequiredDocument(group, heading.strip(), "", None, None, "", heading))
            problems.append(Problem("documents", heading, "không tìm thấy số lượng ở cuối dòng giấy tờ"))
        elif row_start == 0:
            problems.append(Problem("documents", seg, "nhóm giấy tờ không có dòng nào có số lượng"))
    return docs, problems
