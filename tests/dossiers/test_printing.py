"""The one-stop forms rendered to PDF and DOCX and read back: titles by regime, content, paper, QR, fonts."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable
from functools import cache

import docx
import pypdf
import pytest
import segno
from docx.oxml.ns import qn
from PIL import Image

from motcua.core.calendar import TZ
from motcua.dossiers.printing import content_type, filename, render
from motcua.dossiers.printing.data import (
    Agency,
    Apology,
    Applicant,
    BookRow,
    Component,
    ControlRow,
    ControlSlip,
    Form,
    ReceiptSlip,
    Refusal,
    StopNotice,
    SupplementRequest,
    TrackingBook,
)
from motcua.dossiers.printing.qr import QUIET_ZONE, SCALE, qr_matrix

D = dt.date
A5_PT = (419.53, 595.28)
A4_LANDSCAPE_PT = (841.89, 595.28)


def at(year: int, month: int, day: int, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


DISTRICT = Agency("UBND HUYỆN BA TƠ", "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", "Ba Tơ")
COMMUNE = Agency("UBND XÃ BA TƠ", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Ba Tơ")
HUNG = Applicant(
    "Phạm Văn Hùng", "Thôn Làng Mạ, xã Ba Điền, huyện Ba Tơ", "0905 123 456", "hung.pv@gmail.com"
)
LAN = Applicant("Đinh Thị Lan", "Tổ dân phố Trung Hòa, xã Ba Tơ, tỉnh Quảng Ngãi", "0342 818 227", "")
BIRTH = "Đăng ký khai sinh"
BUSINESS = "Đăng ký thành lập hộ kinh doanh"
CODE_2024 = "535-MC-241001-0007"
CODE_2025 = "21484-250901-0012"
URL = "https://motcua.quangngai.gov.vn/tra-cuu?ma=535-MC-241001-0007"


def receipt_2024() -> ReceiptSlip:
    return ReceiptSlip(
        agency=DISTRICT,
        dossier_code=CODE_2024,
        applicant=HUNG,
        matter=BIRTH,
        components=[
            Component("Tờ khai đăng ký khai sinh", 1, None, None),
            Component("Giấy chứng sinh", 1, None, None),
            Component("Giấy chứng nhận kết hôn của cha, mẹ", None, 1, None),
        ],
        sets=1,
        time_limit_text="01 ngày làm việc",
        received_at=at(2024, 10, 1, 14, 5),
        appointment_at=at(2024, 10, 2, 14, 5),
        return_place="Bộ phận Tiếp nhận và Trả kết quả huyện Ba Tơ",
        book_volume="01/2024",
        book_number=7,
        officer_name="Nguyễn Thị Hoa",
        tracking_url=URL,
        issued_on=D(2024, 10, 1),
        day=D(2024, 10, 1),
    )


def supplement_2025(*, code: str = CODE_2025, after_appraisal: bool = True) -> SupplementRequest:
    return SupplementRequest(
        agency=COMMUNE,
        dossier_code=code,
        applicant=LAN,
        matter=BUSINESS,
        items=[Component("Bản sao hợp đồng thuê địa điểm kinh doanh", None, 1, None)],
        reason="Hợp đồng thuê địa điểm chưa có chữ ký của bên cho thuê.",
        contact="ông Phạm Văn Tú, số điện thoại 0255 3861 234",
        officer_name="Phạm Văn Tú",
        issued_on=D(2025, 9, 3),
        after_appraisal=after_appraisal,
        day=D(2025, 9, 1),
    )


def refusal_2024() -> Refusal:
    return Refusal(
        agency=DISTRICT,
        dossier_code="",
        applicant=HUNG,
        matter="Cấp giấy phép xây dựng nhà ở riêng lẻ",
        reason="Thửa đất thuộc hành lang bảo vệ công trình thủy lợi, không đủ điều kiện cấp phép.",
        officer_name="Nguyễn Thị Hoa",
        issued_on=D(2024, 6, 28),
        day=D(2024, 6, 28),
    )


def apology(day: dt.date, code: str) -> Apology:
    return Apology(
        agency=DISTRICT if day.year == 2024 else COMMUNE,
        dossier_code=code,
        applicant=HUNG,
        received_on=day - dt.timedelta(days=20),
        field="Đất đai",
        original_appointment=dt.datetime.combine(day, dt.time(16, 30), tzinfo=TZ),
        reason="Phải xác minh nguồn gốc thửa đất với UBND xã Ba Điền.",
        new_appointment=dt.datetime.combine(day + dt.timedelta(days=7), dt.time(9, 0), tzinfo=TZ),
        signer_title="Trưởng phòng Tài nguyên và Môi trường",
        signer_name="Đinh Văn Nam",
        recipients=["Như trên", "Lưu: VT"],
        issued_on=day,
        day=day,
    )


def stop_notice(day: dt.date) -> StopNotice:
    return StopNotice(
        agency=COMMUNE,
        dossier_code=CODE_2025,
        applicant=LAN,
        matter=BUSINESS,
        reason="Người nộp hồ sơ có văn bản đề nghị dừng giải quyết ngày 15/9/2025.",
        signer_title="Giám đốc",
        signer_name="Trương Quang Minh",
        issued_on=day,
        day=day,
    )


def control(day: dt.date, code: str) -> ControlSlip:
    received = dt.datetime.combine(day, dt.time(8, 10), tzinfo=TZ)
    return ControlSlip(
        agency=DISTRICT if day.year == 2024 else COMMUNE,
        dossier_code=code,
        applicant=LAN,
        matter=BUSINESS,
        received_at=received,
        appointment_at=received + dt.timedelta(days=3),
        settling_unit="Phòng Tài chính – Kế hoạch",
        coordinating="",
        rows=[
            ControlRow("Bộ phận Một cửa", "Chuyên viên Phòng Tài chính – Kế hoạch", received, "", ""),
            ControlRow("Chuyên viên", "Trưởng phòng", received + dt.timedelta(hours=5), "early", "Đã xử lý"),
            ControlRow("Trưởng phòng", "Văn thư", received + dt.timedelta(days=2), "on_time", "Đã xử lý"),
            ControlRow(
                "Văn thư", "Bộ phận Một cửa", received + dt.timedelta(days=4), "late", "Đã trả kết quả"
            ),
        ],
        issued_on=day,
        day=day,
    )


def book(day: dt.date, label: str) -> TrackingBook:
    received = dt.datetime.combine(day - dt.timedelta(days=60), dt.time(8, 0), tzinfo=TZ)
    unit, agency, lead = (
        ("535-MC", DISTRICT, "UBND huyện Ba Tơ") if day.year == 2024 else ("21484", COMMUNE, "UBND xã Ba Tơ")
    )
    rows = [
        BookRow(1, f"{unit}-{received:%y%m%d}-0001", BIRTH, 1, "Phạm Văn Hùng", "Thôn Làng Mạ", "0905 123 456", lead,
                received, received + dt.timedelta(days=1), None, None, received + dt.timedelta(days=1), ""),
        BookRow(2, f"{unit}-{received:%y%m%d}-0002", BUSINESS, 2, "Đinh Thị Lan", "Tổ dân phố Trung Hòa", "", lead,
                received, received + dt.timedelta(days=3), received + dt.timedelta(hours=2), None, None, "Đang xử lý"),
    ]  # fmt: skip
    name = "Huyện Ba Tơ" if day.year == 2024 else "Xã Ba Tơ"
    return TrackingBook(agency=agency, unit_name=name, period_label=label, rows=rows, issued_on=day, day=day)


# The text each form must show, whatever the format: title and number of its regime, and its data.
CASES: dict[str, tuple[Callable[[], Form], list[str]]] = {
    "receipt-2024": (
        receipt_2024,
        [
            "Mẫu số 01", "(Ban hành kèm theo Thông tư số 01/2018/TT-VPCP)", "UBND HUYỆN BA TƠ",
            "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc", "Ba Tơ, ngày 01 tháng 10 năm 2024",
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Mã hồ sơ: 535-MC-241001-0007",
            "Tiếp nhận hồ sơ của: Phạm Văn Hùng", "Số điện thoại: 0905 123 456; Email: hung.pv@gmail.com",
            "Nội dung yêu cầu giải quyết: Đăng ký khai sinh", "Tờ khai đăng ký khai sinh", "Giấy chứng sinh",
            "Giấy chứng nhận kết hôn của cha, mẹ", "2. Số lượng hồ sơ: 01 (bộ)",
            "3. Thời gian giải quyết hồ sơ theo quy định là: 01 ngày làm việc",
            "4. Thời gian nhận hồ sơ: 14 giờ 05 phút, ngày 01 tháng 10 năm 2024",
            "5. Thời gian trả kết quả giải quyết hồ sơ: 14 giờ 05 phút, ngày 02 tháng 10 năm 2024",
            "6. Đăng ký nhận kết quả tại: Bộ phận Tiếp nhận và Trả kết quả huyện Ba Tơ",
            "Vào Sổ theo dõi hồ sơ, Quyển số: 01/2024, Số thứ tự: 07",
            "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "Nguyễn Thị Hoa",
        ],
    ),
    "supplement-2025": (
        supplement_2025,
        [
            "Mẫu số 02", "(Phụ lục I ban hành kèm theo Thông tư số 03/2025/TT-VPCP)", "UBND XÃ BA TƠ",
            "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Ba Tơ, ngày 03 tháng 9 năm 2025",
            "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Mã hồ sơ: 21484-250901-0012",
            "Tiếp nhận hồ sơ của: Đinh Thị Lan", "Nội dung yêu cầu giải quyết: Đăng ký thành lập hộ kinh doanh",
            "Qua thẩm định, hồ sơ chưa đủ điều kiện giải quyết.", "Bản sao hợp đồng thuê địa điểm kinh doanh",
            "Lý do: Hợp đồng thuê địa điểm chưa có chữ ký của bên cho thuê.",
            "liên hệ ông Phạm Văn Tú, số điện thoại 0255 3861 234 để được hướng dẫn./.", "NGƯỜI HƯỚNG DẪN",
        ],
    ),
    "refusal-2024": (
        refusal_2024,
        [
            "Mẫu số 03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Ba Tơ, ngày 28 tháng 6 năm 2024",
            "Nội dung yêu cầu giải quyết: Cấp giấy phép xây dựng nhà ở riêng lẻ",
            "Thửa đất thuộc hành lang bảo vệ công trình thủy lợi, không đủ điều kiện cấp phép.",
        ],
    ),
    "apology-2024": (
        lambda: apology(D(2024, 10, 1), CODE_2024),
        [
            "Mẫu số 04", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "Kính gửi: Phạm Văn Hùng",
            "Ngày 11 tháng 9 năm 2024, chúng tôi tiếp nhận giải quyết hồ sơ của ông/bà thuộc lĩnh vực Đất đai.",
            "Mã hồ sơ: 535-MC-241001-0007",
            "Thời gian hẹn trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 01 tháng 10 năm 2024",
            "Lý do: Phải xác minh nguồn gốc thửa đất với UBND xã Ba Điền.",
            "Thời gian hẹn trả kết quả lại: 09 giờ 00 phút, ngày 08 tháng 10 năm 2024",
            "TRƯỞNG PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Đinh Văn Nam", "Nơi nhận:", "- Như trên", "- Lưu: VT",
        ],
    ),
    "apology-2025": (
        lambda: apology(D(2025, 9, 1), CODE_2025),
        [
            "Mẫu số 04", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
            "Ngày 12 tháng 8 năm 2025, chúng tôi tiếp nhận",
            "Đề nghị gia hạn thời gian giải quyết đến: 09 giờ 00 phút, ngày 08 tháng 9 năm 2025",
        ],
    ),
    "stop-notice-2025": (
        lambda: stop_notice(D(2025, 9, 16)),
        [
            "Mẫu số 05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "Kính gửi: Đinh Thị Lan",
            "Mã hồ sơ: 21484-250901-0012", "Chúng tôi thông báo dừng giải quyết hồ sơ nêu trên.",
            "Lý do: Người nộp hồ sơ có văn bản đề nghị dừng giải quyết ngày 15/9/2025.", "GIÁM ĐỐC",
            "Trương Quang Minh",
        ],
    ),
    "control-2024": (
        lambda: control(D(2024, 2, 5), "535-MC-240205-0002"),
        [
            "Mẫu số 05", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Mã hồ sơ: 535-MC-240205-0002",
            "Thời gian nhận hồ sơ: 08 giờ 10 phút, ngày 05 tháng 02 năm 2024",
            "Thời gian hẹn trả kết quả: 08 giờ 10 phút, ngày 08 tháng 02 năm 2024",
            "Cơ quan (bộ phận) giải quyết hồ sơ: Phòng Tài chính – Kế hoạch",
            "Cơ quan phối hợp giải quyết hồ sơ: Không", "1. Giao: Bộ phận Một cửa",
            "2. Nhận: Chuyên viên Phòng Tài chính – Kế hoạch", "13 giờ 10 phút, ngày 05 tháng 02 năm 2024",
            "Trước hạn", "Đúng hạn", "Quá hạn", "Đã trả kết quả",
        ],
    ),
    "control-2025": (
        lambda: control(D(2025, 9, 1), CODE_2025),
        ["Mẫu số 06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Trước hạn", "Đúng hạn", "Quá hạn"],
    ),
    "book-2024": (
        lambda: book(D(2024, 12, 14), "Năm 2024"),
        ["Mẫu số 06", "SỔ THEO DÕI HỒ SƠ", "Huyện Ba Tơ – Năm 2024", "535-MC-241015-0001", "UBND huyện Ba Tơ"],
    ),
    "book-2025": (
        lambda: book(D(2025, 12, 14), "Quý IV/2025"),
        [
            "Mẫu số 07", "SỔ THEO DÕI HỒ SƠ", "Xã Ba Tơ – Quý IV/2025", "Mã hồ sơ", "Trả kết quả cho cá nhân, tổ chức",
            "21484-251015-0001", "21484-251015-0002", "Thôn Làng Mạ, 0905 123 456", "08:00 15/10/2025", "08:00 16/10/2025",
            "10:00 15/10/2025", "Đang xử lý",
        ],
    ),
}  # fmt: skip


@cache
def rendered(case: str, fmt: str) -> bytes:
    return render(CASES[case][0](), fmt)


def _plain(text: str) -> str:
    # pypdf may give decomposed marks and breaks lines where the layout did: compare NFC, one space.
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def pdf_text(data: bytes) -> str:
    return _plain(" ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages))


def docx_text(data: bytes) -> str:
    body = docx.Document(io.BytesIO(data)).element.body
    # Every paragraph in document order, those inside table cells included.
    return _plain(" ".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))))


READERS = {"pdf": pdf_text, "docx": docx_text}


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("case", list(CASES))
def test_each_form_shows_its_regime_and_data(case: str, fmt: str) -> None:
    text = READERS[fmt](rendered(case, fmt))
    missing = [phrase for phrase in CASES[case][1] if _plain(phrase) not in text]
    assert missing == []


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_form_shows_only_the_title_of_its_own_regime(fmt: str) -> None:
    old, new = READERS[fmt](rendered("apology-2024", fmt)), READERS[fmt](rendered("apology-2025", fmt))
    assert "VĂN BẢN XIN LỖI" not in old
    assert "Thông tư số 03/2025" not in old
    assert "PHIẾU XIN LỖI" not in new
    assert "Thông tư số 01/2018" not in new


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_outcomes_follow_the_hand_overs_in_order(fmt: str) -> None:
    text = READERS[fmt](rendered("control-2025", fmt))
    positions = [text.index(label) for label in ("Trước hạn", "Đúng hạn", "Quá hạn")]
    assert positions == sorted(positions)
    assert "Trước hạn/ đúng hạn/ quá hạn" in text  # the column heading, not a step's result


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_request_before_receipt_has_no_code_line(fmt: str) -> None:
    text = READERS[fmt](render(supplement_2025(code="", after_appraisal=False), fmt))
    assert "Mã hồ sơ" not in text
    assert "Yêu cầu ông/bà hoàn thiện hồ sơ gồm những nội dung sau:" in text
    assert "Qua thẩm định" not in text


@pytest.mark.parametrize(
    ("case", "size"),
    [
        ("receipt-2024", A5_PT),
        ("supplement-2025", A5_PT),
        ("refusal-2024", A5_PT),
        ("apology-2025", A5_PT),
        ("stop-notice-2025", A5_PT),
        ("book-2025", A4_LANDSCAPE_PT),
    ],
)
def test_a_short_form_is_one_page_of_its_paper(case: str, size: tuple[float, float]) -> None:
    (page,) = pypdf.PdfReader(io.BytesIO(rendered(case, "pdf"))).pages
    assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == size


def test_a_long_control_slip_repeats_its_table_heading_on_every_a5_page() -> None:
    pages = pypdf.PdfReader(io.BytesIO(rendered("control-2024", "pdf"))).pages
    for page in pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == A5_PT
        assert "TÊN CƠ QUAN" in _plain(page.extract_text())


@pytest.mark.parametrize(("case", "size_mm"), [("receipt-2024", (148, 210)), ("book-2024", (297, 210))])
def test_docx_paper(case: str, size_mm: tuple[int, int]) -> None:
    section = docx.Document(io.BytesIO(rendered(case, "docx"))).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == size_mm


def _modules(image: Image.Image) -> tuple[tuple[bool, ...], ...]:
    """Read a QR code image back into modules, sampling the centre of each SCALE×SCALE cell."""
    grey = image.convert("L")
    count = grey.width // SCALE - 2 * QUIET_ZONE
    assert grey.width == grey.height == (count + 2 * QUIET_ZONE) * SCALE
    pixels = grey.tobytes()  # one byte per pixel, row by row

    def dark(x: int, y: int) -> bool:
        centre = SCALE // 2
        return (
            pixels[((y + QUIET_ZONE) * SCALE + centre) * grey.width + (x + QUIET_ZONE) * SCALE + centre] < 128
        )

    return tuple(tuple(dark(x, y) for x in range(count)) for y in range(count))


def _segno_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    code = segno.make_qr(url, error="m", boost_error=False)
    assert code.error == "M"
    return tuple(tuple(bool(module) for module in row) for row in code.matrix)


def test_the_receipt_pdf_carries_the_qr_code_of_its_tracking_url() -> None:
    page = pypdf.PdfReader(io.BytesIO(rendered("receipt-2024", "pdf"))).pages[0]
    (image,) = page.images
    assert _modules(image.image) == _segno_matrix(URL) == qr_matrix(URL)


def test_the_receipt_docx_carries_the_qr_code_of_its_tracking_url() -> None:
    document = docx.Document(io.BytesIO(rendered("receipt-2024", "docx")))
    (shape,) = document.inline_shapes
    blip = shape._inline.graphic.graphicData.pic.blipFill.blip
    blob = document.part.related_parts[blip.embed].blob
    assert _modules(Image.open(io.BytesIO(blob))) == _segno_matrix(URL)


def test_only_the_receipt_has_a_qr_code() -> None:
    assert len(pypdf.PdfReader(io.BytesIO(rendered("control-2025", "pdf"))).pages[0].images) == 0
    assert len(docx.Document(io.BytesIO(rendered("control-2025", "docx"))).inline_shapes) == 0


def test_the_pdf_is_set_in_times_or_its_metric_twin() -> None:
    fonts = pypdf.PdfReader(io.BytesIO(rendered("receipt-2024", "pdf"))).pages[0]["/Resources"]["/Font"]
    names = {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in fonts.values()}
    assert {"Liberation-Serif", "Liberation-Serif-Bold"} <= names or {"TimesNewRomanPSMT"} <= names


@pytest.mark.parametrize("case", ["receipt-2024", "apology-2025", "book-2025"])
def test_every_docx_run_is_times_new_roman_for_every_script(case: str) -> None:
    body = docx.Document(io.BytesIO(rendered(case, "docx"))).element.body
    runs = list(body.iter(qn("w:r")))
    assert len(runs) > 20
    for run in runs:
        fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts is not None
        slots = {slot: fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")}
        assert slots == dict.fromkeys(slots, "Times New Roman")
        assert run.find(f"{qn('w:rPr')}/{qn('w:sz')}") is not None


def test_docx_body_text_is_13_pt_on_a4_and_12_pt_on_a5() -> None:
    for case, size in (("book-2025", 13), ("refusal-2024", 12)):
        document = docx.Document(io.BytesIO(rendered(case, "docx")))
        sizes = {run.font.size.pt for p in document.paragraphs for run in p.runs if "Mẫu" not in run.text}
        assert size in sizes
        assert document.styles["Normal"].font.name == "Times New Roman"


def test_a_value_typed_by_a_user_is_printed_as_text() -> None:
    slip = supplement_2025(code="")
    hostile = SupplementRequest(**{**slip.__dict__, "reason": '<img src="http://example.invalid/x.png">'})
    text = pdf_text(render(hostile, "pdf"))
    assert 'Lý do: <img src="http://example.invalid/x.png">' in text


def test_a_stop_notice_does_not_exist_before_july_2025() -> None:
    with pytest.raises(ValueError, match="không có biểu mẫu “stop_notice”"):
        render(stop_notice(D(2025, 6, 30)), "pdf")


def test_an_unknown_outcome_is_refused() -> None:
    with pytest.raises(ValueError, match="“overdue” không hợp lệ"):
        ControlRow("Chuyên viên", "Trưởng phòng", at(2025, 9, 1, 8, 0), "overdue", "")


@pytest.mark.parametrize(
    ("form", "fmt", "name"),
    [
        (receipt_2024(), "pdf", "mau-01-535-MC-241001-0007.pdf"),
        (control(D(2025, 9, 1), CODE_2025), "docx", "mau-06-21484-250901-0012.docx"),
        (control(D(2024, 2, 5), "535-MC-240205-0002"), "pdf", "mau-05-535-MC-240205-0002.pdf"),
        (supplement_2025(code=""), "pdf", "mau-02-2025-09-03.pdf"),
        (book(D(2025, 12, 14), "Quý IV/2025"), "pdf", "so-theo-doi-quy-iv-2025.pdf"),
        (book(D(2024, 12, 14), "Năm 2024"), "docx", "so-theo-doi-nam-2024.docx"),
    ],
)
def test_file_names(form: Form, fmt: str, name: str) -> None:
    assert filename(form, fmt) == name


def test_formats() -> None:
    assert content_type("pdf") == "application/pdf"
    assert content_type("docx") == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    with pytest.raises(ValueError, match="định dạng “odt” không được hỗ trợ"):
        render(receipt_2024(), "odt")
    assert rendered("receipt-2024", "pdf").startswith(b"%PDF-")
    assert rendered("receipt-2024", "docx").startswith(b"PK")
