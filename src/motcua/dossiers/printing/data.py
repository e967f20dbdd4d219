"""What each one-stop form prints, as plain frozen values (Circular 01/2018 Art. 9; regulations.md §1.9, §1.12).

The renderers read only these values, never the models, so a form can be printed from a test, a
preview or a record kept on paper. Each form carries `day` (the dossier's date, or a book's period end):
it picks the form set, hence the number and title, so a dossier keeps the forms of the rules it was
received under. The derived wording (titles, dates in words, outcome labels) lives here as properties
so that the PDF and the DOCX cannot disagree about it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from motcua.core.form_sets import (
    FormKind,
    FormName,
    form_name,
    form_set_on,
    short_time,
    vietnamese_date,
    vietnamese_time,
)

# Circular 01/2018 Art. 13: the result of each hand-over against the time allotted to it.
OUTCOME_LABELS: dict[str, str] = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn", "": ""}


@dataclass(frozen=True)
class Paper:
    name: str
    width_mm: int
    height_mm: int
    margins_mm: tuple[int, int, int, int]  # top, right, bottom, left (Decree 30/2020: binding edge wider)
    body_pt: int
    header_pt: int  # the two-column heading and the signers' titles
    heading_left: int  # per cent of the text width for the agency's column; the motto takes the rest
    table_pt: int  # table cells

    @property
    def text_width_mm(self) -> int:
        return self.width_mm - self.margins_mm[1] - self.margins_mm[3]


# Decree 30/2020 sizes (13 pt text, 12–13 pt heading) are for A4. On A5 the bold national motto is
# 74 mm wide at 10 pt and the text block 123 mm, so the two heading columns fit side by side only at
# 10 pt, and a receipt slip with its components and both signatures fits one page only at 12 pt.
# The book's 13 columns need 9 pt cells even on A4 landscape.
A5 = Paper("A5", 148, 210, (10, 10, 10, 15), body_pt=12, header_pt=10, heading_left=37, table_pt=11)
A4_LANDSCAPE = Paper("A4", 297, 210, (20, 15, 20, 25), body_pt=13, header_pt=13, heading_left=45, table_pt=9)


@dataclass(frozen=True)
class Agency:
    parent_name: str  # "UBND HUYỆN BA TƠ"
    name: str  # "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
    place: str  # "Ba Tơ": starts the "<place>, ngày … tháng … năm …" line


@dataclass(frozen=True)
class Applicant:
    name: str
    address: str
    phone: str
    email: str


def _count(value: int | None) -> str:
    return "" if value is None else f"{value:02d}"


@dataclass(frozen=True)
class Component:
    name: str
    originals: int | None  # bản chính
    certified_copies: int | None  # bản sao chứng thực
    copies: int | None  # bản photo

    @property
    def counts(self) -> tuple[str, str, str]:
        return _count(self.originals), _count(self.certified_copies), _count(self.copies)


class PrintedForm:
    """What every form shares: the heading, the "Mẫu số" reference and the title of its regime."""

    kind: ClassVar[FormKind]
    paper: ClassVar[Paper] = A5
    signer_caption: ClassVar[str] = "(Ký và ghi rõ họ tên)"
    agency: Agency
    issued_on: dt.date
    day: dt.date

    @property
    def name(self) -> FormName:
        return form_name(self.kind, self.day)

    @property
    def title(self) -> str:
        return self.name.title.upper()

    @property
    def number_label(self) -> str:
        return f"Mẫu số {self.name.number}"

    @property
    def basis(self) -> str:
        return f"({form_set_on(self.day).basis})"

    @property
    def place_date(self) -> str:
        return f"{self.agency.place}, {vietnamese_date(self.issued_on)}"


@dataclass(frozen=True)
class ReceiptSlip(PrintedForm):
    kind: ClassVar[FormKind] = FormKind.RECEIPT
    agency: Agency
    dossier_code: str
    applicant: Applicant
    matter: str  # the procedure's name
    components: Sequence[Component]
    sets: int
    time_limit_text: str  # "05 ngày làm việc"
    received_at: dt.datetime
    appointment_at: dt.datetime
    return_place: str
    book_volume: str
    book_number: int | None
    officer_name: str
    tracking_url: str  # the QR code at the top left (Circular 01/2023)
    issued_on: dt.date
    day: dt.date

    @property
    def sets_text(self) -> str:
        return f"{self.sets:02d}"

    @property
    def received_text(self) -> str:
        return vietnamese_time(self.received_at)

    @property
    def appointment_text(self) -> str:
        return vietnamese_time(self.appointment_at)

    @property
    def book_text(self) -> str:
        number = "…" if self.book_number is None else f"{self.book_number:02d}"
        return f"Quyển số: {self.book_volume or '…'}, Số thứ tự: {number}"


@dataclass(frozen=True)
class SupplementRequest(PrintedForm):
    kind: ClassVar[FormKind] = FormKind.SUPPLEMENT_REQUEST
    agency: Agency
    dossier_code: str  # "" when the dossier was never received
    applicant: Applicant
    matter: str
    items: Sequence[Component]
    reason: str
    contact: str  # whom to ask, with the phone number
    officer_name: str
    issued_on: dt.date
    after_appraisal: bool  # Decree 61/2018 Art. 19(4): the same form after appraisal
    day: dt.date

    @property
    def lead_text(self) -> str:
        if self.after_appraisal:
            return (
                "Qua thẩm định, hồ sơ chưa đủ điều kiện giải quyết. Đề nghị ông/bà bổ sung, "
                "hoàn thiện hồ sơ gồm những nội dung sau:"
            )
        return "Yêu cầu ông/bà hoàn thiện hồ sơ gồm những nội dung sau:"


@dataclass(frozen=True)
class Refusal(PrintedForm):
    kind: ClassVar[FormKind] = FormKind.REFUSAL
    agency: Agency
    dossier_code: str
    applicant: Applicant
    matter: str
    reason: str
    officer_name: str
    issued_on: dt.date
    day: dt.date


@dataclass(frozen=True)
class Apology(PrintedForm):
    kind: ClassVar[FormKind] = FormKind.APOLOGY
    signer_caption: ClassVar[str] = "(Ký, ghi rõ họ tên và đóng dấu)"
    agency: Agency
    dossier_code: str
    applicant: Applicant
    received_on: dt.date
    field: str  # lĩnh vực
    original_appointment: dt.datetime
    reason: str
    new_appointment: dt.datetime
    signer_title: str
    signer_name: str
    recipients: Sequence[str]
    issued_on: dt.date
    day: dt.date

    @property
    def received_text(self) -> str:
        return vietnamese_date(self.received_on).capitalize()

    @property
    def original_text(self) -> str:
        return vietnamese_time(self.original_appointment)

    @property
    def new_label(self) -> str:
        # Under Circular 03/2025 the letter asks for an extension rather than fixing a new date itself.
        if FormKind.STOP_NOTICE in form_set_on(self.day).forms:
            return "Đề nghị gia hạn thời gian giải quyết đến"
        return "Thời gian hẹn trả kết quả lại"

    @property
    def new_text(self) -> str:
        return vietnamese_time(self.new_appointment)


@dataclass(frozen=True)
class StopNotice(PrintedForm):
    kind: ClassVar[FormKind] = FormKind.STOP_NOTICE
    signer_caption: ClassVar[str] = "(Ký, ghi rõ họ tên và đóng dấu)"
    agency: Agency
    dossier_code: str
    applicant: Applicant
    matter: str
    reason: str
    signer_title: str
    signer_name: str
    issued_on: dt.date
    day: dt.date


@dataclass(frozen=True)
class ControlRow:
    giver: str
    receiver: str
    handed_at: dt.datetime
    outcome: str  # "early" | "on_time" | "late"; "" for the first hand-over, which has no allotted time
    note: str

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOME_LABELS:
            raise ValueError(f"kết quả bước xử lý “{self.outcome}” không hợp lệ")

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

    @property
    def handed_text(self) -> str:
        return vietnamese_time(self.handed_at)


@dataclass(frozen=True)
class ControlSlip(PrintedForm):
    kind: ClassVar[FormKind] = FormKind.CONTROL_SLIP
    agency: Agency
    dossier_code: str
    applicant: Applicant
    matter: str
    received_at: dt.datetime
    appointment_at: dt.datetime
    settling_unit: str
    coordinating: str  # "" when no other agency takes part
    rows: Sequence[ControlRow]
    issued_on: dt.date
    day: dt.date

    @property
    def received_text(self) -> str:
        return vietnamese_time(self.received_at)

    @property
    def appointment_text(self) -> str:
        return vietnamese_time(self.appointment_at)


def _short(moment: dt.datetime | None) -> str:
    return "" if moment is None else short_time(moment)


@dataclass(frozen=True)
class BookRow:
    number: int
    dossier_code: str
    matter: str
    sets: int
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    lead_agency: str
    received_at: dt.datetime
    appointment_at: dt.datetime
    transferred_at: dt.datetime | None
    result_back_at: dt.datetime | None
    returned_at: dt.datetime | None
    note: str

    @property
    def cells(self) -> tuple[str, ...]:
        """The row as printed, in the order of `BOOK_COLUMNS`."""
        contact = ", ".join(part for part in (self.applicant_address, self.applicant_phone) if part)
        return (
            f"{self.number:02d}",
            self.dossier_code,
            self.matter,
            f"{self.sets:02d}",
            self.applicant_name,
            contact,
            self.lead_agency,
            _short(self.received_at),
            _short(self.appointment_at),
            _short(self.transferred_at),
            _short(self.result_back_at),
            _short(self.returned_at),
            self.note,
        )


# The book's columns were not found in any source; these are the typical ones that regulations.md §1.9
# lists as background knowledge, to check against the Appendix. Widths (per cent) keep a dossier code
# on one line and a date on two.
BOOK_COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 3),
    ("Mã hồ sơ", 12),
    ("Tên thủ tục hành chính", 12),
    ("Số lượng hồ sơ (bộ)", 5),
    ("Tên cá nhân, tổ chức", 9),
    ("Địa chỉ, số điện thoại", 10),
    ("Cơ quan chủ trì giải quyết", 8),
    ("Nhận hồ sơ", 7.2),
    ("Hẹn trả kết quả", 7.2),
    ("Chuyển hồ sơ đến cơ quan giải quyết", 7.2),
    ("Nhận kết quả từ cơ quan giải quyết", 7.2),
    ("Trả kết quả cho cá nhân, tổ chức", 7.2),
    ("Ghi chú", 5),
)


@dataclass(frozen=True)
class TrackingBook(PrintedForm):
    kind: ClassVar[FormKind] = FormKind.TRACKING_BOOK
    paper: ClassVar[Paper] = A4_LANDSCAPE
    agency: Agency
    unit_name: str
    period_label: str  # "Quý I/2026"
    rows: Sequence[BookRow]
    issued_on: dt.date
    day: dt.date  # the period's end

    @property
    def subtitle(self) -> str:
        return f"{self.unit_name} – {self.period_label}"


Form = ReceiptSlip | SupplementRequest | Refusal | Apology | StopNotice | ControlSlip | TrackingBook
