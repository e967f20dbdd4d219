"""Units API: one view per operation, each with its own input and output serializers."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.accounts.access import can, units_visible
from motcua.common.errors import ApplicationError
from motcua.common.pagination import Pagination
from motcua.units.enums import Division, UnitKind
from motcua.units.models import Unit
from motcua.units.selectors import unit_get_by_code, unit_match_name
from motcua.units.services import unit_create

VIEW = "units.view_unit"
ADD = "units.add_unit"


class UnitOutput(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", default=None, read_only=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "edoc_code",
            "name",
            "kind",
            "division",
            "parent",
            "parent_code",
            "depth",
            "valid_from",
            "valid_to",
        ]


class UnitListOutput(serializers.Serializer):
    """A page of units; with `q`, the name match instead (every match, and whether it was exact)."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True, required=False)
    previous = serializers.URLField(allow_null=True, required=False)
    ambiguous = serializers.BooleanField(required=False, help_text="chỉ khi tìm theo tên (q)")
    exact = serializers.BooleanField(required=False, help_text="chỉ khi tìm theo tên (q)")
    results = UnitOutput(many=True)


class UnitListFilters(serializers.Serializer):
    on = serializers.DateField(required=False, help_text="Chỉ các đơn vị có hiệu lực vào ngày này")
    kind = serializers.ChoiceField(choices=UnitKind.choices, required=False)
    q = serializers.CharField(required=False, help_text="Tên, có dấu hoặc không dấu")


class UnitListApi(APIView):
    @extend_schema(
        operation_id="units_list",
        parameters=[
            OpenApiParameter("on", dt.date),
            OpenApiParameter("kind", str, enum=UnitKind.values),
            OpenApiParameter("q", str),
        ],
        responses=UnitListOutput,
    )
    def get(self, request: Request) -> Response:
        filters = UnitListFilters(data=request.query_params)
        filters.is_valid(raise_exception=True)
        units = units_visible(request.user, VIEW).select_related("parent")
        on = filters.validated_data.get("on")
        if on is not None:
            units = units.valid_on(on)
        if "kind" in filters.validated_data:
            units = units.filter(kind=filters.validated_data["kind"])
        if filters.validated_data.get("q"):
            match = unit_match_name(filters.validated_data["q"], on=on, units=units)
            return Response(
                {
                    "count": len(match.units),
                    "ambiguous": match.ambiguous,
                    "exact": match.exact,
                    "results": UnitOutput(match.units, many=True).data,
                }
            )
        paginator = Pagination()
        page = paginator.paginate_queryset(units.order_by("path"), request, view=self)
        return paginator.get_paginated_response(UnitOutput(page, many=True).data)


class UnitDetailApi(APIView):
    @extend_schema(operation_id="units_retrieve", responses=UnitOutput)
    def get(self, request: Request, pk: int) -> Response:
        unit = Unit.objects.select_related("parent").filter(pk=pk).first()
        if unit is None or not can(request.user, VIEW, unit):
            raise Http404
        return Response(UnitOutput(unit).data)


class UnitCreateInput(serializers.Serializer):
    code = serializers.CharField(max_length=32)
    name = serializers.CharField(max_length=255)
    kind = serializers.ChoiceField(choices=UnitKind.choices)
    division = serializers.ChoiceField(choices=Division.choices, required=False, default="")
    parent_code = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(required=False, allow_null=True, default=None)
    edoc_code = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")


class UnitCreateApi(APIView):
    @extend_schema(operation_id="units_create", request=UnitCreateInput, responses={201: UnitOutput})
    def post(self, request: Request) -> Response:
        data = UnitCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        parent_code = values.pop("parent_code")
        parent = unit_get_by_code(parent_code, on=values["valid_from"]) if parent_code else None
        if parent is not None and not can(request.user, VIEW, parent):
            # Same answer as for a code that does not exist: no leak of units outside the user's scope.
            raise ApplicationError(
                "unit_not_found",
                f"Không có đơn vị mã “{parent_code}” vào ngày {values['valid_from']:%d/%m/%Y}.",
                fields={"code": "not_found"},
            )
        if not can(request.user, ADD, parent):
            raise PermissionDenied("Bạn không có quyền thêm đơn vị vào đơn vị này.")
        unit = unit_create(actor=request.user, parent=parent, **values)
        return Response(UnitOutput(unit).data, status=status.HTTP_201_CREATED)
