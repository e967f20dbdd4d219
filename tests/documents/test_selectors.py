"""Reading the store: an owner's documents with their latest version, a dossier's components, and the
reuse and digitisation counts the indicators will use."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.documents.selectors import ReuseCounts, dossier_components, owner_documents, reuse_counts
from motcua.documents.services import component_digitise, component_reuse, document_upload, result_store
from motcua.dossiers.models import Dossier
from tests.documents.conftest import PDF, PNG, upload
from tests.dossiers.conftest import Receive, at

pytestmark = pytest.mark.django_db


def test_owner_documents_give_each_document_with_its_latest_version(dossier: Dossier) -> None:
    owner = dossier.applicant
    id_card = document_upload(actor=None, owner=owner, title="Căn cước công dân", file=upload())
    id_card_2 = document_upload(
        actor=None, owner=owner, title="", file=upload("moi.png", PNG), document=id_card.document
    )
    birth = document_upload(actor=None, owner=owner, title="Giấy khai sinh", file=upload())
    stored = owner_documents(owner)
    assert [(s.document.title, s.latest) for s in stored] == [
        ("Căn cước công dân", id_card_2),
        ("Giấy khai sinh", birth),
    ]


def test_components_and_reuse_counts(receive: Receive, dossier: Dossier, officers: dict[str, Any]) -> None:
    counter = officers["counter"]
    stored = document_upload(actor=None, owner=dossier.applicant, title="Giấy xác nhận", file=upload())
    first, second = dossier.components.order_by("position")
    component_digitise(actor=counter, component=first, file=upload(data=PDF + b"%scan"), extracted={"a": 1})
    component_reuse(actor=counter, component=second, version_id=stored.pk, source="data_store")
    result_store(actor=officers["head"], dossier=dossier, file=upload(), title="Kết quả")
    receive(at(2024, 3, 11, 10, 0))  # a second dossier, nothing reused or digitised

    rows = list(dossier_components(dossier))
    assert [(r.position, r.role, r.reuse_source, r.digitised, r.data_extracted) for r in rows] == [
        (1, "submitted", "", True, True),
        (2, "submitted", "data_store", False, False),
        (3, "result", "", False, False),
    ]
    assert rows[0].version is not None
    assert rows[0].version.signed_by == counter

    assert reuse_counts(Dossier.objects.all()) == ReuseCounts(
        components=4,
        reused=1,
        reused_from_store=1,
        reused_from_national_db=0,
        digitised=1,
        data_extracted=1,
        dossiers_reusing=1,
        dossiers_digitised=1,
    )
    assert reuse_counts(Dossier.objects.none()) == ReuseCounts(0, 0, 0, 0, 0, 0, 0, 0)
