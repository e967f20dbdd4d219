from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "motcua.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản và phân quyền")

    def ready(self) -> None:
        from motcua.accounts import signals  # noqa: F401  (connects the sign-in audit receivers)
        from motcua.accounts.roles import sync_default_roles

        post_migrate.connect(sync_default_roles, dispatch_uid="motcua.accounts.sync_default_roles")
