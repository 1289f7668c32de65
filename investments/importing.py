"""The register's spreadsheet brought back in: a dry run first (every change listed, every error by line and column,
nothing written but the import job), then, once the uploader confirms, every row applied in one transaction through
the workflow, so the history records each change. A file with any error imports nothing.

A large file is applied by a background job (investments.import_tasks.apply_import)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from services.documents import clean_name
from services.models import Department
from services.permissions import department_ids

from . import roles, rules, spreadsheet, workflow
from .models import ImportJob, Investment
from .spreadsheet import BY_KEY, REGISTER_COLUMNS, REQUIRED_KEYS, CellError, Column, Table

# Files with more data rows than this are applied by the background job, not while the uploader waits.
IMPORT_INLINE_ROWS = 200

Status = ImportJob.Status
CREATE = "create"
UPDATE = "update"
UNCHANGED = "unchanged"


@dataclass
class RowPlan:
    """What applying one row does: the investment's fields to give (every field given for a new one, the changed
    ones for an existing one; `parent` as a code, found when applied) and the stages' changed planned dates."""

    line: int
    code: str
    existing: Investment | None
    fields: dict[str, Any] = field(default_factory=dict)
    stages: dict[str, Any] = field(default_factory=dict)

    @property
    def action(self) -> str:
        if self.existing is None:
            return CREATE
        return UPDATE if self.fields or self.stages else UNCHANGED


@dataclass
class Examination:
    rows: int = 0
    errors: list[dict] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    plans: list[RowPlan] = field(default_factory=list)


def _error(line: int, column: str, message) -> dict:
    return {"line": line, "column": column, "message": str(message)}


# --- the dry run ---------------------------------------------------------------------------------------------------


def preview(user, upload) -> ImportJob:
    """Check the file, examine every row and keep the file with what was found; change nothing else.

    A file that is no spreadsheet is refused with a ValidationError (and not kept); a spreadsheet with errors is
    kept as an INVALID job, so the uploader sees every error by its line."""
    if not roles.may_create(user):
        raise PermissionDenied(_("Only the staff of a department may import investments."))
    kind = spreadsheet.check_file(upload)
    upload.seek(0)
    content = upload.read()
    examination = examine(user, content, kind)
    name = clean_name(upload.name or "")
    job = ImportJob(
        file_name=name,
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,
        status=Status.INVALID if examination.errors else Status.PREVIEWED,
        rows=examination.rows,
        errors=examination.errors,
        changes=examination.changes,
    )
    job.file.save(name, ContentFile(content), save=False)  # under a random key, in private storage
    try:
        job.save()
    except Exception:
        job.file.storage.delete(job.file.name)
        raise
    return job


def examine(user, content: bytes, kind: str) -> Examination:
    """Read the file and check every row against the register as it is now; writes nothing."""
    try:
        table = spreadsheet.read_table(content, kind)
    except spreadsheet.Unreadable as error:
        return Examination(errors=[_error(1, "", error)])
    return _Examiner(user, table).run()


class _Examiner:
    def __init__(self, user, table: Table):
        self.user = user
        self.table = table
        self.result = Examination(rows=len(table.rows))

    def run(self) -> Examination:
        if not self._check_header():
            return self.result
        if not self.table.rows:
            self.result.errors.append(_error(2, "", _("The file has no rows below its header.")))
            return self.result
        records = [(line, self._record(cells)) for line, cells in self.table.rows]
        self._load(records)
        plans = [self._row(line, record) for line, record in records]
        self._check_loops(plans)
        failing = {error["line"] for error in self.result.errors}
        self.result.plans = [plan for plan in plans if plan is not None and plan.line not in failing]
        self.result.changes = [self._change(plan) for plan in self.result.plans]
        self.result.errors.sort(key=lambda error: (error["line"], error["column"]))
        return self.result

    # the header -----------------------------------------------------------------------------------------------------

    def _check_header(self) -> bool:
        errors = self.result.errors
        seen = set()
        for key in self.table.header:
            if not key:
                continue
            if key not in BY_KEY:
                errors.append(
                    _error(
                        1,
                        key,
                        _("Unknown column “%(key)s”: keep the names of the exported file's first row.") % {"key": key},
                    )
                )
            elif key in seen:
                errors.append(_error(1, key, _("The column “%(key)s” appears twice.") % {"key": key}))
            seen.add(key)
        for key in REQUIRED_KEYS:
            if key not in seen:
                errors.append(_error(1, key, _("The column “%(key)s” is missing: it is required.") % {"key": key}))
        self.columns = [
            (index, BY_KEY[key])
            for index, key in enumerate(self.table.header)
            if key in BY_KEY and not BY_KEY[key].computed
        ]
        self.present = {column.key for _index, column in self.columns}
        return not errors

    def _record(self, cells: list) -> dict[str, Any]:
        return {column.key: cells[index] if index < len(cells) else None for index, column in self.columns}

    # what the rows refer to, in a few queries ------------------------------------------------------------------------

    def _load(self, records):
        def texts(key):
            return {spreadsheet.text(record.get(key)) for _line, record in records} - {""}

        codes = texts("code")
        self.existing = {
            investment.code: investment
            for investment in Investment.objects.filter(code__in=codes)
            .select_related("department", "responsible", "parent")
            .prefetch_related("stages")
        }
        self.departments = {d.code: d for d in Department.objects.filter(code__in=texts("department"))}
        emails = {email.lower() for email in texts("responsible")}
        self.people = {
            user.email_lower: user
            for user in get_user_model()
            .objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=emails, is_staff=True, is_active=True)
        }
        # Parents: every investment's parent, to find the codes and the loops a file's new parents would make.
        self.parent_of: dict[str, str] = {}
        if "parent" in self.present:
            self.parent_of = dict(Investment.objects.values_list("code", "parent__code"))
        self.file_codes = codes
        self.my_departments = department_ids(self.user)
        self.first_line: dict[str, int] = {}

    # one row --------------------------------------------------------------------------------------------------------

    def _row(self, line: int, record: dict[str, Any]) -> RowPlan | None:
        errors = []

        def fail(key, message):
            errors.append(_error(line, key, message))

        values: dict[str, Any] = {}
        for column in REGISTER_COLUMNS:
            if column.key in record:
                try:
                    values[column.key] = self._read(column, record[column.key])
                except CellError as error:
                    fail(column.key, error)

        code = values.get("code", "")
        for key in REQUIRED_KEYS:
            if key in values and values[key] in ("", None):
                fail(key, _("Fill in the %(column)s: it is required.") % {"column": spreadsheet.label_of(key)})
        if code:
            if code in self.first_line:
                fail(
                    "code",
                    _("The code %(code)s is also on line %(line)s: each investment comes once.")
                    % {"code": code, "line": self.first_line[code]},
                )
            else:
                self.first_line[code] = line
        existing = self.existing.get(code)
        if existing is not None and existing.department_id not in self.my_departments:
            fail(
                "code",
                _("%(code)s is an investment of %(department)s: you may change only your departments' investments.")
                % {"code": code, "department": existing.department.code},
            )
        department = values.get("department")
        if department and department.pk not in self.my_departments:
            fail(
                "department",
                _(
                    "You are not a member of the department %(department)s: you may import only your departments' "
                    "investments."
                )
                % {"department": department.code},
            )
        parent = values.get("parent")
        if parent:
            if parent == code:
                fail(*rules.loop_error(code, parent, {}))
            elif parent not in self.parent_of and parent not in self.file_codes:
                fail(
                    "parent",
                    _("No investment has the code %(code)s, neither in the register nor in this file.")
                    % {"code": parent},
                )

        unreadable = {error["column"] for error in errors}

        def after(key):
            """The value the investment will have: the file's, else the register's."""
            if key in values:
                return values[key]
            return getattr(existing, key) if existing is not None else None

        # The workflow's rules across two cells, checked here too so that the preview names them by line.
        point = ("latitude", "longitude")
        if any(key in values for key in point) and not unreadable.intersection(point):
            refused = rules.point_error(after("latitude"), after("longitude"))
            if refused:
                fail(*refused)
        period = ("planned_start", "planned_end")
        if any(key in values for key in period) and not unreadable.intersection(period):
            refused = rules.period_error(after("planned_start"), after("planned_end"))
            if refused:
                fail(*refused)

        self.result.errors.extend(errors)
        if errors or not code:
            return None
        return self._plan(line, code, existing, values)

    def _read(self, column: Column, value):
        if column.kind == spreadsheet.DATE:
            return spreadsheet.date(value)
        if column.kind == spreadsheet.COORDINATE:
            return spreadsheet.coordinate(value, limit=90 if column.key == "latitude" else 180)
        text = spreadsheet.text(value)
        if column.kind == spreadsheet.DEPARTMENT:
            if not text:
                return None
            if text not in self.departments:
                raise CellError(_("No department has the code “%(code)s”.") % {"code": text})
            return self.departments[text]
        if column.kind == spreadsheet.PERSON:
            if not text:
                return None
            if text.lower() not in self.people:
                raise CellError(_("No staff member has the e-mail address “%(email)s”.") % {"email": text})
            return self.people[text.lower()]
        if column.max_length and len(text) > column.max_length:
            raise CellError(
                _("At most %(limit)s characters (this has %(length)s).")
                % {"limit": column.max_length, "length": len(text)}
            )
        return text

    def _plan(self, line, code, existing, values) -> RowPlan:
        plan = RowPlan(line=line, code=code, existing=existing)
        stages = {stage.kind: stage.planned_date for stage in existing.stages.all()} if existing else {}
        for column in REGISTER_COLUMNS:
            if column.key not in values or column.key == "code" and existing is not None:
                continue
            new = values[column.key]
            if column.stage:
                if existing is None and new is None or stages.get(column.stage) == new:
                    continue
                plan.stages[column.stage] = new
                continue
            if column.kind == spreadsheet.PARENT:
                new = new or None
            if existing is None or not _same(column, existing, new):
                plan.fields[column.key] = new
        return plan

    def _check_loops(self, plans):
        """A parent given in the file must not make an investment part of itself, through the register's parents
        or the file's."""
        parent_of = dict(self.parent_of)
        for plan in plans:
            if plan is not None and "parent" in plan.fields:
                parent_of[plan.code] = plan.fields["parent"]
        for plan in plans:
            if plan is None or not plan.fields.get("parent"):
                continue
            refused = rules.loop_error(plan.code, plan.fields["parent"], parent_of)
            if refused:
                self.result.errors.append(_error(plan.line, *refused))

    # what the preview shows -----------------------------------------------------------------------------------------

    def _change(self, plan: RowPlan) -> dict:
        fields = []
        existing = plan.existing
        for column in REGISTER_COLUMNS:
            if column.stage:
                if column.stage not in plan.stages:
                    continue
                old = (
                    next((s.planned_date for s in existing.stages.all() if s.kind == column.stage), None)
                    if existing
                    else None
                )
                new = plan.stages[column.stage]
            elif column.key in plan.fields:
                old = _old(column, existing) if existing else None
                new = plan.fields[column.key]
            else:
                continue
            fields.append(
                {
                    "field": column.key,
                    "label": str(column.label),
                    "old": _shown(column, old),
                    "new": _shown(column, new),
                }
            )
        return {"line": plan.line, "code": plan.code, "action": plan.action, "fields": fields}


def _old(column: Column, investment: Investment):
    if column.kind == spreadsheet.PARENT:
        return investment.parent.code if investment.parent_id else None
    return getattr(investment, column.key)


def _same(column: Column, investment: Investment, new) -> bool:
    if column.kind == spreadsheet.DEPARTMENT:
        return new is not None and investment.department_id == new.pk
    if column.kind == spreadsheet.PERSON:
        return investment.responsible_id == (new.pk if new else None)
    old = _old(column, investment)
    if column.kind == spreadsheet.TEXT:
        return (old or "").replace("\r\n", "\n").strip() == new
    return old == new


def _shown(column: Column, value) -> str:
    if column.kind == spreadsheet.DEPARTMENT:
        return value.code if value else ""
    if column.kind == spreadsheet.PERSON:
        return value.email if value else ""
    return spreadsheet.shown(value)


# --- applying ------------------------------------------------------------------------------------------------------


class _Refused(Exception):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def request_apply(user, job_pk: int) -> ImportJob:
    """The uploader confirms a previewed import: applied now, or queued for the background job when the file is large.
    ImportJob.DoesNotExist when the job is not the user's; a ValidationError when it was already applied or refused."""
    from . import import_tasks

    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job_pk, uploaded_by=user)
        if job.status != Status.PREVIEWED:
            raise ValidationError(
                _(
                    "This import was already applied or refused: nothing more can be done with it. Upload the file "
                    "again."
                ),
                code="not_previewed",
            )
        if job.rows > IMPORT_INLINE_ROWS:
            job.status = Status.QUEUED
            job.save(update_fields=["status"])
            transaction.on_commit(lambda: import_tasks.apply_import.delay(job.pk))
            return job
        return _apply(job, user)


def apply_queued(job_pk: int) -> ImportJob | None:
    """The background job's part: apply a queued import (once; a job in any other state is left as it is)."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().select_related("uploaded_by").filter(pk=job_pk).first()
        if job is None or job.status != Status.QUEUED:
            return job
        with translation.override(job.uploaded_by.preferred_language):  # the errors are read by the uploader
            return _apply(job, job.uploaded_by)


def mark_failed(job_pk: int, failure: str) -> None:
    ImportJob.objects.filter(pk=job_pk, status=Status.QUEUED).update(status=Status.FAILED, failure=failure[:2000])


def _kind_of(job: ImportJob) -> str:
    return spreadsheet.XLSX if os.path.splitext(job.file.name)[1].lower() == ".xlsx" else spreadsheet.CSV


def _apply(job: ImportJob, actor) -> ImportJob:
    """Examine the stored file again (the register may have changed since the preview) and apply every row, or none.
    The caller holds the job's row lock."""
    with job.file.open("rb") as stored:
        content = stored.read()
    if hashlib.sha256(content).hexdigest() != job.sha256:
        job.status = Status.FAILED
        job.failure = "The stored file is not the file that was previewed."
        job.save(update_fields=["status", "failure"])
        return job
    examination = examine(actor, content, _kind_of(job))
    errors = examination.errors
    if not errors:
        try:
            with transaction.atomic():
                _apply_plans(actor, examination.plans)
        except _Refused as refused:
            errors = refused.errors
    job.rows = examination.rows
    job.changes = examination.changes
    job.errors = errors
    if errors:
        job.status = Status.INVALID
    else:
        job.status = Status.APPLIED
        job.applied_at = timezone.now()
        job.applied_by = actor
    job.save()
    return job


def _in_order(plans: list[RowPlan]) -> list[RowPlan]:
    """New parents before the rows that name them."""
    new_codes = {plan.code for plan in plans if plan.existing is None}
    done: set[str] = set()
    ordered: list[RowPlan] = []
    waiting = [plan for plan in plans if plan.action != UNCHANGED]
    while waiting:
        ready = [p for p in waiting if not (p.fields.get("parent") in new_codes and p.fields["parent"] not in done)]
        if not ready:  # a loop, which the examination refuses: leave it to the workflow to say so
            ready = waiting
        for plan in ready:
            ordered.append(plan)
            done.add(plan.code)
        waiting = [plan for plan in waiting if plan.code not in done]
    return ordered


def _workflow_errors(line: int, error: Exception) -> list[dict]:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return [
            _error(line, key if key in BY_KEY else "", message)
            for key, messages in error.message_dict.items()
            for message in messages
        ]
    if isinstance(error, ValidationError):
        return [_error(line, "", message) for message in error.messages]
    return [_error(line, "", str(error) or _("You may not make this change."))]


def _apply_plans(actor, plans: list[RowPlan]) -> None:
    created: dict[str, Investment] = {}
    for plan in _in_order(plans):
        fields = dict(plan.fields)
        try:
            if fields.get("parent"):
                code = fields["parent"]
                fields["parent"] = created.get(code) or Investment.objects.get(code=code)
            if plan.existing is None:
                investment = workflow.create_investment(actor, **fields)
                created[plan.code] = investment
            elif fields:
                investment = workflow.update_investment(actor, plan.existing, **fields)
            else:
                investment = plan.existing
            for kind, planned in plan.stages.items():
                workflow.set_stage(actor, investment, kind, planned_date=planned)
        except (ValidationError, PermissionDenied, Investment.DoesNotExist) as error:
            raise _Refused(_workflow_errors(plan.line, error)) from error
