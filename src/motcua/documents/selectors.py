"""Reading the document store: an owner's papers, a dossier's components, the reuse and digitisation
counts the indicators need, and the one file a user may download."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from motcua.catalog.enums import ReuseSource
from motcua.documents.enums import LinkRole
from motcua.documents.models import Document, DocumentVersion, DossierDocument, Owner
from motcua.dossiers.models import Dossier, DossierResult
from motcua.dossiers.selectors import sees_identity


@dataclass(frozen=True)
class StoredDocument:
    document: Document
    latest: DocumentVersion | None


def owner_documents(owner: Owner) -> list[StoredDocument]:
    """The owner's data store: each document with its latest version (two queries whatever the size)."""
    latest_id = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number").values("pk")[:1]
    documents = list(
        Document.objects.filter(owner=owner).annotate(latest_id=Subquery(latest_id)).order_by("title", "id")
    )
    ids = [d.latest_id for d in documents if d.latest_id is not None]
    versions = DocumentVersion.objects.select_related("signed_by").in_bulk(ids)
    return [StoredDocument(document=d, latest=versions.get(d.latest_id)) for d in documents]


def dossier_components(dossier: Dossier) -> QuerySet[DossierDocument]:
    """The dossier's components in order, with the version each links, its reuse and digitisation."""
    return (
        DossierDocument.objects.filter(dossier=dossier)
        .select_related("version__document", "version__signed_by", "required_document")
        .order_by("position", "id")
    )


@dataclass(frozen=True)
class ReuseCounts:
    components: int
    reused: int
    reused_from_store: int
    reused_from_national_db: int
    digitised: int
    data_extracted: int
    dossiers_reusing: int  # dossiers with at least one reused component (the reuse rate's numerator)
    dossiers_digitised: int


def reuse_counts(dossiers: QuerySet[Dossier]) -> ReuseCounts:
    """Counts over the submitted and supplemented components of `dossiers` (results are not reused or
    digitised components); one query."""
    rows = DossierDocument.objects.filter(dossier__in=dossiers.values("pk")).exclude(role=LinkRole.RESULT)
    reused = ~Q(reuse_source=ReuseSource.NONE)
    # aggregate names must not be field names ("digitised"), hence the prefix
    totals = rows.aggregate(
        n_components=Count("id"),
        n_reused=Count("id", filter=reused),
        n_reused_from_store=Count("id", filter=Q(reuse_source=ReuseSource.DATA_STORE)),
        n_reused_from_national_db=Count("id", filter=Q(reuse_source=ReuseSource.NATIONAL_DB)),
        n_digitised=Count("id", filter=Q(digitised=True)),
        n_data_extracted=Count("id", filter=Q(data_extracted=True)),
        n_dossiers_reusing=Count("dossier", filter=reused, distinct=True),
        n_dossiers_digitised=Count("dossier", filter=Q(digitised=True), distinct=True),
    )
    return ReuseCounts(**{name.removeprefix("n_"): int(value or 0) for name, value in totals.items()})


def downloadable_version(user: Any, version_id: int) -> DocumentVersion | None:
    """The version when `user` is its owner's own account or may view a dossier that links it (as a
    component or a result); None otherwise, whether or not it exists."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    version = DocumentVersion.objects.select_related("document__owner").filter(pk=version_id).first()
    if version is None:
        return None
    owner_user = version.document.owner.user_id
    if owner_user is not None and owner_user == user.pk:
        return version
    linked = Dossier.objects.filter(
        Q(components__version=version)
        | Q(pk__in=DossierResult.objects.filter(document=version).values("dossier_id"))
    ).select_related("unit", "processing_unit", "applicant")
    # personal papers: for those who receive or settle a linked dossier, not for every viewer
    if any(sees_identity(user, dossier) for dossier in linked.distinct()):
        return version
    return None
