"""Writing the audit trail. Every service that writes calls `audit_record` inside its transaction."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from motcua.common.context import current_actor, current_request_id
from motcua.common.models import AuditEvent


def snapshot(instance: models.Model, *, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The field values of a row as JSON-safe data: foreign keys by id, many-to-many as sorted ids."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude:
            continue
        value = field.value_from_object(instance)
        if isinstance(field, models.FileField):
            value = value.name or ""  # the stored file's name, not the file
        values[field.attname] = value
    if instance.pk is not None:
        for m2m in instance._meta.many_to_many:
            if m2m.name not in exclude:
                values[m2m.name] = sorted(getattr(instance, m2m.name).values_list("pk", flat=True))
    result: dict[str, Any] = json.loads(json.dumps(values, cls=DjangoJSONEncoder))
    return result


def audit_record(
    *,
    actor: Any,
    operation: str,
    target: models.Model,
    unit_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one event for a write on `target`; `actor` is a user, or None for the system itself."""
    if actor is None:
        actor = current_actor()
    is_person = actor is not None and getattr(actor, "pk", None) is not None
    return AuditEvent.objects.create(
        actor=actor if is_person else None,
        actor_label=actor.get_username() if is_person else "system",
        operation=operation,
        object_type=target._meta.label_lower,
        object_id=str(target.pk or ""),
        object_repr=str(target)[:255],
        unit_id=unit_id,
        before=before,
        after=after,
        reason=reason,
        request_id=current_request_id(),
    )
