from django.urls import path

from motcua.units import api

urlpatterns = [
    path("", api.UnitListApi.as_view(), name="api-units-list"),
    path("create/", api.UnitCreateApi.as_view(), name="api-units-create"),
    path("<int:pk>/", api.UnitDetailApi.as_view(), name="api-units-detail"),
]
