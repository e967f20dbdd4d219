"""Running the plan: copy, issue, progress reports with evidence, review, reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import Membership, Role, User
from motcua.common.errors import ApplicationError
from motcua.common.models import AuditEvent
from motcua.plans.enums import PlanStatus, ReportStatus, TaskStatus
from motcua.plans.models import Plan, PlanReminder, TaskEvidence, TaskReport
from motcua.plans.services import (
    plan_copy,
    plan_create,
    plan_issue,
    plan_reminders_send,
    task_report_review,
    task_report_submit,
)
from motcua.plans.services.running import EvidenceUpload
from motcua.units.models import Unit

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(name: str = "bien-ban.pdf", data: bytes = PDF) -> EvidenceUpload:
    return EvidenceUpload("minutes", SimpleUploadedFile(name, data, content_type="application/pdf"))


def test_copy_last_years_plan_as_a_draft(issued_plan: Plan) -> None:
    copy = plan_copy(actor=None, plan=issued_plan, year=2025)
    assert copy.status == PlanStatus.DRAFT
    assert copy.title == "Kế hoạch hoạt động kiểm soát thủ tục hành chính năm 2025 trên địa bàn huyện Ba Tơ"
    assert copy.tasks.count() == 45
    assert copy.targets.count() == 12
    assert [d.isoformat() for d in copy.tasks.get(number="1").due_dates.values_list("due_on", flat=True)] == [
        "2025-02-28"
    ]
    assert (
        copy.tasks.get(number="18").assignments.count()
        == issued_plan.tasks.get(number="18").assignments.count()
    )
    with pytest.raises(ApplicationError) as twice:
        plan_copy(actor=None, plan=issued_plan, year=2025)
    assert twice.value.code == "plan_copy_exists"


def test_create_by_hand_and_issue_rules(demo_units: dict[str, Unit]) -> None:
    with pytest.raises(ApplicationError) as untitled:
        plan_create(actor=None, unit=demo_units["district"], year=2024, title=" ")
    assert untitled.value.code == "plan_title_required"
    plan = plan_create(actor=None, unit=demo_units["district"], year=2024, title="Kế hoạch bổ sung 2024")
    with pytest.raises(ApplicationError) as empty:
        plan_issue(actor=None, plan=plan)
    assert empty.value.code == "plan_empty"
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT


def test_commune_reports_progress_with_evidence(
    issued_plan: Plan, demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    officer, commune = demo_accounts["motcua.thitran"], demo_units["2024:21484"]
    task = issued_plan.tasks.get(number="2")
    report = task_report_submit(
        actor=officer,
        task=task,
        unit=commune,
        as_of=dt.date(2024, 3, 14),
        text="Đã ban hành kế hoạch của xã.",
        percent=60,
        evidence=[_pdf()],
    )
    evidence = TaskEvidence.objects.get(report=report)
    assert (evidence.original_name, evidence.size) == ("bien-ban.pdf", len(PDF))
    assert len(evidence.sha256) == 64
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS
    assert AuditEvent.objects.filter(operation="plans.task_report_submit", unit_id=commune.pk).count() == 1


@pytest.mark.parametrize(
    ("who", "unit_key", "number", "kwargs", "code"),
    [
        ("motcua.thitran", "2024:21484", "3", {}, "report_unit_not_assigned"),
        ("motcua.bato", "2024:21484", "2", {}, "forbidden"),
        ("motcua.thitran", "2024:21484", "2", {"percent": 101}, "report_percent"),
        ("motcua.thitran", "2024:21484", "2", {"text": "  "}, "report_text"),
        ("motcua.thitran", "2024:21484", "2", {"as_of": dt.date(2999, 1, 1)}, "report_future"),
        (
            "motcua.thitran",
            "2024:21484",
            "2",
            {"evidence": [_pdf("virus.exe", b"MZ\x90\x00")]},
            "upload_type",
        ),
        (
            "motcua.thitran",
            "2024:21484",
            "2",
            {"evidence": [_pdf("gia.pdf", b"MZ\x90\x00 not a pdf")]},
            "upload_content",
        ),
    ],
)
def test_bad_reports_are_refused_and_change_nothing(
    issued_plan: Plan,
    demo_accounts: dict[str, User],
    demo_units: dict[str, Unit],
    who: str,
    unit_key: str,
    number: str,
    kwargs: dict[str, object],
    code: str,
) -> None:
    values: dict[str, object] = {"as_of": dt.date(2024, 3, 14), "text": "Báo cáo", "percent": 50, **kwargs}
    with pytest.raises(ApplicationError) as refused:
        task_report_submit(
            actor=demo_accounts[who],
            task=issued_plan.tasks.get(number=number),
            unit=demo_units[unit_key],
            **values,
        )  # type: ignore[arg-type]
    assert refused.value.code == code
    assert TaskReport.objects.count() == TaskEvidence.objects.count() == 0


def test_control_office_reviews(
    issued_plan: Plan, demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    task = issued_plan.tasks.get(number="31")  # Phòng Tư pháp and the communes lead
    head = demo_accounts["tuphap.truongphong"]
    report = task_report_submit(
        actor=head,
        task=task,
        unit=demo_units["535-TP"],
        as_of=dt.date(2024, 6, 14),
        text="Hoàn thành chứng thực điện tử.",
        percent=100,
    )
    with pytest.raises(ApplicationError) as officer:
        task_report_review(actor=demo_accounts["motcua.thitran"], report=report, accept=True)
    assert officer.value.code == "forbidden"
    with pytest.raises(ApplicationError) as silent:
        task_report_review(actor=demo_accounts["vanphong"], report=report, accept=False)
    assert silent.value.code == "review_note_required"
    reviewed = task_report_review(actor=demo_accounts["vanphong"], report=report, accept=True, note="Đạt")
    assert reviewed.status == ReportStatus.ACCEPTED
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS  # the communes, which also lead, have not finished
    with pytest.raises(ApplicationError) as again:
        task_report_review(actor=demo_accounts["vanphong"], report=report, accept=True)
    assert again.value.code == "report_reviewed"


def test_reminders_before_and_after_a_due_date_once(
    issued_plan: Plan, demo_units: dict[str, Unit], django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    clerk = User.objects.create_user("vanthu", email="vanthu@bato.gov.vn", password="x" * 12)
    Membership.objects.create(user=clerk, role=Role.objects.get(code="specialist"), unit=demo_units["535-VP"])
    with django_capture_on_commit_callbacks(execute=True):
        upcoming = plan_reminders_send(today=dt.date(2024, 2, 25), days_before=7)
    task1 = [r for r in upcoming if r.task.number == "1"]
    assert [(r.unit.code, r.kind, r.due_on.isoformat()) for r in task1] == [
        ("535-VP", "upcoming", "2024-02-29")
    ]
    assert task1[0].recipients == ["vanthu@bato.gov.vn"]
    assert plan_reminders_send(today=dt.date(2024, 2, 26), days_before=7) == []
    overdue = plan_reminders_send(today=dt.date(2024, 3, 1), days_before=0)
    assert ("1", "overdue") in {(r.task.number, r.kind) for r in overdue}
    assert PlanReminder.objects.filter(task__number="1", unit=demo_units["535-VP"]).count() == 2
    sent = [m for m in mail.outbox if m.to == ["vanthu@bato.gov.vn"]]
    assert [m.subject for m in sent] == ["[motcua] Nhiệm vụ 1 sắp đến hạn (29/02/2024)"]


def test_a_plan_made_by_hand_gets_tasks_then_is_issued(
    demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    from motcua.plans.services import plan_task_add

    plan = plan_create(actor=None, unit=demo_units["district"], year=2024, title="Kế hoạch bổ sung 2024")
    task = plan_task_add(
        actor=None,
        plan=plan,
        section_numeral="i",
        section_title="Truyền thông",
        number="1",
        content="Tuyên truyền dịch vụ công trực tuyến",
        units_text="- Phòng VH&TT chủ trì. - UBND các xã, thị trấn phối hợp.",
        timing_text="Quý II",
    )
    assert task.section.numeral == "I"
    assert set(task.assignments.filter(role="lead").values_list("unit__code", flat=True)) == {"535-VHTT"}
    assert task.assignments.filter(role="support").count() == 19
    assert [d.isoformat() for d in task.due_dates.values_list("due_on", flat=True)] == ["2024-06-30"]
    with pytest.raises(ApplicationError) as taken:
        plan_task_add(actor=None, plan=plan, section_numeral="I", section_title="", number="1", content="x")
    assert taken.value.code == "task_number_taken"
    with pytest.raises(ApplicationError) as untitled:
        plan_task_add(actor=None, plan=plan, section_numeral="II", section_title="", number="2", content="x")
    assert untitled.value.code == "section_title_required"
    issued = plan_issue(actor=None, plan=plan)
    assert issued.status == PlanStatus.ISSUED
    with pytest.raises(ApplicationError) as closed:
        plan_task_add(actor=None, plan=issued, section_numeral="I", section_title="", number="2", content="x")
    assert closed.value.code == "plan_not_draft"


def test_done_needs_each_lead_units_accepted_full_report(
    issued_plan: Plan, demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    from motcua.accounts.models import Role

    police = User.objects.create_user("congan", password="x" * 12)
    Membership.objects.create(user=police, role=Role.objects.get(code="unit_head"), unit=demo_units["535-CA"])
    task = issued_plan.tasks.get(number="38")  # Công an huyện leads alone
    office = demo_accounts["vanphong"]

    def report(percent: int) -> TaskReport:
        return task_report_submit(
            actor=police,
            task=task,
            unit=demo_units["535-CA"],
            as_of=dt.date(2024, 3, 14),
            text="Tiến độ",
            percent=percent,
        )

    task_report_review(actor=office, report=report(100), accept=False, note="Thiếu minh chứng")
    task_report_review(actor=office, report=report(30), accept=True)
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS
    task_report_review(actor=office, report=report(100), accept=True)
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert AuditEvent.objects.filter(operation="plans.task_status", object_id=str(task.pk)).count() == 2


def test_dashboard_overdue_follows_what_was_reported(
    issued_plan: Plan, demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    from motcua.plans.selectors import plan_dashboard

    task = issued_plan.tasks.get(number="2")  # Quý I: due 31/03/2024; every commune and agency leads
    office = demo_accounts["vanphong"]
    done = task_report_submit(
        actor=demo_accounts["motcua.thitran"],
        task=task,
        unit=demo_units["2024:21484"],
        as_of=dt.date(2024, 3, 20),
        text="Xong",
        percent=100,
    )
    task_report_review(actor=office, report=done, accept=True)
    idle = task_report_submit(
        actor=demo_accounts["motcua.bato"],
        task=task,
        unit=demo_units["2024:21523"],
        as_of=dt.date(2024, 4, 2),
        text="Chưa làm",
        percent=0,
    )
    task_report_review(actor=office, report=idle, accept=True)
    dash = plan_dashboard(issued_plan, dt.date(2024, 4, 5))
    late = {(t.number, unit.code) for t, unit, _due in dash["overdue"]}
    assert ("2", "21484") not in late
    assert ("2", "21523") in late
    assert dash["by_unit"]["Thị trấn Ba Tơ"]["tasks"] >= 1
    # Quarter cut-offs 14/03 and 14/06: both reports fall in Q2; one task, not done (other lead units remain).
    assert [(q["reported"], q["done"]) for q in dash["quarters"][:2]] == [(0, 0), (1, 0)]
    assert dash["status_totals"]["in_progress"] == 1


def test_overdue_reminders_name_only_the_latest_due_date(issued_plan: Plan) -> None:
    sent = plan_reminders_send(today=dt.date(2024, 11, 1), days_before=0)
    task3 = [(r.unit.code, r.due_on.isoformat()) for r in sent if r.task.number == "3"]
    assert ("535-VP", "2024-09-14") in task3
    assert {due for _code, due in task3} == {"2024-09-14"}  # one reminder per unit, for the latest due date
    assert len(task3) == len({code for code, _due in task3})


def test_copy_only_forward_and_only_while_the_unit_exists(issued_plan: Plan) -> None:
    with pytest.raises(ApplicationError) as same:
        plan_copy(actor=None, plan=issued_plan, year=2024)
    assert same.value.code == "plan_copy_year"
    with pytest.raises(ApplicationError) as ended:
        plan_copy(actor=None, plan=issued_plan, year=2026)  # Huyện Ba Tơ ended on 30/06/2025
    assert ended.value.code == "plan_copy_unit_ended"
    assert Plan.objects.count() == 1
