"""Historical dossiers in and out: `motcua dossiers import FILE` and `motcua dossiers export` (columns in
importing.columns and docs/dossiers-import.md). The import writes in bulk, not service by service: the
services are for people acting on one dossier; history arrives a district at a time."""

from motcua.dossiers.importing.exporting import export_queryset, export_rows, to_csv, to_xlsx
from motcua.dossiers.importing.reading import read_file
from motcua.dossiers.importing.writing import ImportResult, RowError, dossiers_import, steps_for

__all__ = [
    "ImportResult",
    "RowError",
    "dossiers_import",
    "export_queryset",
    "export_rows",
    "read_file",
    "steps_for",
    "to_csv",
    "to_xlsx",
]
