"""The 2024 Ba Tơ plan (shared/reference) read exactly: 13 sections, 45 tasks, the appendix targets."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from motcua.core.plan_document import (
    PlanDocument,
    PlanFormatError,
    cell_text,
    decode,
    parse_plan_rows,
    rows_from_markdown,
    rows_from_text,
)
from motcua.core.plan_timing import parse_timing

SEED = Path(__file__).resolve().parents[3] / "shared" / "reference" / "ke-hoach-kiem-soat-tthc-2024-ba-to.txt"


@pytest.fixture(scope="module")
def seed() -> PlanDocument:
    if not SEED.exists():
        pytest.skip("shared/ is not beside this checkout")
    return parse_plan_rows(rows_from_text(decode(SEED.read_bytes())))


def _task(doc: PlanDocument, number: str) -> object:
    return next(t for t in doc.tasks if t.number == number)


def test_sections_and_task_numbers(seed: PlanDocument) -> None:
    assert [s.numeral for s in seed.sections] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
        "IX",
        "X",
        "XI",
        "XII",
        "XIII",
    ]
    assert (
        seed.sections[0].title == "Ban hành văn bản quản lý nhà nước về kiểm soát thủ tục hành chính (TTHC)"
    )
    assert seed.sections[12].title == "Công tác thông tin, báo cáo"
    assert [t.number for t in seed.tasks] == [str(n) for n in range(1, 46)]
    by_section = {s.numeral: [t.number for t in seed.tasks if t.section == s.numeral] for s in seed.sections}
    assert by_section["I"] == ["1", "2"]
    assert by_section["VI"] == [str(n) for n in range(14, 27)]
    assert by_section["XIII"] == ["44", "45"]


@pytest.mark.parametrize(
    ("number", "field", "text"),
    [
        (
            "3",
            "content",
            "Có ý kiến trước về nội dung quy định TTHC tại đề nghị xây dựng văn bản quy phạm pháp luật"
            " và dự thảo văn bản quy phạm pháp luật",
        ),
        (
            "3",
            "units",
            "- Văn phòng HĐND và UBND huyện (có ý kiến). - Các cơ quan, ban ngành được giao chủ trì soạn"
            " thảo văn bản và các đơn vị có liên quan.",
        ),
        ("3", "timing", "Thường xuyên"),
        (
            "18",
            "content",
            "Tiếp tục triển khai thực hiện sử dụng hóa đơn điện tử trong thu phí, lệ phí, giá dịch vụ"
            " giải quyết TTHC theo Quyết định số 753/QĐ-UBND ngày 01/10/2019 của UBND tỉnh; kết nối,"
            " tích hợp và thực hiện thanh toán trực tuyến của Cổng Dịch vụ công quốc gia theo yêu cầu"
            " của Chính phủ.",
        ),
        (
            "20",
            "content",
            "Thực hiện cập nhật, công khai kịp thời, đầy đủ tiến độ xử lý, giải quyết hồ sơ TTHC, đảm"
            " bảo đồng bộ trạng thái giữa hồ sơ giấy với dữ liệu hồ sơ điện tử trên Hệ thống thông"
            " tin giải quyết TTHC.",
        ),
        (
            "20",
            "units",
            "- Các cơ quan, đơn vị; UBND các xã, thị trấn chủ trì. - Văn phòng HĐND và UBND huyện phối hợp.",
        ),
        (
            "29",
            "content",
            "Phối hợp với các sở, ban ngành ban hành danh mục thành phần hồ sơ, giấy tờ phải số hóa"
            " theo quy định tại Thông tư số 01/2023/TT-VPCP ngày 05/4/2023 của Văn phòng Chính phủ"
            " và hướng dẫn của Bộ, ngành liên quan.",
        ),
        (
            "29",
            "units",
            "- Các cơ quan, đơn vị; UBND các xã, thị trấn chủ trì.\n- Văn phòng HĐND và UBND huyện"
            " hướng dẫn, đơn đốc, tổng hợp.",
        ),
        (
            "35",
            "content",
            "Thực hiện công tác tuyên truyền về kiểm soát TTHC, việc thực hiện cơ ché một cửa, một cửa"
            " liên thông gắn với cải cách TTHC đối với các cấp, các ngành, địa phương trên địa bàn"
            " huyện bằng nhiều hình thức thiết thực theo kế hoạch của Chủ tịch UBND huyện.",
        ),
        (
            "16",
            "units",
            "- Phòng VH&TT phối hợp với Văn phòng HĐND và UBND huyện chủ trì.\n- Các cơ quan, đơn vị;"
            " UBND các xã, thị trấn phối hợp.",
        ),
    ],
)
def test_texts_joined_across_page_breaks(seed: PlanDocument, number: str, field: str, text: str) -> None:
    assert getattr(_task(seed, number), field) == text


def test_task_37_joins_its_paragraph_continuation(seed: PlanDocument) -> None:
    task = _task(seed, "37")
    assert task.content.startswith("Chủ tịch UBND huyện; Chủ tịch UBND các xã, thị trấn trực tiếp chỉ đạo")
    assert "cải cách TTHC đã được giao tại Quyết định số 1456/QĐ-UBND ngày 26/8/2015" in task.content
    assert task.units.endswith("theo dõi việc thực hiện và tổng hợp báo cáo UBND huyện, Văn phòng UBND tỉnh.")
    assert task.timing == "Định kỳ 06 tháng và cuối năm"
    assert len(task.source_rows) == 2


def test_every_timing_of_the_seed_is_understood(seed: PlanDocument) -> None:
    unknown = {t.number: parse_timing(t.timing, 2024).unknown for t in seed.tasks}
    assert {n: u for n, u in unknown.items() if u} == {}


def test_appendix_targets(seed: PlanDocument) -> None:
    got = [(t.number, t.at_least, t.value, t.measure, t.parent) for t in seed.targets]
    assert got == [
        ("1", True, Decimal(80), "%", ""),
        ("2", True, Decimal(45), "%", ""),
        ("3", True, Decimal(50), "%", ""),
        ("4", True, Decimal(80), "%", ""),
        ("5", False, Decimal(100), "%", ""),
        ("6", False, Decimal(100), "%", ""),
        ("7", True, Decimal(50), "%", ""),
        ("8", False, Decimal(100), "%", ""),
        ("9", True, Decimal(90), "%", ""),
        ("10", False, None, "", ""),
        ("10.1", False, Decimal(95), "%", "10"),
        ("10.2", False, Decimal(85), "%", "10"),
    ]
    nine = seed.targets[8]
    assert nine.content == "Mức độ hài lòng trong tiếp nhận, giải quyết TTHC của người dân, doanh nghiệp."
    assert nine.units == "Các cơ quan, đơn vị; UBND các xã, thị trấn"


def test_markdown_table_reads_the_same_way() -> None:
    text = """
| STT | Nội dung công việc | Kết quả công việc | Cơ quan, đơn vị thực hiện | Thời gian thực hiện |
|---|---|---|---|---|
| **I** | **Ban hành văn bản** | | | |
| 1 | Xây dựng kế hoạch | Quyết định | Văn phòng HĐND và UBND huyện chủ trì | Tháng 02 |
| | năm 2024 | | | |
| 2 | Triển khai | Văn bản | Phòng VH&amp;TT | Quý I |
"""
    doc = parse_plan_rows(rows_from_markdown(text))
    assert [(s.numeral, s.title) for s in doc.sections] == [("I", "Ban hành văn bản")]
    assert [(t.number, t.content, t.units, t.timing) for t in doc.tasks] == [
        ("1", "Xây dựng kế hoạch năm 2024", "Văn phòng HĐND và UBND huyện chủ trì", "Tháng 02"),
        ("2", "Triển khai", "Phòng VH&TT", "Quý I"),
    ]


def test_cell_html_becomes_text() -> None:
    raw = '<ul style="x"> <li>- Phòng VH&amp;TT chủ trì.</li> <li>- Các xã phối hợp.</li> </ul>'
    assert cell_text(raw) == "- Phòng VH&TT chủ trì.\n- Các xã phối hợp."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Tệp trống"),
        (b"   \n\n", "Tệp trống"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "không phải văn bản"),
        ("Kế hoạch không có bảng nào.".encode(), "Không tìm thấy bảng nhiệm vụ"),
        ("STT\tNội dung\tKết quả\n1\ta\tb\n".encode(), "có 3 cột, cần 5"),
        (b"STT\tA\tB\tC\tD\n1\ta\tb\tc\td\n", "đứng trước mọi phần"),
        (b"STT\tA\tB\tC\tD\n<b>I</b>\t<b>X</b>\t\t\t\n1\ta\tb\tc\td\n1\te\tf\tg\th\n", "bị trùng: 1"),
        (b"STT\tA\tB\tC\tD\n<b>I</b>\t<b>X</b>\t\t\t\n", "không có nhiệm vụ nào"),
        (b"\xfa\xfbSTT\xc3", "UTF-8"),
    ],
)
def test_bad_files_get_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(PlanFormatError, match=message):
        parse_plan_rows(rows_from_text(decode(data)))


def test_decision_facts_are_read_from_the_text(seed: PlanDocument) -> None:
    from motcua.core.plan_document import read_plan_meta

    meta = read_plan_meta(SEED.read_text(encoding="utf-8"))
    assert meta.title == "Kế hoạch hoạt động kiểm soát thủ tục hành chính năm 2024 trên địa bàn huyện Ba Tơ"
    assert (meta.year, meta.decision_number, meta.decision_date.isoformat()) == (
        2024,
        "486/QĐ-UBND",
        "2024-02-26",
    )
    assert meta.issuer == "Chủ tịch ủy ban nhân dân huyện Ba Tơ"
    assert meta.area == "huyện Ba Tơ"
    assert len(meta.legal_bases) == 11
    assert meta.legal_bases[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương")


def test_variants_districts_write() -> None:
    text = (
        "STT\tNội dung công việc\tKết quả\tĐơn vị\tThời gian\n"
        "(1)\t(2)\t(3)\t(4)\t(5)\n"
        "I.\tPhần một\t\t\t\n"
        "1.\tViệc một\tKết quả\tPhòng Tư pháp\tQuý I\n"
    )
    doc = parse_plan_rows(rows_from_text(text))
    assert [(s.numeral, s.title) for s in doc.sections] == [("I", "Phần một")]
    assert [(t.number, t.content) for t in doc.tasks] == [("1", "Việc một")]
    utf16 = decode(text.encode("utf-16"))
    assert parse_plan_rows(rows_from_text(utf16)).tasks[0].content == "Việc một"
    markdown = (
        "| STT | Nội dung | KQ | Đơn vị | Thời gian |\n|:--|--|--|--|--|\n| **I** | **Phần** | | | |\n"
        "| 1 | A \\| B | c | d | Quý I |\n"
    )
    assert parse_plan_rows(rows_from_markdown(markdown)).tasks[0].content == "A | B"
