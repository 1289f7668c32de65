"""The register's CSV and XLSX exports: only what the reader may see, the dashboard's filters, machine keys as the
header, amounts in lei, ISO dates, and no live formula from a typed title."""

import datetime
from decimal import Decimal

import pytest

from investments import spreadsheet
from tests.factories import StaffFactory
from tests.investments.import_helpers import (  # noqa: F401 (the fixtures)
    EXPORT_CSV,
    EXPORT_XLSX,
    FORMULA_TITLE,
    _english_pages,
    codes,
    csv_rows,
    register_fixture,
    xlsx_rows,
    xlsx_sheet,
)

pytestmark = pytest.mark.django_db
# Session, user, permissions (own and groups), memberships, the investments with their department, person and
# parent, one query per prefetched relation (stages, contracts, amendments, funding, ledger, progress, children),
# the pending entries and reports, and the sub-objects' own figures once more: never per investment.
EXPORT_QUERIES = 22


def test_the_csv_holds_the_investments_of_the_readers_departments_only(client, clerk, register):
    client.force_login(clerk)
    response = client.get(EXPORT_CSV)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="investitii-')
    assert codes(csv_rows(response.content)) == ["INV-SCOALA", "INV-STRADA"]


def test_a_clerk_of_another_department_gets_none_of_them(client, other_department_clerk, register):
    client.force_login(other_department_clerk)
    assert codes(csv_rows(client.get(EXPORT_CSV).content)) == ["TAX-SEDIU"]
    assert codes(xlsx_rows(client.get(EXPORT_XLSX).content)) == ["TAX-SEDIU"]


def test_the_xlsx_holds_the_investments_of_the_readers_departments_only(client, clerk, register):
    client.force_login(clerk)
    response = client.get(EXPORT_XLSX)
    assert response["Content-Type"] == spreadsheet.XLSX_CONTENT_TYPE
    assert codes(xlsx_rows(response.content)) == ["INV-SCOALA", "INV-STRADA"]


def test_the_exports_hold_the_rows_the_dashboard_filters_keep(client, clerk, register):
    client.force_login(clerk)
    assert codes(csv_rows(client.get(EXPORT_CSV, {"q": "strada"}).content)) == ["INV-STRADA"]
    assert codes(xlsx_rows(client.get(EXPORT_XLSX, {"q": "strada"}).content)) == ["INV-STRADA"]


def test_staff_outside_every_department_may_not_export(client, citizen, register):
    client.force_login(StaffFactory())
    response = client.get(EXPORT_CSV)
    assert response.status_code == 403, (response.status_code, response.get("Location"))
    assert client.get(EXPORT_XLSX).status_code == 403
    client.force_login(citizen)
    assert client.get(EXPORT_CSV).status_code == 403


def test_the_header_holds_the_column_keys_and_the_rows_lei_and_iso_dates(client, clerk, head, register):
    client.force_login(clerk)
    content = client.get(EXPORT_CSV).content
    header = content.decode("utf-8-sig").splitlines()[0].split(";")
    assert header == [column.key for column in spreadsheet.COLUMNS]
    assert "stage_feasibility_planned" in header
    street = {row["code"]: row for row in csv_rows(content)}["INV-STRADA"]
    assert street["department"] == "urbanism"
    assert street["responsible"] == head.email
    assert street["latitude"] == "46.770439"
    assert street["planned_start"] == "2025-06-01"
    assert street["stage_feasibility_planned"] == "2025-09-30"
    assert street["contracted"] == "119000.00"
    assert street["paid"] == "1234.56"
    assert street["paid_percent"] == "1.0"


def test_a_title_typed_as_a_formula_stays_text_in_both_files(client, clerk, register):
    client.force_login(clerk)
    school = {row["code"]: row for row in csv_rows(client.get(EXPORT_CSV).content)}["INV-SCOALA"]
    assert school["title"] == "'" + FORMULA_TITLE
    assert school["parent"] == "INV-STRADA"

    sheet = xlsx_sheet(client.get(EXPORT_XLSX).content)
    title = sheet.cell(row=2, column=2)
    assert title.value == "'" + FORMULA_TITLE
    assert title.data_type == "s"


def test_the_xlsx_keeps_numbers_and_dates_as_such_and_greys_the_computed_columns(client, clerk, register):
    client.force_login(clerk)
    content = client.get(EXPORT_XLSX).content
    sheet = xlsx_sheet(content)
    header = [cell.value for cell in sheet[1]]
    street = dict(zip(header, sheet[3], strict=True))
    assert street["code"].value == "INV-STRADA"
    assert street["paid"].value == pytest.approx(1234.56)
    assert street["paid"].number_format == "#,##0.00"
    assert street["planned_start"].value == datetime.datetime(2025, 6, 1)
    assert Decimal(str(street["latitude"].value)) == Decimal("46.770439")
    assert street["paid"].fill.fgColor.rgb.endswith("D9D9D9")
    assert street["title"].fill.fgColor.rgb in (None, "00000000")
    assert sheet.cell(row=1, column=1).comment.text == "code"


def test_the_xlsx_says_in_the_readers_language_which_columns_the_import_ignores(client, clerk, register):
    client.force_login(clerk)
    readme = xlsx_sheet(client.get(EXPORT_XLSX).content, index=1)
    assert readme.title == "Read me"
    rows = {row[0]: row for row in readme.iter_rows(values_only=True) if row and row[0]}
    assert rows["paid"][2] == "ignored (computed)"
    assert rows["title_hu"][2] == "imported"
    assert any("grey columns" in (row[0] or "") for row in readme.iter_rows(values_only=True))


def test_the_exports_read_the_register_in_a_fixed_number_of_queries(
    client, clerk, register, django_assert_max_num_queries
):
    client.force_login(clerk)
    client.get(EXPORT_CSV)  # warm the session and the TOTP cache as any earlier page would
    with django_assert_max_num_queries(EXPORT_QUERIES):
        client.get(EXPORT_CSV)
    with django_assert_max_num_queries(EXPORT_QUERIES):
        client.get(EXPORT_XLSX)
