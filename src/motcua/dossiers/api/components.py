"""The files of a dossier's components: `POST /api/dossiers/<code>/components/<id>/attach/` (upload),
`.../digitise/` (the officer's signed scan and the data read from it) and `.../reuse/` (a paper of the
applicant's data store instead of a new upload). Each answers the component as it is now; the document
store's services check the officer, the dossier (open) and the file, and change nothing when they refuse."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.catalog.enums import ReuseSource
from motcua.documents.enums import LinkRole
from motcua.documents.models import DossierDocument
from motcua.documents.selectors import dossier_components
from motcua.documents.services import ALLOWED, component_attach, component_digitise, component_reuse
from motcua.dossiers.api.outputs import ERRORS, ComponentOutput, component_data
from motcua.dossiers.selectors import dossier_for

# No Idempotency-Key: sending the same bytes again for the same component links the version it already
# has (the store keeps one copy of identical consecutive bytes), so a retried upload stores nothing twice.
RETRY = (
    "Không có Idempotency-Key: gửi lại đúng tệp đó cho cùng thành phần trả về phiên bản đã lưu, "
    "không lưu bản thứ hai."
)
FILE_HELP = (
    ", ".join(suffix.lstrip(".").upper() for suffix in sorted(ALLOWED))
    + "; kiểm tra theo tên và nội dung; tối đa MOTCUA_UPLOAD_MAX_MB (mặc định 20 MB)"
)


@extend_schema_field(OpenApiTypes.BINARY)
class UploadField(serializers.FileField):
    """A file part of a multipart body (the schema says binary, not the URI FileField answers with)."""


class AttachIn(serializers.Serializer):
    file = UploadField(help_text=FILE_HELP)


class DigitiseIn(serializers.Serializer):
    file = UploadField(help_text=f"bản quét, cán bộ gửi là người ký số; {FILE_HELP}")
    extracted = serializers.JSONField(
        required=False,
        default=None,
        help_text='dữ liệu bóc tách: một đối tượng JSON {"tên trường": giá trị} (trường của form multipart)',
    )


class ReuseIn(serializers.Serializer):
    version = serializers.IntegerField(help_text="id phiên bản giấy tờ trong kho dữ liệu của người nộp")
    # the metaclass takes declared fields out of the class: this does not hide Field.source
    source = serializers.ChoiceField(  # type: ignore[assignment]
        choices=[ReuseSource.DATA_STORE.value, ReuseSource.NATIONAL_DB.value],
        default=ReuseSource.DATA_STORE.value,
        help_text="data_store: kho dữ liệu của người nộp; national_db: cơ sở dữ liệu quốc gia, chuyên ngành",
    )


def _component(request: Request, code: str, component_id: int) -> DossierDocument:
    """A component of a dossier the user may see; anything else is the same 404."""
    dossier = dossier_for(request.user, code)
    if dossier is None:
        raise Http404
    component = dossier_components(dossier).exclude(role=LinkRole.RESULT).filter(pk=component_id).first()
    if component is None:
        raise Http404
    return component


def _answer(component: DossierDocument) -> Response:
    row = dossier_components(component.dossier).get(pk=component.pk)  # with its version and signer
    return Response(ComponentOutput(component_data(row)).data)


class AttachApi(APIView):
    @extend_schema(
        operation_id="dossiers_component_attach",
        summary="Tải tệp của thành phần hồ sơ",
        description="Lưu tệp vào kho dữ liệu của người nộp và gắn với thành phần (Nghị định 61/2018 Điều 17). "
        "Tệp mới của thành phần đã có tệp là phiên bản tiếp theo. " + RETRY,
        request={"multipart/form-data": AttachIn},
        responses={200: ComponentOutput, **ERRORS},
    )
    def post(self, request: Request, code: str, component_id: int) -> Response:
        component = _component(request, code, component_id)
        body = AttachIn(data=request.data)
        body.is_valid(raise_exception=True)
        done = component_attach(actor=request.user, component=component, file=body.validated_data["file"])
        return _answer(done)


class DigitiseApi(APIView):
    @extend_schema(
        operation_id="dossiers_component_digitise",
        summary="Số hóa thành phần hồ sơ",
        description="Bản quét do cán bộ ký số, kèm dữ liệu bóc tách (Thông tư 01/2023 Điều 4–8). Thành phần "
        "đã lấy từ dữ liệu sẵn có không số hóa lại. " + RETRY,
        request={"multipart/form-data": DigitiseIn},
        responses={200: ComponentOutput, **ERRORS},
    )
    def post(self, request: Request, code: str, component_id: int) -> Response:
        component = _component(request, code, component_id)
        body = DigitiseIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        done = component_digitise(
            actor=request.user, component=component, file=data["file"], extracted=data["extracted"]
        )
        return _answer(done)


class ReuseApi(APIView):
    @extend_schema(
        operation_id="dossiers_component_reuse",
        summary="Lấy thành phần từ kho dữ liệu",
        description="Gắn giấy tờ đã có trong kho dữ liệu của người nộp thay vì nộp lại (Thông tư 01/2023; "
        "Nghị định 45/2020 Điều 16); giấy tờ của người khác hoặc hết hiệu lực bị từ chối. Gửi lại "
        "cùng nội dung cho cùng kết quả.",
        request=ReuseIn,
        responses={200: ComponentOutput, **ERRORS},
    )
    def post(self, request: Request, code: str, component_id: int) -> Response:
        component = _component(request, code, component_id)
        body = ReuseIn(data=request.data)
        body.is_valid(raise_exception=True)
        data: dict[str, Any] = body.validated_data
        done = component_reuse(
            actor=request.user, component=component, version_id=data["version"], source=data["source"]
        )
        return _answer(done)
