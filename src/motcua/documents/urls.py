from django.urls import path

from motcua.documents import views

app_name = "documents"
urlpatterns = [
    path("<int:version_id>/", views.version_download, name="download"),
]
