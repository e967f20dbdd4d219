"""Comments on drafts (plan tasks 3, 4, 5): recorded by the office for a unit, answered by that unit,
overdue when not answered in time; other units neither see nor answer them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from motcua.accounts.models import User
from motcua.common.errors import ApplicationError
from motcua.common.models import AuditEvent
from motcua.reviews.enums import CommentStatus
from motcua.reviews.models import DraftComment
from motcua.reviews.selectors import comment_is_overdue, comments_visible
from motcua.reviews.services import (
    draft_comment_answer,
    draft_comment_cancel,
    draft_comment_create,
    draft_comment_update,
)
from motcua.units.models import Unit

pytestmark = pytest.mark.django_db
RECEIVED, DEADLINE = dt.date(2024, 3, 1), dt.date(2024, 3, 15)


@pytest.fixture
def request_tp(demo_accounts: dict[str, User], demo_units: dict[str, Unit]) -> DraftComment:
    return draft_comment_create(
        actor=demo_accounts["vanphong"],
        unit=demo_units["535-TP"],
        kind="publication",
        title="Dự thảo Quyết định công bố danh mục TTHC lĩnh vực hộ tịch",
        received_on=RECEIVED,
        deadline=DEADLINE,
        drafting_agency="Sở Tư pháp",
        request_ref="Công văn 123/STP-HCTP ngày 29/02/2024",
    )


def test_the_unit_answers_in_time(request_tp: DraftComment, demo_accounts: dict[str, User]) -> None:
    assert comment_is_overdue(request_tp, DEADLINE) is False
    assert comment_is_overdue(request_tp, DEADLINE + dt.timedelta(days=1)) is True
    answered = draft_comment_answer(
        actor=demo_accounts["tuphap.chuyenvien"],
        comment=request_tp,
        answer="Thống nhất với dự thảo; đề nghị bỏ yêu cầu nộp bản sao giấy khai sinh.",
        answered_on=dt.date(2024, 3, 14),
        answer_ref="Văn bản 45/PTP",
    )
    assert (answered.status, answered.answered_by) == (
        CommentStatus.ANSWERED,
        demo_accounts["tuphap.chuyenvien"],
    )
    assert comment_is_overdue(answered, dt.date(2024, 12, 31)) is False
    assert list(
        AuditEvent.objects.filter(object_type="reviews.draftcomment")
        .order_by("id")
        .values_list("operation", "unit_id")
    ) == [
        ("reviews.draft_comment_create", request_tp.unit_id),
        ("reviews.draft_comment_answer", request_tp.unit_id),
    ]


def test_a_late_answer_stays_late(request_tp: DraftComment, demo_accounts: dict[str, User]) -> None:
    late = draft_comment_answer(
        actor=demo_accounts["tuphap.truongphong"],
        comment=request_tp,
        answer="Ý kiến",
        answered_on=dt.date(2024, 3, 20),
    )
    assert comment_is_overdue(late, dt.date(2024, 3, 20)) is True


def test_other_units_neither_see_nor_answer(
    request_tp: DraftComment, demo_accounts: dict[str, User], commune_officer: User
) -> None:
    assert list(comments_visible(commune_officer)) == []
    assert list(comments_visible(demo_accounts["tuphap.chuyenvien"])) == [request_tp]
    assert list(comments_visible(demo_accounts["lanhdao"])) == [request_tp]
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as refused:
        draft_comment_answer(
            actor=commune_officer, comment=request_tp, answer="x", answered_on=dt.date(2024, 3, 2)
        )
    assert refused.value.code == "forbidden"
    with pytest.raises(ApplicationError) as specialist:
        draft_comment_cancel(actor=demo_accounts["tuphap.chuyenvien"], comment=request_tp, reason="không cần")
    assert specialist.value.code == "forbidden"
    assert DraftComment.objects.get().status == CommentStatus.PENDING
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"kind": "law"}, "draft_kind"),
        ({"title": " "}, "draft_title_required"),
        ({"received_on": dt.date(2999, 1, 1), "deadline": dt.date(2999, 2, 1)}, "draft_received_future"),
        ({"deadline": dt.date(2024, 2, 28)}, "draft_deadline_before_received"),
    ],
)
def test_bad_requests_are_refused(
    demo_accounts: dict[str, User], demo_units: dict[str, Unit], changes: dict[str, Any], code: str
) -> None:
    values: dict[str, Any] = {
        "unit": demo_units["535-TP"],
        "kind": "regulation",
        "title": "Dự thảo Nghị quyết",
        "received_on": RECEIVED,
        "deadline": DEADLINE,
        **changes,
    }
    with pytest.raises(ApplicationError) as refused:
        draft_comment_create(actor=demo_accounts["vanphong"], **values)
    assert refused.value.code == code
    assert DraftComment.objects.count() == 0
    with pytest.raises(ApplicationError) as head:
        draft_comment_create(actor=demo_accounts["tuphap.truongphong"], **{**values, **changes})
    assert head.value.code == "forbidden"


@pytest.mark.parametrize(
    ("answer", "answered_on", "code"),
    [
        ("  ", dt.date(2024, 3, 10), "draft_answer_required"),
        ("Ý kiến", dt.date(2024, 2, 1), "draft_answered_on"),
        ("Ý kiến", dt.date(2999, 1, 1), "draft_answered_on"),
    ],
)
def test_bad_answers_change_nothing(
    request_tp: DraftComment, demo_accounts: dict[str, User], answer: str, answered_on: dt.date, code: str
) -> None:
    with pytest.raises(ApplicationError) as refused:
        draft_comment_answer(
            actor=demo_accounts["tuphap.chuyenvien"],
            comment=request_tp,
            answer=answer,
            answered_on=answered_on,
        )
    assert refused.value.code == code
    fresh = DraftComment.objects.get()
    assert (fresh.status, fresh.answer, fresh.answered_on) == (CommentStatus.PENDING, "", None)


def test_the_office_extends_then_cancels_and_a_closed_request_stays_closed(
    request_tp: DraftComment, demo_accounts: dict[str, User]
) -> None:
    office = demo_accounts["vanphong"]
    extended = draft_comment_update(
        actor=office,
        comment=request_tp,
        kind="publication",
        title=request_tp.title,
        received_on=RECEIVED,
        deadline=dt.date(2024, 3, 22),
        note="Sở Tư pháp gia hạn",
    )
    assert extended.deadline == dt.date(2024, 3, 22)
    cancelled = draft_comment_cancel(actor=office, comment=request_tp, reason="Sở rút dự thảo")
    assert (cancelled.status, cancelled.note) == (
        CommentStatus.CANCELLED,
        "Sở Tư pháp gia hạn\nHủy: Sở rút dự thảo",
    )
    assert comment_is_overdue(cancelled, dt.date(2025, 1, 1)) is False
    with pytest.raises(ApplicationError) as closed:
        draft_comment_answer(
            actor=demo_accounts["tuphap.chuyenvien"],
            comment=request_tp,
            answer="x",
            answered_on=dt.date(2024, 3, 5),
        )
    assert closed.value.code == "draft_comment_closed"
