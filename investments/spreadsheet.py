"""The register as a spreadsheet: the columns that export and import share, the CSV and XLSX writers, the check of
an uploaded file (sniffed, never trusted by its name) and the reading of its cells back into plain values.

The header row holds stable machine keys (`code`, `title_hu`, `stage_feasibility_planned`), not labels, so that a
file exported in Hungarian imports on a Romanian screen. The register's columns come first and are imported; the
computed columns after them (figures derived from the validated ledger) are exported for reading and ignored on
import."""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import magic
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.spreadsheets import DELIMITER, FORMULA_STARTS, neutralised
from services import officecheck
from services.documents import clean_name

from .models import Investment, Stage

CSV = "csv"
XLSX = "xlsx"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = officecheck.XLSX
MAX_BYTES = 5 * 1024 * 1024
SNIFF_BYTES = 2048
# What libmagic calls a CSV file: it only says text/csv when it recognises the separators of the first lines.
TEXT_TYPES = ("text/plain", "text/csv", "application/csv")

# Kinds of register cells: how a cell is read back and how a value is shown in the preview.
TEXT = "text"
DATE = "date"
COORDINATE = "coordinate"
DEPARTMENT = "department"
PERSON = "person"
PARENT = "parent"
# Kinds of computed cells.
LABEL = "label"
LEI = "lei"
PERCENT = "percent"


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    kind: str = TEXT
    required: bool = False
    computed: bool = False
    # The Stage.Kind of a stage's planned date column.
    stage: str = ""
    max_length: int | None = None


def _field(name: str, kind: str = TEXT, *, required: bool = False) -> Column:
    field = Investment._meta.get_field(name)
    return Column(
        key=name,
        label=field.verbose_name,
        kind=kind,
        required=required,
        max_length=getattr(field, "max_length", None) if kind == TEXT else None,
    )


def stage_key(kind: str) -> str:
    return f"stage_{kind}_planned"


REGISTER_COLUMNS: tuple[Column, ...] = (
    _field("code", required=True),
    _field("title", required=True),
    _field("title_hu"),
    _field("title_en"),
    _field("description"),
    _field("description_hu"),
    _field("description_en"),
    _field("department", DEPARTMENT, required=True),
    Column("responsible", _("person responsible (e-mail)"), PERSON),
    _field("address"),
    _field("latitude", COORDINATE),
    _field("longitude", COORDINATE),
    Column("parent", _("part of (code of the investment)"), PARENT),
    _field("council_decision"),
    _field("council_decision_date", DATE),
    _field("planned_start", DATE),
    _field("planned_end", DATE),
    *(
        Column(stage_key(kind), format_lazy(_("{stage}: planned date"), stage=label), DATE, stage=kind)
        for kind, label in Stage.Kind.choices
    ),
)

COMPUTED_COLUMNS: tuple[Column, ...] = tuple(
    Column(key, label, kind, computed=True)
    for key, label, kind in (
        ("current_stage", _("current stage"), LABEL),
        ("contracted", _("contracted, with VAT (lei)"), LEI),
        ("invoiced", _("invoiced (lei)"), LEI),
        ("paid", _("paid (lei)"), LEI),
        ("paid_percent", _("paid (% of contracted)"), PERCENT),
        ("claimed", _("claimed for reimbursement (lei)"), LEI),
        ("reimbursed", _("reimbursed (lei)"), LEI),
        ("reimbursed_percent", _("reimbursed (% of reimbursable)"), PERCENT),
        ("ineligible", _("ineligible (lei)"), LEI),
        ("awaiting_reimbursement", _("paid, not yet reimbursed (lei)"), LEI),
        ("awaiting_over_90_days", _("of which paid more than 90 days ago (lei)"), LEI),
        ("physical_percent", _("physical progress (%)"), PERCENT),
        ("physical_quarter", _("physical progress reported for"), LABEL),
    )
)

COLUMNS: tuple[Column, ...] = REGISTER_COLUMNS + COMPUTED_COLUMNS
BY_KEY: dict[str, Column] = {column.key: column for column in COLUMNS}
REQUIRED_KEYS = tuple(column.key for column in REGISTER_COLUMNS if column.required)


def label_of(key: str) -> str:
    column = BY_KEY.get(key)
    return str(column.label) if column else key


# --- export --------------------------------------------------------------------------------------------------------


def lei(bani: int | None) -> Decimal | None:
    """An amount in lei with its two decimals, as spreadsheets and the finance department read it."""
    return None if bani is None else Decimal(bani).scaleb(-2).quantize(Decimal("0.01"))


def _register_values(investment: Investment, planned: dict[str, datetime.date | None]) -> list:
    values = []
    for column in REGISTER_COLUMNS:
        if column.stage:
            values.append(planned.get(column.stage))
        elif column.kind == DEPARTMENT:
            values.append(investment.department.code)
        elif column.kind == PERSON:
            values.append(investment.responsible.email if investment.responsible_id else "")
        elif column.kind == PARENT:
            values.append(investment.parent.code if investment.parent_id else "")
        else:
            values.append(getattr(investment, column.key))
    return values


def _computed_values(figures) -> list:
    ledger = figures.ledger
    physical = figures.physical
    return [
        str(figures.current_stage_label or ""),
        lei(ledger.contracted),
        lei(ledger.invoiced),
        lei(ledger.paid),
        ledger.paid_percent,
        lei(ledger.claimed),
        lei(ledger.reimbursed),
        ledger.reimbursed_percent,
        lei(ledger.ineligible),
        lei(ledger.awaiting_reimbursement),
        lei(ledger.awaiting_over_watch_days),
        figures.physical_percent,
        gettext("Q%(quarter)s %(year)s") % {"quarter": physical.quarter, "year": physical.year} if physical else "",
    ]


def export_rows(rows: Iterable) -> list[list]:
    """One list of typed values (str, date, Decimal or None) per investment, in the order of COLUMNS, from the
    dashboard's rows (selectors.InvestmentFigures)."""
    return [
        _register_values(row.investment, {stage.kind: stage.planned for stage in row.stages}) + _computed_values(row)
        for row in rows
    ]


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")  # never 1E+2; a point as the separator, as the import reads it
    return neutralised(str(value))


def write_csv(stream, values: Sequence[Sequence]) -> None:
    """The header of keys and the rows, `;` separated (portal.spreadsheets), text that could run as a formula
    neutralised. The stream is expected to start with the byte-order mark (portal.spreadsheets.csv_download)."""
    writer = csv.writer(stream, delimiter=DELIMITER)
    writer.writerow([column.key for column in COLUMNS])
    for row in values:
        writer.writerow([_csv_cell(value) for value in row])


NUMBER_FORMATS = {LEI: "#,##0.00", PERCENT: "0.0", COORDINATE: "0.000000", DATE: "yyyy-mm-dd"}


def _xlsx_cell(value):
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return neutralised(value)
    return value


def render_xlsx(values: Sequence[Sequence]) -> bytes:
    """The register on a first sheet (keys as header, computed columns in grey, each header with its label as a
    note) and a "Read me" sheet, in the reader's language, saying which columns the import reads."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Investments"))[:31]
    grey = PatternFill("solid", fgColor="D9D9D9")
    sheet.append([column.key for column in COLUMNS])
    for cell, column in zip(sheet[1], COLUMNS, strict=True):
        cell.font = Font(bold=True, color="505A5F") if column.computed else Font(bold=True)
        cell.comment = Comment(str(column.label), "Ghișeul")
        if column.computed:
            cell.fill = grey
    for row in values:
        sheet.append([_xlsx_cell(value) for value in row])
    for index, column in enumerate(COLUMNS, start=1):
        number_format = NUMBER_FORMATS.get(column.kind)
        if not (number_format or column.computed):
            continue
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if number_format:
                cell.number_format = number_format
            if column.computed:
                cell.fill = grey
    sheet.freeze_panes = "B2"

    readme = workbook.create_sheet(str(_("Read me"))[:31])
    readme.append([str(_("How to use this file"))])
    readme["A1"].font = Font(bold=True)
    for line in (
        _("Change the white columns and bring the file back in through “Import from a spreadsheet”."),
        _("Keep the first row as it is: its names tell the import which column is which, in any language."),
        _("The grey columns are computed from the validated ledger: they are ignored on import."),
        _("Dates as 2025-03-31; a department by its code; the person responsible by their e-mail address."),
        _("A new code creates an investment; an existing code updates it. Rows are never deleted by an import."),
    ):
        readme.append([str(line)])
    readme.append([])
    readme.append([str(_("Column")), str(_("Meaning")), str(_("On import"))])
    for cell in readme[readme.max_row]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        readme.append(
            [column.key, str(column.label), str(_("ignored (computed)") if column.computed else _("imported"))]
        )
        if column.computed:
            for cell in readme[readme.max_row]:
                cell.fill = grey
    readme.column_dimensions["A"].width = 34
    readme.column_dimensions["B"].width = 60
    readme.column_dimensions["C"].width = 20

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- the uploaded file ---------------------------------------------------------------------------------------------


def check_file(upload) -> str:
    """CSV or XLSX, from the content and not only the name; a ValidationError in the reader's language otherwise."""
    name = clean_name(upload.name or "")
    extension = os.path.splitext(name)[1].lower()
    params = {"name": name}
    if not upload.size:
        raise ValidationError(_("“%(name)s” is empty."), code="empty", params=params)
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than %(limit)s, the most a file may have."),
            code="too_large",
            params={**params, "limit": filesizeformat(MAX_BYTES)},
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    if head.startswith(officecheck.ZIP_SIGNATURE):
        try:
            officecheck.check_name(name)
            office_type = officecheck.inspect(upload)
        except officecheck.Refused:
            raise ValidationError(
                _(
                    "“%(name)s” cannot be read safely (it is damaged, protected by a password, or holds macros or "
                    "other files): save it again as an ordinary XLSX workbook."
                ),
                code="office_refused",
                params=params,
            ) from None
        finally:
            upload.seek(0)
        if office_type == officecheck.XLSX and extension == ".xlsx":
            return XLSX
    elif magic.from_buffer(head, mime=True) in TEXT_TYPES and extension == ".csv":
        return CSV
    raise ValidationError(
        _("“%(name)s” is not a spreadsheet the import reads: upload a CSV file (UTF-8) or an XLSX workbook."),
        code="type",
        params=params,
    )


@dataclass(frozen=True)
class Table:
    """The cells of the first sheet: the header's keys and the data rows with their spreadsheet line (header = 1)."""

    header: list[str]
    rows: list[tuple[int, list]]


class Unreadable(Exception):
    """The file passed the type check but its content cannot be read as a table."""


def read_table(content: bytes, kind: str) -> Table:
    raw = _xlsx_rows(content) if kind == XLSX else _csv_rows(content)
    if not raw:
        return Table([], [])
    header = [_header_key(cell) for cell in raw[0]]
    while header and not header[-1]:
        header.pop()
    rows = [
        (line, list(cells))
        for line, cells in enumerate(raw[1:], start=2)
        if any(cell not in (None, "") and str(cell).strip() for cell in cells)
    ]
    return Table(header, rows)


def _header_key(cell) -> str:
    return "" if cell is None else str(cell).strip().lstrip("\ufeff").lower()


def _csv_rows(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable(
            gettext("The file is not UTF-8 text: save it again as “CSV UTF-8” and upload it once more.")
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = max((DELIMITER, ",", "\t"), key=first.count)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _xlsx_rows(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (KeyError, InvalidFileException, zip errors) on a broken file
        raise Unreadable(gettext("The workbook cannot be opened: save it again as XLSX.")) from None
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


# --- reading cells -------------------------------------------------------------------------------------------------


class CellError(ValueError):
    """A cell that cannot be read as its column's kind; the message is translated, for the preview."""


def text(value) -> str:
    """A cell's text: stripped, a formula neutralised on export ('=…) given back as it was, numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    result = str(value).replace("\r\n", "\n").strip()
    if result.startswith("'") and result[1:].startswith(FORMULA_STARTS):
        result = result[1:]
    return result


_ROMANIAN_DATE = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")


def date(value) -> datetime.date | None:
    """ISO dates, and the dd.mm.yyyy that Excel writes back on a Romanian or Hungarian computer."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = text(value)
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        pass
    match = _ROMANIAN_DATE.fullmatch(raw)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            pass
    raise CellError(gettext("“%(value)s” is not a date: write it as 2025-03-31.") % {"value": raw})


_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


def coordinate(value, *, limit: int) -> Decimal | None:
    """A latitude (limit 90) or longitude (limit 180) in decimal degrees, six decimals."""
    if isinstance(value, bool):
        raise CellError(gettext("“%(value)s” is not a number.") % {"value": value})
    if isinstance(value, (int, float, Decimal)):
        raw = str(value)
    else:
        raw = text(value)
        if not raw:
            return None
        if not _NUMBER.fullmatch(raw):
            raise CellError(gettext("“%(value)s” is not a number.") % {"value": raw})
        raw = raw.replace(",", ".")
    try:
        number = Decimal(raw).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise CellError(gettext("“%(value)s” is not a number.") % {"value": raw}) from None
    if not -limit <= number <= limit:
        raise CellError(
            gettext("%(value)s is out of range: it lies between -%(limit)s and %(limit)s.")
            % {"value": raw, "limit": limit}
        )
    return number


def shown(value) -> str:
    """A register value as the preview shows it (old → new)."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
