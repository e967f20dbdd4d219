"""The default deadline rule sets of shared/domain/deadlines.md, one per legal regime (D9).

Both carry the same parameters today (15:00 cut-off, supplement restarts the limit, 8 hours a day);
they are separate rows so that a dossier received under Decree 61/2018 keeps its rule set when the
2025 regime's parameters change.
"""

import datetime as dt

from django.db import migrations

RULE_SETS = [
    {
        "code": "nd61-2018",
        "name": "Nghị định 61/2018/NĐ-CP (mặc định của motcua)",
        "valid_from": dt.date(2018, 6, 21),
        "valid_to": dt.date(2025, 6, 30),
        "legal_basis": "Nghị định 61/2018/NĐ-CP; Nghị định 107/2021/NĐ-CP; Bộ luật Dân sự 2015 Điều 147–148",
    },
    {
        "code": "nd118-2025",
        "name": "Nghị định 118/2025/NĐ-CP (mặc định của motcua)",
        "valid_from": dt.date(2025, 7, 1),
        "valid_to": None,
        "legal_basis": "Nghị định 118/2025/NĐ-CP; Bộ luật Dân sự 2015 Điều 147–148",
    },
]


def forwards(apps, schema_editor):
    DeadlineRuleSet = apps.get_model("calendars", "DeadlineRuleSet")
    for values in RULE_SETS:
        DeadlineRuleSet.objects.get_or_create(
            code=values["code"],
            defaults={**values, "cutoff": dt.time(15, 0), "supplement_policy": "restart", "hours_per_day": 8},
        )


def backwards(apps, schema_editor):
    apps.get_model("calendars", "DeadlineRuleSet").objects.filter(code__in=[r["code"] for r in RULE_SETS]).delete()


class Migration(migrations.Migration):
    dependencies = [("calendars", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
