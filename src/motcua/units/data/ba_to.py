"""Ba Tơ district (Quảng Ngãi) before and after 1/7/2025, from `shared/domain/units-ba-to.md`.

Codes are the NSO/GSO codes. Agencies have internal codes (`535-…`): their electronic identifier codes
(Circular 10/2016/TT-BTTTT) were not found in a source, so `edoc_code` stays empty rather than guessed.
The 2024 units are loaded from 01/02/2020, the last reorganisation of Quảng Ngãi's communes found
(Resolution 867/NQ-UBTVQH14); earlier history is not part of the demo.
"""

from __future__ import annotations

import datetime as dt

OLD_FROM = dt.date(2020, 2, 1)
OLD_TO = dt.date(2025, 6, 30)
NEW_FROM = dt.date(2025, 7, 1)

PROVINCE_OLD = ("51", "Tỉnh Quảng Ngãi")
PROVINCE_NEW = ("51", "Tỉnh Quảng Ngãi")
PROVINCE_MERGER_BASIS = "Nghị quyết 202/2025/QH15 ngày 12/6/2025 (hợp nhất tỉnh Kon Tum và tỉnh Quảng Ngãi)"
DISTRICT = ("535", "Huyện Ba Tơ")
COMMUNE_MERGER_BASIS = "Nghị quyết 1677/NQ-UBTVQH15 ngày 16/6/2025"

#: (code, name, division) of the 19 commune-level units of 2024
COMMUNES_2024: list[tuple[str, str, str]] = [
    ("21484", "Thị trấn Ba Tơ", "thi_tran"),
    ("21487", "Xã Ba Điền", "xa"),
    ("21490", "Xã Ba Vinh", "xa"),
    ("21493", "Xã Ba Thành", "xa"),
    ("21496", "Xã Ba Động", "xa"),
    ("21499", "Xã Ba Dinh", "xa"),
    ("21500", "Xã Ba Giang", "xa"),
    ("21502", "Xã Ba Liên", "xa"),
    ("21505", "Xã Ba Ngạc", "xa"),
    ("21508", "Xã Ba Khâm", "xa"),
    ("21511", "Xã Ba Cung", "xa"),
    ("21517", "Xã Ba Tiêu", "xa"),
    ("21520", "Xã Ba Trang", "xa"),
    ("21523", "Xã Ba Tô", "xa"),
    ("21526", "Xã Ba Bích", "xa"),
    ("21529", "Xã Ba Vì", "xa"),
    ("21532", "Xã Ba Lế", "xa"),
    ("21535", "Xã Ba Nam", "xa"),
    ("21538", "Xã Ba Xa", "xa"),
]

#: (internal code, name, kind, note) of the district's agencies named in Decision 486/QĐ-UBND (2024)
AGENCIES_2024: list[tuple[str, str, str, str]] = [
    ("535-VP", "Văn phòng HĐND và UBND huyện Ba Tơ", "agency", "Cơ quan kiểm soát TTHC của huyện"),
    ("535-TP", "Phòng Tư pháp huyện Ba Tơ", "agency", ""),
    ("535-VHTT", "Phòng Văn hóa và Thông tin huyện Ba Tơ", "agency", ""),
    ("535-TCKH", "Phòng Tài chính - Kế hoạch huyện Ba Tơ", "agency", ""),
    ("535-TNMT", "Phòng Tài nguyên và Môi trường huyện Ba Tơ", "agency", ""),
    ("535-CA", "Công an huyện Ba Tơ", "agency", "Cơ quan ngành dọc, đặt dưới huyện để phân quyền"),
    ("535-BHXH", "Bảo hiểm xã hội huyện Ba Tơ", "agency", "Cơ quan ngành dọc, đặt dưới huyện để phân quyền"),
    ("535-THUE", "Chi cục Thuế khu vực Đức Phổ - Ba Tơ", "agency", "Cơ quan ngành dọc, phục vụ cả Đức Phổ"),
    ("535-KBNN", "Kho bạc Nhà nước huyện Ba Tơ", "agency", "Cơ quan ngành dọc, đặt dưới huyện để phân quyền"),
    ("535-TTVH", "Trung tâm Truyền thông - Văn hóa - Thể thao huyện Ba Tơ", "agency", ""),
    ("535-VPDK", "Văn phòng Đăng ký quyền sử dụng đất chi nhánh Ba Tơ", "agency", ""),
    ("535-MC", "Bộ phận Tiếp nhận và Trả kết quả huyện Ba Tơ", "one_stop", "Bộ phận Một cửa của huyện"),
]

#: the 8 communes from 1/7/2025: (code, name, [(old code, succession kind)])
COMMUNES_2025: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("21484", "Xã Ba Tơ", [("21484", "merged_whole"), ("21511", "merged_whole"), ("21526", "merged_whole")]),
    ("21490", "Xã Ba Vinh", [("21487", "merged_whole"), ("21490", "merged_whole")]),
    (
        "21496",
        "Xã Ba Động",
        [("21493", "merged_whole"), ("21496", "merged_whole"), ("21502", "merged_whole")],
    ),
    ("21499", "Xã Ba Dinh", [("21499", "merged_whole"), ("21500", "merged_whole")]),
    ("21520", "Xã Đặng Thùy Trâm", [("21508", "merged_whole"), ("21520", "merged_whole")]),
    ("21523", "Xã Ba Tô", [("21523", "merged_whole"), ("21532", "merged_whole"), ("21535", "merged_whole")]),
    ("21529", "Xã Ba Vì", [("21505", "merged_whole"), ("21517", "merged_whole"), ("21529", "merged_whole")]),
    ("21538", "Xã Ba Xa", [("21538", "kept")]),
]
