"""Writes to draft comments: the control office records a request for comments on a draft and gives it
to a unit with a deadline; the unit answers (plan tasks 3, 4 and 5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.access import can
from motcua.common.audit import audit_record, snapshot
from motcua.common.errors import ApplicationError
from motcua.reviews.enums import CommentStatus, DraftKind
from motcua.reviews.models import DraftComment
from motcua.reviews.workflow import COMMENT_MOVES, allowed
from motcua.units.models import Unit


def _check(*, kind: str, title: str, received_on: dt.date, deadline: dt.date) -> None:
    if kind not in DraftKind.values:
        raise ApplicationError("draft_kind", _("Loại dự thảo không hợp lệ."), fields={"kind": "invalid"})
    if not title.strip():
        raise ApplicationError(
            "draft_title_required", _("Hãy ghi tên dự thảo."), fields={"title": "required"}
        )
    if received_on > timezone.localdate():
        raise ApplicationError(
            "draft_received_future", _("Ngày nhận không được ở tương lai."), fields={"received_on": "future"}
        )
    if deadline < received_on:
        raise ApplicationError(
            "draft_deadline_before_received",
            _("Hạn góp ý không được trước ngày nhận."),
            fields={"deadline": "before_received"},
        )


@transaction.atomic
def draft_comment_create(
    *,
    actor: Any,
    unit: Unit,
    kind: str,
    title: str,
    received_on: dt.date,
    deadline: dt.date,
    drafting_agency: str = "",
    request_ref: str = "",
    note: str = "",
) -> DraftComment:
    """Record a request for comments and the unit that must answer it by `deadline`."""
    if not can(actor, "reviews.add_draftcomment", unit):
        raise ApplicationError.forbidden(_("Bạn không có quyền giao góp ý cho đơn vị này."), "unit")
    _check(kind=kind, title=title, received_on=received_on, deadline=deadline)
    comment = DraftComment.objects.create(
        unit=unit,
        kind=kind,
        title=title.strip(),
        drafting_agency=drafting_agency.strip(),
        request_ref=request_ref.strip(),
        received_on=received_on,
        deadline=deadline,
        note=note.strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        operation="reviews.draft_comment_create",
        target=comment,
        unit_id=unit.pk,
        after=snapshot(comment),
    )
    return comment


def _locked(actor: Any, comment: DraftComment, perm: str, message: str) -> DraftComment:
    locked = DraftComment.objects.select_for_update(of=("self",)).select_related("unit").get(pk=comment.pk)
    if not can(actor, perm, locked.unit):
        raise ApplicationError.forbidden(message, "comment")
    if locked.status != CommentStatus.PENDING:
        raise ApplicationError(
            "draft_comment_closed",
            _("Yêu cầu góp ý này đã ở trạng thái “%(status)s”.") % {"status": locked.get_status_display()},
            fields={"status": "closed"},
        )
    return locked


@transaction.atomic
def draft_comment_update(
    *,
    actor: Any,
    comment: DraftComment,
    kind: str,
    title: str,
    received_on: dt.date,
    deadline: dt.date,
    drafting_agency: str = "",
    request_ref: str = "",
    note: str = "",
) -> DraftComment:
    """Correct a pending request (the office that recorded it; a new deadline granted, a wrong date)."""
    locked = _locked(
        actor, comment, "reviews.add_draftcomment", _("Bạn không có quyền sửa yêu cầu góp ý này.")
    )
    _check(kind=kind, title=title, received_on=received_on, deadline=deadline)
    before = snapshot(locked)
    locked.kind, locked.title, locked.received_on, locked.deadline = (
        kind,
        title.strip(),
        received_on,
        deadline,
    )
    locked.drafting_agency, locked.request_ref = drafting_agency.strip(), request_ref.strip()
    locked.note = note.strip()
    locked.save()
    audit_record(
        actor=actor,
        operation="reviews.draft_comment_update",
        target=locked,
        unit_id=locked.unit_id,
        before=before,
        after=snapshot(locked),
    )
    return locked


def _set_status(locked: DraftComment, to: str) -> None:
    if not allowed(COMMENT_MOVES, locked.status, to):
        raise ApplicationError(
            "draft_comment_closed", _("Không chuyển trạng thái được."), fields={"status": "closed"}
        )
    locked.status = to
    locked.save()


@transaction.atomic
def draft_comment_answer(
    *, actor: Any, comment: DraftComment, answer: str, answered_on: dt.date, answer_ref: str = ""
) -> DraftComment:
    """The unit records the comments it sent (content, its letter, the day sent); late answers are kept
    and shown as late."""
    locked = _locked(
        actor, comment, "reviews.change_draftcomment", _("Bạn không có quyền góp ý thay đơn vị này.")
    )
    if not answer.strip():
        raise ApplicationError(
            "draft_answer_required", _("Hãy ghi nội dung góp ý."), fields={"answer": "required"}
        )
    if answered_on > timezone.localdate() or answered_on < locked.received_on:
        raise ApplicationError(
            "draft_answered_on",
            _("Ngày gửi ý kiến phải từ ngày nhận đến hôm nay."),
            fields={"answered_on": "range"},
        )
    before = snapshot(locked)
    locked.answer, locked.answer_ref, locked.answered_on = answer.strip(), answer_ref.strip(), answered_on
    locked.answered_by = actor
    _set_status(locked, CommentStatus.ANSWERED)
    audit_record(
        actor=actor,
        operation="reviews.draft_comment_answer",
        target=locked,
        unit_id=locked.unit_id,
        before=before,
        after=snapshot(locked),
    )
    return locked


@transaction.atomic
def draft_comment_cancel(*, actor: Any, comment: DraftComment, reason: str) -> DraftComment:
    """The office withdraws a request (the draft was withdrawn, or needs no comment); the reason is kept."""
    locked = _locked(
        actor, comment, "reviews.add_draftcomment", _("Bạn không có quyền hủy yêu cầu góp ý này.")
    )
    if not reason.strip():
        raise ApplicationError("draft_cancel_reason", _("Hãy ghi lý do hủy."), fields={"reason": "required"})
    before = snapshot(locked)
    # the note is stored, so it is written in the source language whatever the interface language
    locked.note = "\n".join(x for x in (locked.note, f"Hủy: {reason.strip()}") if x)
    _set_status(locked, CommentStatus.CANCELLED)
    audit_record(
        actor=actor,
        operation="reviews.draft_comment_cancel",
        target=locked,
        unit_id=locked.unit_id,
        before=before,
        after=snapshot(locked),
        reason=reason.strip(),
    )
    return locked
