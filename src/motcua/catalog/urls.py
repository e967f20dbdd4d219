from django.urls import path

from motcua.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.procedure_list, name="list"),
    path("import/", views.catalog_import_view, name="import"),
    path("new/", views.procedure_new, name="new"),
    path("export.<str:fmt>", views.catalog_export, name="export"),
    path("publications/", views.publications, name="publications"),
    path("publications/<int:pk>/", views.publication_detail, name="publication"),
    path("offerings/", views.offering_units, name="offering_units"),
    path("offerings/<int:unit_pk>/", views.offerings, name="offerings"),
    path("notice/<int:unit_pk>/", views.offering_notice, name="notice"),
    # procedure codes look like "1.001193": the fixed prefixes above are matched first
    path("<str:code>/", views.procedure_detail, name="detail"),
    path("<str:code>/draft/", views.version_draft, name="draft"),
    path("<str:code>/v<int:number>/", views.version_edit, name="edit"),
    path("<str:code>/v<int:number>/process/", views.version_process, name="process"),
    path("<str:code>/v<int:number>/publish/", views.version_publish_view, name="publish"),
    path("<str:code>/v<int:number>/channels/", views.version_channels, name="channels"),
    path("<str:code>/v<int:number>/documents/", views.version_documents, name="documents"),
    path(
        "<str:code>/v<int:number>/documents/<int:pk>/template/",
        views.document_template,
        name="document_template",
    ),
    path(
        "<str:code>/v<int:number>/documents/<int:pk>/template/file/",
        views.document_template_file,
        name="document_template_file",
    ),
]
