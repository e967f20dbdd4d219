"""Services of the catalogue: every write goes through one of these functions."""

from motcua.catalog.services.versions import (
    AgencyStepInput,
    StepInput,
    version_draft_create,
    version_process_set,
    version_publish,
    version_update,
)

__all__ = [
    "AgencyStepInput",
    "StepInput",
    "version_draft_create",
    "version_process_set",
    "version_publish",
    "version_update",
]
