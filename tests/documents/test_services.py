"""The document store's services: checked, hashed, versioned uploads; the files behind a dossier's
components (attach, reuse, digitise) and its result; every refusal leaves rows and disk unchanged."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from motcua.common.errors import ApplicationError
from motcua.common.models import AuditEvent
from motcua.documents.models import Document, DocumentVersion, DossierDocument, Owner
from motcua.documents.services import (
    component_attach,
    component_digitise,
    component_reuse,
    document_upload,
    result_store,
)
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import (
    dossier_approve,
    dossier_issue_result,
    dossier_transfer,
)
from tests.documents.conftest import PDF, PNG, files_on_disk, row_counts, upload
from tests.dossiers.conftest import at
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STORED_NAME = re.compile(r"^documents/\d{4}/\d{2}/[0-9a-f]{32}\.(pdf|png)$")


def _refused(call: Any, **kwargs: Any) -> ApplicationError:
    with pytest.raises(ApplicationError) as caught:
        call(**kwargs)
    return caught.value


def _other_owner() -> Owner:
    return Owner.objects.create(kind="citizen", identifier="051090009999", name="Phạm Văn Khác")


# --- upload -------------------------------------------------------------------------------------------


def test_upload_stores_hash_size_mime_and_numbers_versions(dossier: Dossier, settings: Any) -> None:
    owner = dossier.applicant
    first = document_upload(
        actor=None, owner=owner, title="  Căn cước   công dân ", file=upload("cccd.pdf"), doc_type="cccd"
    )
    assert (first.number, first.size, first.mime, first.original_name) == (
        1,
        len(PDF),
        "application/pdf",
        "cccd.pdf",
    )
    assert first.sha256 == hashlib.sha256(PDF).hexdigest()
    assert first.document.title == "Căn cước công dân"
    assert first.document.doc_type == "cccd"
    assert first.document.owner == owner
    assert STORED_NAME.match(first.file.name)
    assert (Path(settings.MEDIA_ROOT) / first.file.name).read_bytes() == PDF

    second = document_upload(
        actor=None, owner=owner, title="", file=upload("anh.png", PNG), document=first.document
    )
    assert (second.number, second.document_id, second.mime) == (2, first.document_id, "image/png")
    assert second.sha256 == hashlib.sha256(PNG).hexdigest()
    assert files_on_disk(settings.MEDIA_ROOT) == sorted(
        Path(settings.MEDIA_ROOT) / v.file.name for v in (first, second)
    )
    assert list(
        AuditEvent.objects.filter(operation="documents.upload")
        .order_by("id")
        .values_list("object_id", flat=True)
    ) == [
        str(first.pk),
        str(second.pk),
    ]


def test_identical_bytes_as_the_latest_version_return_that_version(dossier: Dossier, settings: Any) -> None:
    first = document_upload(actor=None, owner=dossier.applicant, title="Sổ hộ khẩu", file=upload())
    before = row_counts()
    again = document_upload(
        actor=None,
        owner=dossier.applicant,
        title="Sổ hộ khẩu",
        file=upload("copy.pdf"),
        document=first.document,
    )
    assert again.pk == first.pk
    assert row_counts() == before
    assert len(files_on_disk(settings.MEDIA_ROOT)) == 1


def test_a_renamed_executable_is_refused(dossier: Dossier, settings: Any) -> None:
    before = row_counts()
    error = _refused(
        document_upload,
        actor=None,
        owner=dossier.applicant,
        title="Tờ khai",
        file=upload("to-khai.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),
    )
    assert (error.code, error.fields) == ("upload_content", {"file": "content"})
    assert error.message == "Nội dung tệp “to-khai.pdf” không đúng với loại .pdf."
    assert row_counts() == before
    assert files_on_disk(settings.MEDIA_ROOT) == []


def test_a_type_outside_the_allow_list_is_refused(dossier: Dossier) -> None:
    error = _refused(
        document_upload,
        actor=None,
        owner=dossier.applicant,
        title="Tệp",
        file=upload("x.doc", b"\xd0\xcf\x11\xe0"),
    )
    assert (error.code, error.fields) == ("upload_type", {"file": "type"})


def test_a_file_over_the_limit_is_refused_even_when_its_declared_size_lies(
    dossier: Dossier, settings: Any
) -> None:
    settings.UPLOAD_MAX_MB = 1
    big = PDF + b"0" * (1024 * 1024)
    before = row_counts()
    error = _refused(
        document_upload, actor=None, owner=dossier.applicant, title="Tệp lớn", file=upload("lon.pdf", big)
    )
    assert (error.code, error.fields) == ("upload_size", {"file": "size"})
    assert error.message == "Tệp “lon.pdf” lớn hơn 1 MB."

    lying = upload("lon.pdf", big)
    lying.size = 100  # what a client claims is not what it sends
    error = _refused(document_upload, actor=None, owner=dossier.applicant, title="Tệp lớn", file=lying)
    assert (error.code, error.fields) == ("upload_size", {"file": "size"})
    assert row_counts() == before
    assert files_on_disk(settings.MEDIA_ROOT) == []


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\Windows\\System32\\evil.pdf", "evil.pdf"),
        ("/var/lib/motcua/db.sqlite3.pdf", "db.sqlite3.pdf"),
        ("to\r\nkhai.pdf", "tokhai.pdf"),
    ],
)
def test_a_hostile_name_cannot_leave_media_root(
    dossier: Dossier, settings: Any, name: str, kept: str
) -> None:
    version = document_upload(actor=None, owner=dossier.applicant, title="Tờ khai", file=upload(name))
    assert version.original_name == kept
    assert STORED_NAME.match(version.file.name)
    media = Path(settings.MEDIA_ROOT).resolve()
    assert files_on_disk(settings.MEDIA_ROOT) == [media / version.file.name]
    assert Path(version.file.path).resolve().is_relative_to(media)


def test_only_the_owner_or_the_system_writes_a_store_directly(dossier: Dossier, settings: Any) -> None:
    stranger = UserFactory(username="nguoi.la")
    before = row_counts()
    error = _refused(document_upload, actor=stranger, owner=dossier.applicant, title="Tờ khai", file=upload())
    assert (error.code, error.fields) == ("forbidden", {"permission": "forbidden"})
    assert row_counts() == before
    assert files_on_disk(settings.MEDIA_ROOT) == []

    Owner.objects.filter(pk=dossier.applicant.pk).update(user=stranger)
    owner = Owner.objects.get(pk=dossier.applicant.pk)
    version = document_upload(actor=stranger, owner=owner, title="Tờ khai", file=upload())
    assert version.uploaded_by == stranger


def test_a_new_version_only_of_the_same_owners_document(dossier: Dossier, settings: Any) -> None:
    theirs = document_upload(actor=None, owner=_other_owner(), title="Giấy khai sinh", file=upload())
    before = row_counts()
    error = _refused(
        document_upload,
        actor=None,
        owner=dossier.applicant,
        title="Giấy khai sinh",
        file=upload(data=PDF + b"%v2"),
        document=theirs.document,
    )
    assert (error.code, error.fields) == ("document_owner_mismatch", {"document": "document_owner_mismatch"})
    assert row_counts() == before
    assert len(files_on_disk(settings.MEDIA_ROOT)) == 1


def test_a_rolled_back_transaction_takes_its_file_away(dossier: Dossier, settings: Any) -> None:
    class Later(Exception):
        pass

    def upload_then_fail() -> None:  # a caller's transaction that fails after the upload succeeded
        with transaction.atomic():
            document_upload(actor=None, owner=dossier.applicant, title="Tờ khai", file=upload())
            assert len(files_on_disk(settings.MEDIA_ROOT)) == 1
            raise Later

    with pytest.raises(Later):
        upload_then_fail()
    assert files_on_disk(settings.MEDIA_ROOT) == []
    assert DocumentVersion.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_committed_upload_keeps_its_file(settings: Any) -> None:
    owner = Owner.objects.create(kind="citizen", identifier="051090001111", name="Đinh Văn A")
    version = document_upload(actor=None, owner=owner, title="Tờ khai", file=upload())
    gc.collect()
    assert files_on_disk(settings.MEDIA_ROOT) == [Path(settings.MEDIA_ROOT) / version.file.name]


# --- components -----------------------------------------------------------------------------------


def test_attach_links_an_upload_and_a_second_file_is_the_next_version(
    dossier: Dossier, officers: dict[str, Any]
) -> None:
    component = dossier.components.get(position=1)
    row = component_attach(actor=officers["counter"], component=component, file=upload())
    assert row.version is not None
    assert (row.version.number, row.role, row.reuse_source, row.digitised) == (1, "submitted", "", False)
    assert row.version.document.owner == dossier.applicant
    assert row.version.document.title == "Tờ khai đăng ký kết hôn"

    row = component_attach(
        actor=officers["specialist"], component=row, file=upload(data=PDF + b"%2"), role="supplemented"
    )
    assert row.version is not None
    assert (row.version.number, row.role) == (2, "supplemented")
    assert Document.objects.filter(owner=dossier.applicant).count() == 1
    event = AuditEvent.objects.filter(operation="documents.component_attach").latest("id")
    assert event.unit_id == dossier.unit_id
    assert event.after == {
        "version_id": row.version.pk,
        "role": "supplemented",
        "reuse_source": "",
        "digitised": False,
        "data_extracted": False,
    }


def test_attach_refuses_the_result_role(dossier: Dossier, officers: dict[str, Any]) -> None:
    before = row_counts()
    error = _refused(
        component_attach,
        actor=officers["counter"],
        component=dossier.components.get(position=1),
        file=upload(),
        role="result",
    )
    assert (error.code, error.fields) == ("component_role_invalid", {"role": "component_role_invalid"})
    assert row_counts() == before


def test_reuse_links_the_applicants_stored_version(dossier: Dossier, officers: dict[str, Any]) -> None:
    stored = document_upload(actor=None, owner=dossier.applicant, title="Giấy xác nhận", file=upload())
    component = dossier.components.get(position=2)
    row = component_reuse(
        actor=officers["counter"], component=component, version_id=stored.pk, source="data_store"
    )
    assert (row.version_id, row.reuse_source, row.reused) == (stored.pk, "data_store", True)
    assert DocumentVersion.objects.count() == 1  # linked, not copied


def test_reuse_of_another_owners_version_is_refused(
    dossier: Dossier, officers: dict[str, Any], settings: Any
) -> None:
    theirs = document_upload(actor=None, owner=_other_owner(), title="Giấy xác nhận", file=upload())
    component = dossier.components.get(position=2)
    before = row_counts()
    error = _refused(
        component_reuse,
        actor=officers["counter"],
        component=component,
        version_id=theirs.pk,
        source="data_store",
    )
    assert (error.code, error.fields) == (
        "component_document_not_owned",
        {"version_id": "component_document_not_owned"},
    )
    assert (
        error.message == "Giấy tờ “Giấy xác nhận tình trạng hôn nhân” không thuộc kho dữ liệu của người nộp."
    )
    assert row_counts() == before
    assert DossierDocument.objects.get(pk=component.pk).version_id is None


def test_reuse_refuses_an_unknown_source_and_an_expired_paper(
    dossier: Dossier, officers: dict[str, Any]
) -> None:
    stored = document_upload(actor=None, owner=dossier.applicant, title="Giấy xác nhận", file=upload())
    component = dossier.components.get(position=2)
    error = _refused(
        component_reuse, actor=officers["counter"], component=component, version_id=stored.pk, source="paper"
    )
    assert (error.code, error.fields) == ("reuse_source_invalid", {"source": "reuse_source_invalid"})
    Document.objects.filter(pk=stored.document_id).update(valid_until=dt.date(2020, 1, 1))
    error = _refused(
        component_reuse,
        actor=officers["counter"],
        component=component,
        version_id=stored.pk,
        source="national_db",
    )
    assert error.code == "document_expired"
    assert error.message == "Giấy tờ “Giấy xác nhận” đã hết hiệu lực ngày 01/01/2020."
    assert DossierDocument.objects.get(pk=component.pk).reuse_source == ""


def test_digitise_signs_the_scan_and_keeps_the_extracted_data(
    dossier: Dossier, officers: dict[str, Any]
) -> None:
    counter = officers["counter"]
    component = dossier.components.get(position=1)
    row = component_digitise(
        actor=counter, component=component, file=upload("scan.pdf"), extracted={"so_giay": "123/2024"}
    )
    assert (row.digitised, row.data_extracted, row.extracted) == (True, True, {"so_giay": "123/2024"})
    assert row.version is not None
    assert row.version.signed_by == counter
    assert row.version.signed_at is not None
    assert row.version.uploaded_by == counter

    other = component_digitise(
        actor=counter, component=dossier.components.get(position=2), file=upload("anh.png", PNG)
    )
    assert (other.digitised, other.data_extracted, other.extracted) == (True, False, {})


def test_digitise_refuses_a_reused_component_and_bad_extracted_data(
    dossier: Dossier, officers: dict[str, Any], settings: Any
) -> None:
    stored = document_upload(actor=None, owner=dossier.applicant, title="Giấy xác nhận", file=upload())
    component = component_reuse(
        actor=officers["counter"],
        component=dossier.components.get(position=2),
        version_id=stored.pk,
        source="national_db",
    )
    before = row_counts()
    error = _refused(
        component_digitise, actor=officers["counter"], component=component, file=upload("anh.png", PNG)
    )
    assert error.code == "component_already_reused"
    error = _refused(
        component_digitise,
        actor=officers["counter"],
        component=dossier.components.get(position=1),
        file=upload("anh.png", PNG),
        extracted={"ngay": dt.date(2024, 1, 1)},
    )
    assert (error.code, error.fields) == ("extracted_invalid", {"extracted": "extracted_invalid"})
    assert row_counts() == before
    assert len(files_on_disk(settings.MEDIA_ROOT)) == 1


def test_officers_of_another_unit_change_nothing(
    dossier: Dossier, outsider: Any, officers: dict[str, Any], settings: Any
) -> None:
    stored = document_upload(actor=None, owner=dossier.applicant, title="Giấy xác nhận", file=upload())
    component = dossier.components.get(position=1)
    before, disk = row_counts(), files_on_disk(settings.MEDIA_ROOT)
    calls = [
        (component_attach, {"component": component, "file": upload("anh.png", PNG)}),
        (component_digitise, {"component": component, "file": upload("anh.png", PNG)}),
        (component_reuse, {"component": component, "version_id": stored.pk, "source": "data_store"}),
        (
            result_store,
            {"dossier": dossier, "file": upload("anh.png", PNG), "title": "Giấy chứng nhận kết hôn"},
        ),
    ]
    for call, kwargs in calls:
        error = _refused(call, actor=outsider, **kwargs)
        assert error.code == "forbidden"
        assert error.message == "Bạn không có quyền cập nhật giấy tờ của hồ sơ thuộc đơn vị khác."
    assert row_counts() == before
    assert files_on_disk(settings.MEDIA_ROOT) == disk
    assert DossierDocument.objects.get(pk=component.pk).version_id is None


def test_result_goes_to_the_applicants_store_and_into_the_issued_result(
    dossier: Dossier, officers: dict[str, Any]
) -> None:
    counter, specialist, head = officers["counter"], officers["specialist"], officers["head"]
    d = dossier_transfer(actor=counter, dossier=dossier, receiver=specialist, at=at(2024, 3, 11, 10, 0))
    d = dossier_approve(actor=head, dossier=d, at=at(2024, 3, 12, 10, 0))
    version = result_store(actor=head, dossier=d, file=upload("ket-qua.pdf"), title="Giấy chứng nhận kết hôn")
    assert version.document.owner == dossier.applicant
    link = DossierDocument.objects.get(version=version)
    assert (link.role, link.name, link.position) == ("result", "Giấy chứng nhận kết hôn", 3)

    d = dossier_issue_result(
        actor=head,
        dossier=d,
        kind="electronic",
        title="Giấy chứng nhận kết hôn",
        document_version_id=version.pk,
        at=at(2024, 3, 12, 11, 0),
    )
    assert d.results.get().document == version

    # the dossier is finished: its documents no longer change
    before = row_counts()
    error = _refused(
        component_attach, actor=counter, component=dossier.components.get(position=1), file=upload()
    )
    assert (error.code, error.fields) == ("dossier_closed", {"dossier": "dossier_closed"})
    assert error.message == f"Hồ sơ {d.code} đã kết thúc: không thay đổi được giấy tờ của hồ sơ."
    error = _refused(result_store, actor=head, dossier=d, file=upload(), title="Bản sao")
    assert error.code == "dossier_closed"
    assert row_counts() == before


def test_result_components_are_not_attached_over(dossier: Dossier, officers: dict[str, Any]) -> None:
    version = result_store(actor=officers["head"], dossier=dossier, file=upload(), title="Kết quả")
    link = DossierDocument.objects.get(version=version)
    error = _refused(component_attach, actor=officers["counter"], component=link, file=upload("anh.png", PNG))
    assert error.code == "component_is_result"


def test_a_paper_of_the_same_dossier_is_not_reuse(dossier: Any, officers: dict[str, Any]) -> None:
    first, second = list(dossier.components.order_by("position"))
    attached = component_attach(actor=officers["counter"], component=first, file=upload())
    with pytest.raises(ApplicationError) as caught:
        component_reuse(
            actor=officers["counter"], component=second, version_id=attached.version_id, source="data_store"
        )
    assert caught.value.code == "reuse_same_dossier"
