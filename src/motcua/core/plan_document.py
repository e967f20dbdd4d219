"""Reading a yearly control plan's annexed table (sections, tasks) and its appendix of targets.

The input is rows of cells, whatever the file was: the text form districts have (tab-separated,
`rows_from_text`), a markdown pipe table (`rows_from_markdown`), or a .docx table (read by the
plans app with python-docx). The reader
- skips the header row, which is repeated on every page;
- joins a task split across pages: a row with an empty number continues the task above it, cell by
  cell (a page break falls mid-sentence, so the pieces are joined with a space; a piece that starts
  a new bullet starts a new line);
- turns the HTML fragments inside cells (`<ul><li>`, `<p>`, `<b>`, `&amp;`) into text;
- reads section rows (a roman numeral, in `<b>` in the text form) and the appendix of targets.
Bad input raises `PlanFormatError` with a message in Vietnamese; nothing is half-read.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

TASK_COLUMNS = 5  # STT, Nội dung công việc, Kết quả công việc, Cơ quan, đơn vị thực hiện, Thời gian thực hiện
TARGET_COLUMNS = 5  # STT, Nội dung chỉ tiêu, Đơn vị, Chỉ tiêu năm, Cơ quan thực hiện

_ROMAN = re.compile(r"^(?=[IVXL])(L?X{0,3})(IX|IV|V?I{0,3})$")
_TAGS = re.compile(r"<[^>]+>")
_BREAKS = re.compile(r"<\s*(?:li|p|br)\b[^>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_NUMBER = re.compile(r"^\d+(?:\.\d+)*$")


class PlanFormatError(ValueError):
    """The file is not a plan table motcua can read; the message says what is wrong."""


@dataclass(frozen=True)
class PlanSection:
    numeral: str
    title: str


@dataclass
class PlanTask:
    number: str
    section: str
    content: str
    result: str
    units: str
    timing: str
    source_rows: list[int] = field(default_factory=list)


@dataclass
class PlanTarget:
    number: str
    content: str
    measure: str  # the unit of measure, "%"
    value_text: str
    at_least: bool
    value: Decimal | None
    units: str
    parent: str = ""  # "10" for the per-level rows 10.1 and 10.2


@dataclass
class PlanDocument:
    sections: list[PlanSection]
    tasks: list[PlanTask]
    targets: list[PlanTarget]


def cell_text(raw: str) -> str:
    """A cell as plain text: list items and paragraphs become lines, tags go, entities are decoded."""
    text = _BREAKS.sub("\n", raw)
    text = html.unescape(_TAGS.sub("", text))
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _join(above: str, below: str) -> str:
    if not above:
        return below
    if not below:
        return above
    return f"{above}\n{below}" if below.startswith(("- ", "+ ", "• ")) else f"{above} {below}"


def _is_header(cells: Sequence[str]) -> bool:
    first = cell_text(cells[0]).casefold() if cells else ""
    return first in {"stt", "tt", "số tt", "số thứ tự"}


def _is_bold(raw: str) -> bool:
    return bool(re.search(r"<\s*(?:b|strong)\b", raw, re.IGNORECASE))


def _is_column_numbers(cells: Sequence[str]) -> bool:
    """The row "(1) (2) (3) (4) (5)" (or "1 2 3 4 5") that many tables put under their header."""
    texts = [cell_text(c).strip("()") for c in cells]
    return texts == [str(n) for n in range(1, len(texts) + 1)]


def rows_from_text(text: str) -> list[list[str]]:
    """The tab-separated rows of the text form (lines without a tab are prose, not table)."""
    return [line.split("\t") for line in text.splitlines() if "\t" in line]


def rows_from_markdown(text: str) -> list[list[str]]:
    """The rows of markdown pipe tables (the |---| separator line is dropped)."""
    rows = []
    for line in text.splitlines():
        stripped = line.strip()
        if not (stripped.startswith("|") and stripped.endswith("|")):
            continue
        # Markdown bold marks a section row as <b> does in the text form.
        # "\|" is a pipe inside a cell, not a column border.
        parts = re.split(r"(?<!\\)\|", stripped[1:-1])
        cells = [re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", cell.strip().replace("\\|", "|")) for cell in parts]
        if all(re.fullmatch(r":?-+:?", cell) for cell in cells if cell):
            continue
        rows.append(cells)
    return rows


def decode(data: bytes) -> str:
    """Bytes of an uploaded text file as text, or a clear error for an empty or binary file."""
    if not data.strip():
        raise PlanFormatError("Tệp trống: không có nội dung nào để nhập.")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # "Unicode text" saved by Word and Notepad is UTF-16
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise PlanFormatError("Tệp UTF-16 bị lỗi mã; hãy lưu lại với mã UTF-8.") from exc
    if b"\x00" in data[:4096]:
        raise PlanFormatError(
            "Tệp không phải văn bản (có byte nhị phân); hãy tải lên tệp .txt, .md hoặc .docx."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanFormatError(
            f"Tệp không đọc được theo mã UTF-8 (byte lỗi ở vị trí {exc.start}); hãy lưu lại với mã UTF-8."
        ) from exc


def parse_plan_rows(rows: Iterable[Sequence[str]]) -> PlanDocument:
    """Sections, tasks and targets from the rows of the plan's tables."""
    sections: list[PlanSection] = []
    tasks: list[PlanTask] = []
    targets: list[PlanTarget] = []
    in_targets = False
    seen_header = False
    last_task: PlanTask | None = None
    last_target: PlanTarget | None = None
    for index, raw_cells in enumerate(rows, start=1):
        cells = list(raw_cells)
        if not any(cell.strip() for cell in cells):
            continue
        if _is_header(cells):
            seen_header = True
            header = " ".join(cell_text(c).casefold() for c in cells)
            if "chỉ tiêu" in header and "công việc" not in header:
                in_targets = True
            continue
        if _is_column_numbers(cells):
            continue
        if not seen_header:
            continue
        expected = TARGET_COLUMNS if in_targets else TASK_COLUMNS
        if len(cells) != expected:
            raise PlanFormatError(
                f"Dòng bảng thứ {index} có {len(cells)} cột, cần {expected} cột"
                f" ({'STT, chỉ tiêu, đơn vị, giá trị, cơ quan' if in_targets else 'STT, nội dung, kết quả, đơn vị, thời gian'})."
            )
        texts = [cell_text(c) for c in cells]
        number = texts[0].rstrip(".")  # "1." and "I." are written too
        if in_targets:
            last_target = _target_row(number, texts, last_target, targets, index)
            continue
        if _ROMAN.match(number) and (_is_bold(cells[0]) or not any(texts[2:])):
            sections.append(PlanSection(number, texts[1]))
            last_task = None
            continue
        if not number:
            if last_task is None:
                raise PlanFormatError(
                    f"Dòng bảng thứ {index} không có số thứ tự và không nối tiếp nhiệm vụ nào."
                )
            last_task.content = _join(last_task.content, texts[1])
            last_task.result = _join(last_task.result, texts[2])
            last_task.units = _join(last_task.units, texts[3])
            last_task.timing = _join(last_task.timing, texts[4])
            last_task.source_rows.append(index)
            continue
        if not _NUMBER.match(number):
            raise PlanFormatError(f"Dòng bảng thứ {index}: số thứ tự “{number}” không hợp lệ.")
        if not sections:
            raise PlanFormatError(
                f"Nhiệm vụ {number} (dòng {index}) đứng trước mọi phần (I, II, …) của kế hoạch."
            )
        last_task = PlanTask(number, sections[-1].numeral, texts[1], texts[2], texts[3], texts[4], [index])
        tasks.append(last_task)
    if not seen_header:
        raise PlanFormatError(
            "Không tìm thấy bảng nhiệm vụ: cần một dòng tiêu đề bắt đầu bằng “STT” và 5 cột"
            " (STT, Nội dung công việc, Kết quả công việc, Cơ quan, đơn vị thực hiện, Thời gian thực hiện)."
        )
    if not tasks:
        raise PlanFormatError("Bảng không có nhiệm vụ nào.")
    numbers = [t.number for t in tasks]
    duplicates = sorted({n for n in numbers if numbers.count(n) > 1}, key=numbers.index)
    if duplicates:
        raise PlanFormatError(f"Số thứ tự nhiệm vụ bị trùng: {', '.join(duplicates)}.")
    return PlanDocument(sections, tasks, targets)


def _target_row(
    number: str, texts: list[str], last: PlanTarget | None, targets: list[PlanTarget], index: int
) -> PlanTarget:
    if not number:
        if last is None:
            raise PlanFormatError(
                f"Dòng chỉ tiêu thứ {index} không có số thứ tự và không nối tiếp chỉ tiêu nào."
            )
        last.content = _join(last.content, texts[1])
        last.units = _join(last.units, texts[4])
        return last
    value_text = texts[3]
    at_least = bool(re.match(r"^(?:tối thiểu|ít nhất|trên|từ)\b", value_text.casefold()))
    found = re.search(r"\d+(?:[.,]\d+)?", value_text)
    try:
        value = Decimal(found.group(0).replace(",", ".")) if found else None
    except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
        value = None
    parent = number.rsplit(".", 1)[0] if "." in number else ""
    target = PlanTarget(number, texts[1], texts[2], value_text, at_least, value, texts[4], parent)
    targets.append(target)
    return target


@dataclass(frozen=True)
class PlanMeta:
    """What the decision text says about the plan (any of it may be missing)."""

    title: str = ""
    year: int | None = None
    decision_number: str = ""
    decision_date: dt.date | None = None
    issuer: str = ""
    area: str = ""  # "huyện Ba Tơ", after "trên địa bàn"
    legal_bases: tuple[str, ...] = ()


_DECISION = re.compile(r"Quyết định số\s+([\w/.-]+)\s+ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})", re.IGNORECASE)
_TITLE = re.compile(r"(Kế hoạch[^\n]*?năm\s+(\d{4})[^\n]*)", re.IGNORECASE)
_AREA = re.compile(r"trên địa bàn\s+([^\n*().,;]+)", re.IGNORECASE)


def read_plan_meta(text: str) -> PlanMeta:
    """Title, year, decision number and date, issuer and legal bases from the decision text."""
    clean = "\n".join(cell_text(line) for line in text.splitlines() if "\t" not in line)
    clean = re.sub(r"[*#]+", "", clean)
    # A heading "KẾ HOẠCH" on its own line names the plan on the next line.
    clean = re.sub(
        r"(?im)^[ \t]*kế hoạch[ \t]*\n+[ \t]*(\S)", lambda m: "Kế hoạch " + m.group(1).lower(), clean
    )
    title_match = _TITLE.search(clean)
    # The plan's own decision is the one it is "issued with", not one of its legal bases.
    own = re.search(r"kèm theo\s+(" + _DECISION.pattern + ")", clean, re.IGNORECASE)
    decision = _DECISION.search(own.group(1)) if own else None
    area = _AREA.search(title_match.group(1)) if title_match else _AREA.search(clean)
    issuer = next(
        (
            line.strip()
            for line in clean.splitlines()
            if line.strip().upper().startswith(("CHỦ TỊCH ỦY BAN", "ỦY BAN NHÂN DÂN"))
        ),
        "",
    )
    bases = tuple(line.strip() for line in clean.splitlines() if line.strip().startswith("Căn cứ"))
    decision_date = None
    if decision:
        try:
            decision_date = dt.date(int(decision.group(4)), int(decision.group(3)), int(decision.group(2)))
        except ValueError:
            decision_date = None
    area_text = area.group(1).strip() if area else ""
    if issuer.isupper():  # "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN BA TƠ" → "Chủ tịch ủy ban nhân dân huyện Ba Tơ"
        issuer = issuer[:1] + issuer[1:].lower()
        if area_text:
            issuer = issuer.replace(area_text.lower(), area_text)
    return PlanMeta(
        title=title_match.group(1).strip() if title_match else "",
        year=int(title_match.group(2)) if title_match else None,
        decision_number=decision.group(1) if decision else "",
        decision_date=decision_date,
        issuer=issuer,
        area=area_text,
        legal_bases=bases,
    )
