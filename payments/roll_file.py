"""Reading the tax roll's CSV export: the encoding (UTF-8, or Windows-1250 as Romanian tax systems export it), the
delimiter, the Romanian or English headers, and each row's values checked, with the file's line number for every
error. `payments.taxroll` writes what this reads."""

from __future__ import annotations

import codecs
import csv
import functools
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.identifiers import is_valid_cnp, is_valid_cui
from portal.money import parse_lei

from . import taxrules
from .models import Obligation, Taxpayer

__all__ = ["MAX_ERRORS", "ImportResult", "Row", "RowError", "bani", "fingerprint", "raw_bytes", "read_rows"]

MAX_ERRORS = 200
_READ = 1 << 16

# The column, and the headers it goes by (English, then the Romanian export's).
COLUMNS = {
    "role_number": ("role_number", "rol", "rol_fiscal"),
    "identifier": ("identifier", "cnp_cui", "cnp", "cui"),
    "name": ("name", "nume"),
    "address": ("address", "adresa"),
    "access_code": ("access_code", "cod_acces"),
    "kind": ("kind", "tip"),
    "fiscal_year": ("fiscal_year", "an"),
    "reference": ("reference", "referinta"),
    "amount": ("amount", "suma"),
    "paid": ("paid", "platit"),
    "due": ("due", "scadenta"),
}
REQUIRED = ("role_number", "identifier", "name", "kind", "fiscal_year", "amount")

KIND_WORDS = {
    "building": "building",
    "land": "land",
    "vehicle": "vehicle",
    "fee": "fee",
    "fine": "fine",
    "other": "other",
    "cladire": "building",
    "cladiri": "building",
    "teren": "land",
    "terenuri": "land",
    "auto": "vehicle",
    "mijloc de transport": "vehicle",
    "taxa": "fee",
    "amenda": "fine",
    "alta": "other",
    "alte": "other",
}


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass
class ImportResult:
    file_name: str = ""
    encoding: str = "utf-8"
    sha256: str = ""
    dry_run: bool = False
    rows: int = 0
    taxpayers_created: int = 0
    taxpayers_updated: int = 0
    taxpayers_unchanged: int = 0
    obligations_created: int = 0
    obligations_updated: int = 0
    obligations_unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0

    @property
    def ok(self) -> bool:
        return not self.error_count

    @property
    def errors_left_out(self) -> int:
        return self.error_count - len(self.errors)

    @property
    def decoded_as_cp1250(self) -> bool:
        return self.encoding == "cp1250"

    def counts(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "taxpayers_created": self.taxpayers_created,
            "taxpayers_updated": self.taxpayers_updated,
            "taxpayers_unchanged": self.taxpayers_unchanged,
            "obligations_created": self.obligations_created,
            "obligations_updated": self.obligations_updated,
            "obligations_unchanged": self.obligations_unchanged,
        }

    def error(self, line: int, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(line, message))


class Row:
    """One valid line of the file, as the import needs it."""

    __slots__ = (
        "access_code",
        "address",
        "amount",
        "due",
        "fiscal_year",
        "identifier",
        "kind",
        "line",
        "name",
        "paid",
        "reference",
        "role_number",
    )

    def __init__(self, **values):
        for key, value in values.items():
            setattr(self, key, value)

    @property
    def source_key(self) -> str:
        return f"{self.role_number}:{self.kind}:{self.fiscal_year}:{self.reference}"


class _Invalid(ValueError):
    pass


# --- reading the file -----------------------------------------------------------------------------------------


def raw_bytes(file):
    """The binary file under a Django upload, or the file itself."""
    return getattr(file, "file", file)


def fingerprint(raw) -> tuple[str, str]:
    """The file's SHA-256 and its encoding: UTF-8 when every byte decodes as UTF-8, otherwise Windows-1250."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    raw.seek(0)
    while chunk := raw.read(_READ):
        digest.update(chunk)
        if utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    raw.seek(0)
    return digest.hexdigest(), "utf-8" if utf8 else "cp1250"


def _plain(text: str) -> str:
    """Lower case, no diacritics, single spaces: "Clădire" → "cladire", "Scadență" → "scadenta"."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _columns(header: list[str], result: ImportResult) -> dict[str, int] | None:
    by_header = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        column = by_header.get(_plain(title).replace(" ", "_"))
        if column and column not in positions:
            positions[column] = index
    missing = [column for column in REQUIRED if column not in positions]
    if missing:
        result.error(
            1,
            _("The header row lacks the column(s): %(columns)s.")
            % {"columns": ", ".join(f"{c} ({COLUMNS[c][1]})" for c in missing)},
        )
        return None
    return positions


# --- one row's values -----------------------------------------------------------------------------------------

_DIGITS = re.compile(r"[0-9]+")
AMOUNT = gettext_lazy("The amount")
PAID = gettext_lazy("The amount paid")


def bani(text: str, label: str) -> int:
    try:
        return parse_lei(text)
    except ValueError:
        raise _Invalid(
            _("%(column)s is not an amount in lei: %(value)s.") % {"column": label, "value": text}
        ) from None


def _date(text: str) -> date:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise _Invalid(_("The due date is not a date (dd.mm.yyyy): %(value)s.") % {"value": text})


@functools.lru_cache(maxsize=1 << 16)  # a taxpayer's rows repeat the identifier; the checksum is the costly part
def _identifier(text: str) -> tuple[str, str]:
    value = "".join(text.split()).upper()
    if len(value) == 13 and value.isdigit():
        if is_valid_cnp(value):
            return Taxpayer.Kind.PERSON, value
        raise _Invalid(_("The CNP %(value)s is not valid.") % {"value": text})
    if is_valid_cui(value):
        return Taxpayer.Kind.COMPANY, value[2:] if value.startswith("RO") else value
    raise _Invalid(_("%(value)s is neither a valid CNP nor a valid CUI.") % {"value": text})


def _parse(cells: list[str], positions: dict[str, int], line: int, this_year: int) -> tuple[Row, str]:
    def cell(column):
        index = positions.get(column)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    role_number = "".join(cell("role_number").split())
    if not role_number:
        raise _Invalid(_("The role number is missing."))
    if len(role_number) > Taxpayer._meta.get_field("role_number").max_length:
        raise _Invalid(_("The role number is too long."))
    person_or_company, identifier = _identifier(cell("identifier"))
    name = " ".join(cell("name").split())
    if not name:
        raise _Invalid(_("The name is missing."))
    if len(name) > 200:
        raise _Invalid(_("The name is longer than 200 characters."))
    address = " ".join(cell("address").split())
    if len(address) > 300:
        raise _Invalid(_("The address is longer than 300 characters."))
    kind = KIND_WORDS.get(_plain(cell("kind")))
    if kind is None:
        raise _Invalid(_("Unknown kind of obligation: %(value)s.") % {"value": cell("kind")})
    year_text = cell("fiscal_year")
    if not _DIGITS.fullmatch(year_text) or not 2000 <= int(year_text) <= this_year + 1:
        raise _Invalid(
            _("The fiscal year is not a year between 2000 and %(last)s: %(value)s.")
            % {"last": this_year + 1, "value": year_text}
        )
    amount = bani(cell("amount"), AMOUNT)
    if amount <= 0:
        raise _Invalid(_("The amount must be more than 0."))
    paid = bani(cell("paid"), PAID) if cell("paid") else 0
    if paid < 0 or paid > amount:
        raise _Invalid(_("The amount paid must be between 0 and the amount."))
    due = None
    if kind not in taxrules.ANNUAL_KINDS:
        if not cell("due"):
            raise _Invalid(_("A fee, a fine or another tax needs its due date."))
        due = _date(cell("due"))
    reference = " ".join(cell("reference").split())
    row = Row(
        line=line,
        role_number=role_number,
        identifier=identifier,
        name=name,
        address=address,
        access_code=cell("access_code"),
        kind=kind,
        fiscal_year=int(year_text),
        reference=reference,
        amount=amount,
        paid=paid,
        due=due,
    )
    if len(row.source_key) > Obligation._meta.get_field("source_key").max_length:
        raise _Invalid(_("The reference is too long."))
    return row, person_or_company


def read_rows(raw, encoding: str, result: ImportResult) -> list[Row]:
    text = io.TextIOWrapper(
        raw, encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline="", errors="replace"
    )
    try:
        header_line = text.readline()
        delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
        header = next(csv.reader([header_line], delimiter=delimiter), [])
        positions = _columns(header, result)
        if positions is None:
            return []
        reader = csv.reader(text, delimiter=delimiter)
        rows: list[Row] = []
        identities: dict[str, str] = {}  # role number → identifier
        owners: dict[str, str] = {}  # identifier → role number
        keys: set[str] = set()
        this_year = timezone.localdate().year
        previous_end = 1
        for cells in reader:
            line, previous_end = previous_end + 1, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            result.rows += 1
            try:
                row, _person_or_company = _parse(cells, positions, line, this_year)
            except _Invalid as error:
                result.error(line, str(error))
                continue
            known = identities.setdefault(row.role_number, row.identifier)
            if known != row.identifier:
                result.error(
                    line,
                    _("Role number %(role)s appears with two CNP/CUI in this file (%(one)s and %(other)s).")
                    % {"role": row.role_number, "one": known, "other": row.identifier},
                )
                continue
            holder = owners.setdefault(row.identifier, row.role_number)
            if holder != row.role_number:
                result.error(
                    line,
                    _(
                        "The CNP/CUI %(identifier)s appears under two role numbers in this file (%(one)s and %(other)s)."
                    )
                    % {"identifier": row.identifier, "one": holder, "other": row.role_number},
                )
                continue
            if row.source_key in keys:
                result.error(
                    line,
                    _("The same obligation (role number, kind, year and reference) appears twice in this file."),
                )
                continue
            keys.add(row.source_key)
            rows.append(row)
        return rows
    except csv.Error as error:
        result.error(previous_end, _("The file is not a readable CSV file: %(error)s.") % {"error": error})
        return []
    finally:
        text.detach()
