"""Legal basis (``can_cu_phap_ly``) and results (``ket_qua_xu_ly``)."""

from __future__ import annotations

import re

from motcua.core.catalog_text.common import (
    _NO_INFO_REASON,
    LegalDocument,
    Problem,
    Result,
    missing,
)

_LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"
# Document types and issuers, longest first so that "…/TT-BTCNghị định" stops after "BTC".
_ISSUERS = (
    "NĐ ND TT TTLT QĐ NQ NQLT CT L PL VBHN CP TTg BTC BCA BTP BKHĐT BXD BNNMT BNN BNNPTNT BNN&PTNT BTNMT BGTVT "
    "BLĐTBXH BYT BVHTTDL BQP VPCP VPQH UBND HĐND BHXH CSXH NHNN BCT BNV BGDĐT BTTTT BKHCN BNG UBTƯMTTQVN "
    "TANDTC VKSNDTC CTN HĐTP KTNN C"
)
_TOKEN = r"(?:(?:UBTV)?QH\d{2}|C\d{2}|" + "|".join(sorted(re.split(r"\s+", _ISSUERS), key=len)[::-1]) + ")"
_CODE = re.compile(rf"(\d+)(?:\.\d+|\.?[a-z])?/(?:(\d{{4}})/)?{_TOKEN}(?:-{_TOKEN})*")
_DATE_END = re.compile(r"\d/\d{1,2}/\d{4}$")
_DIGIT = re.compile(r"\d")
_YEAR_GLUED = re.compile(r"\d{5}|\d{4}\.")  # "Luật Cư trú 202068/2020/QH14", "2021-2025.01/2022/TT-BXD"
_TYPED_CELL = re.compile(
    r"(?<=[^\W\d_A-ZĐ])(?:Luật|Bộ luật|Nghị định|Thông tư(?: liên tịch)?|Quyết định|Nghị quyết|Lệnh)(?: số)?$"
)
_GLUED_IN_NAME = re.compile(r"[^\W\d_]\d+(?:\.\d+)?/\d{4}\b|\d{4}[A-ZĐ][^\W\d_]")


def _codes(text: str) -> list[re.Match[str]]:
    """Document numbers, including one glued after a date ("ngày 29/6/202443/2024/QH15")."""
    found: list[re.Match[str]] = []
    pos = 0
    while (digit := _DIGIT.search(text, pos)) is not None:
        start = digit.start()
        inside = text[start - 1 : start].isdigit() or (
            text[start - 1 : start] in "/." and text[start - 2 : start - 1].isdigit()
        )
        after_code = bool(found) and found[-1].end() == start
        code = None
        if not inside or after_code or _DATE_END.search(text[max(0, start - 10) : start]):
            code = _CODE.match(text, start)
        found += [code] if code else []
        pos = code.end() if code else start + 1
    return found


def _glued(name: str) -> str:
    """A junction two cells leave when glued ("phủ167/2025", "2025Quyết", "NamNghị"), or ""."""
    if found := _GLUED_IN_NAME.search(name):
        return found.group()
    cases = (i for i in range(1, len(name)) if name[i - 1].isalpha() and name[i - 1].islower())
    return next((name[i - 1 : i + 6] for i in cases if name[i].isupper()), "")


def _is_code_cell(text: str, codes: list[re.Match[str]], index: int, row_start: int) -> bool:
    """A "Mã văn bản" cell is glued to the name before it; a number inside a name has a space before it
    ("Thông tư số 53/2025/TT-BCAngày 01/7/2025 …" is one name, "…02 cấp40/2025/TT-BTCsửa đổi…" two rows)."""
    code, before = codes[index], codes[index - 1] if index else None
    glued_left = code.start() > row_start and not text[code.start() - 1].isspace()
    if before is not None and before.end() == code.start() and before.group() == code.group():
        return True  # "Luật 54/2014/QH1354/2014/QH13": the name ends with the number, then the cell
    following = codes[index + 1] if index + 1 < len(codes) else None
    if following is not None and following.start() == code.end():
        return glued_left and following.group() != code.group()
    after = text[code.end() :]
    if not after.strip() or after[0].isupper():
        return True
    if after[0].isalpha() or (after[0].isspace() and after.lstrip()[0].isupper()):
        return glued_left
    return False


def parse_legal_basis(raw: str) -> tuple[list[LegalDocument], list[Problem]]:
    if missing(raw):
        return [], [Problem("legal_basis", raw, _NO_INFO_REASON)]
    body = raw.split(_LEGAL_HEADER, 1)[-1]
    codes = _codes(body)
    docs: list[LegalDocument] = []
    problems: list[Problem] = []
    row_start = 0
    for index, code in enumerate(codes):
        if code.start() < row_start or not _is_code_cell(body, codes, index, row_start):
            continue
        name = body[row_start : code.start()].strip()
        if typed := _TYPED_CELL.search(name):  # "…tại Việt NamLuật 47/2014/QH13": the cell reads "Luật 47/…"
            name = name[: typed.start()].strip()
        docs.append(LegalDocument(name, code.group()))
        if not name:
            problems.append(Problem("legal_basis", code.group(), "thiếu tên văn bản"))
        elif _YEAR_GLUED.match(code.group()):
            reason = f"số hiệu “{code.group()}” có thể dính với số năm ở cuối tên: cần tách lại"
            problems.append(Problem("legal_basis", body[row_start : code.end()], reason))
        elif glued := _glued(name):
            reason = f"tên văn bản có chỗ viết liền (“{glued}”): có thể đã gộp hai dòng"
            problems.append(Problem("legal_basis", body[row_start : code.end()], reason))
        row_start = code.end()
    if body[row_start:].strip():
        docs.append(LegalDocument(body[row_start:].strip(), ""))
        problems.append(Problem("legal_basis", body[row_start:], "không tìm thấy mã văn bản"))
    return docs, problems


# -- results (ket_qua_xu_ly) -------------------------------------------------------------------------

_RESULT_LABEL = re.compile(r"Mã:\s*")
_RESULT_CODE = re.compile(r"(?:KQ|TP)[.-][A-Z]\d{2}\.\d+|\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-KQ\d+")
_OTHER_CODE = re.compile(r"[\w.\-]+?(?=[A-ZĐ][^\W\d_A-ZĐ]|$)")


def parse_results(raw: str) -> tuple[list[Result], list[Problem]]:
    text = raw.split("Từ khóa", 1)[0]  # the rest is page chrome: keywords, description, agency picker
    if missing(text):
        return [], [Problem("results", raw, _NO_INFO_REASON)]
    results: list[Result] = []
    problems: list[Problem] = []
    pos = 0
    while (label := _RESULT_LABEL.search(text, pos)) is not None:
        name = text[pos : label.start()].strip()
        code = _RESULT_CODE.match(text, label.end())
        if code is None:
            code = _OTHER_CODE.match(text, label.end())
            problems.append(Problem("results", text[label.start() :][:60], "mã kết quả không đúng dạng KQ.…"))
        results.append(Result(name, code.group() if code else ""))
        if not name:
            problems.append(Problem("results", text[pos : label.end()], "thiếu tên kết quả"))
        pos = code.end() if code else label.end()
    if text[pos:].strip():
        results.append(Result(text[pos:].strip(), ""))
    return results, problems
