"""One endpoint per lifecycle action, `POST /api/dossiers/<code>/actions/<action>/`, each with its own
input serializer and service. The action names are those the dossier's `actions` list offers (the
values of `Action`), plus `waive_fee`. Every body may carry `revision` (or the If-Match header) and
every request an Idempotency-Key header; the service checks the role, the transition table and the
revision, and changes nothing when it refuses."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.api.components import UploadField
from motcua.dossiers.api.outputs import WRITE_ERRORS, DossierOutput
from motcua.dossiers.api.staff import (
    IDEMPOTENCY_KEY,
    ComponentIn,
    components_of,
    detail_response,
    idempotency_key,
    revision_of,
)
from motcua.dossiers.enums import Action, Channel, PaymentMethod, ResultKind
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_for
from motcua.units.models import Unit

IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, description="revision đã xem (như trường `revision`)"
)


def _text(required: bool = False, max_length: int = 2000) -> serializers.CharField:
    # blank is let through: the service refuses it with its own code and message
    if required:
        return serializers.CharField(max_length=max_length, allow_blank=True)
    return serializers.CharField(max_length=max_length, required=False, allow_blank=True, default="")


def _officer(help_text: str, required: bool = False) -> serializers.PrimaryKeyRelatedField:
    # the services refuse a user who cannot settle dossiers of the unit
    if required:
        return serializers.PrimaryKeyRelatedField(
            queryset=User.objects.filter(is_active=True), help_text=help_text
        )
    return serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
        help_text=help_text,
    )


class ActionIn(serializers.Serializer):
    revision = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        help_text="revision của hồ sơ người dùng đã xem; khác revision hiện tại → 409",
    )


class ReasonIn(ActionIn):
    reason = _text(required=True)


class OptionalReasonIn(ActionIn):
    reason = _text()


class NoteIn(ActionIn):
    note = _text()


class MissingIn(ActionIn):
    missing = serializers.ListField(child=serializers.CharField(max_length=500), help_text="đầy đủ, một lần")
    reason = _text()


class SupplementIn(ActionIn):
    components = ComponentIn(many=True, required=False, default=list)


class TransferIn(ActionIn):
    to_unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="id đơn vị giải quyết (mặc định: đơn vị tiếp nhận)",
    )
    receiver = _officer("id cán bộ nhận hồ sơ")


class AssignIn(ActionIn):
    assignee = _officer("id cán bộ được phân công", required=True)
    note = _text()


class StepStartIn(ActionIn):
    position = serializers.IntegerField(min_value=1, help_text="số thứ tự bước trong quy trình nội bộ")


class StepFinishIn(ActionIn):
    receiver = _officer("id cán bộ nhận bước tiếp theo")
    agency = _text(max_length=500)
    note = _text()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("receiver") is not None and attrs.get("agency", "").strip():
            raise serializers.ValidationError(
                {"agency": "Chỉ chọn một: cán bộ nhận hoặc cơ quan liên thông."}
            )
        return attrs


class ConsultIn(ActionIn):
    agency = _text(required=True, max_length=500)
    request = _text(required=True)
    due_at = serializers.DateTimeField(help_text="hạn trả lời")


class ConsultAnswerIn(ActionIn):
    consultation = serializers.IntegerField(source="consultation_id", help_text="id trong `consultations`")
    answer = _text(required=True)


class ApologiseIn(ActionIn):
    reason = _text(required=True)
    new_appointment = serializers.DateTimeField()


class IssueResultIn(ActionIn):
    kind = serializers.ChoiceField(choices=ResultKind.choices)
    title = _text(required=True, max_length=500)
    register_number = _text(max_length=60)
    document_version = serializers.IntegerField(
        source="document_version_id",
        required=False,
        allow_null=True,
        default=None,
        help_text="tệp kết quả đã có trong kho dữ liệu của người nộp",
    )
    file = UploadField(
        required=False,
        allow_null=True,
        default=None,
        help_text="hoặc tệp kết quả (multipart/form-data): lưu vào kho dữ liệu của người nộp cùng giao dịch; "
        "thao tác bị từ chối thì không lưu tệp",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("file") is not None and attrs.get("document_version_id") is not None:
            raise serializers.ValidationError(
                {"file": "Chỉ gửi một: tệp kết quả mới hoặc giấy tờ đã có trong kho dữ liệu."}
            )
        return attrs


class NotifyEarlyIn(ActionIn):
    message = _text()


class PayIn(ActionIn):
    amount = serializers.IntegerField(min_value=1, help_text="đồng")
    method = serializers.ChoiceField(choices=PaymentMethod.choices)
    receipt_number = _text(max_length=100)
    reference = _text(max_length=100)


class ReturnIn(ActionIn):
    channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.COUNTER)


def _same(values: dict[str, Any]) -> dict[str, Any]:
    return values


def _with_components(values: dict[str, Any]) -> dict[str, Any]:
    return {"components": components_of(values["components"])}


@dataclass(frozen=True)
class ActionSpec:
    name: str
    service: Callable[..., Dossier]
    input: type[serializers.Serializer]
    summary: str
    arguments: Callable[[dict[str, Any]], dict[str, Any]] = _same  # validated input → service keywords


SPECS = [
    ActionSpec(Action.RECEIVE, services.dossier_accept, ActionIn, "Tiếp nhận hồ sơ đã nộp"),
    ActionSpec(Action.REQUEST_SUPPLEMENT, services.dossier_request_supplement, MissingIn, "Yêu cầu bổ sung"),
    ActionSpec(Action.SUPPLEMENT, services.dossier_supplement, SupplementIn, "Nộp bổ sung", _with_components),
    ActionSpec(Action.REFUSE, services.dossier_refuse, ReasonIn, "Từ chối tiếp nhận"),
    ActionSpec(Action.TRANSFER, services.dossier_transfer, TransferIn, "Chuyển xử lý"),
    ActionSpec(Action.ASSIGN, services.dossier_assign, AssignIn, "Phân công"),
    ActionSpec(Action.STEP_START, services.dossier_step_start, StepStartIn, "Bắt đầu bước xử lý"),
    ActionSpec(Action.STEP_FINISH, services.dossier_step_finish, StepFinishIn, "Hoàn thành bước, bàn giao"),
    ActionSpec(Action.CONSULT, services.dossier_consult, ConsultIn, "Lấy ý kiến cơ quan khác"),
    ActionSpec(Action.CONSULT_ANSWER, services.dossier_consult_answer, ConsultAnswerIn, "Nhận ý kiến"),
    ActionSpec(Action.FIND_INCOMPLETE, services.dossier_find_incomplete, MissingIn, "Bổ sung sau thẩm định"),
    ActionSpec(
        Action.SUPPLEMENT_AFTER_APPRAISAL,
        services.dossier_supplement_after_appraisal,
        ActionIn,
        "Nhận đủ hồ sơ bổ sung sau thẩm định",
    ),
    ActionSpec(Action.PAUSE, services.dossier_pause, ReasonIn, "Tạm dừng giải quyết"),
    ActionSpec(Action.RESUME, services.dossier_resume, ActionIn, "Tiếp tục giải quyết"),
    ActionSpec(Action.APOLOGISE, services.dossier_apologise, ApologiseIn, "Xin lỗi, hẹn lại ngày trả"),
    ActionSpec(Action.APPROVE, services.dossier_approve, NoteIn, "Phê duyệt, ký"),
    ActionSpec(Action.REJECT, services.dossier_reject, ReasonIn, "Không giải quyết, nêu lý do"),
    ActionSpec(Action.ISSUE_RESULT, services.dossier_issue_result_with_file, IssueResultIn, "Có kết quả"),
    ActionSpec(Action.NOTIFY_EARLY, services.dossier_notify_early, NotifyEarlyIn, "Báo trả kết quả sớm"),
    ActionSpec(Action.PAY, services.dossier_pay, PayIn, "Nộp phí, lệ phí"),
    ActionSpec("waive_fee", services.dossier_waive_fee, ReasonIn, "Miễn, giảm phí"),
    ActionSpec(Action.RETURN_RESULT, services.dossier_return, ReturnIn, "Trả kết quả"),
    ActionSpec(Action.WITHDRAW, services.dossier_withdraw, OptionalReasonIn, "Rút hồ sơ"),
]


def act(request: Request, code: str, spec: ActionSpec) -> Response:
    dossier = dossier_for(request.user, code)
    if dossier is None:  # another unit's dossier looks like one that does not exist
        raise Http404
    body = spec.input(data=request.data)
    body.is_valid(raise_exception=True)
    values = dict(body.validated_data)
    revision = revision_of(request, values.pop("revision", None))
    changed = spec.service(
        actor=request.user,
        dossier=dossier,
        revision=revision,
        idempotency_key=idempotency_key(request),
        **spec.arguments(values),
    )
    return detail_response(request, changed)


def _media(body: type[serializers.Serializer]) -> Any:
    """JSON, and multipart too where the input takes a file (the result file of issue_result)."""
    if any(isinstance(field, serializers.FileField) for field in body().fields.values()):
        return {
            "application/json": body,
            "application/x-www-form-urlencoded": body,
            "multipart/form-data": body,
        }
    return body


def action_view(spec: ActionSpec) -> type[APIView]:
    """The view of one action, documented with the rule and legal basis of its service."""

    def post(self: APIView, request: Request, code: str) -> Response:
        return act(request, code, spec)

    documented = extend_schema(
        operation_id=f"dossiers_action_{spec.name}",
        summary=spec.summary,
        description=inspect.cleandoc(spec.service.__doc__ or ""),
        request=_media(spec.input),
        parameters=[IDEMPOTENCY_KEY, IF_MATCH],
        responses={200: DossierOutput, **WRITE_ERRORS},
    )(post)
    name = "".join(part.title() for part in spec.name.split("_")) + "Api"
    return type(name, (APIView,), {"post": documented, "__doc__": spec.summary})


class UnknownActionApi(APIView):
    """Any other action name: the project's 404 body rather than Django's page."""

    @extend_schema(exclude=True)
    def post(self, request: Request, code: str, action: str) -> Response:
        raise Http404
