"""Forms of the dossier pages: they check the input's shape; the services decide the rules (a reason left
empty, a date too late, a list of missing items that is empty are refused by the service, in its words)."""

from __future__ import annotations

import uuid
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from motcua.catalog.enums import ReuseSource
from motcua.documents.enums import OwnerKind
from motcua.documents.services import ALLOWED
from motcua.dossiers.enums import Action, Channel, PaymentMethod, ResultKind, Satisfaction

_TEXT = {"rows": 2}
_LOCAL_MINUTE = "%Y-%m-%dT%H:%M"

Choices = list[tuple[str, Any]]


def new_key() -> str:
    """One idempotency key per rendered form: a double click or a resubmit is done once."""
    return uuid.uuid4().hex


def lines(text: str) -> list[str]:
    """A list typed one item a line; blank lines are dropped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=99,
        initial=0,
        required=False,
        widget=forms.NumberInput(attrs={"min": 0, "max": 99, "class": "count"}),
    )


def _moment(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=[_LOCAL_MINUTE, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=_LOCAL_MINUTE),
    )


class _Keyed(forms.Form):
    """Every write carries its idempotency key (and, on an existing dossier, the revision seen)."""

    idempotency_key = forms.CharField(max_length=100, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("idempotency_key", new_key())
        super().__init__(*args, **kwargs)


# -- the counter ----------------------------------------------------------------------------------

OPENINGS: Choices = [
    (Action.RECEIVE, _("Tiếp nhận")),
    (Action.REQUEST_SUPPLEMENT, _("Yêu cầu bổ sung")),
    (Action.REFUSE, _("Từ chối")),
]


class ReceiptForm(_Keyed):
    """The applicant and the dossier as the one-stop officer checks them at the counter."""

    unit = forms.TypedChoiceField(label=_("Đơn vị tiếp nhận"), coerce=int)
    kind = forms.ChoiceField(
        label=_("Người nộp là"),
        choices=OwnerKind.choices,
        initial=OwnerKind.CITIZEN,
        widget=forms.RadioSelect,
    )
    identifier = forms.CharField(
        label=_("Số định danh cá nhân hoặc mã số thuế"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    name = forms.CharField(label=_("Họ tên người nộp, tên tổ chức"), max_length=255)
    address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)
    phone = forms.CharField(
        label=_("Điện thoại"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    channel = forms.ChoiceField(label=_("Hình thức nộp"), choices=Channel.choices, initial=Channel.COUNTER)
    return_channel = forms.ChoiceField(
        label=_("Hình thức nhận kết quả"), choices=Channel.choices, initial=Channel.COUNTER
    )
    sets = forms.IntegerField(
        label=_("Số bộ hồ sơ"),
        min_value=1,
        max_value=99,
        initial=1,
        widget=forms.NumberInput(attrs={"min": 1, "max": 99, "class": "count"}),
    )
    missing = forms.CharField(
        label=_("Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Để trống: các giấy tờ chưa đánh dấu ở danh sách trên."),
    )
    reason = forms.CharField(label=_("Lý do, hướng dẫn"), required=False, widget=forms.Textarea(attrs=_TEXT))
    # sent by the button pressed (Tiếp nhận, Yêu cầu bổ sung, Từ chối), never rendered as an input
    opening = forms.ChoiceField(choices=OPENINGS)

    def __init__(self, *args: Any, units: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = units


class ComponentForm(forms.Form):
    """One line of the checklist: a document of the catalogue (or one the officer adds) and its copies."""

    required_document = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Giấy tờ"), max_length=2000, required=False)
    checked = forms.BooleanField(label=_("Đã nộp"), required=False)
    originals = _count(_("Bản chính"))
    certified_copies = _count(_("Bản sao chứng thực"))
    copies = _count(_("Bản sao"))


ComponentFormSet = forms.formset_factory(ComponentForm, extra=1, max_num=80, validate_max=True)


# -- actions on a dossier -------------------------------------------------------------------------


class ActionForm(_Keyed):
    """The base of the forms of the dossier page: the revision the officer saw travels with the action."""

    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, options: dict[str, Choices] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in (options or {}).items():
            if name in self.fields:
                cast(forms.ChoiceField, self.fields[name]).choices = choices


class PlainForm(ActionForm):
    pass


class NoteForm(ActionForm):
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs=_TEXT))


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.Textarea(attrs=_TEXT))


class MessageForm(ActionForm):
    message = forms.CharField(
        label=_("Nội dung báo cho người nộp"), required=False, widget=forms.Textarea(attrs=_TEXT)
    )


class MissingForm(ActionForm):
    missing = forms.CharField(
        label=_("Nội dung cần bổ sung (mỗi dòng một giấy tờ, nội dung)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(label=_("Lý do, hướng dẫn"), required=False, widget=forms.Textarea(attrs=_TEXT))


class TransferForm(ActionForm):
    to_unit = forms.TypedChoiceField(label=_("Chuyển đến đơn vị"), coerce=int)
    receiver = forms.TypedChoiceField(label=_("Người nhận"), coerce=int, required=False, empty_value=None)


class AssignForm(ActionForm):
    assignee = forms.TypedChoiceField(label=_("Cán bộ thẩm định"), coerce=int)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs=_TEXT))


class StepStartForm(ActionForm):
    position = forms.TypedChoiceField(label=_("Bước"), coerce=int)


class StepFinishForm(ActionForm):
    receiver = forms.TypedChoiceField(label=_("Bàn giao cho"), coerce=int, required=False, empty_value=None)
    agency = forms.ChoiceField(label=_("Hoặc chuyển cơ quan (liên thông)"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs=_TEXT))


class ConsultForm(ActionForm):
    agency = forms.CharField(label=_("Cơ quan được lấy ý kiến"), max_length=500, required=False)
    request = forms.CharField(
        label=_("Nội dung cần ý kiến"), required=False, widget=forms.Textarea(attrs=_TEXT)
    )
    due_at = _moment(_("Hạn trả lời"))


class ConsultAnswerForm(ActionForm):
    consultation = forms.TypedChoiceField(label=_("Yêu cầu lấy ý kiến"), coerce=int)
    answer = forms.CharField(label=_("Ý kiến nhận được"), required=False, widget=forms.Textarea(attrs=_TEXT))


class ApologiseForm(ActionForm):
    reason = forms.CharField(label=_("Lý do chậm trễ"), required=False, widget=forms.Textarea(attrs=_TEXT))
    new_appointment = _moment(_("Hẹn trả kết quả lại"))


class IssueResultForm(ActionForm):
    kind = forms.ChoiceField(label=_("Hình thức kết quả"), choices=ResultKind.choices)
    title = forms.CharField(label=_("Tên kết quả"), max_length=500, required=False)
    register_number = forms.CharField(
        label=_("Số chứng thực (bản sao điện tử chứng thực)"), max_length=60, required=False
    )
    file = forms.FileField(label=_("Tệp kết quả (nếu có)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _describe_upload(self.fields["file"])


class PayForm(ActionForm):
    amount = forms.IntegerField(
        label=_("Số tiền (đồng)"), min_value=1, widget=forms.NumberInput(attrs={"min": 1, "step": 1000})
    )
    method = forms.ChoiceField(
        label=_("Hình thức"), choices=PaymentMethod.choices, initial=PaymentMethod.CASH
    )
    receipt_number = forms.CharField(label=_("Số biên lai, hóa đơn điện tử"), max_length=100, required=False)
    reference = forms.CharField(label=_("Mã giao dịch"), max_length=100, required=False)


class ReturnForm(ActionForm):
    channel = forms.ChoiceField(label=_("Trả qua"), choices=Channel.choices, initial=Channel.COUNTER)


# -- the files of a dossier's components ---------------------------------------------------------


def _describe_upload(field: forms.Field) -> None:
    """The types and the size limit (settings.UPLOAD_MAX_MB) beside the input, as the service checks them."""
    suffixes = sorted(ALLOWED)
    field.help_text = _("%(types)s; tối đa %(mb)s MB.") % {
        "types": ", ".join(s.lstrip(".").upper() for s in suffixes),
        "mb": settings.UPLOAD_MAX_MB,
    }
    field.widget.attrs["accept"] = ",".join(suffixes)


def key_values(text: str) -> dict[str, str]:
    """Extracted data typed one "field: value" a line; blank lines are dropped."""
    found: dict[str, str] = {}
    for number, line in enumerate(lines(text), start=1):
        key, colon, value = line.partition(":")
        key = key.strip()
        if not colon or not key:
            raise forms.ValidationError(
                _("Dòng %(n)s phải có dạng “tên trường: giá trị”.") % {"n": number}, code="line"
            )
        if key in found:
            raise forms.ValidationError(_("Trường “%(key)s” ghi hai lần.") % {"key": key}, code="twice")
        found[key] = value.strip()
    return found


class ComponentFileForm(forms.Form):
    """A form of one component's file; `versions` are the applicant's stored papers (reuse only)."""

    title: Any = ""

    def __init__(self, *args: Any, versions: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            _describe_upload(self.fields["file"])


class AttachForm(ComponentFileForm):
    title = _("Tải tệp lên")
    file = forms.FileField(label=_("Tệp giấy tờ"))


class DigitiseForm(ComponentFileForm):
    title = _("Số hóa")
    file = forms.FileField(label=_("Bản quét (cán bộ ký số)"))
    extracted = forms.CharField(
        label=_("Dữ liệu bóc tách (mỗi dòng “tên trường: giá trị”)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Số định danh: 051090001234"}),
    )

    def clean_extracted(self) -> dict[str, str]:
        return key_values(self.cleaned_data.get("extracted", ""))


REUSE_SOURCES: Choices = [
    (ReuseSource.DATA_STORE, ReuseSource.DATA_STORE.label),
    (ReuseSource.NATIONAL_DB, ReuseSource.NATIONAL_DB.label),
]


class ReuseForm(ComponentFileForm):
    title = _("Lấy từ kho dữ liệu")
    version = forms.TypedChoiceField(label=_("Giấy tờ đã lưu của người nộp"), coerce=int)
    source = forms.ChoiceField(label=_("Nguồn"), choices=REUSE_SOURCES, initial=ReuseSource.DATA_STORE)

    def __init__(self, *args: Any, versions: Choices, **kwargs: Any) -> None:
        super().__init__(*args, versions=versions, **kwargs)
        cast(forms.ChoiceField, self.fields["version"]).choices = versions


#: the operations on a component's file, by the last part of their address (/thanh-phan/<id>/<...>/)
COMPONENT_FORMS: dict[str, type[ComponentFileForm]] = {
    "tai-len": AttachForm,
    "so-hoa": DigitiseForm,
    "tai-su-dung": ReuseForm,
}


def component_form(
    operation: str, component_id: int, versions: Choices, data: Any = None, files: Any = None
) -> ComponentFileForm:
    """The form, prefixed by its component, so that every component's forms share one page."""
    return COMPONENT_FORMS[operation](data, files, versions=versions, prefix=f"c{component_id}-{operation}")


# -- public ---------------------------------------------------------------------------------------


class LookupForm(forms.Form):
    ma = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=40,
        widget=forms.TextInput(attrs={"placeholder": "21484-260311-0001", "autocomplete": "off"}),
    )


class RatingForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("Mức độ hài lòng"), choices=Satisfaction.choices, widget=forms.RadioSelect
    )
    contacts = forms.IntegerField(
        label=_("Số lần phải liên hệ với cơ quan"), min_value=0, max_value=99, required=False
    )
    agencies = forms.IntegerField(label=_("Số cơ quan phải đến"), min_value=0, max_value=99, required=False)
    comment = forms.CharField(
        label=_("Góp ý"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


def _day(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class BookForm(forms.Form):
    """The tracking book's unit and period; the inputs are named as the URL names them (`from`, `to`)."""

    unit = forms.TypedChoiceField(label=_("Đơn vị"), coerce=int)
    format = forms.ChoiceField(label=_("Định dạng"), choices=[("pdf", "PDF"), ("docx", "Word (DOCX)")])

    def __init__(self, *args: Any, units: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = units
        self.fields["from"] = _day(_("Từ ngày"))
        self.fields["to"] = _day(_("Đến ngày"))
        self.order_fields(["unit", "from", "to", "format"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            self.add_error("to", _("Ngày cuối phải sau ngày đầu."))
        return data


class EvaluationForm(forms.Form):
    """A settling unit and a quarter (Circular 01/2018 Art. 14: compiled every quarter)."""

    unit = forms.TypedChoiceField(label=_("Đơn vị"), coerce=int)
    year = forms.IntegerField(label=_("Năm"), min_value=2018, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quý"), coerce=int, choices=[(q, _("Quý %(q)s") % {"q": q}) for q in (1, 2, 3, 4)]
    )

    def __init__(self, *args: Any, units: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = units
