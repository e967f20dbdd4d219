"""The review workbench in the browser: the office reads the demo campaign's reduction against the target,
and the justice office's head opens a record of his unit."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_reviews(demo_units, demo_accounts):  # type: ignore[no-untyped-def]
    from motcua.catalog.demo import load_demo_catalog
    from motcua.reviews.demo import load_demo_reviews

    load_demo_catalog()
    load_demo_reviews(units=demo_units)


def test_the_office_reads_the_reduction_against_the_target(page, live_server, sign_in, demo_reviews):  # type: ignore[no-untyped-def]
    sign_in("vanphong")
    page.get_by_role("link", name="Rà soát", exact=True).click()
    page.get_by_role("link", name="Rà soát, đánh giá TTHC lĩnh vực tư pháp năm 2024").click()
    expect(page.locator("#total-reduction")).to_have_text("52,76 %")
    expect(page.locator("main")).to_contain_text("đạt chỉ tiêu")
    expect(page.locator("figure.chart").first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải XLSX").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in("tuphap.truongphong")
    page.get_by_role("link", name="Rà soát", exact=True).click()
    page.get_by_role("link", name="Rà soát, đánh giá TTHC lĩnh vực tư pháp năm 2024").click()
    expect(page.locator("main")).to_contain_text("Chứng thực bản sao từ bản chính")
