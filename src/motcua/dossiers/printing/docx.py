"""A form as DOCX (python-docx), for the offices that finish or archive forms in Word.

The layout follows the PDF: the "Mẫu số" reference (with the QR code at the top left of a receipt
slip), the two-column heading of Decree 30/2020, the title, the body and its tables, the signatures.
Every run names Times New Roman for all scripts, so Word never substitutes a font for the Vietnamese
marks and the lines break where they do in the PDF.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

import docx
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from motcua.dossiers.printing.data import (
    BOOK_COLUMNS,
    Apology,
    Applicant,
    Component,
    ControlSlip,
    Form,
    Paper,
    ReceiptSlip,
    Refusal,
    StopNotice,
    SupplementRequest,
    TrackingBook,
)
from motcua.dossiers.printing.qr import PRINTED_MM, qr_png

FONT = "Times New Roman"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
Container = DocumentObject | _Cell  # both add paragraphs and tables


def _run(paragraph: Paragraph, text: str, size: float, *, bold: bool = False, italic: bool = False) -> Run:
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    # font.name sets only the Latin slots; Word picks the East Asian and complex-script slots for some
    # characters, and would then show them in another font.
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    return run


def _element(tag: str, **attributes: str) -> Any:
    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _p(
    where: Container,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    align: Any = JUSTIFY,
    after: float = 1,
) -> Paragraph:
    # A new cell has one empty paragraph already: write into it rather than leave a blank line above.
    existing = where.paragraphs if isinstance(where, _Cell) else []
    paragraph = existing[0] if len(existing) == 1 and not existing[0].text else where.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(after)
    if text:
        _run(paragraph, text, size, bold=bold, italic=italic)
    return paragraph


def _labelled(where: Container, label: str, value: str, size: float, *, bold: bool = False) -> None:
    paragraph = _p(where, label, size)
    _run(paragraph, value, size, bold=bold)


def _rule(cell: _Cell, width_mm: float, rule_mm: float) -> None:
    """A centred line under the agency's name, a third of the column wide (Decree 30/2020)."""
    paragraph = _p(cell, "", 2, align=CENTER, after=0)
    paragraph.paragraph_format.line_spacing = Pt(3)  # exactly: the rule sits just under the name
    indent = Mm(max(width_mm - rule_mm, 0) / 2)
    paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.right_indent = indent
    borders = _element("w:pBdr")
    borders.append(_element("w:bottom", val="single", sz="6", space="1", color="000000"))
    paragraph._p.get_or_add_pPr().insert_element_before(
        borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc"
    )


def _table(where: Container, widths_mm: Sequence[float], rows: int, *, grid: bool) -> Table:
    table = where.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    if grid:
        table.style = "Table Grid"
        # Word's default 1.9 mm cell padding would wrap codes and dates that fit in the PDF's 1 mm.
        margins = _element("w:tblCellMar")
        for side in ("w:left", "w:right"):
            margins.append(_element(side, w="57", type="dxa"))  # twentieths of a point: 1 mm
        table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    return table


def _page(document: DocumentObject, paper: Paper) -> None:
    section = document.sections[0]
    if paper.width_mm > paper.height_mm:
        section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(paper.width_mm), Mm(paper.height_mm)
    top, right, bottom, left = paper.margins_mm
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(paper.body_pt)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _top(document: DocumentObject, form: Form, width: float) -> None:
    """ "Mẫu số …" at the top right; on a receipt slip the QR code takes the top left (Circular 01/2023)."""
    where: Container = document
    if isinstance(form, ReceiptSlip):
        table = _table(document, (PRINTED_MM + 2, width - PRINTED_MM - 2), 1, grid=False)
        qr_cell, where = table.rows[0].cells
        picture = _run(_p(qr_cell, "", 2, align=WD_ALIGN_PARAGRAPH.LEFT, after=0), "", 2)
        picture.add_picture(io.BytesIO(qr_png(form.tracking_url)), width=Mm(PRINTED_MM))
    _p(where, form.number_label, 11, bold=True, align=RIGHT, after=0)
    _p(where, form.basis, 10, italic=True, align=RIGHT, after=0)
    if isinstance(form, ReceiptSlip):
        _p(where, f"Tra cứu hồ sơ: {form.tracking_url}", 9, align=RIGHT, after=0)


def _heading(document: DocumentObject, form: Form, width: float) -> None:
    size = form.paper.header_pt
    left_mm = width * form.paper.heading_left / 100
    table = _table(document, (left_mm, width - left_mm), 2, grid=False)
    left, right = table.rows[0].cells
    _p(left, form.agency.parent_name.upper(), size, align=CENTER, after=0)
    _p(left, form.agency.name.upper(), size, bold=True, align=CENTER, after=0)
    _rule(left, left_mm, left_mm / 3)
    _p(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size, bold=True, align=CENTER, after=0)
    motto = _run(_p(right, "", size, align=CENTER, after=0), "Độc lập - Tự do - Hạnh phúc", size, bold=True)
    motto.underline = True  # Decree 30/2020: a rule as long as the motto
    place_date = _p(table.rows[1].cells[1], form.place_date, size, italic=True, align=CENTER, after=0)
    place_date.paragraph_format.space_before = Pt(4)
    title = _p(document, form.title, 13, bold=True, align=CENTER, after=1)
    title.paragraph_format.space_before = Pt(6)


def _code(document: DocumentObject, code: str, size: float) -> None:
    if code:
        paragraph = _p(document, "Mã hồ sơ: ", size, align=CENTER, after=4)
        _run(paragraph, code, size, bold=True)


def _contact(document: DocumentObject, applicant: Applicant, size: float) -> None:
    _labelled(document, "Địa chỉ: ", applicant.address, size)
    email = f"; Email: {applicant.email}" if applicant.email else ""
    _labelled(document, "Số điện thoại: ", applicant.phone + email, size)


def _addressee(document: DocumentObject, applicant: Applicant, size: float) -> None:
    paragraph = _p(document, "Kính gửi: ", size, align=CENTER, after=0)
    _run(paragraph, applicant.name, size, bold=True)
    phone = f"; Số điện thoại: {applicant.phone}" if applicant.phone else ""
    _p(document, f"(Địa chỉ: {applicant.address}{phone})", size, align=CENTER, after=4)


def _components(
    document: DocumentObject, form: Form, label: str, components: Sequence[Component], copies: str
) -> None:
    width, size = form.paper.text_width_mm, form.paper.table_pt
    quantity = width * 0.18
    widths = (width * 0.07, width - width * 0.07 - 3 * quantity, quantity, quantity, quantity)
    table = _table(document, widths, 2 + len(components), grid=True)
    head, sub = table.rows[0].cells, table.rows[1].cells
    head[0].merge(sub[0])
    head[1].merge(sub[1])
    head[2].merge(head[4])
    for cell, text in ((head[0], "TT"), (head[1], label), (head[2], "Số lượng")):
        _p(cell, text, size, bold=True, align=CENTER, after=0)
    for cell, text in zip(sub[2:], ("Bản chính", copies, "Bản photo"), strict=True):
        _p(cell, text, size, bold=True, align=CENTER, after=0)
    _repeat_header(table, 2)
    for number, (row, component) in enumerate(zip(table.rows[2:], components, strict=True), 1):
        cells = row.cells
        _p(cells[0], str(number), size, align=CENTER, after=0)
        _p(cells[1], component.name, size, align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
        for cell, count in zip(cells[2:], component.counts, strict=True):
            _p(cell, count, size, align=CENTER, after=0)


def _repeat_header(table: Table, rows: int) -> None:
    # A table that runs onto the next page shows its header again there.
    for row in table.rows[:rows]:
        row._tr.get_or_add_trPr().append(_element("w:tblHeader"))


def _signer(cell: _Cell, form: Form, role: str, name: str) -> None:
    _p(cell, role, form.paper.header_pt, bold=True, align=CENTER, after=0)
    _p(cell, form.signer_caption, 10, italic=True, align=CENTER, after=0)
    signed = _p(cell, name, form.paper.body_pt, bold=True, align=CENTER, after=0)
    signed.paragraph_format.space_before = Pt(30)  # room to sign


def _signatures(
    document: DocumentObject,
    form: Form,
    right: tuple[str, str],
    *,
    left: tuple[str, str] | None = None,
    recipients: Sequence[str] = (),
) -> None:
    """The signer (role, name) on the right; on the left a second signer or the list of recipients."""
    width = form.paper.text_width_mm
    left_cell, right_cell = _table(document, (width / 2, width / 2), 1, grid=False).rows[0].cells
    if left is not None:
        _signer(left_cell, form, *left)
    elif recipients:
        _p(left_cell, "Nơi nhận:", 11, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
        for recipient in recipients:
            _p(left_cell, f"- {recipient}", 10, align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
    _signer(right_cell, form, *right)


def _receipt(document: DocumentObject, form: ReceiptSlip) -> None:
    size = form.paper.body_pt
    _code(document, form.dossier_code, size)
    _labelled(document, "Tiếp nhận hồ sơ của: ", form.applicant.name, size, bold=True)
    _contact(document, form.applicant, size)
    _labelled(document, "Nội dung yêu cầu giải quyết: ", form.matter, size)
    _p(document, "1. Thành phần hồ sơ nộp gồm:", size)
    _components(document, form, "Tên giấy tờ", form.components, "Bản sao chứng thực")
    _p(document, f"2. Số lượng hồ sơ: {form.sets_text} (bộ)", size)
    _p(document, f"3. Thời gian giải quyết hồ sơ theo quy định là: {form.time_limit_text}", size)
    _p(document, f"4. Thời gian nhận hồ sơ: {form.received_text}", size)
    _labelled(document, "5. Thời gian trả kết quả giải quyết hồ sơ: ", form.appointment_text, size, bold=True)
    _p(document, f"6. Đăng ký nhận kết quả tại: {form.return_place}", size)
    _p(document, f"Vào Sổ theo dõi hồ sơ, {form.book_text}", size)
    _signatures(
        document,
        form,
        ("NGƯỜI TIẾP NHẬN HỒ SƠ", form.officer_name),
        left=("NGƯỜI NỘP HỒ SƠ", form.applicant.name),
    )


def _supplement(document: DocumentObject, form: SupplementRequest) -> None:
    size = form.paper.body_pt
    _code(document, form.dossier_code, size)
    _labelled(document, "Tiếp nhận hồ sơ của: ", form.applicant.name, size, bold=True)
    _labelled(document, "Nội dung yêu cầu giải quyết: ", form.matter, size)
    _contact(document, form.applicant, size)
    _p(document, form.lead_text, size)
    _components(document, form, "Thành phần hồ sơ", form.items, "Bản chứng thực")
    _p(document, f"Lý do: {form.reason}", size)
    _p(
        document,
        f"Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ {form.contact} để được hướng dẫn./.",
        size,
    )
    _signatures(document, form, ("NGƯỜI HƯỚNG DẪN", form.officer_name))


def _refusal(document: DocumentObject, form: Refusal) -> None:
    size = form.paper.body_pt
    _code(document, form.dossier_code, size)
    _labelled(document, "Tiếp nhận hồ sơ của: ", form.applicant.name, size, bold=True)
    _contact(document, form.applicant, size)
    _labelled(document, "Nội dung yêu cầu giải quyết: ", form.matter, size)
    _p(
        document,
        "Sau khi xem xét, đối chiếu hồ sơ với quy định, cơ quan, đơn vị từ chối tiếp nhận giải quyết hồ sơ "
        "của ông/bà với lý do như sau:",
        size,
    )
    _p(document, form.reason, size)
    _p(document, "Xin thông báo để ông/bà được biết và thực hiện./.", size)
    _signatures(document, form, ("NGƯỜI TIẾP NHẬN HỒ SƠ", form.officer_name))


def _apology(document: DocumentObject, form: Apology) -> None:
    size = form.paper.body_pt
    _addressee(document, form.applicant, size)
    _p(
        document,
        f"{form.received_text}, chúng tôi tiếp nhận giải quyết hồ sơ của ông/bà thuộc lĩnh vực {form.field}.",
        size,
    )
    _labelled(document, "Mã hồ sơ: ", form.dossier_code, size, bold=True)
    _p(document, f"Thời gian hẹn trả kết quả giải quyết hồ sơ: {form.original_text}", size)
    _p(
        document,
        "Tuy nhiên đến nay, chúng tôi chưa trả kết quả giải quyết hồ sơ của ông/bà đúng hạn như đã hẹn.",
        size,
    )
    _p(document, f"Lý do: {form.reason}", size)
    _p(
        document,
        "Sự chậm trễ này đã gây phiền hà cho ông/bà. Chúng tôi trân trọng xin lỗi ông/bà và mong ông/bà thông cảm.",
        size,
    )
    _labelled(document, f"{form.new_label}: ", form.new_text, size, bold=True)
    _p(document, "Xin trân trọng cảm ơn./.", size)
    _signatures(document, form, (form.signer_title.upper(), form.signer_name), recipients=form.recipients)


def _stop_notice(document: DocumentObject, form: StopNotice) -> None:
    size = form.paper.body_pt
    _addressee(document, form.applicant, size)
    _labelled(document, "Mã hồ sơ: ", form.dossier_code, size, bold=True)
    _labelled(document, "Nội dung yêu cầu giải quyết: ", form.matter, size)
    _p(document, "Chúng tôi thông báo dừng giải quyết hồ sơ nêu trên.", size)
    _p(document, f"Lý do: {form.reason}", size)
    _p(document, "Xin thông báo để ông/bà được biết./.", size)
    _signatures(document, form, (form.signer_title.upper(), form.signer_name))


def _control(document: DocumentObject, form: ControlSlip) -> None:
    size, cell_pt = form.paper.body_pt, form.paper.table_pt
    _code(document, form.dossier_code, size)
    _labelled(document, "Chủ hồ sơ: ", form.applicant.name, size, bold=True)
    phone = f"; Số điện thoại: {form.applicant.phone}" if form.applicant.phone else ""
    _p(document, f"Địa chỉ: {form.applicant.address}{phone}", size)
    _labelled(document, "Nội dung yêu cầu giải quyết: ", form.matter, size)
    _p(document, f"Thời gian nhận hồ sơ: {form.received_text}", size)
    _p(document, f"Thời gian hẹn trả kết quả: {form.appointment_text}", size)
    _p(document, f"Cơ quan (bộ phận) giải quyết hồ sơ: {form.settling_unit}", size)
    _p(document, f"Cơ quan phối hợp giải quyết hồ sơ: {form.coordinating or 'Không'}", size)
    width = form.paper.text_width_mm
    widths = (width * 0.30, width * 0.34, width * 0.18, width * 0.18)
    table = _table(document, widths, 1 + len(form.rows), grid=True)
    heads = (
        "TÊN CƠ QUAN",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/ đúng hạn/ quá hạn)",
        "GHI CHÚ",
    )
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _p(cell, text, cell_pt, bold=True, align=CENTER, after=0)
    _repeat_header(table, 1)
    left = WD_ALIGN_PARAGRAPH.LEFT
    for row, step in zip(table.rows[1:], form.rows, strict=True):
        agency, moment, outcome, note = row.cells
        _p(agency, f"1. Giao: {step.giver}", cell_pt, align=left, after=0)
        _p(agency, f"2. Nhận: {step.receiver}", cell_pt, align=left, after=0)
        _p(moment, step.handed_text, cell_pt, align=left, after=0)
        _p(moment, "Người giao    Người nhận", cell_pt, italic=True, align=left, after=14)
        _p(outcome, step.outcome_label, cell_pt, align=CENTER, after=0)
        _p(note, step.note, cell_pt, align=left, after=0)


def _book(document: DocumentObject, form: TrackingBook) -> None:
    _p(document, form.subtitle, form.paper.body_pt, bold=True, align=CENTER, after=6)
    width, size = form.paper.text_width_mm, form.paper.table_pt
    table = _table(
        document, [width * share / 100 for _, share in BOOK_COLUMNS], 1 + len(form.rows), grid=True
    )
    for cell, (label, _) in zip(table.rows[0].cells, BOOK_COLUMNS, strict=True):
        _p(cell, label, size, bold=True, align=CENTER, after=0)
    _repeat_header(table, 1)
    for row, book_row in zip(table.rows[1:], form.rows, strict=True):
        for index, (cell, text) in enumerate(zip(row.cells, book_row.cells, strict=True)):
            _p(cell, text, size, align=CENTER if index in (0, 3) else WD_ALIGN_PARAGRAPH.LEFT, after=0)


BODIES: dict[type, Callable[[Any, Any], None]] = {
    ReceiptSlip: _receipt,
    SupplementRequest: _supplement,
    Refusal: _refusal,
    Apology: _apology,
    StopNotice: _stop_notice,
    ControlSlip: _control,
    TrackingBook: _book,
}


def render_docx(form: Form) -> bytes:
    document = docx.Document()
    _page(document, form.paper)
    width = form.paper.text_width_mm
    _top(document, form, width)
    _heading(document, form, width)
    BODIES[type(form)](document, form)
    document.core_properties.title = f"{form.number_label} – {form.name.title}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
