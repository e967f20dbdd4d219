from django.urls import path

from motcua.units import views

app_name = "units"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("find/", views.find, name="find"),
    path("<int:pk>/", views.detail, name="detail"),
]
