"""Checking an uploaded file before it is stored: its type by name and by content, and its size."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from motcua.common.errors import ApplicationError

# What each accepted type must start with; a renamed executable is refused.
MAGIC: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK",),
    ".xlsx": (b"PK",),
    ".odt": (b"PK",),
    ".ods": (b"PK",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
}


def upload_checked(file: Any, *, allowed: frozenset[str], max_bytes: int, field: str) -> tuple[bytes, str]:
    """The content and plain name of an upload, or an ApplicationError naming `field` that says why not."""
    name = PurePath(getattr(file, "name", "") or "").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in allowed or suffix not in MAGIC:
        raise ApplicationError(
            "upload_type",
            f"Tệp “{name}” không được nhận: chỉ nhận {', '.join(sorted(allowed))}.",
            fields={field: "type"},
        )
    if (getattr(file, "size", 0) or 0) > max_bytes:
        raise ApplicationError(
            "upload_size", f"Tệp “{name}” lớn hơn {max_bytes // (1024 * 1024)} MB.", fields={field: "size"}
        )
    data = file.read()
    if not data or not data.startswith(MAGIC[suffix]):
        raise ApplicationError(
            "upload_content",
            f"Nội dung tệp “{name}” không đúng với loại {suffix}.",
            fields={field: "content"},
        )
    return data, name
