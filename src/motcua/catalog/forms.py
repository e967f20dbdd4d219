"""Forms of the catalogue pages: they check the input's shape; the services decide the rules."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalog.enums import (
    Channel,
    IssuerLevel,
    LimitUnit,
    OnlineLevel,
    ResultType,
    ReuseSource,
    StepRole,
)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
IMPORT_SUFFIXES = (".jsonl", ".json", ".csv", ".xlsx")
_TEXTAREA = {"rows": 3}
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_DECIMAL = forms.TextInput(attrs={"inputmode": "decimal", "size": 6})


def split_codes(text: str) -> list[str]:
    """Procedure codes typed or pasted one a line, or separated by spaces, commas or semicolons."""
    return [code for code in re.split(r"[\s,;]+", text) if code]


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", _("— chưa xác định —")), *choices]


class _YesNoUnknown(forms.NullBooleanSelect):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices = [("unknown", _("— chưa xác định —")), ("true", _("Có")), ("false", _("Không"))]


def _coded_lines(text: str) -> list[dict[str, str]]:
    """Lines "code | name" (a line without "|" is a name with no code), as the version stores them."""
    rows = []
    for line in text.splitlines():
        if not line.strip():
            continue
        code, sep, name = line.partition("|")
        rows.append(
            {"code": code.strip(), "name": name.strip()} if sep else {"code": "", "name": line.strip()}
        )
    return rows


def coded_text(rows: list[dict[str, str]]) -> str:
    return "\n".join(
        f"{r.get('code', '')} | {r.get('name', '')}" if r.get("code") else r.get("name", "") for r in rows
    )


class VersionEditForm(forms.Form):
    """The main fields of a draft (documents, fees and channels come from the import)."""

    name = forms.CharField(label=_("Tên thủ tục"), max_length=1000)
    field = forms.CharField(label=_("Lĩnh vực"), max_length=255, required=False)
    kind = forms.CharField(label=_("Loại thủ tục"), max_length=255, required=False)
    applicants = forms.CharField(
        label=_("Đối tượng thực hiện (mỗi dòng một đối tượng)"),
        required=False,
        widget=forms.Textarea(attrs=_TEXTAREA),
    )
    competent_agency = forms.CharField(
        label=_("Cơ quan có thẩm quyền"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    implementing_agency = forms.CharField(
        label=_("Cơ quan thực hiện"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    receiving_agency = forms.CharField(
        label=_("Địa chỉ, cơ quan tiếp nhận"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    coordinating_agencies = forms.CharField(
        label=_("Cơ quan phối hợp"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    delegated_agency = forms.CharField(
        label=_("Cơ quan được ủy quyền"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    legal_basis = forms.CharField(
        label=_("Căn cứ pháp lý (mỗi dòng: số hiệu | tên văn bản)"),
        required=False,
        widget=forms.Textarea(attrs=_TEXTAREA),
    )
    results = forms.CharField(
        label=_("Kết quả thực hiện (mỗi dòng: mã | tên kết quả)"),
        required=False,
        widget=forms.Textarea(attrs=_TEXTAREA),
    )
    announcing_decision = forms.CharField(
        label=_("Quyết định công bố (nguồn)"), max_length=255, required=False
    )
    steps_text = forms.CharField(
        label=_("Trình tự thực hiện"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    conditions = forms.CharField(
        label=_("Yêu cầu, điều kiện"), required=False, widget=forms.Textarea(attrs=_TEXTAREA)
    )
    time_limit_value = forms.DecimalField(
        label=_("Thời hạn giải quyết"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=2,
        localize=True,
        widget=_DECIMAL,
    )
    time_limit_unit = forms.ChoiceField(
        label=_("Đơn vị thời hạn"), choices=_blank(LimitUnit.choices), required=False
    )
    time_limit_note = forms.CharField(
        label=_("Ghi chú thời hạn"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    online_level = forms.ChoiceField(
        label=_("Mức độ dịch vụ công trực tuyến"), choices=_blank(OnlineLevel.choices), required=False
    )
    full_process_eligible = forms.NullBooleanField(
        label=_("Đủ điều kiện trực tuyến toàn trình"), required=False, widget=_YesNoUnknown
    )
    result_type = forms.ChoiceField(
        label=_("Loại kết quả"), choices=_blank(ResultType.choices), required=False
    )

    same_day_cutoff = forms.TimeField(
        label=_("Giờ chốt nhận trong ngày (để trống: 15:00)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    pause_allowed = forms.BooleanField(
        label=_("Pháp luật chuyên ngành cho phép tạm dừng giải quyết"), required=False
    )
    supplement_requests_allowed = forms.IntegerField(
        label=_("Số lần được yêu cầu bổ sung hồ sơ (để trống: 1)"), min_value=1, max_value=9, required=False
    )

    def clean_supplement_requests_allowed(self) -> int:
        return self.cleaned_data["supplement_requests_allowed"] or 1

    def clean_applicants(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["applicants"].splitlines() if line.strip()]

    def clean_legal_basis(self) -> list[dict[str, str]]:
        return _coded_lines(self.cleaned_data["legal_basis"])

    def clean_results(self) -> list[dict[str, str]]:
        return _coded_lines(self.cleaned_data["results"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        value, unit = data.get("time_limit_value"), data.get("time_limit_unit")
        if value is not None and not unit:
            self.add_error(
                "time_limit_unit", _("Hãy chọn đơn vị của thời hạn (ngày làm việc, giờ làm việc, …).")
            )
        if unit and unit != LimitUnit.SAME_DAY and value is None:
            self.add_error("time_limit_value", _("Hãy ghi số ngày hoặc số giờ của thời hạn."))
        return data


def _hours() -> forms.DecimalField:
    """Working hours of a step or an agency's share, as the process page takes them ("7,5" or "7.5")."""
    return forms.DecimalField(
        label=_("Giờ làm việc"),
        required=False,
        min_value=0,
        max_digits=7,
        decimal_places=2,
        localize=True,
        widget=_DECIMAL,
    )


class StepForm(forms.Form):
    """One step of the internal process; a row left blank is ignored."""

    name = forms.CharField(label=_("Nội dung bước"), max_length=500, required=False)
    role = forms.ChoiceField(label=_("Người thực hiện"), choices=_blank(StepRole.choices), required=False)
    hours = _hours()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("name") and data.get("hours") is None:
            return {}  # a blank row
        if not data.get("name"):
            self.add_error("name", _("Hãy ghi nội dung bước."))
        if not data.get("role"):
            self.add_error("role", _("Hãy chọn người thực hiện."))
        if data.get("hours") is None:
            self.add_error("hours", _("Hãy ghi số giờ làm việc."))
        return data


class AgencyStepForm(forms.Form):
    """One agency's share of an inter-agency procedure; a row left blank is ignored."""

    agency = forms.CharField(label=_("Cơ quan"), max_length=500, required=False)
    task = forms.CharField(label=_("Nhiệm vụ"), required=False)
    hours = _hours()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("agency") and not data.get("task") and data.get("hours") is None:
            return {}
        if not data.get("agency"):
            self.add_error("agency", _("Hãy ghi tên cơ quan."))
        if data.get("hours") is None:
            self.add_error("hours", _("Hãy ghi số giờ làm việc."))
        return data


StepFormSet = forms.formset_factory(StepForm, extra=3, max_num=60, validate_max=True)
AgencyStepFormSet = forms.formset_factory(AgencyStepForm, extra=2, max_num=20, validate_max=True)


class PublishForm(forms.Form):
    valid_from = forms.DateField(label=_("Hiệu lực từ ngày"), initial=timezone.localdate, widget=_DATE)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp danh mục (.jsonl, .json, .csv, .xlsx)"))
    publish = forms.BooleanField(label=_("Công bố ngay các thủ tục đọc được thời hạn"), required=False)
    valid_from = forms.DateField(
        label=_("Hiệu lực từ ngày (khi công bố ngay; để trống: hôm nay)"), required=False, widget=_DATE
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(IMPORT_SUFFIXES):
            raise forms.ValidationError(
                _("Tệp %(name)s: chỉ nhận tệp .jsonl, .json, .csv hoặc .xlsx."), params={"name": upload.name}
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Tệp %(name)s lớn hơn 20 MB; hãy chia nhỏ danh mục rồi nhập từng phần."),
                params={"name": upload.name},
            )
        return upload


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=100)
    signed_on = forms.DateField(label=_("Ngày ký"), widget=_DATE)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255)
    issuer_level = forms.ChoiceField(
        label=_("Cấp ban hành"), choices=IssuerLevel.choices, initial=IssuerLevel.PROVINCE
    )
    title = forms.CharField(label=_("Trích yếu"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    legal_effective_on = forms.DateField(
        label=_("Ngày hiệu lực muộn nhất của căn cứ pháp lý"), required=False, widget=_DATE
    )
    new = forms.CharField(
        label=_("Mã thủ tục mới ban hành"), required=False, widget=forms.Textarea(attrs=_TEXTAREA)
    )
    amended = forms.CharField(
        label=_("Mã thủ tục sửa đổi, bổ sung"), required=False, widget=forms.Textarea(attrs=_TEXTAREA)
    )
    replaced = forms.CharField(
        label=_("Mã thủ tục thay thế"), required=False, widget=forms.Textarea(attrs=_TEXTAREA)
    )
    abolished = forms.CharField(
        label=_("Mã thủ tục bãi bỏ"), required=False, widget=forms.Textarea(attrs=_TEXTAREA)
    )

    LISTS = ("new", "amended", "replaced", "abolished")

    def items(self) -> dict[str, list[str]]:
        return {change: split_codes(self.cleaned_data[change]) for change in self.LISTS}


class PublicationItemForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    made_public_at = forms.DateTimeField(
        label=_("Công khai lúc"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    legal_effective_on = forms.DateField(
        label=_("Ngày hiệu lực của căn cứ pháp lý"), required=False, widget=_DATE
    )


class OfferingsForm(forms.Form):
    codes = forms.CharField(
        label=_("Mã các thủ tục Bộ phận Một cửa tiếp nhận (mỗi dòng một mã, hoặc cách nhau bởi dấu phẩy)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )

    def clean_codes(self) -> list[str]:
        return split_codes(self.cleaned_data["codes"])


# -- parts of a draft: channels, fees, documents ----------------------------------------------------

_AMOUNT = re.compile(r"\d{1,3}(?:[.,]\d{3})+|\d+")  # "8.000", "8,000" or "8000": whole đồng


def amount_text(amount: Any) -> str:
    """An amount as an officer types it: thousands grouped with dots ("8.000")."""
    return "" if amount is None else f"{amount:,.0f}".replace(",", ".")


class _FreeSelect(forms.NullBooleanSelect):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices = [("true", _("miễn phí")), ("false", _("có thu")), ("unknown", _("chưa rõ"))]


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, min_value=0, max_value=999, widget=forms.NumberInput(attrs={"size": 3})
    )


class ChannelForm(forms.Form):
    """One way of submitting with its own time limit; a row left blank is ignored."""

    channel = forms.ChoiceField(label=_("Hình thức nộp"), choices=_blank(Channel.choices), required=False)
    time_limit_value = forms.DecimalField(
        label=_("Thời hạn"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=2,
        localize=True,
        widget=_DECIMAL,
    )
    time_limit_unit = forms.ChoiceField(
        label=_("Đơn vị thời hạn"), choices=_blank(LimitUnit.choices), required=False
    )
    time_limit_note = forms.CharField(label=_("Ghi chú thời hạn"), required=False)
    description = forms.CharField(label=_("Mô tả"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(name) not in (None, "") for name in self.fields if name != "DELETE"):
            return {}
        if not data.get("channel"):
            self.add_error("channel", _("Hãy chọn hình thức nộp."))
        value, unit = data.get("time_limit_value"), data.get("time_limit_unit")
        if value is not None and not unit:
            self.add_error("time_limit_unit", _("Hãy chọn đơn vị của thời hạn."))
        if unit and unit != LimitUnit.SAME_DAY and value is None:
            self.add_error("time_limit_value", _("Hãy ghi số ngày hoặc số giờ của thời hạn."))
        return data


class FeeForm(forms.Form):
    """One fee or charge. A new row left blank is ignored; an existing row stays (with its text) until
    it is ticked for removal; `keep_id` ties it to the imported text it came from."""

    keep_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    channel = forms.ChoiceField(
        label=_("Hình thức nộp"), choices=[("", _("mọi hình thức")), *Channel.choices], required=False
    )
    free = forms.NullBooleanField(label=_("Miễn phí?"), required=False, widget=_FreeSelect)
    amount = forms.CharField(
        label=_("Mức thu (đồng)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 10}),
    )
    per = forms.CharField(label=_("Đơn vị tính"), max_length=255, required=False)
    note = forms.CharField(label=_("Ghi chú, điều kiện"), required=False)

    def clean_amount(self) -> Decimal | None:
        text = re.sub(r"\s", "", self.cleaned_data["amount"])
        if not text:
            return None
        if not _AMOUNT.fullmatch(text) or len(re.sub(r"\D", "", text)) > 14:
            raise forms.ValidationError(_("Mức thu ghi bằng số đồng, ví dụ 8.000 hoặc 8000."))
        return Decimal(re.sub(r"\D", "", text))


class DocumentForm(forms.Form):
    """One required document; `keep_id` names the existing row whose form template stays with it."""

    keep_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    group = forms.CharField(label=_("Nhóm, trường hợp"), max_length=1000, required=False)
    name = forms.CharField(label=_("Tên giấy tờ"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    originals = _count(_("Bản chính"))
    certified_copies = _count(_("Bản sao chứng thực"))
    copies = _count(_("Bản sao"))
    reuse_source = forms.ChoiceField(label=_("Có thể lấy từ"), choices=ReuseSource.choices, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("keep_id") is None and not any(
            data.get(name) not in (None, "")
            for name in ("group", "name", "originals", "certified_copies", "copies")
        ):
            return {}
        if not (data.get("name") or "").strip():
            self.add_error("name", _("Hãy ghi tên giấy tờ."))
        return data


class _DocumentFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        rows = [f.cleaned_data for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        kept = [row["keep_id"] for row in rows if row.get("keep_id") is not None]
        if len(kept) != len(set(kept)):
            raise forms.ValidationError(_("Một thành phần hồ sơ xuất hiện hai lần; hãy tải lại trang."))


ChannelFormSet = forms.formset_factory(
    ChannelForm, extra=3, max_num=len(Channel.choices), validate_max=True, can_delete=True
)
FeeFormSet = forms.formset_factory(FeeForm, extra=2, max_num=30, validate_max=True, can_delete=True)
DocumentFormSet = forms.formset_factory(
    DocumentForm,
    formset=_DocumentFormSet,
    extra=3,
    max_num=200,
    validate_max=True,
    can_order=True,
    can_delete=True,
)


class TemplateUploadForm(forms.Form):
    """The type and size are the service's to check (common.uploads); this only wants a file."""

    file = forms.FileField(
        label=_("Tệp mẫu đơn, tờ khai"),
        error_messages={
            "required": _("Hãy chọn tệp mẫu đơn, tờ khai để tải lên."),
            "missing": _("Hãy chọn tệp mẫu đơn, tờ khai để tải lên."),
            "invalid": _("Không đọc được tệp đã gửi; hãy chọn lại tệp."),
            "empty": _("Tệp đã chọn rỗng; hãy chọn đúng tệp mẫu."),
        },
    )
