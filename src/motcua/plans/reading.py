"""Reading an uploaded plan file (text, markdown or .docx) into the core's rows and decision text."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from motcua.core.plan_document import (
    PlanDocument,
    PlanFormatError,
    PlanMeta,
    decode,
    parse_plan_rows,
    read_plan_meta,
    rows_from_markdown,
    rows_from_text,
)

MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ReadPlan:
    document: PlanDocument
    meta: PlanMeta
    text: str  # the decision's prose, kept with the plan


def read_plan_file(name: str, data: bytes) -> ReadPlan:
    """Read a plan from a .txt/.md text form or a .docx; a clear `PlanFormatError` for anything else."""
    if len(data) > MAX_BYTES:
        raise PlanFormatError(f"Tệp quá lớn ({len(data) // 1024 // 1024} MB); tối đa 20 MB.")
    if data[:2] == b"PK" or name.lower().endswith(".docx"):
        return _read_docx(data)
    text = decode(data)
    rows = rows_from_markdown(text) if _is_markdown_table(text) else rows_from_text(text)
    return ReadPlan(parse_plan_rows(rows), read_plan_meta(text), _prose(text))


def _is_markdown_table(text: str) -> bool:
    lines = [ln.strip() for ln in text.splitlines()]
    return any(re.fullmatch(r"\|(?:\s*:?-+:?\s*\|)+", ln) for ln in lines)


def _prose(text: str) -> str:
    return "\n".join(
        ln for ln in text.splitlines() if "\t" not in ln and not ln.strip().startswith("|")
    ).strip()


def _read_docx(data: bytes) -> ReadPlan:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise PlanFormatError("Tệp .docx bị hỏng hoặc không phải tài liệu Word.") from exc
    rows: list[list[str]] = []
    for table in document.tables:
        above: list[object] = []
        for row in table.rows:
            cells = list(row.cells)  # one per grid column: merged cells come back more than once
            current = [cell._tc for cell in cells]
            texts = []
            for index, cell in enumerate(cells):
                merged_left = index > 0 and current[index] is current[index - 1]
                merged_down = index < len(above) and current[index] is above[index]
                # A merged cell is read once, where it starts; its other grid places are empty, so a row
                # keeps its five columns and a page-break continuation row does not repeat the text above.
                texts.append("" if merged_left or merged_down else _cell(cell))
            rows.append(texts)
            above = current
    prose = "\n".join(p.text for p in document.paragraphs)
    return ReadPlan(parse_plan_rows(rows), read_plan_meta(prose), prose.strip())


def _cell(cell: object) -> str:
    paragraphs = [p for p in cell.paragraphs if p.text.strip()]  # type: ignore[attr-defined]
    text = "\n".join(p.text for p in paragraphs)
    runs = [r for p in paragraphs for r in p.runs if r.text.strip()]
    if runs and all(r.bold for r in runs):
        return f"<b>{text}</b>"
    return text
