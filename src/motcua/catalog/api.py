"""Catalogue API: published procedures are public information; drafts and publishing need the catalogue
permissions. One view per operation, each with its own serializers."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from motcua.accounts.access import has_perm_somewhere
from motcua.catalog.enums import EDIT, PUBLISH, Channel, LimitUnit, OnlineLevel, ResultType, VersionStatus
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.selectors import (
    IN_FORCE,
    procedure_search,
    version_data,
    version_live,
    versions_with_parts,
)
from motcua.catalog.services import version_publish


class TimeLimitOutput(serializers.Serializer):
    value = serializers.FloatField(allow_null=True)
    unit = serializers.ChoiceField(choices=LimitUnit.choices, allow_null=True)
    raw = serializers.CharField()
    note = serializers.CharField()


class ChannelOutput(serializers.Serializer):
    channel = serializers.ChoiceField(choices=Channel.choices)
    time_limit = TimeLimitOutput()
    description = serializers.CharField()


class FeeOutput(serializers.Serializer):
    channel = serializers.ChoiceField(
        choices=Channel.choices, allow_null=True, help_text="null: mọi hình thức"
    )
    free = serializers.BooleanField(allow_null=True)
    amount = serializers.FloatField(allow_null=True, help_text="đồng")
    per = serializers.CharField()
    note = serializers.CharField()
    raw = serializers.CharField()


class DocumentOutput(serializers.Serializer):
    group = serializers.CharField()
    name = serializers.CharField()
    originals = serializers.IntegerField(allow_null=True)
    certified_copies = serializers.IntegerField(allow_null=True)
    copies = serializers.IntegerField(allow_null=True)
    template = serializers.CharField()
    reuse_source = serializers.CharField(allow_null=True)


class StepOutput(serializers.Serializer):
    position = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField()
    hours = serializers.FloatField()


class AgencyStepOutput(serializers.Serializer):
    position = serializers.IntegerField()
    agency = serializers.CharField()
    task = serializers.CharField()
    hours = serializers.FloatField()


class NamedCodeOutput(serializers.Serializer):
    name = serializers.CharField()
    code = serializers.CharField()


class ProblemOutput(serializers.Serializer):
    kind = serializers.CharField()
    channel = serializers.CharField()
    reason = serializers.CharField()
    raw = serializers.CharField()


class VersionOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    field = serializers.CharField()
    version = serializers.IntegerField()
    status = serializers.ChoiceField(choices=VersionStatus.choices)
    valid_from = serializers.DateField(allow_null=True)
    valid_to = serializers.DateField(allow_null=True)
    kind = serializers.CharField()
    levels = serializers.ListField(child=serializers.CharField())
    applicants = serializers.ListField(child=serializers.CharField())
    competent_agency = serializers.CharField()
    implementing_agency = serializers.CharField()
    receiving_agency = serializers.CharField()
    coordinating_agencies = serializers.CharField()
    time_limit = TimeLimitOutput()
    channels = ChannelOutput(many=True)
    fees = FeeOutput(many=True)
    documents = DocumentOutput(many=True)
    online_level = serializers.ChoiceField(choices=OnlineLevel.choices, allow_null=True)
    full_process_eligible = serializers.BooleanField(allow_null=True)
    result_type = serializers.ChoiceField(choices=ResultType.choices, allow_null=True)
    results = NamedCodeOutput(many=True)
    legal_basis = NamedCodeOutput(many=True)
    internal_process = StepOutput(many=True)
    inter_agency = AgencyStepOutput(many=True)
    unparsed = ProblemOutput(many=True, help_text="nội dung nguồn chưa đọc được, theo loại")
    raw = serializers.DictField(help_text="dữ liệu gốc từ Cổng DVCQG, nguyên văn")


class ProcedureListItem(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    field = serializers.CharField()
    score = serializers.IntegerField(help_text="độ khớp khi tìm kiếm (lớn hơn là khớp hơn)")


class ProcedurePage(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ProcedureListItem(many=True)


class ProcedureListFilters(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, help_text="mã, tên, lĩnh vực; có dấu hoặc không dấu"
    )
    field = serializers.CharField(required=False, allow_blank=True)
    page = serializers.IntegerField(required=False, min_value=1, default=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=500, default=50)


class ProcedureListApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="catalog_procedures_list",
        parameters=[
            OpenApiParameter("q", str),
            OpenApiParameter("field", str),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses=ProcedurePage,
    )
    def get(self, request: Request) -> Response:
        filters = ProcedureListFilters(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        number, size = data["page"], data["page_size"]
        found = procedure_search(
            data.get("q", ""),
            field=data.get("field", ""),
            limit=size,
            offset=(number - 1) * size,
            published_only=not has_perm_somewhere(request.user, EDIT),
        )
        url = request.build_absolute_uri()
        more = number * size < found.total
        page = {
            "count": found.total,
            "next": replace_query_param(url, "page", number + 1) if more else None,
            "previous": replace_query_param(url, "page", number - 1) if number > 1 else None,
            "results": [
                {
                    "code": h.procedure.code,
                    "name": h.procedure.name,
                    "field": h.procedure.field,
                    "score": h.score,
                }
                for h in found.hits
            ],
        }
        return Response(ProcedurePage(page).data)


def _procedure(code: str) -> Procedure:
    procedure = Procedure.objects.filter(code=code).first()
    if procedure is None:
        raise Http404
    return procedure


class ProcedureDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="catalog_procedures_retrieve",
        parameters=[OpenApiParameter("on", dt.date, description="ngày (mặc định hôm nay)")],
        responses=VersionOutput,
    )
    def get(self, request: Request, code: str) -> Response:
        on = (
            serializers.DateField().to_internal_value(request.query_params["on"])
            if "on" in request.query_params
            else None
        )
        version = version_live(_procedure(code), on=on)
        if version is None:
            raise Http404
        return Response(VersionOutput(version_data(versions_with_parts().get(pk=version.pk))).data)


class VersionListApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(operation_id="catalog_versions_list", responses=VersionOutput(many=True))
    def get(self, request: Request, code: str) -> Response:
        versions = versions_with_parts().filter(procedure=_procedure(code)).order_by("-number")
        if not has_perm_somewhere(request.user, EDIT):
            versions = versions.filter(status__in=IN_FORCE)
        return Response(VersionOutput([version_data(v) for v in versions], many=True).data)


class PublishInput(serializers.Serializer):
    valid_from = serializers.DateField(required=False, allow_null=True, default=None)


class VersionPublishApi(APIView):
    @extend_schema(operation_id="catalog_versions_publish", request=PublishInput, responses=VersionOutput)
    def post(self, request: Request, code: str, number: int) -> Response:
        if not has_perm_somewhere(request.user, PUBLISH):  # before any lookup: no hint of what exists
            raise PermissionDenied("Không có quyền công bố thủ tục.")
        version = ProcedureVersion.objects.filter(procedure=_procedure(code), number=number).first()
        if version is None:
            raise Http404
        data = PublishInput(data=request.data)
        data.is_valid(raise_exception=True)
        version = version_publish(
            actor=request.user, version=version, valid_from=data.validated_data["valid_from"]
        )
        return Response(VersionOutput(version_data(versions_with_parts().get(pk=version.pk))).data)
