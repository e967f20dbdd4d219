"""The flattened catalogue fields of shared/data/catalog, read cell by cell (motcua.core.catalog_text).

Every table case is an excerpt copied from dvcqg_2026_cap_xa_full.jsonl (the procedure code is noted).
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.catalog_text import (
    Channel,
    Result,
    missing,
    parse_channels,
    parse_documents,
    parse_legal_basis,
    parse_results,
    search_key,
    split_list,
)
from motcua.core.deadlines import LimitUnit

DATA = Path(__file__).resolve().parents[3] / "shared/data/catalog/dvcqg_2026_cap_xa_full.jsonl"
HEAD = "Hình thức nộpThời gianPhí, lệ phíMô tả"
DOCS = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
LEGAL = "Tên văn bản pháp lýMã văn bản"
WD, WH, CD = LimitUnit.WORKING_DAYS, LimitUnit.WORKING_HOURS, LimitUnit.CALENDAR_DAYS
ON, COUNTER, POST = Channel.ONLINE, Channel.COUNTER, Channel.POST
HDND = (
    "Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương quyết định. Miễn lệ phí cho"
    " người thuộc gia đình có công với cách mạng; người thuộc hộ nghèo; người khuyết tật."
)
RUN_TOGETHER = "số của thời hạn và số tiền lệ phí viết liền nhau (“120 VNĐ”), không tách được"
FREE_WITH_REMARK = "ô phí ghi “Miễn phí” nhưng kèm ghi chú về mức thu hoặc điều kiện: cần xác định mức phí"
PCCC = (
    "- Trực tiếp: nộp hồ sơ trực tiếp tại Bộ phận Một cửa thuộc Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn,"
    " cứu hộ Công an cấp tỉnh, thành phố; Ủy ban nhân dân cấp xã. - Dịch vụ bưu chính công ích: nộp hồ sơ qua dịch"
    " vụ bưu chính công ích. - Trực tuyến: nộp hồ sơ tại Cổng Dịch vụ Công."
)
CUSTOMS = (
    "Tờ khai hàng hóa xuất khẩu theo các chỉ tiêu thông tin tại Phụ lục II ban hành kèm theo Thông tư số"
    " 38/2015/TT-BTC ngày 25/3/2015 của Bộ Tài chính.  Trường hợp thực hiện trên tờ khai hải quan giấy theo quy định"
    " tại khoản 2 Điều 25 Nghị định số 08/2015/NĐ-CP ngày 21/1/2015 của Chính phủ, người khai hải quan khai và nộp 02"
    " bản chính tờ khai hàng hóa nhập khẩu theo mẫu HQ/2015/NK Phụ lục IV ban hành kèm theo Thông tư số"
    " 38/2015/TT-BTC"
)
ID_CIRCULAR = (
    "Thông tư số 53/2025/TT-BCAngày 01/7/2025 của Bộ Công an sửa đổi, bổ sung một số điều của Thông tư số"
    " 55/2021/TT-BCA ngày 15 tháng 5 năm 2021 của Bộ trưởng Bộ Công an quy định chi tiết một số điều và biện pháp"
    " thi hành Luật Cư trú được sửa đổi, bổ sung bởi Thông tư số 66/2023/TT-BCA ngày 17 tháng 11 năm 2023; Thông tư"
    " số 56/2021/TT-BCA ngày 15 tháng 5 năm 2021 của Bộ trưởng Bộ Công an quy định về biểu mẫu trong đăng ký, quản"
    " lý cư trú được sửa đổi, bổ sung bởi Thông tư số 66/2023/TT-BCA ngày 17 tháng 11 năm 2023; Thông tư số"
    " 17/2024/TT-BCA ngày 15 tháng 5 năm 2024 của Bộ trưởng Bộ Công an quy định chi tiết một số điều và biện pháp"
    " thi hành Luật Căn cước."
)
TAX_CIRCULAR = (
    "Thông tư số 40/2025/TT-BTC Sửa đổi, bổ sung một số điều của các Thông tư thuộc lĩnh vực quản lý thuế để phân"
    " định thẩm quyền của chính quyền địa phương theo mô hình tổ chức chính quyền địa phương 02 cấp"
)
RE_EXPORT = "Hồ sơ hải quan đối với xăng dầu, hóa chất, khí tái xuất:"
SURVEY = (
    "Chứng thư giám định lượng (trường hợp hàng hóa vận chuyển bằng phương tiện vận tải đường thủy qua cửa khẩu cảng"
    " thủy nội địa, cửa khẩu cảng biển)"
)
COOP = (
    "- Trường hợp hợp tác xã, liên hiệp hợp tác xã thực hiện thủ tục đăng ký, thông báo thay đổi nội dung đăng ký"
    " hợp tác xã, hợp tác xã:"
)
CHANNEL_OF = {"Trực tiếp": Channel.COUNTER, "Trực tuyến": Channel.ONLINE, "Dịch vụ bưu chính": Channel.POST}
NO_UNIT = "có số nhưng thiếu đơn vị thời gian (ngày, ngày làm việc, giờ)"


def _limit(row):  # (value, unit) or the reason the time cell was not read
    limit = row.time_limit.limit
    return (limit.value, limit.unit) if limit else row.time_limit.reason


def _fee(row):
    return row.fee.free, row.fee.amount, row.fee.per, row.fee.reason


# -- channels ----------------------------------------------------------------------------------------

CHANNEL_CASES = [
    pytest.param(  # 1.000253
        HEAD + "Trực tiếp7 NgàyKhông có thông tinNộp trực tiếp tại trụ sở Công an cấp xã",
        [
            (
                COUNTER,
                (7, CD),
                (None, None, "", "không có thông tin"),
                "Nộp trực tiếp tại trụ sở Công an cấp xã",
            )
        ],
        id="calendar-days-fee-unknown",
    ),
    pytest.param(  # 1.000096: a bare number, the unit is missing
        HEAD + "Trực tuyến1Miễn phíTrực tiếp1Miễn phí",
        [(ON, NO_UNIT, (True, None, "", ""), ""), (COUNTER, NO_UNIT, (True, None, "", ""), "")],
        id="bare-number-free",
    ),
    pytest.param(  # 1.014850: the description follows "Miễn phí" directly
        HEAD + "Trực tuyến6 Ngày làm việcMiễn phí06 ngày làm việc, kể từ ngày nhận đủ hồ sơ theo quy định"
        "Dịch vụ bưu chính6 Ngày làm việcMiễn phí06 ngày làm việc, kể từ ngày nhận đủ hồ sơ theo quy định",
        [
            (ON, (6, WD), (True, None, "", ""), "06 ngày làm việc, kể từ ngày nhận đủ hồ sơ theo quy định"),
            (POST, (6, WD), (True, None, "", ""), "06 ngày làm việc, kể từ ngày nhận đủ hồ sơ theo quy định"),
        ],
        id="description-after-free",
    ),
    pytest.param(  # 1.004656
        HEAD + "Trực tuyếnKhông có thông tinMiễn phí05 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ",
        [
            (
                ON,
                "không ghi thời hạn",
                (True, None, "", ""),
                "05 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ",
            )
        ],
        id="time-unknown-then-free",
    ),
    pytest.param(  # 1.003930
        HEAD + "Trực tuyến2 Ngày làm việc70,000 VNĐ(70.000 đồng/Giấy chứng nhận)"
        "Dịch vụ bưu chính2 Ngày làm việc70,000 VNĐ(70.000 đồng/Giấy chứng nhận)",
        [
            (ON, (2, WD), (False, Decimal(70000), "Giấy chứng nhận", ""), ""),
            (POST, (2, WD), (False, Decimal(70000), "Giấy chứng nhận", ""), ""),
        ],
        id="amount-per-certificate",
    ),
    pytest.param(  # 2.001016
        HEAD + "Trực tiếpKhông có thông tin50,000 Việt Nam Đồng(/văn bản)",
        [(COUNTER, "không ghi thời hạn", (False, Decimal(50000), "văn bản", ""), "")],
        id="amount-per-bare",
    ),
    pytest.param(  # 1.009454
        HEAD + "Trực tuyến5 Ngày làm việc100,000 VNĐ(Phí Thẩm tra, thẩm định: 100.000 đồng/lần.)",
        [(ON, (5, WD), (False, Decimal(100000), "lần", ""), "")],
        id="amount-with-remark",
    ),
    pytest.param(  # 1.000014: "1"+"20 VNĐ", "12"+"0 VNĐ" or "120"+"VNĐ"
        HEAD + "Trực tuyến120 VNĐ(20.000 vnđ /tờ khai)Trực tiếp120 VNĐ(20.000 vnđ /tờ khai)",
        [
            (ON, RUN_TOGETHER, (None, None, "", RUN_TOGETHER), ""),
            (COUNTER, RUN_TOGETHER, (None, None, "", RUN_TOGETHER), ""),
        ],
        id="numbers-run-together",
    ),
    pytest.param(  # 2.001827: the cell says 700 VNĐ, the remark 700.000 đồng
        HEAD
        + "Trực tuyến15 Ngày700 VNĐ(Phí thẩm định cấp giấy chứng nhận an toàn thực phẩm đối với cơ sở sản"
        " xuất kinh doanh thực phẩm nông, lâm, thủy sản do cơ quan kiểm tra địa phương thực hiện: 700.000 đồng/cơ"
        " sở.)",
        [
            (
                ON,
                (15, CD),
                (False, None, "", "số tiền “700 VNĐ” nhỏ bất thường (có thể ô phí ghi theo nghìn đồng)"),
                "",
            )
        ],
        id="amount-in-thousands",
    ),
    pytest.param(  # 1.007689: tax procedures word their time cell
        HEAD
        + "Trực tuyếnKhông phải trả kết quả cho người nộp thuếMiễn phíBằng phương thức điện tử qua Cổng dịch"
        " vụ công Quốc gia",
        [
            (
                ON,
                "không nhận ra thời hạn ở đầu nội dung",
                (True, None, "", ""),
                "Bằng phương thức điện tử qua Cổng dịch vụ công Quốc gia",
            )
        ],
        id="worded-time-cell",
    ),
    pytest.param(  # 1.000094: nested parentheses, and a remark that names who sets the fee
        HEAD + f"Dịch vụ bưu chính3Miễn phí(({HDND}))Trực tiếp3Miễn phí({HDND})",
        [
            (POST, NO_UNIT, (None, None, "", FREE_WITH_REMARK), ""),
            (COUNTER, NO_UNIT, (None, None, "", FREE_WITH_REMARK), ""),
        ],
        id="free-but-provincial-rate",
    ),
    pytest.param(  # 3.000494: channel names inside descriptions are not rows
        HEAD + f"Trực tuyến7 Ngày làm việcMiễn phí{PCCC}Dịch vụ bưu chính7 Ngày làm việcMiễn phí{PCCC}",
        [(ON, (7, WD), (True, None, "", ""), PCCC), (POST, (7, WD), (True, None, "", ""), PCCC)],
        id="channel-words-in-description",
    ),
    pytest.param(  # 2.000815: a fee in foreign currency
        HEAD + "Trực tiếpKhông có thông tin10 USD(/bản)Tại cơ quan đại diện: 10 USD/bản.",
        [
            (
                COUNTER,
                "không ghi thời hạn",
                (False, None, "", "lệ phí ghi bằng ngoại tệ (10 USD)"),
                "Tại cơ quan đại diện: 10 USD/bản.",
            )
        ],
        id="usd",
    ),
    pytest.param(  # 1.009825
        HEAD + "Trực tiếpKhôngKhông có thông tinTại Trung tâm phục vụ hành chính công cấp tỉnh, xã",
        [
            (
                COUNTER,
                "không ghi thời hạn",
                (None, None, "", "không có thông tin"),
                "Tại Trung tâm phục vụ hành chính công cấp tỉnh, xã",
            )
        ],
        id="time-khong",
    ),
    pytest.param(  # 1.009444: an unbalanced remark is closed before the next row
        HEAD
        + "Trực tuyến5 Ngày làm việc100,000 VNĐ((Phí Thẩm tra, thẩm định )Dịch vụ bưu chính5 Ngày làm việc"
        "100,000 VNĐ((Phí Thẩm tra, thẩm định )",
        [
            (ON, (5, WD), (False, Decimal(100000), "", ""), ""),
            (POST, (5, WD), (False, Decimal(100000), "", ""), ""),
        ],
        id="unbalanced-remark",
    ),
]


@pytest.mark.parametrize(("raw", "expected"), CHANNEL_CASES)
def test_channels(raw, expected):
    rows, _ = parse_channels(raw)
    assert [(r.channel, _limit(r), _fee(r), r.description) for r in rows] == expected


def test_channel_rows_keep_their_raw_text():
    rows, problems = parse_channels(
        HEAD + "Trực tuyến1 NgàyMiễn phí(Không)Trực tiếp1 GiờMiễn phí(Không)"
    )  # 3.000116
    assert [(r.channel, _limit(r), r.fee.free, r.fee.note, r.raw) for r in rows] == [
        (ON, (1, CD), True, "Không", "1 NgàyMiễn phí(Không)"),
        # a bare "Giờ" is not read as working hours without an officer confirming it
        (
            COUNTER,
            "“giờ” không ghi “làm việc”: chưa rõ giờ làm việc hay giờ theo lịch",
            True,
            "Không",
            "1 GiờMiễn phí(Không)",
        ),
    ]
    assert [(p.kind, p.channel) for p in problems] == [("time_limit", "counter")]


def test_channel_problems_name_the_channel_and_the_cell():
    _, problems = parse_channels(HEAD + "Trực tuyến120 VNĐTrực tiếp120 VNĐ")  # 1.007642
    assert [(p.kind, p.channel, p.raw) for p in problems] == [
        ("time_limit", "online", "120 VNĐ"),
        ("fee", "online", "120 VNĐ"),
        ("time_limit", "counter", "120 VNĐ"),
        ("fee", "counter", "120 VNĐ"),
    ]


def test_a_channel_with_several_rows_is_kept_and_reported():
    raw = (  # 1.012533
        HEAD
        + "Trực tiếp15 Ngày làm việcKhông có thông tinNộp hồ sơ trực tiếp cho Công an cấp xã (thời hạn và địa"
        " điểm tiếp nhận hồ sơ theo thông báo tại kế hoạch tuyển chọn). - Niêm yết công khai danh sách công dân dự"
        " tuyển: 15 ngày làm việc;Trực tiếp3 Ngày làm việcKhông có thông tin- Trong thời hạn 03 ngày làm việc kể từ"
        " ngày lập biên bản xét tuyển"
    )
    rows, problems = parse_channels(raw)
    assert [(r.channel, _limit(r)) for r in rows] == [(COUNTER, (15, WD)), (COUNTER, (3, WD))]
    assert [p.reason for p in problems if p.kind == "channels"] == [
        "kênh “Trực tiếp” có 2 hàng (thời hạn: 15 Ngày làm việc; 3 Ngày làm việc): cần chọn hàng áp dụng"
    ]


def test_currency_without_an_amount():  # constructed from 1.000034: no figure is taken from the remark
    rows, _ = parse_channels(HEAD + "Trực tuyến15 NgàyVNĐ(20.000 vnđ /tờ khai)")
    assert [(_limit(r), _fee(r), r.fee.note) for r in rows] == [
        ((15, CD), (None, None, "", "có đơn vị tiền nhưng không ghi số tiền"), "20.000 vnđ /tờ khai")
    ]


def test_a_time_too_large_to_read():  # constructed: parse_time_limit refuses numbers this large
    rows, problems = parse_channels(HEAD + "Trực tiếp" + "9" * 400 + " NgàyMiễn phí")
    assert [(_limit(r), r.fee.free) for r in rows] == [("số quá lớn để là một thời hạn", True)]
    assert [p.kind for p in problems] == ["time_limit"]


@pytest.mark.parametrize("raw", ["", "Không có thông tin", HEAD + "Nộp trực tiếp tại trụ sở"])
def test_channels_that_cannot_be_read(raw):
    rows, problems = parse_channels(raw)
    assert rows == []
    assert [p.kind for p in problems] == ["channels"]


# -- documents ---------------------------------------------------------------------------------------

DOCUMENT_CASES = [
    pytest.param(  # 1.000253
        "--"
        + DOCS
        + "Phiếu khai báo tạm trú cho người nước ngoài (mẫu NA17)101-Mau A17 tam tru cho nguoi nuoc"
        " ngoai.doc1 bản chính",
        [
            (
                "",
                "Phiếu khai báo tạm trú cho người nước ngoài (mẫu NA17)",
                "101-Mau A17 tam tru cho nguoi nuoc ngoai.doc",
                1,
                None,
            )
        ],
        id="template-after-parenthesis",
    ),
    pytest.param(  # 1.014979
        "Đối với hộ kinh doanh, cá nhân kinh doanh nộp thuế thu nhập cá nhân theo phương pháp thuế suất nhân (x) với"
        " doanh thu tính thuế"
        + DOCS
        + "Tờ khai thuế đối với hộ kinh doanh, cá nhân kinh doanh nộp thuế thu nhập cá"
        " nhân theo phương pháp thuế suất nhân (x) với doanh thu tính thuế (Mẫu số 01/TKN-CNKD Thông tư số"
        " 18/2026/TT-BTC sửa đổi, bổ sung bởi Thông tư số 50/2026))Mẫu số 01 TKN-CNKD.docx1 bản chính",
        [
            (
                "Đối với hộ kinh doanh, cá nhân kinh doanh nộp thuế thu nhập cá nhân theo phương pháp thuế suất nhân"
                " (x) với doanh thu tính thuế",
                "Tờ khai thuế đối với hộ kinh doanh, cá nhân kinh doanh nộp thuế thu nhập cá nhân theo phương pháp"
                " thuế suất nhân (x) với doanh thu tính thuế (Mẫu số 01/TKN-CNKD Thông tư số 18/2026/TT-BTC sửa"
                " đổi, bổ sung bởi Thông tư số 50/2026))",
                "Mẫu số 01 TKN-CNKD.docx",
                1,
                None,
            )
        ],
        id="template-after-double-parenthesis",
    ),
    pytest.param(  # 1.012766
        "- Thành phần hồ sơ:"
        + DOCS
        + "(1) Đơn đăng ký biến động đất đai, tài sản gắn liền với đất theo Mẫu số"
        " 18 ban hành kèm theo Nghị định số 151/2025/NĐ-CP.1 bản chính(3) Văn bản về việc xóa cho thuê, xóa cho"
        " thuê lại quyền sử dụng đất0 bản chính,1 bản sao",
        [
            (
                "- Thành phần hồ sơ:",
                "(1) Đơn đăng ký biến động đất đai, tài sản gắn liền với đất theo Mẫu số 18 ban hành kèm theo Nghị"
                " định số 151/2025/NĐ-CP.",
                "",
                1,
                None,
            ),
            (
                "- Thành phần hồ sơ:",
                "(3) Văn bản về việc xóa cho thuê, xóa cho thuê lại quyền sử dụng đất",
                "",
                0,
                1,
            ),
        ],
        id="numbered-rows-and-copies",
    ),
    pytest.param(  # 1.014059: a date's year is four digits, so "20241" is 2024 then 1
        "--"
        + DOCS
        + "Văn bản cam kết bảo đảm sức khỏe bình thường không ảnh hưởng đến giọng nói đối với trường"
        " hợp quy định tại điểm d khoản 7 Điều 13 Nghị định số 70/2024/NĐ-CP ngày 25/6/20241 bản chính",
        [
            (
                "",
                "Văn bản cam kết bảo đảm sức khỏe bình thường không ảnh hưởng đến giọng nói đối với trường hợp quy"
                " định tại điểm d khoản 7 Điều 13 Nghị định số 70/2024/NĐ-CP ngày 25/6/2024",
                "",
                1,
                None,
            )
        ],
        id="date-glued-to-quantity",
    ),
    pytest.param(  # 1.000020: "nộp 02 bản chính tờ khai" is running text, "01 bản chụp;" too
        f"{RE_EXPORT}{DOCS}{CUSTOMS};1 bản chính{SURVEY}0 bản chính,1 bản saoHóa đơn thương mại: 01 bản chụp;0 bản"
        " chính,1 bản sao",
        [
            (RE_EXPORT, CUSTOMS + ";", "", 1, None),
            (RE_EXPORT, SURVEY, "", 0, 1),
            (RE_EXPORT, "Hóa đơn thương mại: 01 bản chụp;", "", 0, 1),
        ],
        id="quantities-inside-names",
    ),
    pytest.param(  # 1.004478: enumerators in lowercase start rows
        "--"
        + DOCS
        + "c) Văn bản thể hiện quyền sử dụng vùng đất của cảng;.1 bản chínhb) Văn bản thành lập Tổ"
        " chức quản lý cảng cá;;;;1 bản chính",
        [
            ("", "c) Văn bản thể hiện quyền sử dụng vùng đất của cảng;.", "", 1, None),
            ("", "b) Văn bản thành lập Tổ chức quản lý cảng cá;;;;", "", 1, None),
        ],
        id="lowercase-enumerators",
    ),
    pytest.param(  # 1.010041, the whole field: a form file, then an electronic form with no paper original
        "--"
        + DOCS
        + "Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban   hành kèm theo Thông tư số 53/2025/TT-BCA)"
        ".1.MuCT01banhnhkmtheoThngts53.doc1 bản chính*Lưu ý: Khi nộp hồ sơ trực tuyến, công dân khai báo thông tin"
        " theo biểu mẫu điện tử được cung cấp sẵn, không đính kèm biểu mẫu CT01.0 bản chính",
        [
            (
                "",
                "Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban   hành kèm theo Thông tư số 53/2025/TT-BCA).",
                "1.MuCT01banhnhkmtheoThngts53.doc",
                1,
                None,
            ),
            (
                "",
                "*Lưu ý: Khi nộp hồ sơ trực tuyến, công dân khai báo thông tin theo biểu mẫu điện tử được cung cấp"
                " sẵn, không đính kèm biểu mẫu CT01.",
                "",
                0,
                None,
            ),
        ],
        id="electronic-form",
    ),
    pytest.param(  # 1.004901: a second group's heading is glued after the first group's last quantity
        DOCS
        + "(1) Các giấy tờ tương ứng quy định tại Nghị định số 92/2024/NĐ-CP;1 bản chính(2) Giấy đề nghị đăng"
        " ký thay đổi nội dung đăng ký hợp tác xã;1 bản chính(3) Bản sao Giấy chứng nhận đăng ký thuế.0 bản chính,1"
        f" bản sao{COOP}"
        + DOCS
        + "(1) Các giấy tờ tương ứng quy định tại Nghị định số 92/2024/NĐ-CP đối với trường"
        " hợp đăng ký, thông báo thay đổi nội dung đăng ký hợp tác xã;1 bản chính(2) Bản sao Giấy chứng nhận đăng ký"
        " thuế.0 bản chính,1 bản sao",
        [
            ("", "(1) Các giấy tờ tương ứng quy định tại Nghị định số 92/2024/NĐ-CP;", "", 1, None),
            ("", "(2) Giấy đề nghị đăng ký thay đổi nội dung đăng ký hợp tác xã;", "", 1, None),
            ("", "(3) Bản sao Giấy chứng nhận đăng ký thuế.", "", 0, 1),
            (
                COOP,
                "(1) Các giấy tờ tương ứng quy định tại Nghị định số 92/2024/NĐ-CP đối với trường hợp đăng ký, thông"
                " báo thay đổi nội dung đăng ký hợp tác xã;",
                "",
                1,
                None,
            ),
            (COOP, "(2) Bản sao Giấy chứng nhận đăng ký thuế.", "", 0, 1),
        ],
        id="two-groups",
    ),
    pytest.param(  # 1.014848: a date glued to the form file name
        "--"
        + DOCS
        + "- Dự thảo phương án bảo vệ công trình thủy lợi theo Mẫu số 03 tại Phụ lục II ban hành kèm"
        " theo Nghị định số 40/2026/NĐ-CP ngày 25/01/2026Mẫu số 03.docx1 bản chính",
        [
            (
                "",
                "- Dự thảo phương án bảo vệ công trình thủy lợi theo Mẫu số 03 tại Phụ lục II ban hành kèm theo"
                " Nghị định số 40/2026/NĐ-CP ngày 25/01/2026",
                "Mẫu số 03.docx",
                1,
                None,
            )
        ],
        id="template-after-date",
    ),
]


@pytest.mark.parametrize(("raw", "expected"), DOCUMENT_CASES)
def test_documents(raw, expected):
    docs, problems = parse_documents(raw)
    assert [(d.group, d.name, d.template, d.originals, d.copies) for d in docs] == expected
    assert problems == []
    assert all(d.quantity_note == "" for d in docs)


@pytest.mark.parametrize(
    ("raw", "name", "template", "originals", "reason"),
    [
        pytest.param(  # 1.012796: "Mẫu số 18" + "1", or "Mẫu số 1" + "81"?
            "--"
            + DOCS
            + "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất theo Mẫu số 181 bản chính,1 bản sao",
            "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất theo Mẫu số 181",
            "",
            None,
            "số lượng bản chính viết liền với số ở cuối tên (“Mẫu số 181 bản chính,1 bản sao”)",
            id="digits-run-together",
        ),
        pytest.param(  # 1.000314: "quy định" + "văn bản đề nghị.docx" leaves no visible boundary
            "--" + DOCS + "Bản chính Văn bản đề nghị theo quy địnhvăn bản đề nghị.docx1 bản chính",
            "Bản chính Văn bản đề nghị theo quy địnhvăn bản đề nghị.docx",
            "",
            1,
            "không xác định được chỗ bắt đầu tên tệp mẫu",
            id="template-without-boundary",
        ),
        pytest.param(  # 2.001428
            "--"
            + DOCS
            + "Bản khai cá nhân đề nghị hưởng chế độ trợ cấp một lần đối với thanh niên xung phong, theo"
            " mẫu BM.NCC.20.031 bản chính",
            "Bản khai cá nhân đề nghị hưởng chế độ trợ cấp một lần đối với thanh niên xung phong, theo mẫu"
            " BM.NCC.20.031",
            "",
            None,
            "số lượng bản chính viết liền với số ở cuối tên (“theo mẫu BM.NCC.20.031 bản chính”)",
            id="form-number-run-together",
        ),
    ],
)
def test_documents_that_need_the_officer(raw, name, template, originals, reason):
    docs, problems = parse_documents(raw)
    assert [(d.name, d.template, d.originals) for d in docs] == [(name, template, originals)]
    assert [(p.kind, p.reason) for p in problems] == [("documents", reason)]


def test_documents_without_a_table():
    raw = ") và nộp cho cơ quan BHXH.\nBước 2. Cơ quan BHXH tiếp nhận hồ sơ"  # 1.001613: another field's text
    docs, problems = parse_documents(raw)
    assert docs == []
    assert [(p.kind, p.raw, p.reason) for p in problems] == [
        ("documents", raw, "không thấy bảng giấy tờ (tiêu đề “Tên giấy tờ…Số lượng”)")
    ]
    assert parse_documents("Không có thông tin")[1][0].reason == "không có thông tin"


def test_document_rows_without_a_name():
    raw = (  # 6.006595
        "--" + DOCS + "Dự thảo Quyết định xử lý tài sản theo quy định tại khoản 3 Điều 5 Thông tư số"
        " 67/2025/TT-BXD1 bản chính1 bản chính1 bản chính"
    )
    docs, problems = parse_documents(raw)
    assert [(d.name, d.originals) for d in docs] == [
        ("Dự thảo Quyết định xử lý tài sản theo quy định tại khoản 3 Điều 5 Thông tư số 67/2025/TT-BXD", 1),
        ("", 1),
        ("", 1),
    ]
    assert [p.reason for p in problems] == ["dòng giấy tờ không có tên"] * 2


# -- legal basis -------------------------------------------------------------------------------------

LEGAL_CASES = [
    pytest.param(  # 1.000253: the code cell reads "Luật 47/2014/QH13"
        LEGAL
        + "Luật Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại Việt NamLuật 47/2014/QH13"
        "Thông tư quy định cách thức thực hiện khai báo, tiếp nhận thông tin tạm trú của người nước ngoài tại"
        " Việt Nam53/2016/TT-BCA",
        [
            ("Luật Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại Việt Nam", "47/2014/QH13"),
            (
                "Thông tư quy định cách thức thực hiện khai báo, tiếp nhận thông tin tạm trú của người nước ngoài"
                " tại Việt Nam",
                "53/2016/TT-BCA",
            ),
        ],
        id="typed-code-cell",
    ),
    pytest.param(  # 1.000020: the name ends with the number, the cell repeats it
        LEGAL + "Luật 54/2014/QH1354/2014/QH13Nghị định 08/2015/NĐ-CP08/2015/NĐ-CPThông tư 172/2010/TT-BTC"
        "172/2010/TT-BTC",
        [
            ("Luật 54/2014/QH13", "54/2014/QH13"),
            ("Nghị định 08/2015/NĐ-CP", "08/2015/NĐ-CP"),
            ("Thông tư 172/2010/TT-BTC", "172/2010/TT-BTC"),
        ],
        id="number-repeated",
    ),
    pytest.param(  # 1.014064: a number with a space before it belongs to the name
        LEGAL
        + f"{ID_CIRCULAR}53/2025/TT-BCANghị định của Chính phủ: Quy định chi tiết một số điều và biện pháp"
        " thi hành Luật Căn cước70/2024/NĐ-CP",
        [
            (ID_CIRCULAR, "53/2025/TT-BCA"),
            (
                "Nghị định của Chính phủ: Quy định chi tiết một số điều và biện pháp thi hành Luật Căn cước",
                "70/2024/NĐ-CP",
            ),
        ],
        id="number-inside-name",
    ),
    pytest.param(  # 1.007022: a glued cell followed by a name in lowercase
        LEGAL
        + f"{TAX_CIRCULAR}40/2025/TT-BTCsửa đổi một số điều của Thông tư 19/2021/TT-BTC ngày 18/3/2021 của Bộ"
        " trưởng Bộ Tài chính hướng dẫn giao dịch điện tử trong lĩnh vực thuế46/2024/TT-BTCNghị định"
        " 126/2020/NĐ-CP126/2020/NĐ-CP",
        [
            (TAX_CIRCULAR, "40/2025/TT-BTC"),
            (
                "sửa đổi một số điều của Thông tư 19/2021/TT-BTC ngày 18/3/2021 của Bộ trưởng Bộ Tài chính hướng dẫn"
                " giao dịch điện tử trong lĩnh vực thuế",
                "46/2024/TT-BTC",
            ),
            ("Nghị định 126/2020/NĐ-CP", "126/2020/NĐ-CP"),
        ],
        id="lowercase-name-after-cell",
    ),
    pytest.param(  # 1.013967: a number glued after a date
        LEGAL + "Luật số 43/2024/QH15 ngày 29/6/202443/2024/QH15Luật Đất đai ngày 18/01/2024;31/2024/QH15",
        [
            ("Luật số 43/2024/QH15 ngày 29/6/2024", "43/2024/QH15"),
            ("Luật Đất đai ngày 18/01/2024;", "31/2024/QH15"),
        ],
        id="number-after-date",
    ),
    pytest.param(  # 1.009794
        LEGAL
        + "Nghị định sửa đổi, bổ sung một số điều các Nghị định thuộc lĩnh vực quản lý nhà nước của Bộ Xây"
        " dựng35/2023/NĐ-CPhợp nhất Luật Xây dựng48/VBHN-VPQH",
        [
            (
                "Nghị định sửa đổi, bổ sung một số điều các Nghị định thuộc lĩnh vực quản lý nhà nước của Bộ Xây dựng",
                "35/2023/NĐ-CP",
            ),
            ("hợp nhất Luật Xây dựng", "48/VBHN-VPQH"),
        ],
        id="no-year",
    ),
]


@pytest.mark.parametrize(("raw", "expected"), LEGAL_CASES)
def test_legal_basis(raw, expected):
    docs, problems = parse_legal_basis(raw)
    assert [(d.name, d.code) for d in docs] == expected
    assert problems == []


def test_legal_basis_without_a_code():
    raw = (  # 1.014208: the code cell was cut short
        LEGAL
        + "Quyết định 24/2024/QĐ-UBND Sơn La 2024 mẫu hồ sơ, thủ tục chọn dự án hỗ trợ sản xuất liên kết"
        " theo chuỗi giá trị24/2024"
    )
    docs, problems = parse_legal_basis(raw)
    assert [d.code for d in docs] == [""]
    assert [(p.kind, p.reason) for p in problems] == [("legal_basis", "không tìm thấy mã văn bản")]
    assert parse_legal_basis("Không có thông tin")[1][0].reason == "không có thông tin"


def test_legal_basis_with_a_year_glued_to_the_number():
    raw = LEGAL + "Luật Cư trú 202068/2020/QH14"  # 1.002755: "2020" + "68/2020/QH14"?
    docs, problems = parse_legal_basis(raw)
    assert [(d.name, d.code) for d in docs] == [("Luật Cư trú", "202068/2020/QH14")]
    assert [p.reason for p in problems] == [
        "số hiệu “202068/2020/QH14” có thể dính với số năm ở cuối tên: cần tách lại"
    ]


# -- results -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(  # 1.014061
            "Thẻ căn cướcMã: KQ.G01.000023Từ khóaKhông có thông tinMô tảKhông có thông tinChọn cơ quan thực hiện",
            [("Thẻ căn cước", "KQ.G01.000023")],
            id="one",
        ),
        pytest.param(  # 1.012839
            "Biên bản tham vấnMã: KQ.G12.000802Thông báo trị giá hải quanMã: KQ.G12.000801Từ khóaKhông có thông"
            " tinMô tả",
            [("Biên bản tham vấn", "KQ.G12.000802"), ("Thông báo trị giá hải quan", "KQ.G12.000801")],
            id="two",
        ),
        pytest.param(  # 1.009444: the older national code form
            "Văn bản gia hạn hoạt động cảng, bến thủy nội địaMã: 000.00.00.G04-KQ3194Từ khóaKhông có thông tin",
            [("Văn bản gia hạn hoạt động cảng, bến thủy nội địa", "000.00.00.G04-KQ3194")],
            id="older-code",
        ),
    ],
)
def test_results(raw, expected):
    results, problems = parse_results(raw)
    assert [(r.name, r.code) for r in results] == expected
    assert problems == []


def test_results_with_odd_codes_or_none():
    results, problems = parse_results("Bản sao giao dịch được chứng thựcMã: dsfas")  # 2.000942
    assert [(r.name, r.code) for r in results] == [("Bản sao giao dịch được chứng thực", "dsfas")]
    assert [p.reason for p in problems] == ["mã kết quả không đúng dạng KQ.…"]
    # constructed: a result without a code is kept as it is, and is not a problem
    assert parse_results("Giấy phépTừ khóaKhông có thông tin") == ([Result("Giấy phép", "")], [])
    assert parse_results("")[1][0].reason == "không có thông tin"


# -- small helpers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["", "  ", "Không có thông tin", "--", "-", " không có thông tin "])
def test_missing(raw):
    assert missing(raw)


def test_split_list_keeps_commas_inside_parentheses():
    raw = "Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam, Doanh nghiệp, Người nước ngoài"
    assert split_list(raw) == [
        "Tổ chức (không bao gồm doanh nghiệp, HTX)",
        "Công dân Việt Nam",
        "Doanh nghiệp",
        "Người nước ngoài",
    ]
    assert split_list("Cấp xã") == ["Cấp xã"]
    assert split_list("Không có thông tin") == []


def test_split_list_keeps_a_category_written_with_commas():
    assert split_list("Công dân Việt Nam, Cán bộ, công chức, viên chức, Đảng viên") == [
        "Công dân Việt Nam",
        "Cán bộ, công chức, viên chức",
        "Đảng viên",
    ]


def test_search_key():
    assert search_key("Đăng ký  khai sinh") == "dang ky khai sinh"
    assert (
        search_key("  Cấp đổi Giấy CHỨNG NHẬN\tquyền sử dụng đất ")
        == "cap doi giay chung nhan quyen su dung dat"
    )


VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"


@given(st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " \t"))
def test_search_key_is_ascii_for_vietnamese(text):
    assert search_key(text).isascii()


@given(st.text())
def test_search_key_is_idempotent(text):
    assert search_key(search_key(text)) == search_key(text)


PIECES = [
    HEAD,
    DOCS,
    LEGAL,
    "Trực tiếp",
    "Trực tuyến",
    "Dịch vụ bưu chính",
    "1",
    "120",
    "2024",
    " Ngày",
    " Giờ",
]
PIECES += ["Miễn phí", "Không có thông tin", "(", ")", ",000 VNĐ", " VNĐ", "USD", "Không", "a", " ", ".", ";"]
PIECES += [
    " bản chính",
    ",1 bản sao",
    ".docx",
    "/2020/QH14",
    "/NĐ-CP",
    "Luật ",
    "Mã: ",
    "KQ.G01.000023",
    "Từ khóa",
]


@given(st.lists(st.sampled_from(PIECES)).map("".join) | st.text())
def test_parsers_never_raise(raw):
    for parse in (parse_channels, parse_documents, parse_legal_basis, parse_results):
        items, problems = parse(raw)
        assert isinstance(items, list)
        assert all(p.reason for p in problems)


# -- the whole catalogue -----------------------------------------------------------------------------

# Measured on the 588 procedures; a change is a regression or a deliberate improvement to record here.
EXPECTED_PROBLEMS = {
    "channels": 43,
    "time_limit": 544,  # 485 + 59 rows whose "Giờ" does not say working hours
    "fee": 544,
    "documents": 55,  # 42 + 13 quantities glued to a lower-case word (7 procedures): rows maybe merged
    "legal_basis": 105,
    "results": 10,
}


@pytest.fixture(scope="module")
def catalogue():
    if not DATA.exists():
        pytest.skip(f"{DATA} is not available")
    with DATA.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def test_whole_catalogue(catalogue):
    counts: Counter[str] = Counter()
    differs = []
    for procedure in catalogue:
        code = procedure["ma_thu_tuc"]
        rows, problems = parse_channels(procedure["cach_thuc_thuc_hien"])
        reported = {(p.kind, p.channel, p.raw) for p in problems}
        assert rows, code
        found = Counter(row.channel for row in rows)
        assert {c.value for c, n in found.items() if n > 1} <= {
            p.channel for p in problems if p.kind == "channels"
        }
        for row in rows:
            channel = row.channel.value
            limit, fee = row.time_limit.limit, row.fee
            assert limit is not None or ("time_limit", channel, row.time_limit.raw) in reported, code
            assert limit is None or (limit.unit in set(LimitUnit) and limit.value >= 0), code
            assert fee.amount is None or (fee.amount > 0 and fee.free is False), code
            assert fee.free is True or fee.amount is not None or ("fee", channel, fee.raw) in reported, code
        named = {CHANNEL_OF[x["hinh_thuc"]] for x in procedure["cach_thuc_thuc_hien_parsed"]}
        assert set(found) == named or any(p.kind == "channels" for p in problems), code
        if set(found) != named:
            differs.append(code)
        counts.update(p.kind for p in problems)

        docs, problems = parse_documents(procedure["thanh_phan_ho_so"])
        flagged = {p.raw for p in problems}
        for doc in docs:
            assert doc.originals is not None or doc.copies is not None or doc.raw in flagged, code
        counts.update(p.kind for p in problems)
        for parse, field in ((parse_legal_basis, "can_cu_phap_ly"), (parse_results, "ket_qua_xu_ly")):
            counts.update(p.kind for p in parse(procedure[field])[1])
    print("\nproblems by kind:", dict(sorted(counts.items())))
    assert dict(counts) == EXPECTED_PROBLEMS
    # The provided split made a row of "+ Trực tiếp tại cơ quan đăng ký cư trú…" inside a description there.
    assert differs == ["1.003677"]
