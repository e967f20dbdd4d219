"""Writes to plans: importing and copying plans, and running them (reports, reviews, reminders)."""

from motcua.plans.services.importing import ImportResult, plan_import, plan_summary
from motcua.plans.services.running import (
    plan_copy,
    plan_create,
    plan_issue,
    plan_reminders_send,
    plan_task_add,
    plan_task_update,
    task_report_review,
    task_report_submit,
)

__all__ = [
    "ImportResult",
    "plan_copy",
    "plan_create",
    "plan_import",
    "plan_issue",
    "plan_reminders_send",
    "plan_summary",
    "plan_task_add",
    "plan_task_update",
    "task_report_review",
    "task_report_submit",
]
