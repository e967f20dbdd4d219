"""Channels, time limits and fees: the field ``cach_thuc_thuc_hien``."""

from __future__ import annotations

import re
from decimal import Decimal

from motcua.core.catalog_text.common import (
    _CHANNEL_NAMES,
    _NO_INFO,
    _NO_INFO_REASON,
    ChannelRow,
    Fee,
    Problem,
    missing,
)
from motcua.core.timelimits import ParsedTimeLimit, parse_time_limit

_CHANNEL_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
_CHANNEL_RE = re.compile("|".join(_CHANNEL_NAMES))
_CURRENCY = r"(VNĐ|Việt Nam Đồng|USD|đồng|Đồng)"
_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)\s*" + _CURRENCY)
_RUN_TOGETHER = re.compile(r"\d[\d,.]*\s*" + _CURRENCY)
_NUMBER_UNIT = re.compile(r"\d+(?:[.,]\d+)?\s*(?:Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng|Tuần|Năm|Phút)")
_BARE_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_FEE_START = re.compile(rf"Miễn phí|{_NO_INFO}|\d{{1,3}}(?:,\d{{3}})+\s*{_CURRENCY}|\d+\s*{_CURRENCY}")
_MONEY = r"(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:đồng|vnđ|vnd|đ)"  # in remarks "." separates thousands
_REMARK_AMOUNT = re.compile(rf"(?i){_MONEY}(?![^\W\d_])")
_PER_AMOUNT = re.compile(rf"(?i){_MONEY}\s*/\s*([^.;,()]+)")
_PER_BARE = re.compile(r"\s*/\s*([^.;,()]+)")
_FREE_REMARKS = {"", "không", "không có", "không quy định", "miễn phí", "miễn lệ phí", "không thu lệ phí"}


def _remark_end(text: str, start: int) -> int:
    """Index after the parenthesis closing the one at `start` (remarks nest: "Miễn phí((Mức lệ phí …))")."""
    depth = 0
    for i in range(start, len(text)):
        depth += (text[i] == "(") - (text[i] == ")")
        if depth == 0:
            return i + 1
    # Unbalanced remarks exist ("((Phí Thẩm tra, thẩm định )Dịch vụ bưu chính…"): close at a ")" followed
    # by the next row or the end, else leave the "(" to the description.
    for i in range(start + 1, len(text)):
        row = _CHANNEL_RE.match(text, i + 1)
        cell = text[row.end() : row.end() + 1] if row else ""
        if text[i] == ")" and (i + 1 == len(text) or cell.isdigit() or cell.isupper()):
            return i + 1
    return start


def _read_fee(text: str, pos: int) -> tuple[Fee, int] | None:
    amount = _AMOUNT.match(text, pos)
    word = next((w for w in ("Miễn phí", _NO_INFO, "VNĐ", "Việt Nam Đồng") if text.startswith(w, pos)), "")
    if word:
        end = pos + len(word)
    elif amount:
        end = amount.end()
    else:
        return None
    note = ""
    if text.startswith("(", end):
        close = _remark_end(text, end)
        note, end = text[end + 1 : close - 1], close
    raw = text[pos:end]
    if amount:
        return _amount_fee(raw, amount, note), end
    if word == _NO_INFO:
        return Fee(raw, None, None, note=note, reason=_NO_INFO_REASON), end
    if word != "Miễn phí":  # "VNĐ(20.000 vnđ /tờ khai)": the remark's figure is not the cell's amount
        return Fee(raw, None, None, note=note, reason="có đơn vị tiền nhưng không ghi số tiền"), end
    if note.strip(" .;:-()").casefold() in _FREE_REMARKS:  # other remarks are conditions or rates
        return Fee(raw, True, None, note=note), end
    reason = "ô phí ghi “Miễn phí” nhưng kèm ghi chú về mức thu hoặc điều kiện: cần xác định mức phí"
    return Fee(raw, None, None, note=note, reason=reason), end


def _amount_fee(raw: str, amount: re.Match[str], note: str) -> Fee:
    value, cell = Decimal(amount.group(1).replace(",", "")), amount.group(0)
    stated = {Decimal(m.group(1).replace(".", "")) for m in _REMARK_AMOUNT.finditer(note)}
    # The portal sometimes stores thousands ("20 VNĐ" beside "20.000 đồng/tờ khai") or a rate its own
    # remark contradicts: the amount is then not taken, whatever it probably means.
    doubt = ""
    if amount.group(2) == "USD":
        doubt = f"lệ phí ghi bằng ngoại tệ ({cell})"
    elif value < 1000:
        doubt = f"số tiền “{cell}” nhỏ bất thường (có thể ô phí ghi theo nghìn đồng)"
    elif stated and value not in stated:
        doubt = f"số tiền “{cell}” không khớp với số tiền trong ghi chú"
    elif re.search(r"\d ?USD", note):
        doubt = f"ô phí ghi “{cell}” nhưng ghi chú ghi số tiền bằng USD"
    if doubt:
        return Fee(raw, False, None, note=note, reason=doubt)
    with_amount, bare = list(_PER_AMOUNT.finditer(note)), _PER_BARE.match(note)
    per = ""
    if bare and not with_amount:
        per = bare.group(1)
    elif len(with_amount) == 1 and Decimal(with_amount[0].group(1).replace(".", "")) == value:
        per = with_amount[0].group(2)
    return Fee(raw, False, value, per=per.strip(), note=note)


_HOURS_NOT_WORKING = "“giờ” không ghi “làm việc”"


def _time(raw: str) -> ParsedTimeLimit:
    try:
        parsed = parse_time_limit(raw)
    except ValueError:
        return ParsedTimeLimit(raw, None, reason="thời hạn không hợp lệ")
    if parsed.limit is not None and parsed.note.startswith(_HOURS_NOT_WORKING):
        # The deadline engine reads a bare "giờ" as working hours (D3); a catalogue must not publish that
        # reading unconfirmed: "24 Giờ" would become three working days.
        return ParsedTimeLimit(
            raw, None, reason=f"{_HOURS_NOT_WORKING}: chưa rõ giờ làm việc hay giờ theo lịch"
        )
    return parsed


def _read_head(text: str, pos: int) -> tuple[ParsedTimeLimit, Fee, int] | None:
    """The time and fee cells starting at `pos` (just after a channel name), and where the fee ends."""
    if pos >= len(text):
        return None
    run_together = _RUN_TOGETHER.match(text, pos) and _AMOUNT.match(text, pos)
    if run_together:  # "Trực tuyến120 VNĐ(…)": "1"+"20 VNĐ", "12"+"0 VNĐ" or "120"+"VNĐ"?
        end = run_together.end()
        close = _remark_end(text, end) if text.startswith("(", end) else end
        note = text[end + 1 : close - 1] if close > end else ""
        reason = (
            f"số của thời hạn và số tiền lệ phí viết liền nhau (“{run_together.group()}”), không tách được"
        )
        fee = Fee(text[pos:close], None, None, note=note, reason=reason)
        return ParsedTimeLimit(run_together.group(), None, reason=reason), fee, close
    number = _NUMBER_UNIT.match(text, pos) or _BARE_NUMBER.match(text, pos)
    if number is not None:
        time_end = number.end()
    elif text[pos].isupper():  # a worded time cell: "Không phải trả kết quả cho người nộp thuế"
        fee_start = _FEE_START.search(text, pos + 1, pos + 300)
        if fee_start is None or _CHANNEL_RE.search(text, pos, fee_start.start()):
            return None
        time_end = fee_start.start()
    else:
        return None
    fee_pos = time_end
    while text[fee_pos : fee_pos + 1] in (" ", "\t"):
        fee_pos += 1
    read = _read_fee(text, fee_pos)
    if read is None:
        return None
    time_raw, (fee, end) = text[pos:time_end], read
    if number is None and time_raw[-1].isdigit() and fee.amount is not None:
        reason = f"số của thời hạn và số tiền lệ phí viết liền nhau (“{time_raw}{fee.raw}”), không tách được"
        return ParsedTimeLimit(time_raw, None, reason=reason), Fee(fee.raw, None, None, reason=reason), end
    return _time(time_raw), fee, end


def parse_channels(raw: str) -> tuple[list[ChannelRow], list[Problem]]:
    if missing(raw):
        return [], [Problem("channels", raw, _NO_INFO_REASON)]
    body = raw.split(_CHANNEL_HEADER, 1)[-1]
    heads: list[tuple[re.Match[str], ParsedTimeLimit, Fee, int]] = []
    for match in _CHANNEL_RE.finditer(body):
        # Descriptions name channels too ("- Trực tuyến: nộp hồ sơ…"): only a readable time + fee counts.
        head = None if heads and match.start() < heads[-1][3] else _read_head(body, match.end())
        if head is not None:
            heads.append((match, *head))
    if not heads:
        return [], [Problem("channels", raw, "không tách được thành các hàng hình thức nộp")]
    problems: list[Problem] = []
    if body[: heads[0][0].start()].strip():
        problems.append(Problem("channels", body[: heads[0][0].start()], "có nội dung trước hàng đầu tiên"))
    rows = []
    for i, (match, time, fee, fee_end) in enumerate(heads):
        end = heads[i + 1][0].start() if i + 1 < len(heads) else len(body)
        channel = _CHANNEL_NAMES[match.group()]
        rows.append(ChannelRow(channel, time, fee, body[fee_end:end], body[match.end() : end]))
        if not time.parsed:
            problems.append(Problem("time_limit", time.raw, time.reason, channel.value))
        if fee.reason:
            problems.append(Problem("fee", fee.raw, fee.reason, channel.value))
    for name, channel in _CHANNEL_NAMES.items():
        repeated = [row for row in rows if row.channel == channel]
        if len(repeated) > 1:
            limits = "; ".join(row.time_limit.raw for row in repeated)
            reason = f"kênh “{name}” có {len(repeated)} hàng (thời hạn: {limits}): cần chọn hàng áp dụng"
            problems.append(Problem("channels", " | ".join(r.raw for r in repeated), reason, channel.value))
    return rows, problems
