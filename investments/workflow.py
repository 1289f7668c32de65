"""Every change to an investment goes through one of these functions: each runs in a transaction, checks who acts and
what the rules allow, and writes the history (who, when, what, old and new value).

Refusals: `PermissionDenied` for who may not act, `ValidationError` (translated) for what the rules do not allow."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.identifiers import is_valid_cui
from services import calendar, officecheck
from services.documents import check_upload
from services.models import RequiredDocument

from . import figures, history, roles, rules
from .models import Amendment, Contract, Follower, FundingSource, Investment, LedgerEntry, ProgressReport, Stage

UNSET = object()

EVIDENCE_TYPES = RequiredDocument(
    name="evidence",
    accepted_types=",".join(
        ["application/pdf", "image/jpeg", "image/png", officecheck.DOCX, officecheck.XLSX, officecheck.ODT]
    ),
    max_size_mb=20,
)

INVESTMENT_FIELDS = (
    "code",
    "title",
    "title_hu",
    "title_en",
    "description",
    "description_hu",
    "description_en",
    "department",
    "responsible",
    "address",
    "latitude",
    "longitude",
    "parent",
    "council_decision",
    "council_decision_date",
    "planned_start",
    "planned_end",
)


# --- guards ----------------------------------------------------------------------------------------------------------


def _require_enter(actor, investment):
    if not roles.can_enter(actor, investment):
        raise PermissionDenied(_("Only the staff of the investment's department may change it."))


def _require_validator(actor, investment):
    if not roles.can_validate(actor, investment):
        raise PermissionDenied(_("Only the head of the investment's department validates its figures."))


def _full_clean(obj, exclude=()):
    obj.full_clean(exclude=list(exclude), validate_unique=True, validate_constraints=True)


# --- the investment --------------------------------------------------------------------------------------------------


def _check_investment(investment):
    parent_of = {}
    if investment.parent is not None:
        parent_of = dict(Investment.objects.exclude(pk=investment.pk).values_list("code", "parent__code"))
    refused = [
        rules.point_error(investment.latitude, investment.longitude),
        rules.loop_error(investment.code, investment.parent.code if investment.parent else None, parent_of),
        rules.period_error(investment.planned_start, investment.planned_end),
    ]
    for error in refused:
        if error:
            field, message = error
            raise ValidationError({field: message})


@transaction.atomic
def create_investment(actor, *, code, title, department, **fields) -> Investment:
    unknown = set(fields) - set(INVESTMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    investment = Investment(code=(code or "").strip(), title=title, department=department, **fields)
    if not roles.can_enter(actor, investment):
        raise PermissionDenied(_("You may only create investments of your own departments."))
    _check_investment(investment)
    _full_clean(investment, exclude=["published_by"])
    investment.save()
    history.created(actor, investment, investment, _changed_fields(None, investment, INVESTMENT_FIELDS))
    return investment


@transaction.atomic
def update_investment(actor, investment, **fields) -> Investment:
    unknown = set(fields) - set(INVESTMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    investment = Investment.objects.select_for_update().get(pk=investment.pk)
    _require_enter(actor, investment)
    before = Investment.objects.get(pk=investment.pk)
    for name, value in fields.items():
        setattr(investment, name, value)
    if "department" in fields and not roles.can_enter(actor, investment):
        raise PermissionDenied(_("You may only move an investment to one of your own departments."))
    _check_investment(investment)
    _full_clean(investment, exclude=["published_by"])
    changes = _changed_fields(before, investment, fields)
    if changes:
        investment.save()
        history.changed(actor, investment, investment, changes)
    return investment


def _changed_fields(before, after, names):
    """[(field, label, old, new)] for the fields whose value differs (every given field for a new object)."""
    changes = []
    for name in names:
        field = after._meta.get_field(name)
        attname = field.attname
        new = getattr(after, attname)
        old = getattr(before, attname) if before is not None else None
        if before is not None and _same(old, new):
            continue
        if before is None and new in (None, ""):
            continue
        old_shown = _shown_field(field, before, name) if before is not None else ""
        changes.append((name, str(field.verbose_name), old_shown, _shown_field(field, after, name)))
    return changes


def _shown_field(field, obj, name):
    value = getattr(obj, name)
    if field.choices and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    if name in history.MONEY_FIELDS and value is not None:
        return history.shown_lei(value)
    return history.shown(value)


def _same(old, new):
    """Coordinates come back from the database as Decimals and from forms as Decimals of another precision."""
    if old is None or new is None:
        return old is new
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return Decimal(str(old)) == Decimal(str(new))
    return old == new


# --- stages -----------------------------------------------------------------------------------------------------------


def _notify_when_done(stage):
    from . import tasks

    transaction.on_commit(lambda: tasks.notify_followers.delay(stage.pk))


@transaction.atomic
def set_stage(actor, investment, kind, *, planned_date=UNSET, actual_date=UNSET, evidence=None, note=UNSET) -> Stage:
    """Plan a stage, record when it happened and the document that proves it. A stage is done only with both; an
    actual date without its evidence is refused, so is removing the evidence of a done stage."""
    if kind not in Stage.Kind.values:
        raise ValidationError(_("Unknown stage."))
    investment = Investment.objects.select_for_update().get(pk=investment.pk)
    _require_enter(actor, investment)
    stage = Stage.objects.filter(investment=investment, kind=kind).first()
    before = None
    if stage is None:
        stage = Stage(investment=investment, kind=kind)
    else:
        before = Stage.objects.get(pk=stage.pk)
    was_done = bool(before and before.done)
    if planned_date is not UNSET:
        stage.planned_date = planned_date
    if actual_date is not UNSET:
        stage.actual_date = actual_date
    if note is not UNSET:
        stage.note = (note or "").strip()
    if stage.actual_date and stage.actual_date > calendar.today():
        raise ValidationError({"actual_date": _("The actual date cannot be in the future.")})
    if stage.actual_date and not (evidence or stage.evidence):
        raise ValidationError(
            {
                "evidence": _(
                    "A stage is done only with its evidence document: attach the document with the actual date."
                )
            }
        )
    stored = None
    if evidence:
        checked = check_upload(evidence, EVIDENCE_TYPES)
        evidence.seek(0)
        stage.evidence_name = checked.name
        stage.evidence_sha256 = checked.sha256
        stage.evidence.save(checked.name, evidence, save=False)  # under a random key: the name is only shown
        stored = stage.evidence.name
    stage.updated_by = actor
    try:
        stage.save()
    except Exception:
        if stored:
            stage.evidence.storage.delete(stored)  # no row, no file
        raise
    changes = []
    for name, label in (("planned_date", _("planned date")), ("actual_date", _("actual date")), ("note", _("note"))):
        old = getattr(before, name) if before else None
        new = getattr(stage, name)
        if (old or None) != (new or None):
            changes.append((name, label, history.shown(old), history.shown(new)))
    if evidence:
        changes.append(
            ("evidence", _("evidence document"), before.evidence_name if before else "", stage.evidence_name)
        )
    if changes:
        history.changed(
            actor, investment, stage, changes, subject=_("Stage: %(stage)s") % {"stage": stage.get_kind_display()}
        )
    if stage.done and not was_done and investment.published:
        _notify_when_done(stage)
    return stage


# --- funding ---------------------------------------------------------------------------------------------------------

FUNDING_FIELDS = ("kind", "programme", "approved_bani", "cofinancing_rate")


@transaction.atomic
def add_funding_source(actor, investment, *, kind, approved_bani, cofinancing_rate=0, programme="") -> FundingSource:
    _require_enter(actor, investment)
    source = FundingSource(
        investment=investment,
        kind=kind,
        approved_bani=approved_bani,
        cofinancing_rate=Decimal(str(cofinancing_rate)),
        programme=(programme or "").strip(),
    )
    _check_funding(source)
    _full_clean(source)
    source.save()
    history.created(actor, investment, source, _changed_fields(None, source, FUNDING_FIELDS))
    return source


def _check_funding(source):
    if source.kind == FundingSource.Kind.LOCAL_BUDGET and source.cofinancing_rate != 100:
        # The local budget is the institution's own money: nothing of it is reimbursed.
        source.cofinancing_rate = Decimal(100)


@transaction.atomic
def update_funding_source(actor, source, **fields) -> FundingSource:
    unknown = set(fields) - set(FUNDING_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    source = FundingSource.objects.select_for_update().get(pk=source.pk)
    _require_enter(actor, source.investment)
    before = FundingSource.objects.get(pk=source.pk)
    for name, value in fields.items():
        setattr(source, name, value)
    _check_funding(source)
    _full_clean(source)
    changes = _changed_fields(before, source, FUNDING_FIELDS)
    if changes:
        source.save()
        history.changed(actor, source.investment, source, changes)
    return source


# --- contracts -------------------------------------------------------------------------------------------------------

CONTRACT_FIELDS = (
    "number",
    "procurement_reference",
    "subject",
    "contractor_name",
    "contractor_cui",
    "value_bani",
    "vat_bani",
    "signed_on",
    "starts_on",
    "duration_days",
)


def clean_cui(value):
    bare = "".join(str(value or "").split()).upper()
    bare = bare.removeprefix("RO")
    if not is_valid_cui(bare):
        raise ValidationError({"contractor_cui": _("This is not a valid fiscal code (CUI): check its digits.")})
    return bare


@transaction.atomic
def add_contract(actor, investment, **fields) -> Contract:
    unknown = set(fields) - set(CONTRACT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _require_enter(actor, investment)
    fields["contractor_cui"] = clean_cui(fields.get("contractor_cui"))
    contract = Contract(investment=investment, created_by=actor, **fields)
    if contract.starts_on and contract.signed_on and contract.starts_on < contract.signed_on:
        raise ValidationError({"starts_on": _("A contract cannot start before it is signed.")})
    if not contract.duration_days:
        raise ValidationError({"duration_days": _("Give the contract's duration in days.")})
    _full_clean(contract, exclude=["created_by"])
    contract.save()
    history.created(actor, investment, contract, _changed_fields(None, contract, CONTRACT_FIELDS))
    return contract


@transaction.atomic
def add_amendment(
    actor,
    contract,
    *,
    number,
    signed_on,
    kind,
    description,
    value_change_bani=0,
    vat_change_bani=0,
    duration_change_days=0,
) -> Amendment:
    """An addendum changes the contract's value, duration or scope; the contracted total follows it."""
    contract = Contract.objects.select_for_update().select_related("investment").get(pk=contract.pk)
    _require_enter(actor, contract.investment)
    amendment = Amendment(
        contract=contract,
        number=(number or "").strip(),
        signed_on=signed_on,
        kind=kind,
        description=(description or "").strip(),
        value_change_bani=value_change_bani or 0,
        vat_change_bani=vat_change_bani or 0,
        duration_change_days=duration_change_days or 0,
        created_by=actor,
    )
    if kind == Amendment.Kind.VALUE and not (amendment.value_change_bani or amendment.vat_change_bani):
        raise ValidationError({"value_change_bani": _("An addendum of value changes the contract's value.")})
    if kind == Amendment.Kind.DURATION and not amendment.duration_change_days:
        raise ValidationError({"duration_change_days": _("An addendum of duration changes the contract's duration.")})
    if kind == Amendment.Kind.SCOPE and (amendment.value_change_bani or amendment.vat_change_bani):
        raise ValidationError(
            {"value_change_bani": _("An addendum of scope does not change the value: record an addendum of value.")}
        )
    if signed_on and signed_on < contract.signed_on:
        raise ValidationError({"signed_on": _("An addendum cannot be signed before its contract.")})
    terms = contract_terms(contract)
    change = figures.AmendmentTerms(
        amendment.value_change_bani, amendment.vat_change_bani, amendment.duration_change_days
    )
    if not figures.amended_value_is_valid(terms, change):
        raise ValidationError(
            {"value_change_bani": _("After this addendum the contract's value or duration would be below zero.")}
        )
    _full_clean(amendment, exclude=["created_by"])
    amendment.save()
    after = figures.ContractTerms(
        terms.value, terms.vat, terms.starts_on, terms.duration_days, (*terms.amendments, change)
    )
    changes = [
        ("kind", _("type"), "", amendment.get_kind_display()),
        ("description", _("what changes and why"), "", amendment.description),
    ]
    if change.value_change or change.vat_change:
        changes.append(
            (
                "contract_value",
                _("contract value with VAT"),
                history.shown_lei(terms.current_value_with_vat),
                history.shown_lei(after.current_value_with_vat),
            )
        )
    if change.duration_change_days:
        changes.append(
            ("contract_end", _("contract ends on"), history.shown(terms.ends_on), history.shown(after.ends_on))
        )
    history.changed(
        actor,
        contract.investment,
        amendment,
        changes,
        subject=f"{contract} — {amendment}",
        action=history.CREATED,
    )
    return amendment


def contract_terms(contract) -> figures.ContractTerms:
    return figures.ContractTerms(
        value=contract.value_bani,
        vat=contract.vat_bani,
        starts_on=contract.starts_on,
        duration_days=contract.duration_days,
        amendments=tuple(
            figures.AmendmentTerms(a.value_change_bani, a.vat_change_bani, a.duration_change_days)
            for a in contract.amendments.all()
        ),
    )


# --- the money ledger (four eyes) ------------------------------------------------------------------------------------


@transaction.atomic
def enter_ledger_entry(
    actor, investment, *, kind, amount_bani, on_date, document, contract=None, funding_source=None, note=""
) -> LedgerEntry:
    """A clerk records an invoice, a payment, a reimbursement claim, a reimbursement or an ineligible amount; it
    counts in no figure until the head of the department validates it."""
    _require_enter(actor, investment)
    if contract is not None and contract.investment_id != investment.pk:
        raise ValidationError({"contract": _("This contract belongs to another investment.")})
    if funding_source is not None and funding_source.investment_id != investment.pk:
        raise ValidationError({"funding_source": _("This funding source belongs to another investment.")})
    if on_date and on_date > calendar.today():
        raise ValidationError({"on_date": _("The date cannot be in the future.")})
    entry = LedgerEntry(
        investment=investment,
        kind=kind,
        amount_bani=amount_bani,
        on_date=on_date,
        document=(document or "").strip(),
        contract=contract,
        funding_source=funding_source,
        note=(note or "").strip(),
        entered_by=actor,
    )
    _full_clean(entry, exclude=["entered_by", "decided_by"])
    entry.save()
    history.created(
        actor,
        investment,
        entry,
        [
            ("kind", _("movement"), "", entry.get_kind_display()),
            ("amount_bani", _("amount"), "", history.shown_lei(entry.amount_bani)),
            ("on_date", _("date"), "", history.shown(entry.on_date)),
            ("document", _("document"), "", entry.document),
        ],
    )
    return entry


def _decide(model, obj, actor, status, reason=""):
    obj = model.objects.select_for_update().select_related("investment").get(pk=obj.pk)
    _require_validator(actor, obj.investment)
    if obj.status != model.Status.PENDING:
        raise ValidationError(
            _("This entry was already decided: it is %(status)s.") % {"status": obj.get_status_display()},
            code="already_decided",
        )
    if obj.entered_by_id == actor.pk:
        raise PermissionDenied(_("You entered this yourself: another head of the department must validate it."))
    if status == model.Status.REJECTED and not (reason or "").strip():
        raise ValidationError({"rejection_reason": _("Say why it is rejected, so the clerk can correct it.")})
    old_status = obj.get_status_display()
    obj.status = status
    obj.decided_by = actor
    obj.decided_at = timezone.now()
    obj.rejection_reason = (reason or "").strip()
    try:
        with transaction.atomic():
            obj.save(update_fields=["status", "decided_by", "decided_at", "rejection_reason"])
    except IntegrityError:  # the database's own four-eyes check
        raise PermissionDenied(
            _("You entered this yourself: another head of the department must validate it.")
        ) from None
    changes = [("status", _("status"), old_status, obj.get_status_display())]
    if obj.rejection_reason:
        changes.append(("rejection_reason", _("reason for the rejection"), "", obj.rejection_reason))
    history.changed(
        actor,
        obj.investment,
        obj,
        changes,
        action=history.VALIDATED if status == model.Status.VALIDATED else history.REJECTED,
    )
    return obj


@transaction.atomic
def validate_entry(actor, entry) -> LedgerEntry:
    return _decide(LedgerEntry, entry, actor, LedgerEntry.Status.VALIDATED)


@transaction.atomic
def reject_entry(actor, entry, *, reason) -> LedgerEntry:
    return _decide(LedgerEntry, entry, actor, LedgerEntry.Status.REJECTED, reason)


# --- physical progress -----------------------------------------------------------------------------------------------


@transaction.atomic
def report_progress(actor, investment, *, year, quarter, percent, note="") -> ProgressReport:
    _require_enter(actor, investment)
    today = calendar.today()
    if (year, quarter) > (today.year, (today.month - 1) // 3 + 1):
        raise ValidationError({"quarter": _("A quarter that has not begun cannot be reported.")})
    report = ProgressReport(
        investment=investment, year=year, quarter=quarter, percent=percent, note=(note or "").strip(), entered_by=actor
    )
    already = ProgressReport.objects.filter(investment=investment, year=year, quarter=quarter).exclude(
        status=ProgressReport.Status.REJECTED
    )
    if already.exists():
        raise ValidationError(
            {"quarter": _("This quarter is already reported: reject the earlier report before entering another.")}
        )
    _full_clean(report, exclude=["entered_by", "decided_by"])
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ValidationError(
            {"quarter": _("This quarter is already reported: reject the earlier report before entering another.")}
        ) from None
    history.created(
        actor,
        investment,
        report,
        [("percent", _("physical progress (%)"), "", f"{report.percent} %")],
    )
    return report


@transaction.atomic
def validate_progress(actor, report) -> ProgressReport:
    return _decide(ProgressReport, report, actor, ProgressReport.Status.VALIDATED)


@transaction.atomic
def reject_progress(actor, report, *, reason) -> ProgressReport:
    return _decide(ProgressReport, report, actor, ProgressReport.Status.REJECTED, reason)


# --- the public site -------------------------------------------------------------------------------------------------


@transaction.atomic
def publish(actor, investment) -> Investment:
    if not roles.may_publish(actor):
        raise PermissionDenied(_("Only the editors publish investments on the public site."))
    investment = Investment.objects.select_for_update().get(pk=investment.pk)
    if not investment.published:
        investment.published = True
        investment.published_at = timezone.now()
        investment.published_by = actor
        investment.save(update_fields=["published", "published_at", "published_by", "updated_at"])
        history.changed(
            actor, investment, investment, [("published", _("published on the public site"), _("no"), _("yes"))]
        )
    return investment


@transaction.atomic
def unpublish(actor, investment) -> Investment:
    if not roles.may_publish(actor):
        raise PermissionDenied(_("Only the editors publish investments on the public site."))
    investment = Investment.objects.select_for_update().get(pk=investment.pk)
    if investment.published:
        investment.published = False
        investment.save(update_fields=["published", "updated_at"])
        history.changed(
            actor, investment, investment, [("published", _("published on the public site"), _("yes"), _("no"))]
        )
    return investment


def follow(user, investment) -> Follower:
    if not (user and user.is_authenticated):
        raise PermissionDenied(_("Sign in to follow an investment."))
    if not investment.published:
        raise PermissionDenied(_("This investment is not published."))
    follower, _created = Follower.objects.get_or_create(investment=investment, user=user)
    return follower


def unfollow(user, investment) -> None:
    if user and user.is_authenticated:
        Follower.objects.filter(investment=investment, user=user).delete()
