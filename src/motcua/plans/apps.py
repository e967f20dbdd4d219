from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "motcua.plans"
    label = "plans"
    verbose_name = _("Kế hoạch kiểm soát TTHC")
