"""The public status lookup (tra cứu hồ sơ): anyone with a dossier code sees its status and a masked name,
nothing else; the receipt slip's QR code adds the tracking token, which lets the applicant rate the
service once the result is returned (Circular 01/2018 Art. 13). Lookups are limited per client address
(kept only hashed), and nothing personal is logged: Django logs a refused request's path, never its
query string, where the token travels."""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from motcua.common.errors import ApplicationError
from motcua.dossiers.enums import Status
from motcua.dossiers.forms import LookupForm, RatingForm
from motcua.dossiers.models import Dossier, Rating
from motcua.dossiers.selectors import public_status
from motcua.dossiers.services import dossier_rate

_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def _rate() -> tuple[int, int]:
    """Lookups allowed and the window in seconds, from the setting the API's throttle reads too."""
    found = re.fullmatch(r"(\d+)/(\w+)", getattr(settings, "STATUS_LOOKUP_RATE", "30/min"))
    if found is None or found[2] not in _SECONDS:
        return 30, 60
    return int(found[1]), _SECONDS[found[2]]


def _client(request: HttpRequest) -> str:
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()  # the address the trusted proxy saw
    return str(request.META.get("REMOTE_ADDR", ""))


def allowed(request: HttpRequest) -> bool:
    """Count one lookup for the client's address; False past the limit. The address is kept hashed."""
    limit, window = _rate()
    address = hashlib.sha256(_client(request).encode()).hexdigest()[:24]
    key = f"dossiers:lookup:{address}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "dossiers/lookup.html",
        {
            "form": LookupForm(),
            "refusal": _("Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau ít phút."),
        },
        status=429,
    )


def lookup(request: HttpRequest) -> HttpResponse:
    """The lookup form; with `?ma=` it answers (the QR link's form, /tra-cuu/<code>/, answers too)."""
    if "ma" not in request.GET:
        return render(request, "dossiers/lookup.html", {"form": LookupForm()})
    form = LookupForm(request.GET)
    if not form.is_valid():
        return render(request, "dossiers/lookup.html", {"form": form})
    if not allowed(request):
        return _too_many(request)
    return _answer(request, form, form.cleaned_data["ma"].strip(), token="")


def lookup_code(request: HttpRequest, code: str) -> HttpResponse:
    """The receipt slip's QR code: the status, and with the slip's token the rating form."""
    if not allowed(request):
        return _too_many(request)
    token = request.GET.get("t", "")[:64]
    return _answer(request, LookupForm(initial={"ma": code}), code, token=token)


def _answer(request: HttpRequest, form: LookupForm, code: str, *, token: str) -> HttpResponse:
    found = public_status(code)
    context: dict[str, Any] = {"form": form, "found": found, "asked": True, "code": code}
    dossier = (
        Dossier.objects.filter(code=code).only("pk", "status", "tracking_token").first() if found else None
    )
    if (
        dossier is not None
        and token
        and secrets.compare_digest(token.encode(), dossier.tracking_token.encode())
    ):
        context["rated"] = Rating.objects.filter(dossier=dossier).first()
        if dossier.status == Status.RETURNED and context["rated"] is None:
            rating = RatingForm(request.POST if request.method == "POST" else None)
            if request.method == "POST" and rating.is_valid():
                data = rating.cleaned_data
                try:
                    dossier_rate(
                        dossier=dossier,
                        token=token,
                        satisfaction=data["satisfaction"],
                        contacts=data["contacts"],
                        agencies=data["agencies"],
                        comment=data["comment"],
                    )
                except ApplicationError as exc:
                    rating.add_error(None, exc.message)
                else:
                    return redirect(f"{request.path}?t={token}")
            context["rating"] = rating
    return render(request, "dossiers/lookup.html", context)
