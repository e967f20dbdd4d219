from django.urls import path

from motcua.dossiers import views

app_name = "dossiers"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("tiep-nhan/", views.counter, name="counter"),
    path("so-theo-doi/", views.tracking_book, name="book"),
    path("danh-gia/", views.evaluation, name="evaluation"),
    # dossier codes ("21484-240311-0001", "H54.10.535-260305-0012") never hold a slash
    path("<str:code>/", views.dossier_detail, name="detail"),
    path("<str:code>/thao-tac/<slug:action>/", views.dossier_act, name="act"),
    path("<str:code>/in/<slug:kind>.<slug:fmt>/", views.dossier_print, name="print"),
    # <operation>: tai-len (upload), so-hoa (digitise), tai-su-dung (reuse from the data store)
    path(
        "<str:code>/thanh-phan/<int:component_id>/<slug:operation>/",
        views.dossier_component,
        name="component",
    ),
]

#: mounted at /tra-cuu/ under the namespace "lookup" (public, no login)
public_urlpatterns = [
    path("", views.lookup, name="form"),
    path("<str:code>/", views.lookup_code, name="status"),
]
