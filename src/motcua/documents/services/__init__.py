"""Every write on the document store: uploads, and the files behind dossier components and results."""

from motcua.documents.services.components import (
    component_attach,
    component_digitise,
    component_reuse,
    result_store,
)
from motcua.documents.services.store import ALLOWED, MIME, document_upload

__all__ = [
    "ALLOWED",
    "MIME",
    "component_attach",
    "component_digitise",
    "component_reuse",
    "document_upload",
    "result_store",
]
