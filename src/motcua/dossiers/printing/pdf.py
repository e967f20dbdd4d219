"""A form as PDF: its Django template, laid out by WeasyPrint on the form's paper."""

from __future__ import annotations

from django.template.loader import render_to_string

from motcua.dossiers.printing.data import BOOK_COLUMNS, Form, ReceiptSlip
from motcua.dossiers.printing.qr import PRINTED_MM, qr_data_uri


def render_html(form: Form) -> str:
    """The form's HTML, also usable as a preview in the browser."""
    context = {
        "form": form,
        "qr": qr_data_uri(form.tracking_url) if isinstance(form, ReceiptSlip) else "",
        "qr_mm": PRINTED_MM,
        "columns": BOOK_COLUMNS,
    }
    return render_to_string(f"dossiers/printing/{form.kind}.html", context)


def render_pdf(form: Form) -> bytes:
    # Imported here: WeasyPrint loads Pango and its fonts, which a process that never prints should not pay.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Only data: URIs (the QR code) may be loaded: a value typed by an applicant can never make the
    # server fetch a URL or read a file while printing.
    fetcher = URLFetcher(allowed_protocols={"data"})
    pdf: bytes = HTML(string=render_html(form), base_url=None, url_fetcher=fetcher).write_pdf()
    return pdf
