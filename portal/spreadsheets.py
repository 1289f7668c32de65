"""CSV downloads that Romanian and Hungarian Excel open as they are: UTF-8 with a byte-order mark, `;` separated."""

import csv

from django.http import HttpResponse

DELIMITER = ";"  # Excel in ro/hu locales splits columns on semicolons (the comma is the decimal separator)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """A text cell that a spreadsheet would run as a formula (=, +, -, @) is kept as text with a leading quote.

    Names come from citizens' profiles, so a name such as =HYPERLINK(...) must never become a live formula in a
    clerk's spreadsheet (OWASP "CSV injection"). Numbers are not text and pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, response):
        self._writer = csv.writer(response, delimiter=DELIMITER)

    def writerow(self, row):
        return self._writer.writerow([neutralised(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_download(filename):
    """An attachment response and a csv writer on it; write the rows, then return the response."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response, _SafeWriter(response)
