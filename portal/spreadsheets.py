"""CSV downloads that Romanian and Hungarian Excel open as they are: UTF-8 with a byte-order mark, `;` separated."""

import csv

from django.http import HttpResponse

DELIMITER = ";"  # Excel in ro/hu locales splits columns on semicolons (the comma is the decimal separator)


def csv_download(filename):
    """An attachment response and a csv writer on it; write the rows, then return the response."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response, csv.writer(response, delimiter=DELIMITER)
