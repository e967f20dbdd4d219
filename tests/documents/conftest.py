"""The dossier fixtures (a received dossier at Thị trấn Ba Tơ, its officers) and helpers for files."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files import File

from motcua.documents.models import Document, DocumentVersion, DossierDocument
from motcua.dossiers.models import Dossier
from tests.catalog.conftest import make_procedure  # noqa: F401  (a fixture)
from tests.dossiers.conftest import Receive, commune, officers, receive, version  # noqa: F401  (fixtures)
from tests.factories import UserFactory, grant

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def upload(name: str = "to-khai.pdf", data: bytes = PDF) -> File:
    """A file as a view passes it; `File` keeps the name as given (Django's UploadedFile would strip
    the path itself, which would hide what the service does with a hostile name)."""
    return File(io.BytesIO(data), name=name)


def files_on_disk(media_root: str) -> list[Path]:
    return sorted(path for path in Path(media_root).rglob("*") if path.is_file())


def row_counts() -> dict[str, int]:
    from motcua.common.models import AuditEvent

    return {
        "documents": Document.objects.count(),
        "versions": DocumentVersion.objects.count(),
        "components": DossierDocument.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


@pytest.fixture
def dossier(receive: Receive) -> Dossier:  # noqa: F811  (the imported fixture)
    return receive()


@pytest.fixture
def outsider(demo_units: dict[str, Any]) -> Any:
    """A one-stop officer and specialist of another commune (Thị trấn Ba Tơ is not theirs)."""
    user = UserFactory(username="batho.counter", full_name="Lê Văn Khác")
    grant(user, "one_stop_officer", demo_units["2024:21523"])
    grant(user, "specialist", demo_units["2024:21523"])
    return user
