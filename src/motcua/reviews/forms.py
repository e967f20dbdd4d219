"""Forms of the review pages; they only read input, the services decide."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from motcua.reviews.enums import CostKind, Criterion, DraftKind, ProposalKind, Scenario, Verdict

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _choices(field: forms.Field, units: Any) -> None:
    assert isinstance(field, forms.ChoiceField)
    field.choices = [(str(u.pk), u.name) for u in units]


class CampaignForm(forms.Form):
    unit = forms.ChoiceField(label=_("Đơn vị ban hành"))
    name = forms.CharField(label=_("Tên đợt rà soát"), max_length=500)
    year = forms.IntegerField(
        label=_("Năm"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year
    )
    basis = forms.CharField(label=_("Căn cứ (kế hoạch, quyết định)"), max_length=500, required=False)
    scope = forms.CharField(
        label=_("Phạm vi rà soát"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    deadline = forms.DateField(label=_("Hạn gửi kết quả"), widget=_DATE)
    units = forms.MultipleChoiceField(label=_("Đơn vị rà soát"), widget=forms.CheckboxSelectMultiple)
    target_percent = forms.DecimalField(
        label=_("Chỉ tiêu cắt giảm chi phí (%)"), max_digits=5, decimal_places=2, required=False
    )
    hour_value = forms.DecimalField(
        label=_("Giá trị một giờ (đồng)"),
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text=_("Để trống: lấy giá trị đang áp dụng, kèm nguồn."),
    )
    hour_value_source = forms.CharField(
        label=_("Nguồn của giá trị một giờ"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, issuers: Any = (), members: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["unit"], issuers)
        _choices(self.fields["units"], members)


class RecordCreateForm(forms.Form):
    procedure_code = forms.CharField(label=_("Mã thủ tục"), max_length=30)
    unit = forms.ChoiceField(label=_("Đơn vị rà soát"))

    def __init__(self, *args: Any, units: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["unit"], units)


class RecordForm(forms.Form):
    """The record's own fields, and a verdict and a comment for each of the six criteria."""

    conclusion = forms.CharField(
        label=_("Kết luận"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    times_per_year = forms.DecimalField(
        label=_("Số lần thực hiện/năm của một đối tượng"),
        max_digits=10,
        decimal_places=2,
        min_value=Decimal(0),
    )
    after_times_per_year = forms.DecimalField(
        label=_("Số lần/năm sau đơn giản hóa (để trống nếu không đổi)"),
        max_digits=10,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
    )
    subjects_per_year = forms.IntegerField(label=_("Số đối tượng thực hiện/năm"), min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in Criterion:
            self.fields[f"verdict_{criterion.value}"] = forms.ChoiceField(
                label=criterion.label, choices=Verdict.choices, initial=Verdict.PENDING
            )
            self.fields[f"comment_{criterion.value}"] = forms.CharField(
                label=_("Nhận xét"),
                required=False,
                widget=forms.Textarea(
                    attrs={"rows": 2, "aria-label": format_lazy("{}: {}", _("Nhận xét"), criterion.label)}
                ),
            )

    def criteria(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"verdict_{c.value}"], self[f"comment_{c.value}"]) for c in Criterion]


# The rows of a formset start with an empty choice: a blank extra row then posts nothing and is skipped.
_BLANK: list[tuple[str, Any]] = [("", "–")]


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=_BLANK + ProposalKind.choices)
    content = forms.CharField(label=_("Nội dung phương án"), widget=forms.Textarea(attrs={"rows": 2}))
    regulation = forms.CharField(label=_("Quy định, văn bản cần sửa"), max_length=500, required=False)


class CostLineForm(forms.Form):
    scenario = forms.ChoiceField(label=_("Phương án"), choices=_BLANK + Scenario.choices)
    kind = forms.ChoiceField(label=_("Loại"), choices=_BLANK + CostKind.choices)
    name = forms.CharField(label=_("Nội dung"), max_length=500)
    hours = forms.DecimalField(
        label=_("Số giờ"), max_digits=8, decimal_places=2, min_value=Decimal(0), required=False
    )
    amount = forms.DecimalField(
        label=_("Số tiền (đồng)"), max_digits=14, decimal_places=0, min_value=Decimal(0), required=False
    )


ProposalFormSet = forms.formset_factory(ProposalForm, extra=2, can_delete=True)
CostLineFormSet = forms.formset_factory(CostLineForm, extra=3, can_delete=True)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Quyết định"), choices=[("accept", _("Chấp nhận")), ("return", _("Trả lại"))]
    )
    note = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DraftCommentForm(forms.Form):
    unit = forms.ChoiceField(label=_("Đơn vị góp ý"))
    kind = forms.ChoiceField(label=_("Loại dự thảo"), choices=DraftKind.choices)
    title = forms.CharField(label=_("Tên dự thảo"), max_length=1000)
    drafting_agency = forms.CharField(label=_("Cơ quan chủ trì soạn thảo"), max_length=500, required=False)
    request_ref = forms.CharField(label=_("Văn bản xin ý kiến (số, ngày)"), max_length=255, required=False)
    received_on = forms.DateField(label=_("Ngày nhận"), widget=_DATE, initial=dt.date.today)
    deadline = forms.DateField(label=_("Hạn góp ý"), widget=_DATE)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, units: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["unit"], units)


class DraftAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Nội dung góp ý"), widget=forms.Textarea(attrs={"rows": 5}))
    answer_ref = forms.CharField(label=_("Văn bản góp ý (số, ngày)"), max_length=255, required=False)
    answered_on = forms.DateField(label=_("Ngày gửi ý kiến"), widget=_DATE, initial=dt.date.today)


class DraftCancelForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hủy"), widget=forms.Textarea(attrs={"rows": 2}))
