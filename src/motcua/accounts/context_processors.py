from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from motcua.accounts.access import has_perm_somewhere


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What the top menu may show; evaluated only when a template asks."""
    user = getattr(request, "user", None)
    return {
        "nav_audit": SimpleLazyObject(lambda: has_perm_somewhere(user, "common.view_auditevent")),
        "nav_reviews": SimpleLazyObject(lambda: has_perm_somewhere(user, "reviews.view_reviewcampaign")),
        "nav_dossiers": SimpleLazyObject(lambda: has_perm_somewhere(user, "dossiers.view_dossier")),
    }
