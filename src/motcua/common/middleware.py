from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from motcua.common.context import actor_var, current_request_id, request_id_var

_ACCEPTED = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Give every request an id for audit events and logs; keep the proxy's id only behind a trusted proxy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "") if settings.BEHIND_PROXY else ""
        request_id = incoming if _ACCEPTED.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class ActorMiddleware:
    """Make the signed-in user known to audit events written outside a service (signals, admin hooks)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = actor_var.set(request.user if request.user.is_authenticated else None)
        try:
            return self.get_response(request)
        finally:
            actor_var.reset(token)


class LanguageMiddleware:
    """Vietnamese unless the person chose another language (the cookie set by the language menu).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many office computers
    run English browsers: the staff shell must still speak Vietnamese to them.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        with translation.override(language):  # and back afterwards: nothing leaks to the next request
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id() or "-"
        return True
