"""The public side (issue 6 item 8): anyone with a dossier code sees its status and a masked name, and the
applicant rates the service with the token of the receipt slip's QR code. No session; limited per client
address, so codes cannot be walked."""

from __future__ import annotations

from typing import Any, cast

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from motcua.dossiers.api.outputs import ERRORS, ErrorOutput
from motcua.dossiers.enums import Satisfaction
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import public_status
from motcua.dossiers.services import dossier_rate


class StatusLookupThrottle(ScopedRateThrottle):
    """Per client address even for a signed-in user (one person, one budget), at the rate of the
    "status_lookup" scope (MOTCUA_STATUS_LOOKUP_RATE); the address is REMOTE_ADDR, or the proxy's
    X-Forwarded-For entry when MOTCUA_BEHIND_PROXY (REST_FRAMEWORK["NUM_PROXIES"])."""

    def get_rate(self) -> str | None:
        # read at request time: DRF binds the rates at import, so a changed setting would be missed
        self.THROTTLE_RATES = cast("dict[str, str | None]", api_settings.DEFAULT_THROTTLE_RATES)
        return super().get_rate()

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PublicStatusOutput(serializers.Serializer):
    code = serializers.CharField()
    applicant = serializers.CharField(help_text="tên đã che: “Đinh V*** H***”")
    procedure = serializers.CharField()
    unit = serializers.CharField(help_text="đơn vị tiếp nhận")
    status = serializers.CharField()
    status_label = serializers.CharField()
    received_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField()
    appointment_at = serializers.DateTimeField(allow_null=True)
    returned_at = serializers.DateTimeField(allow_null=True)


class PublicApi(APIView):
    authentication_classes: list[Any] = []  # no session, hence no CSRF: the code or the token is the key
    permission_classes = [AllowAny]
    throttle_classes = [StatusLookupThrottle]
    throttle_scope = "status_lookup"


class PublicStatusApi(PublicApi):
    @extend_schema(
        operation_id="public_status",
        summary="Tra cứu tình trạng hồ sơ",
        responses={200: PublicStatusOutput, 404: ErrorOutput, 429: ErrorOutput},
    )
    def get(self, request: Request, code: str) -> Response:
        found = public_status(code)
        if found is None:
            raise Http404
        return Response(PublicStatusOutput(found).data)


class RatingInput(serializers.Serializer):
    token = serializers.CharField(max_length=64, help_text="mã trên đường dẫn QR của Giấy tiếp nhận")
    satisfaction = serializers.ChoiceField(choices=Satisfaction.choices)
    contacts = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=99
    )
    agencies = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=99
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class RatingOutput(serializers.Serializer):
    code = serializers.CharField()
    satisfaction = serializers.CharField()
    contacts = serializers.IntegerField(allow_null=True)
    agencies = serializers.IntegerField(allow_null=True)
    rated_at = serializers.DateTimeField()


class RatingApi(PublicApi):
    @extend_schema(
        operation_id="public_rating",
        summary="Đánh giá việc giải quyết hồ sơ",
        description="Sau khi nhận kết quả, một lần (Thông tư 01/2018 Điều 13); mã đánh giá sai → 403.",
        request=RatingInput,
        responses={201: RatingOutput, **ERRORS, 429: ErrorOutput},
    )
    def post(self, request: Request, code: str) -> Response:
        dossier = Dossier.objects.filter(code=code.strip()).first()
        if dossier is None:
            raise Http404
        body = RatingInput(data=request.data)
        body.is_valid(raise_exception=True)
        rating = dossier_rate(dossier=dossier, **body.validated_data)
        data = {
            "code": dossier.code,
            "satisfaction": rating.satisfaction,
            "contacts": rating.contacts,
            "agencies": rating.agencies,
            "rated_at": rating.rated_at,
        }
        return Response(RatingOutput(data).data, status=status.HTTP_201_CREATED)
