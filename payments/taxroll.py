"""Importing the tax roll from the institution's CSV export: taxpayers by role number, their obligations by the row's
key, all or nothing.

The file is read twice as bytes (its SHA-256 and whether it is UTF-8; a Romanian tax system's export in
Windows-1250 is decoded as such) and parsed once, streaming, into small rows; existing taxpayers and obligations are
then fetched in chunks, compared, and created or updated in bulk, in one transaction. Any row error and nothing is
written. The same file imported twice changes nothing.
"""

from __future__ import annotations

import codecs
import csv
import functools
import hashlib
import io
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.identifiers import is_valid_cnp, is_valid_cui

from . import audit, taxrules
from .models import Obligation, Taxpayer
from .money import parse_lei
from .rules import institution_rules

__all__ = ["MAX_ERRORS", "ImportResult", "RowError", "import_roll"]

MAX_ERRORS = 200
# Values in one `IN (…)`: SQLite's older builds take at most 999 parameters.
CHUNK = {"sqlite": 500}
DEFAULT_CHUNK = 5000
BATCH = 1000
# bulk_update writes one CASE WHEN per field over the batch's rows, which the database reads row by row: small batches.
UPDATE_BATCH = 100
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

_OBLIGATION_FIELDS = (
    "taxpayer_id",
    "kind",
    "fiscal_year",
    "reference",
    "amount",
    "first_due",
    "first_amount",
    "second_due",
    "second_amount",
    "paid_before_import",
)
_TAXPAYER_FIELDS = ("kind", "identifier", "name", "address")


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


class _Row:
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


def _raw(file):
    """The binary file under a Django upload, or the file itself."""
    return getattr(file, "file", file)


def _fingerprint(raw) -> tuple[str, str]:
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


def _bani(text: str, label: str) -> int:
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


def _parse(cells: list[str], positions: dict[str, int], line: int, this_year: int) -> tuple[_Row, str]:
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
    amount = _bani(cell("amount"), AMOUNT)
    if amount <= 0:
        raise _Invalid(_("The amount must be more than 0."))
    paid = _bani(cell("paid"), PAID) if cell("paid") else 0
    if paid < 0 or paid > amount:
        raise _Invalid(_("The amount paid must be between 0 and the amount."))
    due = None
    if kind not in taxrules.ANNUAL_KINDS:
        if not cell("due"):
            raise _Invalid(_("A fee, a fine or another tax needs its due date."))
        due = _date(cell("due"))
    reference = " ".join(cell("reference").split())
    row = _Row(
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


def _read_rows(raw, encoding: str, result: ImportResult) -> list[_Row]:
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
        rows: list[_Row] = []
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


# --- writing ----------------------------------------------------------------------------------------------------


def _chunks(values):
    values = list(values)
    size = CHUNK.get(connection.vendor, DEFAULT_CHUNK)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _bulk_update(model, objects, names) -> None:
    """Write `names` of `objects` (which have their pk). Django's bulk_update builds a CASE WHEN per field and row,
    which costs seconds of Python per thousand rows; on PostgreSQL one UPDATE … FROM (VALUES …) per batch does it."""
    if connection.vendor != "postgresql":
        model.objects.bulk_update(objects, names, batch_size=UPDATE_BATCH)
        return
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    fields = [by_attname[name] for name in names]
    quote = connection.ops.quote_name
    pk = model._meta.pk
    columns = ", ".join(quote(column) for column in [pk.column, *(field.column for field in fields)])
    sets = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}::{f.db_type(connection)}" for f in fields)
    row = "(" + ", ".join(["%s"] * (len(fields) + 1)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(objects), BATCH):
            batch = objects[start : start + BATCH]
            params = []
            for obj in batch:
                params.append(obj.pk)
                params.extend(field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields)
            sql = (
                f"UPDATE {quote(model._meta.db_table)} AS o SET {sets} "  # noqa: S608 (names from the model, values are parameters)
                f"FROM (VALUES {', '.join([row] * len(batch))}) AS v({columns}) "
                f"WHERE o.{quote(pk.column)} = v.{quote(pk.column)}::{pk.rel_db_type(connection)}"
            )
            cursor.execute(sql, params)


def _hash_codes(pairs: list[tuple[Taxpayer, str]]) -> list[bool]:
    """Set the access codes that changed; whether each did (an HMAC each, so a whole roll takes moments)."""
    changed = []
    for taxpayer, code in pairs:
        same = taxpayer.check_access_code(code)
        if not same:
            taxpayer.set_access_code(code)
        changed.append(not same)
    return changed


def _plans(rows: list[_Row], rules: taxrules.Rules) -> dict[str, tuple[taxrules.Instalment, ...]]:
    totals: dict[tuple[str, str, int], int] = defaultdict(int)
    for row in rows:
        if row.kind in taxrules.ANNUAL_KINDS:
            totals[(row.role_number, row.kind, row.fiscal_year)] += row.amount
    return {
        row.source_key: taxrules.instalment_plan(
            row.kind,
            row.fiscal_year,
            row.amount,
            rules,
            kind_total=totals[(row.role_number, row.kind, row.fiscal_year)]
            if row.kind in taxrules.ANNUAL_KINDS
            else None,
            due=row.due,
        )
        for row in rows
    }


def _apply(rows: list[_Row], result: ImportResult, *, lock: bool) -> None:
    """Upsert the taxpayers, then the obligations; row errors found against the database are added to `result` and
    nothing is written then."""
    first_rows: dict[str, _Row] = {}
    for row in rows:
        first_rows.setdefault(row.role_number, row)

    existing: dict[str, Taxpayer] = {}
    for chunk in _chunks(first_rows):
        for taxpayer in Taxpayer.objects.filter(role_number__in=chunk):
            existing[taxpayer.role_number] = taxpayer
    wanted = {row.identifier: role for role, row in first_rows.items()}
    for chunk in _chunks(wanted):
        for role_number, identifier in Taxpayer.objects.filter(identifier__in=chunk).values_list(
            "role_number", "identifier"
        ):
            if role_number != wanted[identifier] and role_number not in first_rows:
                result.error(
                    first_rows[wanted[identifier]].line,
                    _("The CNP/CUI %(identifier)s is already on the roll under role number %(role)s.")
                    % {"identifier": identifier, "role": role_number},
                )

    # source key → (pk, principal paid, bonus granted, the values the file sets): tuples, not model instances.
    obligations: dict[str, tuple] = {}
    queryset = Obligation.objects.select_for_update() if lock else Obligation.objects.all()
    for chunk in _chunks(row.source_key for row in rows):
        for pk, key, principal_paid, bonus_granted, *values in queryset.filter(source_key__in=chunk).values_list(
            "pk", "source_key", "principal_paid", "bonus_granted", *_OBLIGATION_FIELDS
        ):
            obligations[key] = (pk, principal_paid, bonus_granted, dict(zip(_OBLIGATION_FIELDS, values, strict=True)))
    for row in rows:
        current = obligations.get(row.source_key)
        if current is None or not (current[1] or current[2]) or current[3]["amount"] == row.amount:
            continue
        credited = current[1] + current[2]
        if row.amount < credited + row.paid:
            result.error(
                row.line,
                _("%(amount)s lei is less than what has already been paid online (%(paid)s lei) and before it.")
                % {"amount": _lei(row.amount), "paid": _lei(credited)},
            )
    if not result.ok:
        return

    # Taxpayers.
    new_taxpayers, changed_taxpayers, codes = [], {}, []
    for role_number, row in first_rows.items():
        kind = Taxpayer.Kind.PERSON if len(row.identifier) == 13 else Taxpayer.Kind.COMPANY
        values = {"kind": kind, "identifier": row.identifier, "name": row.name, "address": row.address}
        taxpayer = existing.get(role_number)
        if taxpayer is None:
            taxpayer = Taxpayer(role_number=role_number, **values)
            new_taxpayers.append(taxpayer)
        elif any(getattr(taxpayer, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(taxpayer, key, value)
            changed_taxpayers[role_number] = taxpayer
        if row.access_code:
            codes.append((taxpayer, row.access_code))
    for (taxpayer, _code), changed in zip(codes, _hash_codes(codes), strict=True):
        if changed and taxpayer.pk:
            changed_taxpayers[taxpayer.role_number] = taxpayer
    now = timezone.now()
    for taxpayer in changed_taxpayers.values():
        taxpayer.updated_at = now
    Taxpayer.objects.bulk_create(new_taxpayers, batch_size=BATCH)
    _bulk_update(Taxpayer, list(changed_taxpayers.values()), [*_TAXPAYER_FIELDS, "access_code_hash", "updated_at"])
    result.taxpayers_created = len(new_taxpayers)
    result.taxpayers_updated = len(changed_taxpayers)
    result.taxpayers_unchanged = len(first_rows) - len(new_taxpayers) - len(changed_taxpayers)
    taxpayer_ids = {taxpayer.role_number: taxpayer.pk for taxpayer in [*existing.values(), *new_taxpayers]}
    if any(taxpayer_ids[role] is None for role in first_rows):  # a database that returns no ids on bulk create
        for chunk in _chunks(first_rows):
            taxpayer_ids.update(Taxpayer.objects.filter(role_number__in=chunk).values_list("role_number", "pk"))

    # Obligations.
    plans = _plans(rows, institution_rules())
    new_obligations, changed_obligations = [], []
    for row in rows:
        plan = plans[row.source_key]
        values = {
            "taxpayer_id": taxpayer_ids[row.role_number],
            "kind": row.kind,
            "fiscal_year": row.fiscal_year,
            "reference": row.reference,
            "amount": row.amount,
            "first_due": plan[0].due,
            "first_amount": plan[0].amount,
            "second_due": plan[1].due if len(plan) > 1 else None,
            "second_amount": plan[1].amount if len(plan) > 1 else 0,
            "paid_before_import": row.paid,
        }
        current = obligations.get(row.source_key)
        if current is None:
            new_obligations.append(Obligation(source_key=row.source_key, **values))
        elif current[3] != values:
            changed_obligations.append(Obligation(pk=current[0], source_key=row.source_key, updated_at=now, **values))
    Obligation.objects.bulk_create(new_obligations, batch_size=BATCH)
    _bulk_update(Obligation, changed_obligations, [*_OBLIGATION_FIELDS, "updated_at"])
    result.obligations_created = len(new_obligations)
    result.obligations_updated = len(changed_obligations)
    result.obligations_unchanged = len(rows) - len(new_obligations) - len(changed_obligations)


def _lei(bani: int) -> str:
    return f"{bani // 100},{bani % 100:02d}"


def import_roll(file, *, by=None, file_name: str = "", dry_run: bool = False) -> ImportResult:
    """Import the tax roll from a CSV export (a binary file or a Django upload): everything, or nothing when a row
    is wrong. With `dry_run` the file is checked and counted against the database, and nothing is kept."""
    raw = _raw(file)
    file_name = file_name or os.path.basename(str(getattr(file, "name", "") or ""))
    sha256, encoding = _fingerprint(raw)
    result = ImportResult(file_name=file_name, encoding=encoding, sha256=sha256, dry_run=dry_run)
    rows = _read_rows(raw, encoding, result)
    if not result.ok:
        return result
    if not rows:
        result.error(2, _("The file has no rows to import."))
        return result
    with transaction.atomic():
        _apply(rows, result, lock=not dry_run)
        if not result.ok or dry_run:
            transaction.set_rollback(True)
            return result
        audit.record(
            "tax_roll_imported",
            by=by,
            data={**result.counts(), "sha256": sha256, "file_name": file_name[:200], "encoding": encoding},
        )
    return result
