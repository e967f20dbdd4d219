"""The catalogue pages. Published procedures are public information (Decree 63/2010 has them made
public): the list, a procedure's page, the export and a one-stop section's notice sheet need no login.
Drafts, import problems and every write need the catalogue permissions; each write is one service call."""

from motcua.catalog.views.parts import (
    document_template,
    document_template_file,
    version_channels,
    version_documents,
)
from motcua.catalog.views.publication import (
    offering_units,
    offerings,
    publication_detail,
    publications,
)
from motcua.catalog.views.reading import catalog_export, offering_notice, procedure_detail, procedure_list
from motcua.catalog.views.versions import (
    catalog_import_view,
    procedure_new,
    version_draft,
    version_edit,
    version_process,
    version_publish_view,
)

__all__ = [
    "catalog_export",
    "catalog_import_view",
    "document_template",
    "document_template_file",
    "offering_notice",
    "offering_units",
    "offerings",
    "procedure_detail",
    "procedure_list",
    "procedure_new",
    "publication_detail",
    "publications",
    "version_channels",
    "version_documents",
    "version_draft",
    "version_edit",
    "version_process",
    "version_publish_view",
]
