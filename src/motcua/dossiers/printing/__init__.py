"""The one-stop forms (Mẫu 01–07) as PDF and DOCX, from the plain values of `data`.

    render(slip, "pdf") → bytes;  filename(slip, "pdf") → "mau-01-<dossier code>.pdf"

The number and title printed come from the form set in force on the form's `day`
(`motcua.core.form_sets`), so a dossier received in 2024 keeps its Circular 01/2018 forms.
"""

from __future__ import annotations

import re
import unicodedata

from motcua.dossiers.printing.data import Form, TrackingBook

CONTENT_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

_UNSAFE = re.compile(r"[^0-9A-Za-z.]+")


def content_type(fmt: str) -> str:
    try:
        return CONTENT_TYPES[fmt]
    except KeyError:
        raise ValueError(f"định dạng “{fmt}” không được hỗ trợ (pdf hoặc docx)") from None


def render(form: Form, fmt: str) -> bytes:
    """The form as "pdf" or "docx"."""
    content_type(fmt)  # refuses an unknown format before any work
    # Imported on use: the PDF renderer loads WeasyPrint and Pango, the DOCX one python-docx.
    if fmt == "pdf":
        from motcua.dossiers.printing.pdf import render_pdf

        return render_pdf(form)
    from motcua.dossiers.printing.docx import render_docx

    return render_docx(form)


def _slug(text: str) -> str:
    # ASCII, because browsers still disagree on non-ASCII download names; a dossier code keeps its dots
    # and case ("H54.10.535-260305-0012"), marks are dropped ("Quý I/2026" → "Quy-I-2026").
    bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return _UNSAFE.sub("-", "".join(ch for ch in bare if not unicodedata.combining(ch))).strip("-.")


def filename(form: Form, fmt: str) -> str:
    """ "mau-01-<dossier code>.pdf"; the book: "so-theo-doi-<period>.pdf"; ASCII only, for any browser."""
    content_type(fmt)
    if isinstance(form, TrackingBook):
        return f"so-theo-doi-{_slug(form.period_label).lower()}.{fmt}"
    stem = f"mau-{form.name.number}"
    subject = _slug(form.dossier_code) or form.issued_on.isoformat()
    return f"{stem}-{subject}.{fmt}"
