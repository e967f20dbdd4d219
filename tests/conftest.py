from __future__ import annotations

import importlib

import pytest


@pytest.fixture(autouse=True)
def _fast_hashing(settings: pytest.FixtureRequest) -> None:
    # Argon2 is the production hasher (tested in accounts/test_login.py); tests do not need its cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
    # uploaded files (evidence, form templates) go to a temporary folder, never into var/
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))  # type: ignore[attr-defined]


@pytest.fixture
def demo_units(db):  # type: ignore[no-untyped-def]
    from motcua.units.demo import load_demo_units

    return load_demo_units()


@pytest.fixture
def demo_accounts(demo_units):  # type: ignore[no-untyped-def]
    from motcua.accounts.demo import load_demo_accounts
    from motcua.accounts.models import User

    load_demo_accounts(units=demo_units)
    return {user.username: user for user in User.objects.all()}


@pytest.fixture
def data_migration_rows(transactional_db: None) -> None:
    """A transactional test empties every table after it runs, rows of data migrations too: put back the
    deadline rule sets (calendars 0002) and the compliance-cost constants (reviews 0002)."""
    from django.apps import apps

    importlib.import_module("motcua.calendars.migrations.0002_default_rule_sets").forwards(apps, None)
    importlib.import_module("motcua.reviews.migrations.0002_seed_cost_constants").seed(apps, None)
