"""The pages where an officer fills in a draft's parts: channels and fees, documents, form templates."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import Fee, ProcedureVersion, RequiredDocument, VersionChannel
from motcua.catalog.services import (
    DocumentInput,
    document_template_attach,
    version_documents_set,
    version_publish,
)
from motcua.common.models import AuditEvent

pytestmark = pytest.mark.django_db
MakeProcedure = Callable[..., ProcedureVersion]
DOCX = b"PK\x03\x04" + b"\x00" * 40
PAGE = "/catalog/1.000894/v1"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(response: Any) -> str:
    return response.content.decode()


def _formset(prefix: str, rows: list[dict[str, str]], *, initial: int) -> dict[str, str]:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for i, row in enumerate(rows):
        data |= {f"{prefix}-{i}-{key}": value for key, value in row.items()}
    return data


def _channel(channel: str = "", value: str = "", unit: str = "", note: str = "") -> dict[str, str]:
    return {
        "channel": channel,
        "time_limit_value": value,
        "time_limit_unit": unit,
        "time_limit_note": note,
        "description": "",
    }


def _fee(
    channel: str = "", free: str = "unknown", amount: str = "", per: str = "", keep: int | None = None
) -> dict[str, str]:
    row = {"channel": channel, "free": free, "amount": amount, "per": per, "note": ""}
    return row | ({"keep_id": str(keep)} if keep is not None else {})


def _channels_and_fees(channels: list[dict[str, str]], fees: list[dict[str, str]]) -> dict[str, str]:
    return _formset("channels", channels, initial=1) | _formset("fees", fees, initial=1)


def _channels(version: ProcedureVersion) -> list[tuple[str, Decimal | None, str, str, str]]:
    return list(
        version.channels.values_list(
            "channel", "time_limit_value", "time_limit_unit", "time_limit_note", "time_limit_raw"
        )
    )


def _fees(version: ProcedureVersion) -> list[tuple[str, bool | None, Decimal | None, str, str]]:
    return list(version.fees.values_list("channel", "free", "amount", "per", "raw"))


@pytest.fixture
def draft(make_procedure: MakeProcedure) -> ProcedureVersion:
    """A draft as an import leaves it: the counter channel and one fee, each with its legal text."""
    version = make_procedure("1.000894", "Đăng ký kết hôn", publish=False)
    VersionChannel.objects.filter(version=version).update(time_limit_raw="03 ngày làm việc (nộp trực tiếp)")
    Fee.objects.create(version=version, position=1, raw="Lệ phí: 8.000 đồng/bản sao")
    return version


# -- channels and fees ----------------------------------------------------------------------------


def test_control_office_sets_channel_limits_and_fees(
    draft: ProcedureVersion, demo_accounts: dict[str, User]
) -> None:
    office = _client(demo_accounts["vanphong"])
    page = _page(office.get(f"{PAGE}/channels/"))
    assert "<h1>Cách thức thực hiện và phí, lệ phí 1.000894, phiên bản 1</h1>" in page
    assert '<pre class="raw">03 ngày làm việc (nộp trực tiếp)</pre>' in page
    assert '<pre class="raw">Lệ phí: 8.000 đồng/bản sao</pre>' in page
    assert '<option value="same_day">trong ngày</option>' in page
    assert '<option value="" selected>mọi hình thức</option>' in page
    assert '<option value="unknown" selected>chưa rõ</option>' in page

    response = office.post(
        f"{PAGE}/channels/",
        _channels_and_fees(
            [
                _channel("counter", "2,5", "working_days"),
                _channel("online", "", "same_day", "nếu nộp trước 15 giờ"),
                _channel(),
            ],
            [
                _fee("", "false", "8.000", "bản sao", keep=draft.fees.get().pk),
                _fee("online", "true"),
                _fee("post", "false", "12000", "lần"),
            ],
        ),
    )
    assert response["Location"] == "/catalog/1.000894/?v=1"
    assert _channels(draft) == [
        ("counter", Decimal("2.50"), "working_days", "", "03 ngày làm việc (nộp trực tiếp)"),
        ("online", Decimal("0.00"), "same_day", "nếu nộp trước 15 giờ", ""),
    ]
    assert _fees(draft) == [
        ("", False, Decimal(8000), "bản sao", "Lệ phí: 8.000 đồng/bản sao"),
        ("online", True, None, "", ""),
        ("post", False, Decimal(12000), "lần", ""),
    ]
    detail = _page(office.get("/catalog/1.000894/?v=1"))
    assert "Đã lưu cách thức thực hiện và phí, lệ phí của phiên bản 1." in detail
    assert "<td>Mọi hình thức</td>\n    <td>8.000 đồng/bản sao</td>" in detail
    again = _page(office.get(f"{PAGE}/channels/"))
    assert 'name="fees-0-amount" value="8.000"' in again
    assert 'name="channels-0-time_limit_value" value="2,5"' in again


def test_a_bad_row_shows_the_message_and_changes_nothing(
    draft: ProcedureVersion, demo_accounts: dict[str, User]
) -> None:
    office = _client(demo_accounts["vanphong"])
    channels_before, fees_before = _channels(draft), _fees(draft)
    same_channel_twice = office.post(
        f"{PAGE}/channels/",
        _channels_and_fees(
            [_channel("counter", "2", "working_days"), _channel("counter", "1", "working_days")],
            [_fee("", "false", "8000")],
        ),
    )
    assert same_channel_twice.status_code == 200
    assert "Mỗi hình thức nộp chỉ được nêu một lần. Chưa lưu gì." in _page(same_channel_twice)

    # the channels part is good, the fees part is not: the channels stay as they were too
    free_with_amount = office.post(
        f"{PAGE}/channels/",
        _channels_and_fees([_channel("counter", "1", "working_days")], [_fee("", "true", "5.000")]),
    )
    assert free_with_amount.status_code == 200
    assert "Một khoản đã ghi miễn phí thì không ghi mức thu. Chưa lưu gì." in _page(free_with_amount)

    not_an_amount = office.post(
        f"{PAGE}/channels/",
        _channels_and_fees([_channel("counter", "1", "")], [_fee("", "false", "8,5")]),
    )
    assert "Mức thu ghi bằng số đồng, ví dụ 8.000 hoặc 8000." in _page(not_an_amount)
    assert "Hãy chọn đơn vị của thời hạn." in _page(not_an_amount)
    assert (_channels(draft), _fees(draft)) == (channels_before, fees_before)
    assert channels_before == [
        ("counter", Decimal("3.00"), "working_days", "", "03 ngày làm việc (nộp trực tiếp)")
    ]
    assert (
        AuditEvent.objects.filter(operation__in=["catalog.version_channels", "catalog.version_fees"]).count()
        == 0
    )


# -- documents and form templates -----------------------------------------------------------------


def _document(
    name: str, keep: RequiredDocument | None = None, *, order: str = "", delete: bool = False
) -> dict[str, str]:
    row = {
        "keep_id": "" if keep is None else str(keep.pk),
        "ORDER": order,
        "group": "",
        "name": name,
        "originals": "1",
        "certified_copies": "",
        "copies": "",
        "reuse_source": "",
    }
    return row | ({"DELETE": "on"} if delete else {})


def test_documents_reordered_and_removed_keep_the_kept_rows_template(
    draft: ProcedureVersion, demo_accounts: dict[str, User]
) -> None:
    version_documents_set(
        actor=None,
        version=draft,
        documents=[
            DocumentInput("Tờ khai đăng ký kết hôn"),
            DocumentInput("Giấy xác nhận tình trạng hôn nhân"),
        ],
    )
    form, status = draft.documents.order_by("position")
    document_template_attach(actor=None, document=form, file=SimpleUploadedFile("to-khai.docx", DOCX))
    office = _client(demo_accounts["vanphong"])
    page = _page(office.get(f"{PAGE}/documents/"))
    assert f'<a href="{PAGE}/documents/{form.pk}/template/file/">to-khai.docx</a>' in page
    assert f'action="{PAGE}/documents/{form.pk}/template/"' in page

    rows = [
        _document("Giấy xác nhận tình trạng hôn nhân", status, order="1", delete=True),
        _document("Tờ khai đăng ký kết hôn (mẫu mới)", form, order="3"),
        _document("Hộ chiếu", order="2"),
    ]
    response = office.post(f"{PAGE}/documents/", _formset("documents", rows, initial=2))
    assert response["Location"] == f"{PAGE}/documents/"
    assert list(draft.documents.values_list("position", "name", "template_file")) == [
        (1, "Hộ chiếu", ""),
        (2, "Tờ khai đăng ký kết hôn (mẫu mới)", "catalog/templates/to-khai.docx"),
    ]
    assert draft.documents.get(position=2).pk == form.pk
    assert not RequiredDocument.objects.filter(pk=status.pk).exists()


def test_upload_a_template_and_the_detail_page_links_it(
    draft: ProcedureVersion, demo_accounts: dict[str, User]
) -> None:
    version_documents_set(actor=None, version=draft, documents=[DocumentInput("Tờ khai đăng ký kết hôn")])
    document = draft.documents.get()
    office = _client(demo_accounts["vanphong"])
    response = office.post(
        f"{PAGE}/documents/{document.pk}/template/", {"file": SimpleUploadedFile("to-khai.docx", DOCX)}
    )
    assert response["Location"] == f"{PAGE}/documents/#document-{document.pk}"
    assert "Đã tải lên mẫu “to-khai.docx” cho giấy tờ “Tờ khai đăng ký kết hôn”." in _page(
        office.get(f"{PAGE}/documents/")
    )
    document.refresh_from_db()
    assert (document.template_file.name, document.template_name) == (
        "catalog/templates/to-khai.docx",
        "to-khai.docx",
    )
    link = f'<a href="{PAGE}/documents/{document.pk}/template/file/" download>to-khai.docx</a>'
    assert link in _page(office.get("/catalog/1.000894/?v=1"))
    download = office.get(f"{PAGE}/documents/{document.pk}/template/file/")
    assert b"".join(download.streaming_content) == DOCX  # type: ignore[attr-defined]
    assert download["Content-Disposition"] == 'attachment; filename="to-khai.docx"'
    assert Client().get(f"{PAGE}/documents/{document.pk}/template/file/").status_code == 404  # a draft

    version_publish(actor=None, version=draft)
    assert link in _page(Client().get("/catalog/1.000894/"))
    public = Client().get(f"{PAGE}/documents/{document.pk}/template/file/")
    assert b"".join(public.streaming_content) == DOCX  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("to-khai.exe", b"MZ\x90\x00"),
            "Tệp “to-khai.exe” không được nhận: chỉ nhận .doc, .docx, .ods, .odt, .pdf, .xls, .xlsx.",
        ),
        (
            SimpleUploadedFile("to-khai.docx", b"MZ\x90\x00"),
            "Nội dung tệp “to-khai.docx” không đúng với loại .docx.",
        ),
        (None, "Hãy chọn tệp mẫu đơn, tờ khai để tải lên."),
    ],
)
def test_a_bad_template_upload_is_refused_in_vietnamese(
    draft: ProcedureVersion, demo_accounts: dict[str, User], upload: Any, message: str
) -> None:
    version_documents_set(actor=None, version=draft, documents=[DocumentInput("Tờ khai đăng ký kết hôn")])
    document = draft.documents.get()
    office = _client(demo_accounts["vanphong"])
    data = {} if upload is None else {"file": upload}
    response = office.post(f"{PAGE}/documents/{document.pk}/template/", data, follow=True)
    assert f'<li class="error">{message}</li>' in _page(response)
    document.refresh_from_db()
    assert (document.template_file.name, document.template_name) == ("", "")


# -- who may, and when ----------------------------------------------------------------------------


def test_one_stop_officer_gets_403_and_nothing_changes(
    draft: ProcedureVersion, demo_accounts: dict[str, User]
) -> None:
    version_documents_set(actor=None, version=draft, documents=[DocumentInput("Tờ khai đăng ký kết hôn")])
    document = draft.documents.get()
    before = (
        _channels(draft),
        _fees(draft),
        list(draft.documents.values_list("pk", "name", "template_file")),
    )
    officer = _client(demo_accounts["motcua.bato"])
    assert officer.get(f"{PAGE}/channels/").status_code == 403
    assert officer.get(f"{PAGE}/documents/").status_code == 403
    posted = _channels_and_fees([_channel("online", "1", "working_days")], [_fee("", "true")])
    assert officer.post(f"{PAGE}/channels/", posted).status_code == 403
    rows = _formset("documents", [_document("Khác", document)], initial=1)
    assert officer.post(f"{PAGE}/documents/", rows).status_code == 403
    upload = {"file": SimpleUploadedFile("to-khai.docx", DOCX)}
    assert officer.post(f"{PAGE}/documents/{document.pk}/template/", upload).status_code == 403
    after = (_channels(draft), _fees(draft), list(draft.documents.values_list("pk", "name", "template_file")))
    assert after == before
    anonymous = Client().get(f"{PAGE}/channels/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/login/")


def test_published_version_pages_redirect(
    make_procedure: MakeProcedure, demo_accounts: dict[str, User]
) -> None:
    published = make_procedure()
    document = RequiredDocument.objects.create(version=published, position=1, name="Tờ khai")
    office = _client(demo_accounts["vanphong"])
    base = "/catalog/1.001193/v1"
    for response in (
        office.get(f"{base}/channels/"),
        office.post(f"{base}/channels/", _channels_and_fees([_channel("online")], [_fee("", "true")])),
        office.get(f"{base}/documents/"),
        office.post(f"{base}/documents/", _formset("documents", [_document("Khác", document)], initial=1)),
        office.post(
            f"{base}/documents/{document.pk}/template/", {"file": SimpleUploadedFile("a.docx", DOCX)}
        ),
    ):
        assert response["Location"] == "/catalog/1.001193/?v=1"
    message = "Phiên bản 1 đã công bố, không sửa được; hãy tạo bản nháp mới."
    assert message in _page(office.get("/catalog/1.001193/?v=1"))
    assert list(published.channels.values_list("channel", flat=True)) == ["counter"]
    assert published.fees.count() == 0
    assert list(published.documents.values_list("name", "template_file")) == [("Tờ khai", "")]


def test_detail_and_edit_pages_link_the_parts_pages(
    draft: ProcedureVersion, demo_accounts: dict[str, User]
) -> None:
    office = _client(demo_accounts["vanphong"])
    for page in (_page(office.get("/catalog/1.000894/")), _page(office.get(f"{PAGE}/"))):
        assert f'href="{PAGE}/channels/"' in page
        assert f'href="{PAGE}/documents/"' in page
