"""Reading the flattened text fields of the National Public Service Portal procedure catalogue.

The portal's tables reached us as text with the cells glued together and no separator:

* ``cach_thuc_thuc_hien``: "Hình thức nộpThời gianPhí, lệ phíMô tả", then rows of channel + time + fee +
  description ("Trực tuyến5 Ngày làm việcMiễn phí(…)Nộp qua Cổng…Trực tiếp…"). A channel may have several
  rows (one per step or case, each with its own time limit).
* ``thanh_phan_ho_so``: [group heading] "Tên giấy tờMẫu đơn, tờ khaiSố lượng", then rows of name + form
  file + "N bản chính[,M bản sao]"; the next group's heading is glued after the last quantity.
* ``can_cu_phap_ly``: "Tên văn bản pháp lýMã văn bản", then rows of name + document number.
* ``ket_qua_xu_ly``: result names each followed by "Mã: KQ…", then page chrome from "Từ khóa" on.

Cell boundaries are taken only from evidence in the text: a channel name followed by something that reads
as a time cell and a fee cell, a quantity glued to the end of a name and followed by the next row, a
document number glued to its neighbours. What cannot be split or read with certainty is kept raw and
reported as a `Problem` with a Vietnamese reason: the catalogue officer decides, motcua never guesses.
"""

from motcua.core.catalog_text.channels import parse_channels
from motcua.core.catalog_text.common import (
    Channel,
    ChannelRow,
    Fee,
    LegalDocument,
    Problem,
    RequiredDocument,
    Result,
    missing,
    search_key,
    split_list,
)
from motcua.core.catalog_text.documents import parse_documents
from motcua.core.catalog_text.legal import parse_legal_basis, parse_results

__all__ = [
    "Channel",
    "ChannelRow",
    "Fee",
    "LegalDocument",
    "Problem",
    "RequiredDocument",
    "Result",
    "missing",
    "parse_channels",
    "parse_documents",
    "parse_legal_basis",
    "parse_results",
    "search_key",
    "split_list",
]
