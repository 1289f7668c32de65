"""Importing the tax roll from the institution's CSV export: taxpayers by role number, their obligations by the row's
key, all or nothing.

The file is read twice as bytes (its SHA-256 and whether it is UTF-8; a Romanian tax system's export in
Windows-1250 is decoded as such) and parsed once, streaming, into small rows; existing taxpayers and obligations are
then fetched in chunks, compared, and created or updated in bulk, in one transaction. Any row error and nothing is
written. The same file imported twice changes nothing.
"""

from __future__ import annotations

import os
from collections import defaultdict

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit, taxrules
from .models import Obligation, Taxpayer
from .roll_file import MAX_ERRORS, ImportResult, Row, RowError, fingerprint, raw_bytes, read_rows
from .rules import institution_rules

__all__ = ["MAX_ERRORS", "ImportResult", "RowError", "import_roll"]

# Values in one `IN (…)`: SQLite's older builds take at most 999 parameters.
CHUNK = {"sqlite": 500}
DEFAULT_CHUNK = 5000
BATCH = 1000
# bulk_update writes one CASE WHEN per field over the batch's rows, which the database reads row by row: small batches.
UPDATE_BATCH = 100

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


def _plans(rows: list[Row], rules: taxrules.Rules) -> dict[str, tuple[taxrules.Instalment, ...]]:
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


def _apply(rows: list[Row], result: ImportResult, *, lock: bool) -> None:
    """Upsert the taxpayers, then the obligations; row errors found against the database are added to `result` and
    nothing is written then."""
    first_rows: dict[str, Row] = {}
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
    raw = raw_bytes(file)
    file_name = file_name or os.path.basename(str(getattr(file, "name", "") or ""))
    sha256, encoding = fingerprint(raw)
    result = ImportResult(file_name=file_name, encoding=encoding, sha256=sha256, dry_run=dry_run)
    rows = read_rows(raw, encoding, result)
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
