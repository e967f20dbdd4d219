from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from motcua.common.admin import superusers_only
from motcua.dossiers.api_urls import public_urlpatterns as public_dossier_api
from motcua.dossiers.urls import public_urlpatterns as public_dossier_pages

admin.site.site_header = "motcua – Quản trị"
admin.site.site_title = "motcua"
admin.site.has_permission = superusers_only  # type: ignore[method-assign]

urlpatterns = [
    path("", include("motcua.accounts.urls")),
    path("units/", include("motcua.units.urls")),
    path("audit/", include("motcua.common.urls")),
    path("plans/", include("motcua.plans.urls")),
    path("catalog/", include("motcua.catalog.urls")),
    path("reviews/", include("motcua.reviews.urls")),
    path("dossiers/", include("motcua.dossiers.urls")),
    path("tra-cuu/", include((public_dossier_pages, "lookup"))),
    path("documents/", include("motcua.documents.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/units/", include("motcua.units.api_urls")),
    path("api/catalog/", include("motcua.catalog.api_urls")),
    path("api/dossiers/", include("motcua.dossiers.api_urls")),
    path("api/tra-cuu/", include(public_dossier_api)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
]
