"""An officer fills in what the import could not read: channels, fees, documents and form templates."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalog.models import ProcedureVersion
from motcua.catalog.services import (
    ChannelInput,
    DocumentInput,
    FeeInput,
    document_template_attach,
    version_channels_set,
    version_documents_set,
    version_draft_create,
    version_fees_set,
)
from motcua.common.errors import ApplicationError
from motcua.common.models import AuditEvent

pytestmark = pytest.mark.django_db
DOCX = b"PK\x03\x04" + b"\x00" * 40


@pytest.fixture
def draft(make_procedure: Callable[..., ProcedureVersion]) -> ProcedureVersion:
    return make_procedure(publish=False)


def test_channels_with_their_own_limits(draft: ProcedureVersion) -> None:
    version_channels_set(
        actor=None,
        version=draft,
        channels=[
            ChannelInput("counter", Decimal(3), "working_days"),
            ChannelInput("online", None, "same_day", "trong ngày nếu nộp trước 15 giờ"),
            ChannelInput("post"),
        ],
    )
    assert list(draft.channels.values_list("channel", "time_limit_value", "time_limit_unit")) == [
        ("counter", Decimal(3), "working_days"),
        ("online", Decimal(0), "same_day"),
        ("post", None, ""),
    ]
    draft.refresh_from_db()
    assert draft.hand_edited
    with pytest.raises(ApplicationError) as refused:
        version_channels_set(
            actor=None, version=draft, channels=[ChannelInput("online"), ChannelInput("online")]
        )
    assert refused.value.code == "channel_invalid"
    assert draft.channels.count() == 3


def test_fees_free_or_an_amount_never_both(draft: ProcedureVersion) -> None:
    version_fees_set(
        actor=None,
        version=draft,
        fees=[
            FeeInput("", False, Decimal(8000), "bản sao"),
            FeeInput("online", True, note="miễn khi nộp trực tuyến"),
        ],
    )
    assert list(draft.fees.values_list("channel", "free", "amount", "per")) == [
        ("", False, Decimal(8000), "bản sao"),
        ("online", True, None, ""),
    ]
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as refused:
        version_fees_set(actor=None, version=draft, fees=[FeeInput("", True, Decimal(5000))])
    assert refused.value.code == "fee_invalid"
    assert draft.fees.count() == 2
    assert AuditEvent.objects.count() == events


def test_documents_keep_their_template_and_published_versions_keep_theirs(
    make_procedure: Callable[..., ProcedureVersion],
) -> None:
    version = make_procedure(publish=False)
    version_documents_set(
        actor=None,
        version=version,
        documents=[
            DocumentInput("Tờ khai đăng ký khai sinh", originals=1),
            DocumentInput("Giấy chứng sinh", copies=1),
        ],
    )
    form = version.documents.get(position=1)
    document_template_attach(actor=None, document=form, file=SimpleUploadedFile("to-khai.docx", DOCX))
    form.refresh_from_db()
    assert form.template_name == "to-khai.docx"
    assert form.template_file.read() == DOCX
    # reorder and re-flag: the kept row keeps its file, the removed row is gone
    version_documents_set(
        actor=None,
        version=version,
        documents=[
            DocumentInput(
                "Tờ khai đăng ký khai sinh", originals=1, reuse_source="data_store", keep_id=form.pk
            )
        ],
    )
    kept = version.documents.get()
    assert (kept.pk, kept.template_name, kept.reuse_source) == (form.pk, "to-khai.docx", "data_store")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.exe", b"MZ\x90\x00", "upload_type"),
        ("to-khai.docx", b"MZ\x90\x00 renamed", "upload_content"),
    ],
)
def test_template_uploads_are_checked(draft: ProcedureVersion, name: str, content: bytes, code: str) -> None:
    version_documents_set(actor=None, version=draft, documents=[DocumentInput("Tờ khai", originals=1)])
    document = draft.documents.get()
    with pytest.raises(ApplicationError) as refused:
        document_template_attach(actor=None, document=document, file=SimpleUploadedFile(name, content))
    assert refused.value.code == code
    document.refresh_from_db()
    assert not document.template_file


def test_parts_of_a_published_version_do_not_change(make_procedure: Callable[..., ProcedureVersion]) -> None:
    published = make_procedure()
    for call in (
        lambda: version_channels_set(actor=None, version=published, channels=[]),
        lambda: version_fees_set(actor=None, version=published, fees=[]),
        lambda: version_documents_set(actor=None, version=published, documents=[]),
    ):
        with pytest.raises(ApplicationError) as refused:
            call()
        assert refused.value.code == "version_not_draft"
    assert published.channels.count() == 1
    version_draft_create(actor=None, procedure=published.procedure)


def test_a_fee_keeps_its_own_imported_text_when_another_is_removed(draft: ProcedureVersion) -> None:
    from motcua.catalog.models import Fee

    first = Fee.objects.create(version=draft, position=1, raw="Miễn phí")
    second = Fee.objects.create(version=draft, position=2, raw="50.000 đồng/bản (lệ phí)")
    version_fees_set(
        actor=None, version=draft, fees=[FeeInput("", False, Decimal(50000), "bản", keep_id=second.pk)]
    )
    assert list(draft.fees.values_list("amount", "raw")) == [(Decimal(50000), "50.000 đồng/bản (lệ phí)")]
    with pytest.raises(ApplicationError):
        version_fees_set(
            actor=None, version=draft, fees=[FeeInput(keep_id=first.pk), FeeInput(keep_id=first.pk)]
        )
