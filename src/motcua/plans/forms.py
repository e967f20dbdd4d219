from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.plans.enums import EvidenceKind


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):  # type: ignore[no-untyped-def]
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class PlanImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp kế hoạch (.txt, .md, .docx)"))
    year = forms.IntegerField(
        label=_("Năm (để trống: theo tên kế hoạch)"), required=False, min_value=2000, max_value=2100
    )


class PlanCreateForm(forms.Form):
    unit = forms.ChoiceField(label=_("Đơn vị ban hành"))
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=500)
    year = forms.IntegerField(
        label=_("Năm"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=100, required=False)

    def __init__(self, *args: Any, units: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ChoiceField)
        unit_field.choices = [(str(u.pk), u.name) for u in units]


class TaskAddForm(forms.Form):
    section_numeral = forms.CharField(label=_("Phần (I, II, …)"), max_length=10)
    section_title = forms.CharField(label=_("Tên phần (khi thêm phần mới)"), max_length=500, required=False)
    number = forms.CharField(label=_("Số thứ tự"), max_length=10)
    content = forms.CharField(label=_("Nội dung công việc"), widget=forms.Textarea(attrs={"rows": 3}))
    expected_result = forms.CharField(
        label=_("Kết quả công việc"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    units_text = forms.CharField(
        label=_("Cơ quan, đơn vị thực hiện"),
        required=False,
        help_text=_("Ví dụ: - Văn phòng HĐND và UBND huyện chủ trì. - UBND các xã, thị trấn phối hợp."),
    )
    timing_text = forms.CharField(
        label=_("Thời gian thực hiện"),
        required=False,
        help_text=_("Ví dụ: Quý II, Thường xuyên, trước ngày 15/3/2024"),
    )


class TaskUpdateForm(forms.Form):
    units_text = forms.CharField(
        label=_("Cơ quan, đơn vị thực hiện"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    timing_text = forms.CharField(label=_("Thời gian thực hiện"), required=False)


class PlanCopyForm(forms.Form):
    year = forms.IntegerField(label=_("Sao cho năm"), min_value=2000, max_value=2100)


class TaskReportForm(forms.Form):
    unit = forms.ChoiceField(label=_("Đơn vị báo cáo"))
    as_of = forms.DateField(
        label=_("Báo cáo đến ngày"), initial=dt.date.today, widget=forms.DateInput(attrs={"type": "date"})
    )
    percent = forms.IntegerField(label=_("Mức độ hoàn thành (%)"), min_value=0, max_value=100)
    text = forms.CharField(label=_("Nội dung báo cáo"), widget=forms.Textarea(attrs={"rows": 5}))
    evidence_kind = forms.ChoiceField(
        label=_("Loại minh chứng"), choices=EvidenceKind.choices, required=False
    )
    evidence = MultipleFileField(label=_("Tệp minh chứng"), required=False)

    def __init__(self, *args: Any, units: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ChoiceField)
        unit_field.choices = [(str(u.pk), u.name) for u in units]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Chấp nhận")), ("return", _("Trả lại"))])
    note = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
