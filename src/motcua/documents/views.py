"""Downloading a stored file: only for whoever may see a dossier that links it, or its owner."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from motcua.documents.selectors import downloadable_version


@login_required
@require_safe
def version_download(request: HttpRequest, version_id: int) -> FileResponse:
    """The file as an attachment under its original name. A version the user may not see answers 404
    like a missing one, and nothing is logged: names of personal papers stay out of the logs."""
    version = downloadable_version(request.user, version_id)
    if version is None:
        raise Http404(_("Không tìm thấy tệp"))
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Không tìm thấy tệp")) from exc
    response = FileResponse(
        handle, as_attachment=True, filename=version.original_name, content_type=version.mime
    )
    response["X-Content-Type-Options"] = "nosniff"
    # personal papers: no shared cache (a proxy) and no copy left in the browser's cache
    response["Cache-Control"] = "private, no-store"
    return response
