"""The one-stop forms (Mẫu) in force on a day, and dates written the administrative way.

The form list is versioned data, like the catalogue: a dossier prints the forms of the set in force on
its own date, so a 2024 dossier reprinted in 2026 still shows the 2024 titles and numbers.

- Set 1, Circular 01/2018/TT-VPCP (Art. 9 and its Appendix; regulations.md §1.9): Mẫu 01–06, no notice
  of stopping. It starts on 2018-08-21 as the project fixed it; the Circular itself is dated 23/11/2018,
  so its real effect date is later and is still to be checked.
- Set 2, Circular 03/2025/TT-VPCP Appendix I, from 2025-07-01 (with Decree 118/2025): Mẫu 01–07, adding
  the notice of stopping and renaming the apology. This list is reported, not verified: its only source
  is a second-hand research document (regulations.md §1.12). Check it against the Circular's text.

Dates follow Decree 30/2020/NĐ-CP (Appendix I): a day below 10 and the months 1 and 2 take a leading
zero, other months do not: "ngày 05 tháng 3 năm 2026", "ngày 20 tháng 01 năm 2025".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from motcua.core.calendar import TZ


class FormKind(StrEnum):
    RECEIPT = "receipt"  # Giấy tiếp nhận hồ sơ và hẹn trả kết quả
    SUPPLEMENT_REQUEST = "supplement_request"  # Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
    REFUSAL = "refusal"  # Phiếu từ chối tiếp nhận giải quyết hồ sơ
    APOLOGY = "apology"  # phiếu/văn bản xin lỗi
    STOP_NOTICE = "stop_notice"  # Thông báo dừng giải quyết hồ sơ (2025 only)
    CONTROL_SLIP = "control_slip"  # Phiếu kiểm soát quá trình giải quyết hồ sơ
    TRACKING_BOOK = "tracking_book"  # Sổ theo dõi hồ sơ


@dataclass(frozen=True)
class FormName:
    number: str  # "01": printed as "Mẫu số 01"
    title: str  # as in the Circular; printed upper-cased as the form's title


@dataclass(frozen=True)
class FormSet:
    code: str
    valid_from: dt.date
    valid_to: dt.date | None  # last day in force, included; None = still in force
    basis: str  # printed under "Mẫu số …" on every form
    forms: Mapping[FormKind, FormName]

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _forms(*pairs: tuple[FormKind, str]) -> Mapping[FormKind, FormName]:
    # Numbered in the order given, as the Appendices number them.
    return MappingProxyType({kind: FormName(f"{n:02d}", title) for n, (kind, title) in enumerate(pairs, 1)})


FORM_SETS: tuple[FormSet, ...] = (
    FormSet(
        code="tt01-2018",
        valid_from=dt.date(2018, 8, 21),
        valid_to=dt.date(2025, 6, 30),
        basis="Ban hành kèm theo Thông tư số 01/2018/TT-VPCP",
        forms=_forms(
            (FormKind.RECEIPT, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
            (FormKind.SUPPLEMENT_REQUEST, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
            (FormKind.REFUSAL, "Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
            (FormKind.APOLOGY, "Phiếu xin lỗi và hẹn lại ngày trả kết quả"),
            (FormKind.CONTROL_SLIP, "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
            (FormKind.TRACKING_BOOK, "Sổ theo dõi hồ sơ"),
        ),
    ),
    FormSet(
        code="tt03-2025",
        valid_from=dt.date(2025, 7, 1),
        valid_to=None,
        basis="Phụ lục I ban hành kèm theo Thông tư số 03/2025/TT-VPCP",
        forms=_forms(
            (FormKind.RECEIPT, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
            (FormKind.SUPPLEMENT_REQUEST, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
            (FormKind.REFUSAL, "Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
            (FormKind.APOLOGY, "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"),
            (FormKind.STOP_NOTICE, "Thông báo dừng giải quyết hồ sơ"),
            (FormKind.CONTROL_SLIP, "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
            (FormKind.TRACKING_BOOK, "Sổ theo dõi hồ sơ"),
        ),
    ),
)


def form_set_on(day: dt.date) -> FormSet:
    """The form set in force on `day` (the dossier's date, or a book's period end)."""
    for form_set in FORM_SETS:
        if form_set.in_force_on(day):
            return form_set
    raise ValueError(f"không có bộ biểu mẫu một cửa nào có hiệu lực ngày {short_date(day)}")


def form_name(kind: FormKind, day: dt.date) -> FormName:
    """The number and title of a form on `day`; a form the set in force does not have is an error."""
    form_set = form_set_on(day)
    try:
        return form_set.forms[kind]
    except KeyError:
        raise ValueError(
            f"bộ biểu mẫu áp dụng ngày {short_date(day)} ({form_set.basis}) không có biểu mẫu “{kind}”"
        ) from None


def _month(month: int) -> str:
    # Decree 30/2020: only January and February are zero-padded, so "tháng 1" never reads as "tháng 10".
    return f"{month:02d}" if month <= 2 else str(month)


def vietnamese_date(day: dt.date) -> str:
    """ "ngày 05 tháng 3 năm 2026" (Decree 30/2020, Appendix I)."""
    return f"ngày {day.day:02d} tháng {_month(day.month)} năm {day.year}"


def short_date(day: dt.date) -> str:
    """ "05/3/2026": the numeric date of legal citations, with the same padding as `vietnamese_date`."""
    return f"{day.day:02d}/{_month(day.month)}/{day.year}"


def _local(moment: dt.datetime) -> dt.datetime:
    # The database keeps UTC; a slip shows the office's wall clock. A naive time is taken as local already.
    return moment.astimezone(TZ) if moment.tzinfo is not None else moment


def vietnamese_time(moment: dt.datetime) -> str:
    """ "14 giờ 05 phút, ngày 05 tháng 3 năm 2026", in Vietnam time."""
    local = _local(moment)
    return f"{local.hour:02d} giờ {local.minute:02d} phút, {vietnamese_date(local.date())}"


def short_time(moment: dt.datetime) -> str:
    """ "14:05 05/3/2026": for table cells, where the long form would not fit."""
    local = _local(moment)
    return f"{local:%H:%M} {short_date(local.date())}"
