"""The files of a dossier's components and of its result, from the dossier page and through the API:
upload, digitise (signed scan, extracted data), reuse from the applicant's data store, the result file
with issue_result; refusals (a renamed executable, another unit's officer, a viewer, a refused issue)
leave no row and no file behind."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from motcua.documents.models import DocumentVersion, DossierDocument
from motcua.documents.services import component_attach, document_upload
from motcua.dossiers.models import Dossier, DossierResult
from motcua.dossiers.services import dossier_approve, dossier_transfer
from motcua.units.models import Unit
from tests.documents.conftest import PDF, PNG, files_on_disk, row_counts
from tests.dossiers.conftest import APPLICANT, Receive, at
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
PDF_SHA = hashlib.sha256(PDF).hexdigest()


def _file(name: str = "to-khai.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api(user: Any) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _text(response: Any) -> str:
    return response.content.decode()


def _first(dossier: Dossier) -> DossierDocument:
    return dossier.components.get(position=1)


def _post(client: Client, dossier: Dossier, component: DossierDocument, operation: str, **fields: Any) -> Any:
    prefix = f"c{component.pk}-{operation}"
    data = {f"{prefix}-{name}": value for name, value in fields.items()}
    return client.post(f"/dossiers/{dossier.code}/thanh-phan/{component.pk}/{operation}/", data)


def _state(settings: Any) -> tuple[dict[str, int], list[Path]]:
    return row_counts(), files_on_disk(settings.MEDIA_ROOT)


@pytest.fixture
def dossier(receive: Receive) -> Dossier:
    return receive()


@pytest.fixture
def outsider(demo_units: dict[str, Unit]) -> Any:
    """A one-stop officer and specialist of another commune."""
    user = UserFactory(username="batho.counter", full_name="Lê Văn Khác")
    grant(user, "one_stop_officer", demo_units["2024:21523"])
    grant(user, "specialist", demo_units["2024:21523"])
    return user


@pytest.fixture
def viewer(commune: Unit) -> Any:
    """The control office of the commune: may view its dossiers, not change them."""
    user = UserFactory(username="bato.kiemsoat", full_name="Trần Văn Xem")
    grant(user, "control_office", commune)
    return user


# -- the dossier page -----------------------------------------------------------------------------


def test_the_page_offers_the_forms_and_an_upload_links_the_file(
    dossier: Dossier, officers: dict[str, Any], settings: Any
) -> None:
    settings.UPLOAD_MAX_MB = 7
    client = _client(officers["counter"])
    component = _first(dossier)
    page = _text(client.get(f"/dossiers/{dossier.code}/"))
    assert f'id="component-{component.pk}-tai-len"' in page
    assert f'id="component-{component.pk}-so-hoa"' in page
    assert f'id="component-{component.pk}-tai-su-dung"' not in page  # the applicant's store is empty
    assert "Kho dữ liệu của người nộp chưa có giấy tờ để lấy lại." in page
    assert "DOCX, JPEG, JPG, ODT, PDF, PNG, XLSX; tối đa 7 MB." in page
    assert 'enctype="multipart/form-data"' in page

    response = _post(client, dossier, component, "tai-len", file=_file("Tờ khai.pdf"))
    assert response.status_code == 302
    assert response["Location"] == f"/dossiers/{dossier.code}/#components"
    component.refresh_from_db()
    version = component.version
    assert version is not None
    assert (version.original_name, version.size, version.sha256, version.signed_by) == (
        "Tờ khai.pdf",
        len(PDF),
        PDF_SHA,
        None,
    )
    assert (component.reuse_source, component.digitised, component.data_extracted) == ("", False, False)
    assert files_on_disk(settings.MEDIA_ROOT) == [Path(settings.MEDIA_ROOT) / version.file.name]

    page = _text(client.get(f"/dossiers/{dossier.code}/"))
    assert "Đã cập nhật giấy tờ “Tờ khai đăng ký kết hôn”: Tải tệp lên." in page
    assert f'<a href="/documents/{version.pk}/" class="file">Tờ khai.pdf</a>' in page
    assert f'title="SHA-256 {PDF_SHA}">{PDF_SHA[:12]}</span>' in page
    assert f"· {len(PDF)}\xa0byte ·" in page
    # the file is in the applicant's store now, but a paper handed in with this dossier is not reused
    assert f'id="component-{component.pk}-tai-su-dung"' not in page

    download = client.get(f"/documents/{version.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_digitising_signs_the_scan_and_keeps_the_extracted_lines(
    dossier: Dossier, officers: dict[str, Any], settings: Any
) -> None:
    client = _client(officers["counter"])
    component = _first(dossier)
    before = _state(settings)
    refused = _post(
        client, dossier, component, "so-hoa", file=_file("scan.png", PNG), extracted="chỉ một dòng"
    )
    assert refused.status_code == 400
    page = _text(refused)
    assert "Thông tin chưa hợp lệ; hãy xem lại. Hồ sơ chưa thay đổi." in page
    assert "Dòng 1 phải có dạng “tên trường: giá trị”." in page
    assert f'id="component-forms-{component.pk}" open' in page
    assert _state(settings) == before

    extracted = "Số định danh: 051090001234\n\n  Họ tên :  Đinh Thị Mai \nĐịa chỉ: Tổ 1: Ba Tơ"
    response = _post(client, dossier, component, "so-hoa", file=_file("scan.png", PNG), extracted=extracted)
    assert response.status_code == 302
    component.refresh_from_db()
    assert (component.digitised, component.data_extracted) == (True, True)
    assert component.extracted == {
        "Số định danh": "051090001234",
        "Họ tên": "Đinh Thị Mai",
        "Địa chỉ": "Tổ 1: Ba Tơ",
    }
    version = component.version
    assert version is not None
    assert (version.original_name, version.mime, version.signed_by) == (
        "scan.png",
        "image/png",
        officers["counter"],
    )

    page = _text(client.get(f"/dossiers/{dossier.code}/"))
    assert "ký số: Phạm Thị Nga," in page
    assert '<span class="flag flag-on">đã số hóa</span>' in page
    assert '<span class="flag flag-on">đã bóc tách</span>' in page


def test_a_component_is_taken_from_the_applicants_store(
    dossier: Dossier, officers: dict[str, Any], settings: Any
) -> None:
    stored = document_upload(
        actor=None, owner=dossier.applicant, title="Giấy xác nhận tình trạng hôn nhân", file=_file("xn.pdf")
    )
    client = _client(officers["counter"])
    component = dossier.components.get(position=2)
    page = _text(client.get(f"/dossiers/{dossier.code}/"))
    assert f'<option value="{stored.pk}">Giấy xác nhận tình trạng hôn nhân · xn.pdf (bản 1)</option>' in page

    before = _state(settings)
    response = _post(client, dossier, component, "tai-su-dung", version=stored.pk, source="data_store")
    assert response.status_code == 302
    component.refresh_from_db()
    assert (component.version, component.reuse_source, component.digitised) == (stored, "data_store", False)
    counts, disk = _state(settings)
    assert (counts["versions"], disk) == (before[0]["versions"], before[1])  # linked, not stored again

    page = _text(client.get(f"/dossiers/{dossier.code}/"))
    assert "tái sử dụng: Kho dữ liệu điện tử của người nộp" in page
    assert f'id="component-{component.pk}-so-hoa"' not in page  # shared as data: not digitised again

    # a version that is not in the applicant's store is not among the choices
    other = _first(dossier)
    refused = _post(client, dossier, other, "tai-su-dung", version=stored.pk + 999, source="national_db")
    assert refused.status_code == 400
    assert _first(dossier).version is None


def test_a_renamed_executable_is_refused_on_the_page(
    dossier: Dossier, officers: dict[str, Any], settings: Any
) -> None:
    client = _client(officers["counter"])
    component = _first(dossier)
    before = _state(settings)
    response = _post(client, dossier, component, "tai-len", file=_file("virus.pdf", EXE))
    assert response.status_code == 400
    page = _text(response)
    assert (
        'role="alert" id="refusal">Nội dung tệp “virus.pdf” không đúng với loại .pdf. Hồ sơ chưa thay đổi.'
        in page
    )
    assert _state(settings) == before
    assert _first(dossier).version is None


def test_others_change_nothing_on_the_page(
    dossier: Dossier, receive: Receive, officers: dict[str, Any], outsider: Any, viewer: Any, settings: Any
) -> None:
    component = _first(dossier)
    other = receive(at(2024, 3, 12, 9, 0), applicant=APPLICANT)
    counter, stranger, client = (_client(user) for user in (officers["counter"], outsider, viewer))
    before = _state(settings)  # (signing in writes an audit row: the clients are signed in first)
    # another unit's officer does not see the dossier at all
    assert _post(stranger, dossier, component, "tai-len", file=_file()).status_code == 404
    # a component of another dossier is not found under this one
    assert _post(counter, other, component, "tai-len", file=_file()).status_code == 404
    assert counter.post(f"/dossiers/{dossier.code}/thanh-phan/{component.pk}/xoa/").status_code == 404

    # the control office sees the dossier but has no forms, and its post is refused
    page = _text(client.get(f"/dossiers/{dossier.code}/"))
    assert f'id="component-forms-{component.pk}"' not in page
    response = _post(client, dossier, component, "tai-len", file=_file())
    assert response.status_code == 403
    assert "Bạn không có quyền cập nhật giấy tờ của hồ sơ thuộc đơn vị khác. Hồ sơ chưa thay đổi." in _text(
        response
    )
    assert _state(settings) == before


# -- the API --------------------------------------------------------------------------------------


def _api_url(dossier: Dossier, component: DossierDocument, operation: str) -> str:
    return f"/api/dossiers/{dossier.code}/components/{component.pk}/{operation}/"


def test_api_attach_answers_the_component_and_the_same_bytes_store_nothing_twice(
    dossier: Dossier, officers: dict[str, Any], settings: Any
) -> None:
    client = _api(officers["counter"])
    component = _first(dossier)
    response = client.post(_api_url(dossier, component, "attach"), {"file": _file()}, format="multipart")
    assert response.status_code == 200, response.json()
    version = DocumentVersion.objects.get()
    assert response.json() == {
        "id": component.pk,
        "position": 1,
        "name": "Tờ khai đăng ký kết hôn",
        "role": "submitted",
        "required_document": component.required_document_id,
        "originals": 1,
        "certified_copies": 0,
        "copies": 0,
        "document_version": version.pk,
        "file": {
            "version": version.pk,
            "name": "to-khai.pdf",
            "size": len(PDF),
            "mime": "application/pdf",
            "sha256": PDF_SHA,
            "download_url": f"/documents/{version.pk}/",
            "signed_by": None,
            "signed_at": None,
        },
        "reuse_source": "",
        "digitised": False,
        "data_extracted": False,
    }
    before = _state(settings)
    again = client.post(_api_url(dossier, component, "attach"), {"file": _file()}, format="multipart")
    assert again.status_code == 200
    assert again.json()["document_version"] == version.pk
    assert _state(settings)[0]["versions"] == before[0]["versions"]
    assert _state(settings)[1] == before[1]

    detail = client.get(f"/api/dossiers/{dossier.code}/").json()
    assert detail["components"][0] == response.json()
    assert client.get(f"/documents/{version.pk}/").status_code == 200


def test_api_digitise_with_extracted_json_and_reuse(
    dossier: Dossier, officers: dict[str, Any], settings: Any
) -> None:
    client = _api(officers["counter"])
    first, second = _first(dossier), dossier.components.get(position=2)
    body = {"file": _file("scan.png", PNG), "extracted": json.dumps({"Số định danh": "051090001234"})}
    response = client.post(_api_url(dossier, first, "digitise"), body, format="multipart")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["digitised"], data["data_extracted"], data["file"]["name"]) == (True, True, "scan.png")
    assert data["file"]["signed_by"] == {"id": officers["counter"].pk, "name": "Phạm Thị Nga"}
    first.refresh_from_db()
    assert first.extracted == {"Số định danh": "051090001234"}

    before = _state(settings)
    bad = {"file": _file("scan2.png", PNG), "extracted": json.dumps(["not", "an", "object"])}
    refused = client.post(_api_url(dossier, second, "digitise"), bad, format="multipart")
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "extracted_invalid"
    assert _state(settings) == before

    stored = document_upload(actor=None, owner=dossier.applicant, title="Trích lục", file=_file("tl.pdf"))
    reused = client.post(
        _api_url(dossier, second, "reuse"), {"version": stored.pk, "source": "national_db"}, format="json"
    )
    assert reused.status_code == 200, reused.json()
    assert (reused.json()["document_version"], reused.json()["reuse_source"]) == (stored.pk, "national_db")


def test_api_refusals_change_nothing(
    dossier: Dossier,
    receive: Receive,
    officers: dict[str, Any],
    outsider: Any,
    viewer: Any,
    settings: Any,
) -> None:
    component = _first(dossier)
    other = receive(at(2024, 3, 12, 9, 0))
    counter, stranger, control = (_api(user) for user in (officers["counter"], outsider, viewer))
    before = _state(settings)

    exe = counter.post(
        _api_url(dossier, component, "attach"), {"file": _file("virus.pdf", EXE)}, format="multipart"
    )
    assert exe.status_code == 400
    assert exe.json() == {
        "error": {
            "code": "upload_content",
            "message": "Nội dung tệp “virus.pdf” không đúng với loại .pdf.",
            "fields": {"file": "content"},
        }
    }
    missing = counter.post(_api_url(dossier, component, "attach"), {}, format="multipart")
    assert (missing.status_code, missing.json()["error"]["code"]) == (400, "invalid")

    hidden = stranger.post(_api_url(dossier, component, "attach"), {"file": _file()}, format="multipart")
    assert (hidden.status_code, hidden.json()["error"]["code"]) == (404, "not_found")
    elsewhere = counter.post(_api_url(other, component, "reuse"), {"version": 1}, format="json")
    assert elsewhere.status_code == 404

    forbidden = control.post(_api_url(dossier, component, "attach"), {"file": _file()}, format="multipart")
    assert forbidden.status_code == 403
    assert (
        forbidden.json()["error"]["message"]
        == "Bạn không có quyền cập nhật giấy tờ của hồ sơ thuộc đơn vị khác."
    )
    assert _state(settings) == before

    foreign = document_upload(actor=None, owner=_stranger(), title="Giấy của người khác", file=_file("x.pdf"))
    before = _state(settings)
    not_owned = counter.post(_api_url(dossier, component, "reuse"), {"version": foreign.pk}, format="json")
    assert (not_owned.status_code, not_owned.json()["error"]["code"]) == (400, "component_document_not_owned")
    assert _state(settings) == before
    assert _first(dossier).version is None


def _stranger() -> Any:
    from motcua.documents.models import Owner

    return Owner.objects.create(kind="citizen", identifier="051090009999", name="Phạm Văn Khác")


# -- the result file ------------------------------------------------------------------------------


@pytest.fixture
def approved(dossier: Dossier, officers: dict[str, Any]) -> Dossier:
    d = dossier_transfer(
        actor=officers["counter"], dossier=dossier, receiver=officers["specialist"], at=at(2024, 3, 11, 10, 0)
    )
    return dossier_approve(actor=officers["head"], dossier=d, at=at(2024, 3, 12, 10, 0))


def _issue(client: Client, dossier: Dossier, key: str = "k-1", **fields: Any) -> Any:
    dossier.refresh_from_db()
    data = {
        "issue_result-revision": dossier.revision,
        "issue_result-idempotency_key": key,
        "issue_result-kind": "electronic",
        "issue_result-title": "Giấy chứng nhận kết hôn",
        "issue_result-register_number": "",
    }
    data.update({f"issue_result-{k}": v for k, v in fields.items()})
    return client.post(f"/dossiers/{dossier.code}/thao-tac/issue_result/", data)


def test_the_result_file_on_the_page(approved: Dossier, officers: dict[str, Any], settings: Any) -> None:
    specialist, head = _client(officers["specialist"]), _client(officers["head"])
    before = _state(settings)
    # the specialist may store files but not sign the result: the refused issue keeps no file
    refused = _issue(specialist, approved, file=_file("ket-qua.pdf"))
    assert refused.status_code == 403
    assert "Hồ sơ chưa thay đổi." in _text(refused)
    assert _state(settings) == before
    assert not DossierResult.objects.exists()

    page = _text(head.get(f"/dossiers/{approved.code}/"))
    assert 'id="action-issue_result"' in page
    assert f'action="/dossiers/{approved.code}/thao-tac/issue_result/" enctype="multipart/form-data"' in page
    response = _issue(head, approved, file=_file("ket-qua.pdf"))
    assert response.status_code == 302
    result = DossierResult.objects.get()
    version = result.document
    assert version is not None
    assert (version.original_name, version.document.owner, version.document.title) == (
        "ket-qua.pdf",
        approved.applicant,
        "Giấy chứng nhận kết hôn",
    )
    assert DossierDocument.objects.get(version=version).role == "result"
    page = _text(head.get(f"/dossiers/{approved.code}/"))
    assert f'<a href="/documents/{version.pk}/" class="file">ket-qua.pdf</a>' in page
    assert f"{approved.code}-KQ1" in page
    assert head.get(f"/documents/{version.pk}/").status_code == 200
    # the result is not offered as a component to upload over
    assert f'id="component-{DossierDocument.objects.get(version=version).pk}"' not in page

    # the same form sent again (same key) is done once: no second file
    stored = _state(settings)
    assert _issue(head, approved, file=_file("ket-qua.pdf")).status_code == 302
    assert _state(settings) == stored
    assert DossierResult.objects.count() == 1


def test_the_result_file_through_the_api(approved: Dossier, officers: dict[str, Any], settings: Any) -> None:
    url = f"/api/dossiers/{approved.code}/actions/issue_result/"
    body = {"kind": "electronic", "title": "Giấy chứng nhận kết hôn", "file": _file("ket-qua.pdf")}
    specialist, head = _api(officers["specialist"]), _api(officers["head"])
    before = _state(settings)
    refused = specialist.post(url, body, format="multipart")
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "forbidden")
    assert _state(settings) == before

    both = head.post(url, {**body, "file": _file("ket-qua.pdf"), "document_version": 1}, format="multipart")
    assert (both.status_code, both.json()["error"]["fields"]) == (
        400,
        {"file": "Chỉ gửi một: tệp kết quả mới hoặc giấy tờ đã có trong kho dữ liệu."},
    )
    assert _state(settings) == before

    response = head.post(
        url, {**body, "file": _file("ket-qua.pdf")}, format="multipart", headers={"Idempotency-Key": "r-1"}
    )
    assert response.status_code == 200, response.json()
    result = response.json()["results"][0]
    version = DossierResult.objects.get().document
    assert version is not None
    assert (result["code"], result["document_version"]) == (f"{approved.code}-KQ1", version.pk)
    assert result["file"]["download_url"] == f"/documents/{version.pk}/"
    assert result["file"]["sha256"] == PDF_SHA

    stored = _state(settings)
    retry = head.post(
        url, {**body, "file": _file("ket-qua.pdf")}, format="multipart", headers={"Idempotency-Key": "r-1"}
    )
    assert retry.status_code == 200
    assert retry.json()["results"] == response.json()["results"]
    assert _state(settings) == stored

    # once the dossier is closed, a new request (another key) is refused by the transition table
    again = head.post(
        url, {**body, "file": _file("ket-qua.pdf")}, format="multipart", headers={"Idempotency-Key": "r-2"}
    )
    assert (again.status_code, again.json()["error"]["code"]) == (409, "illegal_transition")
    assert _state(settings) == stored


def test_a_component_attached_before_keeps_its_document_when_a_new_file_comes(
    dossier: Dossier, officers: dict[str, Any]
) -> None:
    """A second upload through the page is the next version of the same document, as the service says."""
    component = component_attach(actor=officers["counter"], component=_first(dossier), file=_file())
    assert component.version is not None
    client = _client(officers["counter"])
    assert _post(client, dossier, component, "tai-len", file=_file("moi.png", PNG)).status_code == 302
    component.refresh_from_db()
    assert component.version is not None
    assert (component.version.number, component.version.original_name) == (2, "moi.png")
