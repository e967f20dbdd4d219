"""factory_boy factories shared by the tests."""

from __future__ import annotations

import datetime as dt

import factory

from motcua.accounts.models import Membership, Role, User
from motcua.units.enums import UnitKind
from motcua.units.models import Unit
from motcua.units.services import unit_create


class UnitFactory(factory.django.DjangoModelFactory):
    """Units are made through the service, so paths and audit events are real."""

    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"{10 + n % 89:02d}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử {n}")
    kind = UnitKind.PROVINCE
    parent = None
    valid_from = dt.date(2020, 1, 1)
    valid_to = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        return unit_create(actor=None, **kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Cán bộ {n}")
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-nghiem")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            obj.save()


def grant(user: User, role_code: str, unit: Unit, *, include_subtree: bool = True) -> Membership:
    return Membership.objects.create(
        user=user, role=Role.objects.get(code=role_code), unit=unit, include_subtree=include_subtree
    )


def bare_dossier(**fields):  # type: ignore[no-untyped-def]
    """A dossier row written straight to the table, for tests of the deadline engine and the catalogue
    that need one without going through receipt; the lifecycle tests use the services instead."""
    import secrets

    from motcua.documents.models import Owner
    from motcua.dossiers.models import Dossier

    owner, _ = Owner.objects.get_or_create(
        kind="citizen", identifier="054090000001", defaults={"name": "Đinh Văn Thử"}
    )
    fields.setdefault("applicant", owner)
    fields.setdefault("applicant_name", owner.name)
    fields.setdefault("processing_unit", fields["unit"])
    fields.setdefault("tracking_token", secrets.token_urlsafe(16))
    return Dossier.objects.create(**fields)
