"""Importing the portal's 588 commune-level procedures: parsed where exact, reported where not, and a
re-import changes nothing."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from motcua.catalog.enums import VersionStatus
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.services import version_update
from motcua.catalog.services.importing import COLUMNS, catalog_import, read_rows
from motcua.common.errors import ApplicationError
from motcua.common.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_import_all_then_reimport_changes_nothing(seed_rows: list[dict[str, Any]]) -> None:
    first = catalog_import(actor=None, rows=seed_rows, publish=True)
    assert (first.created, first.updated, first.unchanged) == (588, 0, 0)
    assert Procedure.objects.count() == 588
    # every version without a parsed time limit stays a draft, and says why
    drafts = ProcedureVersion.objects.filter(status=VersionStatus.DRAFT)
    assert first.published + drafts.count() == 588
    assert {item["code"] for item in first.not_published} == set(
        drafts.values_list("procedure__code", flat=True)
    )
    for version in drafts:
        assert version.time_limit_unit == ""
        assert any(p["kind"] in {"time_limit", "channels"} for p in version.import_problems)
    # the summary names every unparsed field by kind, and each procedure keeps its own list
    by_kind = first.unparsed_by_kind()
    assert set(by_kind) <= {"channels", "time_limit", "fee", "documents", "legal_basis", "results"}
    assert sum(by_kind.values()) == sum(len(v.import_problems) for v in ProcedureVersion.objects.all())

    events = AuditEvent.objects.count()
    versions = list(ProcedureVersion.objects.order_by("pk").values_list("pk", "updated_at"))
    again = catalog_import(actor=None, rows=seed_rows, publish=True)
    assert (again.created, again.updated, again.unchanged, again.published) == (0, 0, 588, 0)
    assert again.unparsed_by_kind() == by_kind
    assert AuditEvent.objects.count() == events
    assert list(ProcedureVersion.objects.order_by("pk").values_list("pk", "updated_at")) == versions


def test_no_guessed_values(seed_rows: list[dict[str, Any]]) -> None:
    # "Trực tuyến120 VNĐ(20.000 đ/tờ khai)": a unit-less time runs into the fee: neither is guessed
    row = next(r for r in seed_rows if "Trực tuyến120 VNĐ" in r["cach_thuc_thuc_hien"])
    catalog_import(actor=None, rows=[row])
    version = ProcedureVersion.objects.get(procedure__code=row["ma_thu_tuc"])
    online = version.channels.get(channel="online")
    assert online.time_limit_value is None
    assert online.time_limit_unit == ""
    assert online.time_limit_raw != ""
    kinds = {(p["kind"], p["channel"]) for p in version.import_problems}
    assert ("time_limit", "online") in kinds
    assert ("fee", "online") in kinds
    assert all(f.amount is None for f in version.fees.filter(channel__in=["", "online"]))


def test_show_prints_the_parsed_version(
    seed_rows: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    row = next(r for r in seed_rows if r["ma_thu_tuc"] == "1.013227")
    catalog_import(actor=None, rows=[row], publish=True)
    call_command("catalog", "show", "1.013227", "--json")
    shown = json.loads(capsys.readouterr().out)
    assert shown["time_limit"] == {"value": 5, "unit": "working_days", "raw": "5 Ngày làm việc", "note": ""}
    assert [c["channel"] for c in shown["channels"]] == ["counter", "online", "post"]
    # "Miễn phí(Theo quy định của Hội đồng nhân dân cấp tỉnh)": the council sets the rate, so not "free"
    assert [(f["channel"], f["free"], f["amount"]) for f in shown["fees"]] == [(None, None, None)]
    assert shown["fees"][0]["note"] == "Theo quy định của Hội đồng nhân dân cấp tỉnh"
    assert [p["kind"] for p in shown["unparsed"]] == ["fee", "fee", "fee"]
    assert shown["online_level"] is None  # the portal does not say full-process or partial
    assert shown["status"] == "published"
    assert shown["raw"]["cach_thuc_thuc_hien"] == row["cach_thuc_thuc_hien"]


def test_changed_source_becomes_a_new_draft_and_a_hand_edited_draft_is_kept(
    seed_rows: list[dict[str, Any]],
) -> None:
    row = dict(next(r for r in seed_rows if r["ma_thu_tuc"] == "1.013227"))
    catalog_import(actor=None, rows=[row], publish=True)
    changed = {
        **row,
        "cach_thuc_thuc_hien": row["cach_thuc_thuc_hien"].replace("5 Ngày làm việc", "3 Ngày làm việc"),
    }
    summary = catalog_import(actor=None, rows=[changed])
    assert (summary.created, summary.updated) == (0, 1)
    v1, v2 = ProcedureVersion.objects.filter(procedure__code="1.013227").order_by("number")
    assert (v1.status, v1.time_limit_value, v2.status, v2.time_limit_value) == ("published", 5, "draft", 3)
    # the same change again: unchanged; a further change refreshes the import's own draft
    assert catalog_import(actor=None, rows=[changed]).unchanged == 1
    changed_twice = {**changed, "ten_thu_tuc": row["ten_thu_tuc"] + " (sửa đổi)"}
    assert catalog_import(actor=None, rows=[changed_twice]).updated == 1
    assert ProcedureVersion.objects.filter(procedure__code="1.013227").count() == 2
    # an officer edits the draft: the next import keeps it and says so
    version_update(
        actor=None, version=ProcedureVersion.objects.get(procedure__code="1.013227", number=2), conditions="x"
    )
    third = {**changed_twice, "yeu_cau_dieu_kien": "khác"}
    summary = catalog_import(actor=None, rows=[third])
    assert (summary.updated, summary.conflicts) == (0, ["1.013227"])
    assert ProcedureVersion.objects.get(procedure__code="1.013227", number=2).conditions == "x"


def _table(rows: list[dict[str, Any]]) -> list[list[str]]:
    return [list(COLUMNS)] + [[str(r.get(c, "")) for c in COLUMNS] for r in rows]


def test_csv_and_xlsx_with_the_same_columns(seed_rows: list[dict[str, Any]]) -> None:
    rows = seed_rows[:5]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(_table(rows))
    from_csv = read_rows("danh-muc.csv", buffer.getvalue().encode("utf-8-sig"))
    book = Workbook()
    for line in _table(rows):
        book.active.append(line)
    data = io.BytesIO()
    book.save(data)
    from_xlsx = read_rows("danh-muc.xlsx", data.getvalue())
    assert from_csv == from_xlsx
    assert [r["ma_thu_tuc"] for r in from_csv] == [r["ma_thu_tuc"] for r in rows]
    summary = catalog_import(actor=None, rows=from_xlsx)
    assert summary.created == 5
    version = ProcedureVersion.objects.get(procedure__code=rows[0]["ma_thu_tuc"])
    assert version.source_raw["cach_thuc_thuc_hien"] == rows[0]["cach_thuc_thuc_hien"]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("danh-muc.txt", b"x", "catalog_file_type"),
        ("danh-muc.jsonl", b'{"ma_thu_tuc": "1"}\n{broken', "catalog_file_invalid"),
        ("danh-muc.json", b'{"not": "a list"}', "catalog_file_invalid"),
        ("danh-muc.xlsx", b"not a workbook", "catalog_file_invalid"),
        ("danh-muc.csv", b"\xff\xfe\x00bad", "catalog_file_invalid"),
    ],
)
def test_bad_files_are_refused_before_anything_is_written(name: str, data: bytes, code: str) -> None:
    with pytest.raises(ApplicationError) as refused:
        read_rows(name, data)
    assert refused.value.code == code
    assert Procedure.objects.count() == 0


def test_rows_without_code_or_name_are_skipped_and_named() -> None:
    summary = catalog_import(actor=None, rows=[{"ten_thu_tuc": "Không mã"}, {"ma_thu_tuc": "9.999999"}])
    assert summary.skipped == [
        {"row": "1", "reason": "thiếu mã thủ tục (ma_thu_tuc)"},
        {"row": "2", "reason": "9.999999: thiếu tên thủ tục"},
    ]
    assert Procedure.objects.count() == 0


def test_cli_import_summary(
    seed_rows: list[dict[str, Any]], tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mau.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in seed_rows[:20]), encoding="utf-8")
    call_command("catalog", "import", str(path), "--json")
    summary = json.loads(capsys.readouterr().out)
    assert (summary["created"], summary["updated"], summary["unchanged"]) == (20, 0, 0)
    assert summary["procedures_with_unparsed"] == len(summary["unparsed"])
    call_command("catalog", "import", str(path))
    out = capsys.readouterr().out
    assert out.startswith("Tạo mới 0, cập nhật 0, không đổi 20")


def _birth_like(seed_rows: list[dict[str, Any]]) -> dict[str, Any]:
    return dict(next(r for r in seed_rows if r["ma_thu_tuc"] == "1.013227"))


def test_crawl_metadata_and_whitespace_do_not_make_a_new_version(seed_rows: list[dict[str, Any]]) -> None:
    row = _birth_like(seed_rows)
    catalog_import(actor=None, rows=[row], publish=True)
    moved = {
        **row,
        "bo_nganh_thu_muc": "khac",
        "detail_url": "https://example.org/x",
        "ten_thu_tuc": row["ten_thu_tuc"] + "  ",
    }
    again = catalog_import(actor=None, rows=[moved], publish=True)
    assert (again.unchanged, again.updated) == (1, 0)
    assert ProcedureVersion.objects.filter(procedure__code="1.013227").count() == 1


def test_a_source_that_goes_back_refreshes_the_pending_draft(seed_rows: list[dict[str, Any]]) -> None:
    row = _birth_like(seed_rows)
    catalog_import(actor=None, rows=[row], publish=True)
    changed = {**row, "yeu_cau_dieu_kien": "Điều kiện mới"}
    catalog_import(actor=None, rows=[changed])
    back = catalog_import(actor=None, rows=[row])
    assert back.updated == 1  # the draft of the change is brought back in line with the source
    draft = ProcedureVersion.objects.get(procedure__code="1.013227", status="draft")
    assert draft.conditions == ProcedureVersion.objects.get(procedure__code="1.013227", number=1).conditions


def test_a_time_limit_too_large_is_reported_and_the_others_go_on(seed_rows: list[dict[str, Any]]) -> None:
    row = _birth_like(seed_rows)
    huge = {
        **row,
        "ma_thu_tuc": "9.000001",
        "cach_thuc_thuc_hien": row["cach_thuc_thuc_hien"].replace("5 Ngày", "10000 Ngày"),
    }
    summary = catalog_import(actor=None, rows=[huge, row])
    assert summary.created == 2
    version = ProcedureVersion.objects.get(procedure__code="9.000001")
    assert version.time_limit_unit == ""
    assert {p["reason"] for p in version.import_problems if p["kind"] == "time_limit"} == {
        "số quá lớn để là một thời hạn"
    }


def test_channels_that_disagree_give_no_version_limit(seed_rows: list[dict[str, Any]]) -> None:
    row = _birth_like(seed_rows)
    text = row["cach_thuc_thuc_hien"]
    online_first = text.index("Trực tuyến5 Ngày làm việc")
    mixed = {
        **row,
        "cach_thuc_thuc_hien": text[:online_first]
        + text[online_first:].replace("5 Ngày làm việc", "3 Ngày làm việc", 1),
    }
    catalog_import(actor=None, rows=[mixed])
    version = ProcedureVersion.objects.get(procedure__code="1.013227")
    assert sorted(version.channels.values_list("channel", "time_limit_value")) == [
        ("counter", 5),
        ("online", 3),
        ("post", 5),
    ]
    assert (version.time_limit_value, version.time_limit_unit) == (None, "")
    assert [p["reason"] for p in version.import_problems if p["kind"] == "time_limit"] == [
        "các hình thức nộp ghi thời hạn khác nhau: cần chọn thời hạn chung"
    ]
    # each channel has its own limit: a dossier takes its channel's, so the version can be published
    from motcua.catalog.services import version_publish

    assert version_publish(actor=None, version=version).status == "published"
    no_channels = {**row, "ma_thu_tuc": "9.000002", "cach_thuc_thuc_hien": "Không có thông tin"}
    catalog_import(actor=None, rows=[no_channels])
    assert ProcedureVersion.objects.get(procedure__code="9.000002").online_level == ""


def test_a_corrected_live_version_is_not_replaced_by_a_publishing_import(
    seed_rows: list[dict[str, Any]],
) -> None:
    from decimal import Decimal

    from motcua.catalog.services import StepInput, version_draft_create, version_process_set, version_publish

    row = _birth_like(seed_rows)
    catalog_import(actor=None, rows=[row], publish=True)
    procedure = Procedure.objects.get(code="1.013227")
    draft = version_draft_create(actor=None, procedure=procedure)
    version_process_set(
        actor=None,
        version=draft,
        steps=[
            StepInput("Tiếp nhận", "one_stop", Decimal(4)),
            StepInput("Giải quyết", "specialist", Decimal(36)),
        ],
    )
    import datetime as dt

    version_publish(actor=None, version=draft, valid_from=dt.date(2099, 1, 1))
    changed = {**row, "yeu_cau_dieu_kien": "Điều kiện mới"}
    summary = catalog_import(actor=None, rows=[changed], publish=True)
    assert summary.published == 0
    assert summary.not_published == [
        {
            "code": "1.013227",
            "reason": "phiên bản đã công bố có nội dung do cán bộ sửa: bản nháp mới cần được xem lại",
        }
    ]
    new = ProcedureVersion.objects.get(procedure__code="1.013227", number=3)
    assert (new.status, new.conditions) == ("draft", "Điều kiện mới")
    assert list(new.steps.values_list("name", "hours")) == [("Tiếp nhận", 4), ("Giải quyết", 36)]  # kept


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_export_in_the_portal_columns_then_import_elsewhere_gives_the_same_versions(
    seed_rows: list[dict[str, Any]], tmp_path: Any, suffix: str
) -> None:
    from motcua.catalog.selectors import version_data, versions_with_parts

    catalog_import(actor=None, rows=seed_rows[:40], publish=True)

    def parsed() -> dict[str, dict[str, Any]]:
        keep = (
            "time_limit",
            "channels",
            "fees",
            "documents",
            "legal_basis",
            "results",
            "applicants",
            "unparsed",
        )
        return {
            v.procedure.code: {k: version_data(v)[k] for k in keep}
            for v in versions_with_parts().filter(status__in=["published", "draft"])
        }

    before = parsed()
    path = tmp_path / f"danh-muc{suffix}"
    call_command("catalog", "export", str(path), "--on", "2099-01-01")
    exported = read_rows(path.name, path.read_bytes())
    published = ProcedureVersion.objects.filter(status="published").count()
    assert len(exported) == published  # what is in force: drafts are not exported
    ProcedureVersion.objects.all().delete()
    Procedure.objects.all().delete()
    catalog_import(actor=None, rows=exported, publish=True)
    after = parsed()
    assert after == {code: value for code, value in before.items() if code in after}
    assert len(after) == published


def test_a_code_that_is_one_of_the_catalogues_pages_is_skipped(seed_rows: list[dict[str, Any]]) -> None:
    row = {**seed_rows[0], "ma_thu_tuc": "export.xlsx"}
    summary = catalog_import(actor=None, rows=[row])
    assert summary.skipped == [
        {
            "row": "1",
            "reason": "export.xlsx: Mã thủ tục không được bắt đầu bằng “export”: đó là một trang của danh mục.",
        }
    ]
    assert Procedure.objects.count() == 0
