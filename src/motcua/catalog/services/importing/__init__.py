"""Importing the National Public Service Portal's catalogue (JSONL as crawled, or CSV/XLSX with the same
columns). Every raw field is kept; what could not be parsed is reported per procedure, never guessed."""

from motcua.catalog.services.importing.parsing import Parsed, content_hash, parse_row
from motcua.catalog.services.importing.reading import COLUMNS, read_rows
from motcua.catalog.services.importing.writing import ImportSummary, catalog_import

__all__ = ["COLUMNS", "ImportSummary", "Parsed", "catalog_import", "content_hash", "parse_row", "read_rows"]
