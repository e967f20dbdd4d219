"""Framework-free rules of motcua. Nothing here imports Django or an app (import-linter checks it)."""
