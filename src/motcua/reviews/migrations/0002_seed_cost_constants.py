"""The first cost constants, each with its source: the value of one hour of a person's time (an estimate
to verify) and the 10 % reduction target of the 2024 plan (task 8)."""

import datetime as dt
from decimal import Decimal

from django.db import migrations

CONSTANTS = [
    {
        "code": "hour_value",
        "value": Decimal("43750"),
        "measure": "đồng/giờ",
        "valid_from": dt.date(2024, 1, 1),
        "source": (
            "ƯỚC TÍNH, CẦN KIỂM CHỨNG trước khi dùng trong báo cáo chính thức. "
            "Cách tính: thu nhập bình quân tháng của lao động có việc làm năm 2024 khoảng 7.700.000 đồng "
            "(Tổng cục Thống kê, thông cáo tình hình lao động, việc làm quý IV và năm 2024; cần đối chiếu "
            "với văn bản gốc) ÷ (22 ngày làm việc × 8 giờ) = 7.700.000 ÷ 176 = 43.750 đồng/giờ. "
            "Thông tư 02/2017/TT-VPCP Điều 27: không tính chi phí cơ hội; các nguồn khác nhau thì lấy mức "
            "trung bình thấp."
        ),
    },
    {
        "code": "reduction_target",
        "value": Decimal("10"),
        "measure": "%",
        "valid_from": dt.date(2024, 1, 1),
        "source": (
            "Kế hoạch hoạt động kiểm soát TTHC năm 2024 của huyện Ba Tơ (Quyết định 486/QĐ-UBND ngày "
            "26/02/2024), nhiệm vụ 8: cắt giảm tối thiểu 10 % chi phí tuân thủ TTHC. Cập nhật theo kế "
            "hoạch của tỉnh từng năm."
        ),
    },
]


def seed(apps, schema_editor):
    CostConstant = apps.get_model("reviews", "CostConstant")
    for values in CONSTANTS:
        CostConstant.objects.get_or_create(
            code=values["code"], valid_from=values["valid_from"], defaults=values
        )


def unseed(apps, schema_editor):
    CostConstant = apps.get_model("reviews", "CostConstant")
    for values in CONSTANTS:
        CostConstant.objects.filter(code=values["code"], valid_from=values["valid_from"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
