"""CSV downloads never carry a live spreadsheet formula from user-supplied text."""

import pytest

from portal.spreadsheets import csv_download, neutralised


@pytest.mark.parametrize(
    "value", ['=HYPERLINK("http://evil.example","Click")', "+40 266 123 456", "-1", "@SUM(A1)", "\t=1"]
)
def test_text_that_a_spreadsheet_would_compute_is_kept_as_text(value):
    assert neutralised(value) == "'" + value


@pytest.mark.parametrize("value", ["Ana Popescu", "PMX-2026-000001", 3, -2, 12.5, ""])
def test_ordinary_text_and_numbers_pass_unchanged(value):
    assert neutralised(value) == value


def test_the_download_writes_neutralised_rows_after_the_byte_order_mark():
    response, writer = csv_download("dosare.csv")
    writer.writerow(["=cmd|' /C calc'!A0", "Ion"])
    assert response.content.decode("utf-8") == "\ufeff'=cmd|' /C calc'!A0;Ion\r\n"
    assert response["Content-Disposition"] == 'attachment; filename="dosare.csv"'
