from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.accounts.access import has_perm_somewhere
from motcua.accounts.forms import LoginForm
from motcua.accounts.selectors import home_for


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's page: one section per role held, with that role's units and work."""
    return render(
        request,
        "accounts/home.html",
        {
            "sections": home_for(request.user),
            "can_view_audit": has_perm_somewhere(request.user, "common.view_auditevent"),
        },
    )
