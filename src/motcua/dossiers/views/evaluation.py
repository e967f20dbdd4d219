"""The quarterly one-stop evaluation of a unit and its officers (Circular 01/2018 Art. 13–15)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.access import units_visible
from motcua.dossiers.enums import VIEW
from motcua.dossiers.evaluation import quarter_scores
from motcua.dossiers.forms import EvaluationForm
from motcua.dossiers.views.common import UNIT_CHOICES_MAX, unit_choices

INDICATORS = {
    1: gettext_lazy("Thời gian giải quyết so với quy định"),
    2: gettext_lazy("Thời gian của từng bước, từng cơ quan"),
    3: gettext_lazy("Số lần liên hệ để hoàn thiện hồ sơ"),
    4: gettext_lazy("Số cơ quan phải liên hệ"),
    5: gettext_lazy("Giải quyết toàn bộ tại Bộ phận Một cửa"),
    6: gettext_lazy("Công khai thủ tục hành chính"),
    7: gettext_lazy("Thái độ của cán bộ"),
    8: gettext_lazy("Tiếp nhận, xử lý phản ánh, kiến nghị"),
    9: gettext_lazy("Dịch vụ công trực tuyến"),
}


@login_required
def evaluation(request: HttpRequest) -> HttpResponse:
    units = list(units_visible(request.user, VIEW).order_by("depth", "name")[:UNIT_CHOICES_MAX])
    if not units:
        raise PermissionDenied(_("Bạn không có quyền xem đánh giá của đơn vị nào."))
    today = timezone.localdate()
    score = None
    if "unit" in request.GET:
        form = EvaluationForm(request.GET, units=unit_choices(units))
        if form.is_valid():
            unit = next(u for u in units if u.pk == form.cleaned_data["unit"])
            score = quarter_scores(
                unit=unit, year=form.cleaned_data["year"], quarter=form.cleaned_data["quarter"]
            )
    else:
        form = EvaluationForm(
            units=unit_choices(units),
            initial={"unit": units[0].pk, "year": today.year, "quarter": (today.month - 1) // 3 + 1},
        )
    rows = (
        [{"number": n, "label": label, "value": score.indicators[n]} for n, label in INDICATORS.items()]
        if score
        else []
    )
    return render(request, "dossiers/evaluation.html", {"form": form, "score": score, "rows": rows})
