"""Comments on drafts (plan tasks 3, 4, 5): the list with deadlines (overdue marked), recording a
request, and a unit's answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.access import can, has_perm_somewhere
from motcua.common.errors import ApplicationError
from motcua.reviews.enums import CommentStatus
from motcua.reviews.forms import DraftAnswerForm, DraftCancelForm, DraftCommentForm
from motcua.reviews.models import DraftComment
from motcua.reviews.selectors import comment_is_overdue, comments_visible
from motcua.reviews.services import (
    draft_comment_answer,
    draft_comment_cancel,
    draft_comment_create,
    draft_comment_update,
)
from motcua.reviews.views.common import pick, refused, units_with

ADD = "reviews.add_draftcomment"


@login_required
def comment_list(request: HttpRequest) -> HttpResponse:
    if not has_perm_somewhere(request.user, "reviews.view_draftcomment"):
        raise PermissionDenied
    today = timezone.localdate()
    comments = comments_visible(request.user)
    status = request.GET.get("status", "")
    if status in CommentStatus.values:
        comments = comments.filter(status=status)
    rows = [(c, comment_is_overdue(c, today)) for c in comments]
    units = units_with(request, ADD)
    return render(
        request,
        "reviews/comments.html",
        {
            "rows": rows,
            "status": status,
            "statuses": CommentStatus.choices,
            "overdue": sum(1 for _c, late in rows if late and _c.status == CommentStatus.PENDING),
            "form": DraftCommentForm(units=units) if units else None,
        },
    )


@login_required
@require_POST
def comment_create(request: HttpRequest) -> HttpResponse:
    units = units_with(request, ADD)
    if not units:
        raise PermissionDenied
    form = DraftCommentForm(request.POST, units=units)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi đủ đơn vị, loại, tên dự thảo, ngày nhận và hạn góp ý."))
        return redirect("reviews:comments")
    data = dict(form.cleaned_data)
    try:
        comment = draft_comment_create(actor=request.user, unit=pick(units, data.pop("unit")), **data)
    except ApplicationError as exc:
        refused(request, exc)
        return redirect("reviews:comments")
    messages.success(request, _("Đã ghi nhận yêu cầu góp ý."))
    return redirect("reviews:comment", pk=comment.pk)


def _comment(request: HttpRequest, pk: int) -> DraftComment:
    comment = comments_visible(request.user).filter(pk=pk).first()
    if comment is None:
        raise Http404("Không tìm thấy yêu cầu góp ý")
    return comment


def _edit_initial(comment: DraftComment) -> dict[str, Any]:
    return {
        "unit": str(comment.unit_id),
        "kind": comment.kind,
        "title": comment.title,
        "drafting_agency": comment.drafting_agency,
        "request_ref": comment.request_ref,
        "received_on": comment.received_on,
        "deadline": comment.deadline,
        "note": comment.note,
    }


@login_required
def comment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(request, pk)
    pending = comment.status == CommentStatus.PENDING
    may_answer = pending and can(request.user, "reviews.change_draftcomment", comment.unit)
    may_manage = pending and can(request.user, ADD, comment.unit)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    answer = DraftAnswerForm(request.POST if action == "answer" else None)
    edit = DraftCommentForm(request.POST if action == "update" else None, initial=_edit_initial(comment))
    del edit.fields["unit"]  # a request stays with the unit it was given to
    cancel = DraftCancelForm(request.POST if action == "cancel" else None)
    if action:
        allowed = {"answer": may_answer, "update": may_manage, "cancel": may_manage}
        if not allowed.get(action, False):
            raise PermissionDenied
        form = {"answer": answer, "update": edit, "cancel": cancel}[action]
        if form.is_valid():
            run: dict[str, Callable[..., DraftComment]] = {
                "answer": draft_comment_answer,
                "update": draft_comment_update,
                "cancel": draft_comment_cancel,
            }
            try:
                run[action](actor=request.user, comment=comment, **form.cleaned_data)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã lưu."))
                return redirect("reviews:comment", pk=comment.pk)
    return render(
        request,
        "reviews/comment.html",
        {
            "comment": comment,
            "overdue": comment_is_overdue(comment, timezone.localdate()),
            "answer_form": answer if may_answer else None,
            "edit_form": edit if may_manage else None,
            "cancel_form": cancel if may_manage else None,
        },
    )
