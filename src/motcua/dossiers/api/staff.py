"""The officer's side: the work queue, one dossier, and opening a dossier (receipt at the counter, or an
online or postal submission)."""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.accounts.access import has_perm_somewhere
from motcua.catalog.enums import ReuseSource
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.selectors import version_live
from motcua.common.errors import ApplicationError
from motcua.documents.enums import OwnerKind
from motcua.dossiers.api.outputs import (
    ERRORS,
    WRITE_ERRORS,
    DossierOutput,
    QueueOutput,
    dossier_data,
    queue_row,
)
from motcua.dossiers.enums import RECEIVE, Action, Channel, Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import QUEUE_VIEWS, decode_cursor, dossier_for, work_queue
from motcua.dossiers.services import ApplicantInput, ComponentInput, Opening, dossier_open
from motcua.units.models import Unit

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description="khóa do máy khách chọn (≤ 100 ký tự): gửi lại cùng khóa nhận lại đúng câu trả lời lần đầu, "
    "không thực hiện lần hai",
)


def idempotency_key(request: Request) -> str | None:
    return request.headers.get("Idempotency-Key") or None


def detail_response(request: Request, dossier: Dossier, code: int = status.HTTP_200_OK) -> Response:
    """The dossier after a write; the actor acted on it, so it is shown even if a hand-over moved it out
    of their view."""
    shown = dossier_for(request.user, dossier.code) or dossier
    response = Response(DossierOutput(dossier_data(request.user, shown)).data, status=code)
    response["ETag"] = f'"{shown.revision}"'
    return response


class QueueFilters(serializers.Serializer):
    view = serializers.ChoiceField(choices=QUEUE_VIEWS, default="unit")
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    procedure = serializers.CharField(required=False, allow_blank=True, max_length=50)
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)
    cursor = serializers.CharField(required=False, allow_blank=True, max_length=200)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=100, default=25)

    def validate_cursor(self, value: str) -> str:
        if value and decode_cursor(value) is None:
            raise serializers.ValidationError(_("Con trỏ trang không hợp lệ."))
        return value


class QueueApi(APIView):
    @extend_schema(
        operation_id="dossiers_queue",
        summary="Danh sách hồ sơ cần xử lý",
        parameters=[
            OpenApiParameter("view", str, enum=list(QUEUE_VIEWS), description="mặc định: unit"),
            OpenApiParameter("status", str, enum=list(Status.values)),
            OpenApiParameter("procedure", str, description="mã thủ tục"),
            OpenApiParameter("q", str, description="đầu mã hồ sơ hoặc một phần tên người nộp"),
            OpenApiParameter("cursor", str, description="`next_cursor` của trang trước"),
            OpenApiParameter("limit", int, description="1–100, mặc định 25"),
        ],
        responses={200: QueueOutput, 400: ERRORS[400], 403: ERRORS[403]},
    )
    def get(self, request: Request) -> Response:
        filters = QueueFilters(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        page = work_queue(
            request.user,
            view=data["view"],
            status=data.get("status", ""),
            procedure_code=data.get("procedure", ""),
            search=data.get("q", ""),
            cursor=data.get("cursor", ""),
            limit=data["limit"],
        )
        body = {
            "count": page.count,
            "count_capped": page.capped,
            "next_cursor": page.next_cursor,
            "results": [queue_row(row) for row in page.rows],
        }
        return Response(QueueOutput(body).data)


class DetailApi(APIView):
    @extend_schema(
        operation_id="dossiers_retrieve", summary="Một hồ sơ", responses={200: DossierOutput, **ERRORS}
    )
    def get(self, request: Request, code: str) -> Response:
        dossier = dossier_for(request.user, code)
        if dossier is None:  # another unit's dossier looks like one that does not exist
            raise Http404
        return detail_response(request, dossier)


class ApplicantIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=OwnerKind.choices)
    identifier = serializers.CharField(
        max_length=20, help_text="số định danh cá nhân (12 số) hoặc mã số thuế"
    )
    name = serializers.CharField(max_length=255)
    address = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")


class ComponentIn(serializers.Serializer):
    name = serializers.CharField(max_length=500)
    required_document = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="id giấy tờ trong danh mục thủ tục"
    )
    originals = serializers.IntegerField(min_value=0, max_value=99, default=0)
    certified_copies = serializers.IntegerField(min_value=0, max_value=99, default=0)
    copies = serializers.IntegerField(min_value=0, max_value=99, default=0)
    reuse_source = serializers.ChoiceField(choices=ReuseSource.choices, required=False, default="")
    document_version = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="giấy tờ trong kho dữ liệu của người nộp"
    )


def components_of(items: list[dict[str, Any]]) -> list[ComponentInput]:
    return [
        ComponentInput(
            name=item["name"],
            required_document_id=item["required_document"],
            originals=item["originals"],
            certified_copies=item["certified_copies"],
            copies=item["copies"],
            reuse_source=item["reuse_source"],
            version_id=item["document_version"],
        )
        for item in items
    ]


OPENING_ACTIONS = [
    (a.value, a.label) for a in (Action.RECEIVE, Action.SUBMIT, Action.REQUEST_SUPPLEMENT, Action.REFUSE)
]


class OpeningIn(serializers.Serializer):
    action = serializers.ChoiceField(choices=OPENING_ACTIONS, default=Action.RECEIVE)
    missing = serializers.ListField(child=serializers.CharField(max_length=500), required=False, default=list)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class OpenInput(serializers.Serializer):
    unit = serializers.IntegerField(help_text="id đơn vị tiếp nhận")
    procedure = serializers.CharField(
        required=False, max_length=50, help_text="mã thủ tục: dùng phiên bản có hiệu lực hôm nay"
    )
    version = serializers.IntegerField(required=False, help_text="hoặc id phiên bản thủ tục")
    applicant = ApplicantIn()
    channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.COUNTER)
    return_channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.COUNTER)
    sets = serializers.IntegerField(min_value=1, max_value=99, default=1)
    components = ComponentIn(many=True, required=False, default=list)
    opening = OpeningIn(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("procedure" in attrs) == ("version" in attrs):
            raise serializers.ValidationError({"procedure": _("Hãy chọn thủ tục (mã) hoặc phiên bản (id).")})
        return attrs


def _unit(pk: int) -> Unit:
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None:
        raise serializers.ValidationError({"unit": _("Không có đơn vị này.")})
    return unit


def _version(data: dict[str, Any]) -> ProcedureVersion:
    """The version named, or the one in force today for a procedure code (the service checks either is
    in force on the day of receipt)."""
    if "version" in data:
        version = ProcedureVersion.objects.filter(pk=data["version"]).first()
        if version is None:
            raise serializers.ValidationError({"version": _("Không có phiên bản thủ tục này.")})
        return version
    procedure = Procedure.objects.filter(code=data["procedure"].strip()).first()
    live = version_live(procedure, on=timezone.localdate()) if procedure else None
    if live is None:
        raise serializers.ValidationError({"procedure": _("Không có thủ tục này đang có hiệu lực.")})
    return live


class ReceiptOutput(serializers.Serializer):
    """What the counter needs right after receipt; the whole dossier is at `url` (GET). A short answer
    keeps receipt fast: the detail reads the dossier, its timeline and the actor's scopes again."""

    id = serializers.IntegerField()
    code = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    revision = serializers.IntegerField()
    received_at = serializers.DateTimeField()
    effective_receipt_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField()
    book_number = serializers.IntegerField(allow_null=True)
    fee_amount = serializers.IntegerField()
    url = serializers.CharField()


def receipt_response(dossier: Dossier) -> Response:
    url = reverse("dossiers-detail", kwargs={"code": dossier.code})
    body = {
        "id": dossier.pk,
        "code": dossier.code,
        "status": dossier.status,
        "revision": dossier.revision,
        "received_at": dossier.received_at,
        "effective_receipt_at": dossier.effective_receipt_at,
        "due_at": dossier.due_at,
        "book_number": dossier.book_number,
        "fee_amount": int(dossier.fee_amount),
        "url": url,
    }
    response = Response(ReceiptOutput(body).data, status=status.HTTP_201_CREATED)
    response["Location"] = url
    response["ETag"] = f'"{dossier.revision}"'
    return response


class OpenApi(APIView):
    @extend_schema(
        operation_id="dossiers_open",
        summary="Tiếp nhận hoặc nộp hồ sơ",
        description="Mở hồ sơ mới: tiếp nhận (receive), nộp trực tuyến/bưu chính (submit), hoặc ngay tại quầy "
        "yêu cầu bổ sung (request_supplement) hay từ chối tiếp nhận (refuse). Mã hồ sơ <đơn vị>-YYMMDD-NNNN.",
        request=OpenInput,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: ReceiptOutput, **WRITE_ERRORS},
    )
    def post(self, request: Request) -> Response:
        if not has_perm_somewhere(request.user, RECEIVE):  # before any lookup: no hint of what exists
            raise ApplicationError.forbidden(_("Bạn không có quyền tiếp nhận hồ sơ."))
        body = OpenInput(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        opening = data.get("opening") or {}
        dossier = dossier_open(
            actor=request.user,
            unit=_unit(data["unit"]),
            version=_version(data),
            applicant=ApplicantInput(**data["applicant"]),
            channel=data["channel"],
            return_channel=data["return_channel"],
            components=components_of(data["components"]),
            sets=data["sets"],
            opening=Opening(
                action=opening.get("action", Action.RECEIVE),
                missing=opening.get("missing", []),
                reason=opening.get("reason", ""),
            ),
            idempotency_key=idempotency_key(request),
        )
        return receipt_response(dossier)


_IF_MATCH = re.compile(r'\s*(?:W/)?"?(\d+)"?\s*')


def revision_of(request: Request, in_body: int | None) -> int | None:
    """The revision the client saw, from the body or the If-Match header (ETag of the detail)."""
    header = request.headers.get("If-Match")
    if header is None or header.strip() == "*":
        return in_body
    match = _IF_MATCH.fullmatch(header)
    if match is None:
        raise serializers.ValidationError({"revision": _("If-Match phải là số phiên bản của hồ sơ.")})
    from_header = int(match.group(1))
    if in_body is not None and in_body != from_header:
        raise serializers.ValidationError({"revision": _("If-Match và revision khác nhau.")})
    return from_header


class DossiersApi(QueueApi, OpenApi):
    """`/api/dossiers/`: GET the work queue, POST a new dossier (two operations, one address)."""
