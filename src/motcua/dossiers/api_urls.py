from django.urls import path

from motcua.dossiers.api import actions, components, public, staff

urlpatterns = [
    path("", staff.DossiersApi.as_view(), name="dossiers"),
    path("<str:code>/", staff.DetailApi.as_view(), name="dossiers-detail"),
    *[
        path(
            f"<str:code>/actions/{spec.name}/",
            actions.action_view(spec).as_view(),
            name=f"dossiers-action-{spec.name}",
        )
        for spec in actions.SPECS
    ],
    path("<str:code>/actions/<str:action>/", actions.UnknownActionApi.as_view()),
    path(
        "<str:code>/components/<int:component_id>/attach/",
        components.AttachApi.as_view(),
        name="dossiers-component-attach",
    ),
    path(
        "<str:code>/components/<int:component_id>/digitise/",
        components.DigitiseApi.as_view(),
        name="dossiers-component-digitise",
    ),
    path(
        "<str:code>/components/<int:component_id>/reuse/",
        components.ReuseApi.as_view(),
        name="dossiers-component-reuse",
    ),
]

#: mounted at /api/tra-cuu/ (public, no session)
public_urlpatterns = [
    path("<str:code>/", public.PublicStatusApi.as_view(), name="public-status"),
    path("<str:code>/danh-gia/", public.RatingApi.as_view(), name="public-rating"),
]
