"""The QR code of a receipt slip: the dossier's tracking address (Decree 61/2018 Art. 26; Circular 01/2023).

Error level M survives a crease or a stamp across the code without making it much denser. The image is
a PNG with whole pixels per module, so it prints sharp at any size and a test can read it back.
"""

from __future__ import annotations

import base64
import io

import segno

ERROR_LEVEL = "m"
QUIET_ZONE = 4  # modules of white around the code, as ISO/IEC 18004 asks
SCALE = 8  # pixels per module
PRINTED_MM = 16  # 0.5 mm a module for a version-4 code: a phone reads it at arm's length


def qr_code(url: str) -> segno.QRCode:
    if not url:
        raise ValueError("mã QR cần địa chỉ tra cứu hồ sơ")
    return segno.make_qr(url, error=ERROR_LEVEL, boost_error=False)


def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """The modules, dark = True, without the quiet zone."""
    return tuple(tuple(bool(module) for module in row) for row in qr_code(url).matrix)


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    qr_code(url).save(buffer, kind="png", scale=SCALE, border=QUIET_ZONE)
    return buffer.getvalue()


def qr_data_uri(url: str) -> str:
    """The PNG as a data: URI, so the PDF renderer never has to fetch the image."""
    return "data:image/png;base64," + base64.b64encode(qr_png(url)).decode("ascii")
