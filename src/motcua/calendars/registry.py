"""The models whose rows carry a statutory deadline (`TracksDeadline`), for bulk recomputation.

An app registers its model in `AppConfig.ready`; a calendar change then recomputes the open rows of
every registered model.
"""

from __future__ import annotations

from django.db import models

_MODELS: list[type[models.Model]] = []


def register(model: type[models.Model]) -> None:
    if model not in _MODELS:
        _MODELS.append(model)


def registered() -> list[type[models.Model]]:
    return list(_MODELS)
