"""Services of the catalogue: every write goes through one of these functions."""

from motcua.catalog.services.parts import (
    ChannelInput,
    DocumentInput,
    FeeInput,
    document_template_attach,
    version_channels_set,
    version_documents_set,
    version_fees_set,
)
from motcua.catalog.services.versions import (
    AgencyStepInput,
    StepInput,
    procedure_create,
    version_draft_create,
    version_process_set,
    version_publish,
    version_update,
)

__all__ = [
    "AgencyStepInput",
    "ChannelInput",
    "DocumentInput",
    "FeeInput",
    "StepInput",
    "document_template_attach",
    "procedure_create",
    "version_channels_set",
    "version_documents_set",
    "version_draft_create",
    "version_fees_set",
    "version_process_set",
    "version_publish",
    "version_update",
]
