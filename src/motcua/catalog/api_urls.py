from django.urls import path

from motcua.catalog import api

urlpatterns = [
    path("procedures/", api.ProcedureListApi.as_view(), name="catalog-procedures"),
    path("procedures/<str:code>/", api.ProcedureDetailApi.as_view(), name="catalog-procedure"),
    path("procedures/<str:code>/versions/", api.VersionListApi.as_view(), name="catalog-versions"),
    path(
        "procedures/<str:code>/versions/<int:number>/publish/",
        api.VersionPublishApi.as_view(),
        name="catalog-version-publish",
    ),
]
