"""Downloading a stored file: the owner's own account and officers who may view a linking dossier get
it as an attachment; everyone else gets the same 404 as for a file that does not exist."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.documents.models import DocumentVersion, Owner
from motcua.documents.services import component_attach, document_upload
from motcua.dossiers.models import Dossier
from tests.documents.conftest import PDF, upload
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attached(dossier: Dossier, officers: dict[str, Any]) -> DocumentVersion:
    row = component_attach(
        actor=officers["counter"], component=dossier.components.get(position=1), file=upload("Tờ khai.pdf")
    )
    assert row.version is not None
    return row.version


def _get(client: Client, user: Any, version_id: int) -> Any:
    if user is not None:
        client.force_login(user)
    return client.get(reverse("documents:download", args=[version_id]))


def test_an_officer_of_the_dossiers_unit_downloads_the_file(
    client: Client, officers: dict[str, Any], attached: DocumentVersion
) -> None:
    response = _get(client, officers["specialist"], attached.pk)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''T%E1%BB%9D%20khai.pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_the_owners_own_account_downloads_a_file_of_its_store(client: Client, dossier: Dossier) -> None:
    citizen = UserFactory(username="dinh.thi.mai")
    Owner.objects.filter(pk=dossier.applicant_id).update(user=citizen)
    version = document_upload(
        actor=citizen, owner=Owner.objects.get(pk=dossier.applicant_id), title="CCCD", file=upload("cccd.pdf")
    )
    response = _get(client, citizen, version.pk)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="cccd.pdf"'


def test_others_get_the_same_404_as_for_a_missing_file(
    client: Client, outsider: Any, officers: dict[str, Any], dossier: Dossier, attached: DocumentVersion
) -> None:
    unlinked = document_upload(actor=None, owner=dossier.applicant, title="CCCD", file=upload())
    stranger = UserFactory(username="nguoi.la")
    assert _get(client, outsider, attached.pk).status_code == 404
    assert _get(client, stranger, attached.pk).status_code == 404
    assert _get(client, stranger, attached.pk + 1000).status_code == 404
    # an officer sees files of the dossiers they may view, not the rest of the applicant's store
    assert _get(client, officers["counter"], unlinked.pk).status_code == 404


def test_anonymous_users_are_sent_to_sign_in(client: Client, attached: DocumentVersion) -> None:
    response = client.get(reverse("documents:download", args=[attached.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_file_missing_on_disk_is_404_and_writes_are_not_allowed(
    client: Client, officers: dict[str, Any], attached: DocumentVersion
) -> None:
    client.force_login(officers["counter"])
    url = reverse("documents:download", args=[attached.pk])
    assert client.post(url).status_code == 405
    Path(attached.file.path).unlink()
    assert client.get(url).status_code == 404


def test_the_admin_lists_owners_masked_and_read_only(client: Client, dossier: Dossier) -> None:
    admin_user = UserFactory(username="quan.tri", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    listing = client.get(reverse("admin:documents_owner_changelist"))
    assert listing.status_code == 200
    assert "*********234" in listing.content.decode()
    assert "051090001234" not in listing.content.decode()
    detail = client.get(reverse("admin:documents_owner_change", args=[dossier.applicant_id]))
    assert detail.status_code == 200
    assert "051090001234" not in detail.content.decode()
    assert client.get(reverse("admin:documents_owner_add")).status_code == 403
    assert client.get(reverse("admin:documents_documentversion_changelist")).status_code == 200
    assert (
        client.post(reverse("admin:documents_owner_delete", args=[dossier.applicant_id])).status_code == 403
    )
