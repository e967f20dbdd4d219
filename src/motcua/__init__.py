"""motcua: one-stop administrative procedure system and TTHC control workbench."""

__version__ = "0.1.0"
