from django.urls import path

from motcua.common import views

app_name = "common"
urlpatterns = [path("", views.audit_list, name="audit")]
