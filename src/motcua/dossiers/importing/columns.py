"""The columns of a historical dossier file (import and export alike), described in docs/dossiers-import.md.

One row is one dossier. Times are Vietnam's local time unless they carry an offset; empty cells are
"not known" or "did not happen"."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False


#: in the order of the export; the import accepts them in any order
COLUMNS: tuple[Column, ...] = (
    Column("code", required=True),
    Column("unit_code"),  # required unless the command names the unit (--unit)
    Column("processing_unit_code"),
    Column("procedure_code", required=True),
    Column("applicant_kind", required=True),
    Column("applicant_identifier", required=True),
    Column("applicant_name", required=True),
    Column("applicant_address"),
    Column("applicant_phone"),
    Column("applicant_email"),
    Column("channel"),
    Column("return_channel"),
    Column("status", required=True),
    Column("received_at", required=True),
    Column("due_at"),
    Column("received_by"),
    Column("assignee"),
    Column("approved_by"),
    Column("transferred_at"),
    Column("supplement_requested_at"),
    Column("supplement_received_at"),
    Column("apologised_at"),
    Column("appointment_at"),
    Column("finished_at"),
    Column("result_kind"),
    Column("e_result_code"),
    Column("returned_at"),
    Column("fee_amount"),
    Column("fee_waived_reason"),
    Column("paid_at"),
    Column("paid_online"),
    Column("components"),
    Column("digitised_components"),
    Column("reused_components"),
    Column("rating"),
    Column("note"),
)
NAMES = tuple(c.name for c in COLUMNS)
REQUIRED = tuple(c.name for c in COLUMNS if c.required)
TIMES = (
    "received_at",
    "due_at",
    "transferred_at",
    "supplement_requested_at",
    "supplement_received_at",
    "apologised_at",
    "appointment_at",
    "finished_at",
    "returned_at",
    "paid_at",
)
