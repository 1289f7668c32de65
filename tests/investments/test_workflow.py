"""The rules of investments.workflow: the evidence rule for stages, the four-eyes validation of the money ledger,
amendments changing the totals, the contractor's fiscal code, physical progress, who may change, publish and
follow an investment."""

import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from investments import selectors, tasks, workflow
from investments.models import (
    Amendment,
    Change,
    Contract,
    Follower,
    FundingSource,
    Investment,
    LedgerEntry,
    ProgressReport,
    Stage,
)
from services.calendar import clock_at
from services.models import Membership
from tests.factories import DepartmentFactory, UserFactory, make_pdf

from .factories import (
    INVALID_CUI,
    VALID_CUI,
    ContractFactory,
    FollowerFactory,
    InvestmentFactory,
    LedgerEntryFactory,
    ProgressReportFactory,
    disguised_upload,
    editor,
    evidence_pdf,
    staff_of,
)

TODAY = datetime.date(2026, 3, 16)
Kind = Stage.Kind
Status = LedgerEntry.Status


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


@pytest.fixture(autouse=True)
def _on_a_known_day_in_english():
    with clock_at(TODAY), translation.override("en"):
        yield


@pytest.fixture
def investment(department):
    return InvestmentFactory(department=department, code="INV-001", title="Reabilitare Școala Gimnazială nr. 3")


@pytest.fixture
def other_head(department):
    return staff_of(department, Membership.Role.HEAD)


def enter_payment(actor, investment, amount=5_950_000, **fields):
    return workflow.enter_ledger_entry(
        actor,
        investment,
        kind=fields.pop("kind", LedgerEntry.Kind.PAID),
        amount_bani=amount,
        on_date=fields.pop("on_date", days_ago(10)),
        document=fields.pop("document", "OP 1234"),
        **fields,
    )


def sign_contract(actor, investment, **fields):
    values = {
        "number": "12/2025",
        "subject": "Execuție lucrări de reabilitare",
        "contractor_name": "Construcții Someș SRL",
        "contractor_cui": VALID_CUI,
        "value_bani": 10_000_000,
        "vat_bani": 1_900_000,
        "signed_on": days_ago(300),
        "starts_on": days_ago(290),
        "duration_days": 365,
        **fields,
    }
    return workflow.add_contract(actor, investment, **values)


def ledger_of(investment):
    return selectors.investment_figures(investment).ledger


# --- the evidence rule -----------------------------------------------------------------------------------------------


def test_an_actual_date_without_evidence_is_refused_and_nothing_is_saved(investment, clerk):
    with pytest.raises(ValidationError) as refused:
        workflow.set_stage(clerk, investment, Kind.FEASIBILITY, planned_date=days_ago(20), actual_date=days_ago(5))
    assert refused.value.message_dict == {
        "evidence": ["A stage is done only with its evidence document: attach the document with the actual date."]
    }
    assert not Stage.objects.exists()
    assert not Change.objects.exists()


def test_an_actual_date_added_later_without_evidence_is_refused_and_the_plan_kept(investment, clerk):
    workflow.set_stage(clerk, investment, Kind.FEASIBILITY, planned_date=days_ago(20))
    with pytest.raises(ValidationError, match="evidence document"):
        workflow.set_stage(clerk, investment, Kind.FEASIBILITY, actual_date=days_ago(5))
    stage = Stage.objects.get()
    assert (stage.planned_date, stage.actual_date, stage.evidence.name) == (days_ago(20), None, "")


def test_an_actual_date_with_a_pdf_evidence_makes_the_stage_done(investment, clerk, private_storage):
    stage = workflow.set_stage(
        clerk,
        investment,
        Kind.FEASIBILITY,
        planned_date=days_ago(20),
        actual_date=days_ago(5),
        evidence=evidence_pdf(),
    )
    stage.refresh_from_db()
    assert stage.done
    assert (stage.actual_date, stage.evidence_name, stage.updated_by) == (days_ago(5), "proces-verbal.pdf", clerk)
    assert len(stage.evidence_sha256) == 64
    assert private_storage.exists(stage.evidence.name)
    assert selectors.investment_figures(investment).current_stage == Kind.FEASIBILITY


def test_a_later_change_that_keeps_the_stored_evidence_is_accepted(investment, clerk):
    first = workflow.set_stage(clerk, investment, Kind.FEASIBILITY, actual_date=days_ago(5), evidence=evidence_pdf())
    stored = first.evidence.name
    stage = workflow.set_stage(clerk, investment, Kind.FEASIBILITY, actual_date=days_ago(6), note="Data din PV.")
    stage.refresh_from_db()
    assert stage.done
    assert (stage.actual_date, stage.note, stage.evidence.name) == (days_ago(6), "Data din PV.", stored)


def test_a_file_disguised_as_a_pdf_is_refused(investment, clerk, private_storage):
    with pytest.raises(ValidationError, match="not an accepted type of file"):
        workflow.set_stage(clerk, investment, Kind.FEASIBILITY, actual_date=days_ago(5), evidence=disguised_upload())
    assert not Stage.objects.exists()
    assert not [path for path in Path(private_storage.location).rglob("*") if path.is_file()]


def test_a_pdf_with_active_content_is_refused_as_evidence(investment, clerk):
    upload = SimpleUploadedFile("proces-verbal.pdf", make_pdf(javascript="app.alert('x')"), "application/pdf")
    with pytest.raises(ValidationError, match="active content"):
        workflow.set_stage(clerk, investment, Kind.FEASIBILITY, actual_date=days_ago(5), evidence=upload)
    assert not Stage.objects.exists()


def test_an_actual_date_in_the_future_is_refused(investment, clerk):
    with pytest.raises(ValidationError) as refused:
        workflow.set_stage(
            clerk,
            investment,
            Kind.FEASIBILITY,
            actual_date=TODAY + datetime.timedelta(days=1),
            evidence=evidence_pdf(),
        )
    assert "actual_date" in refused.value.message_dict
    assert not Stage.objects.exists()


def test_the_database_refuses_an_actual_date_without_evidence(investment):
    with transaction.atomic(), pytest.raises(IntegrityError):
        Stage.objects.create(investment=investment, kind=Kind.FEASIBILITY, actual_date=days_ago(5))


# --- the followers' e-mail ----------------------------------------------------------------------------------------


@pytest.fixture
def queued(monkeypatch):
    """The stages whose followers' e-mail was queued."""
    stages = []
    monkeypatch.setattr(tasks.notify_followers, "delay", stages.append)
    return stages


def test_a_stage_becoming_done_on_a_published_investment_queues_the_followers_email(
    department, clerk, queued, django_capture_on_commit_callbacks
):
    investment = InvestmentFactory(department=department, is_published=True)
    with django_capture_on_commit_callbacks(execute=True):
        stage = workflow.set_stage(
            clerk, investment, Kind.PROCUREMENT, actual_date=days_ago(1), evidence=evidence_pdf()
        )
    assert queued == [stage.pk]


def test_a_stage_becoming_done_on_a_published_investment_emails_each_follower(
    department, clerk, mailoutbox, django_capture_on_commit_callbacks
):
    investment = InvestmentFactory(department=department, is_published=True)
    followers = [
        FollowerFactory(investment=investment, user=UserFactory(preferred_language=lang)) for lang in ["ro", "hu"]
    ]
    FollowerFactory(investment=InvestmentFactory(department=department, is_published=True))  # follows another one
    with django_capture_on_commit_callbacks(execute=True):
        workflow.set_stage(clerk, investment, Kind.PROCUREMENT, actual_date=days_ago(1), evidence=evidence_pdf())
    assert sorted(message.to[0] for message in mailoutbox) == sorted(f.user.email for f in followers)
    assert all(len(message.to) == 1 and not message.cc and not message.bcc for message in mailoutbox)
    assert all(investment.code in message.body for message in mailoutbox)


def test_a_stage_already_done_queues_no_second_email(department, clerk, queued, django_capture_on_commit_callbacks):
    investment = InvestmentFactory(department=department, is_published=True)
    workflow.set_stage(clerk, investment, Kind.PROCUREMENT, actual_date=days_ago(1), evidence=evidence_pdf())
    queued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.set_stage(clerk, investment, Kind.PROCUREMENT, note="Anunț de atribuire publicat.")
    assert queued == []


def test_a_stage_only_planned_queues_no_email(department, clerk, queued, django_capture_on_commit_callbacks):
    investment = InvestmentFactory(department=department, is_published=True)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.set_stage(clerk, investment, Kind.PROCUREMENT, planned_date=days_ago(-30))
    assert queued == []


def test_a_stage_done_on_a_draft_queues_no_email(investment, clerk, queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.set_stage(clerk, investment, Kind.PROCUREMENT, actual_date=days_ago(1), evidence=evidence_pdf())
    assert queued == []


# --- four eyes ------------------------------------------------------------------------------------------------------


def test_an_entry_by_a_clerk_waits_for_validation_and_counts_in_no_figure(investment, clerk):
    entry = enter_payment(clerk, investment)
    entry.refresh_from_db()
    assert (entry.status, entry.entered_by, entry.decided_by, entry.decided_at) == (Status.PENDING, clerk, None, None)
    result = selectors.investment_figures(investment)
    assert result.ledger.paid == 0
    assert result.pending_entries == 1


def test_the_head_validates_a_clerks_entry_and_it_counts(investment, clerk, head):
    entry = enter_payment(clerk, investment, amount=5_950_000)
    validated = workflow.validate_entry(head, entry)
    validated.refresh_from_db()
    assert (validated.status, validated.decided_by) == (Status.VALIDATED, head)
    assert validated.decided_at is not None
    result = selectors.investment_figures(investment)
    assert result.ledger.paid == 5_950_000
    assert result.pending_entries == 0


def test_the_head_cannot_validate_their_own_entry(investment, head):
    entry = enter_payment(head, investment)
    changes = Change.objects.count()
    with pytest.raises(PermissionDenied, match="You entered this yourself"):
        workflow.validate_entry(head, entry)
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by, entry.decided_at) == (Status.PENDING, None, None)
    assert Change.objects.count() == changes
    assert ledger_of(investment).paid == 0


def test_another_head_of_the_department_validates_a_heads_entry(investment, head, other_head):
    entry = enter_payment(head, investment)
    assert workflow.validate_entry(other_head, entry).decided_by == other_head


@pytest.mark.parametrize(
    "decide",
    [
        pytest.param(lambda actor, entry: workflow.validate_entry(actor, entry), id="validate"),
        pytest.param(lambda actor, entry: workflow.reject_entry(actor, entry, reason="Suma greșită."), id="reject"),
    ],
)
@pytest.mark.parametrize(
    "who",
    [
        pytest.param(lambda department: staff_of(department, Membership.Role.CLERK), id="a clerk of the department"),
        pytest.param(
            lambda department: staff_of(DepartmentFactory(code="taxe"), Membership.Role.HEAD),
            id="a head of another department",
        ),
    ],
)
def test_only_the_head_of_the_department_decides_an_entry(investment, department, clerk, who, decide):
    entry = enter_payment(clerk, investment)
    with pytest.raises(PermissionDenied, match="Only the head"):
        decide(who(department), entry)
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by) == (Status.PENDING, None)


@pytest.mark.parametrize(
    "first",
    [
        pytest.param(lambda head, entry: workflow.validate_entry(head, entry), id="validated"),
        pytest.param(lambda head, entry: workflow.reject_entry(head, entry, reason="Dublură."), id="rejected"),
    ],
)
@pytest.mark.parametrize(
    "again",
    [
        pytest.param(lambda head, entry: workflow.validate_entry(head, entry), id="validate"),
        pytest.param(lambda head, entry: workflow.reject_entry(head, entry, reason="Altă idee."), id="reject"),
    ],
)
def test_a_decided_entry_cannot_be_decided_again(investment, clerk, head, other_head, first, again):
    entry = enter_payment(clerk, investment)
    first(head, entry)
    decided = LedgerEntry.objects.get(pk=entry.pk)
    with pytest.raises(ValidationError, match="already decided"):
        again(other_head, entry)
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by, entry.decided_at) == (decided.status, head, decided.decided_at)


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_rejection_needs_a_reason(investment, clerk, head, reason):
    entry = enter_payment(clerk, investment)
    with pytest.raises(ValidationError) as refused:
        workflow.reject_entry(head, entry, reason=reason)
    assert list(refused.value.message_dict) == ["rejection_reason"]
    entry.refresh_from_db()
    assert entry.status == Status.PENDING


def test_a_rejected_entry_never_counts(investment, clerk, head):
    entry = enter_payment(clerk, investment)
    rejected = workflow.reject_entry(head, entry, reason="Ordinul de plată nu corespunde.")
    rejected.refresh_from_db()
    assert (rejected.status, rejected.decided_by, rejected.rejection_reason) == (
        Status.REJECTED,
        head,
        "Ordinul de plată nu corespunde.",
    )
    result = selectors.investment_figures(investment)
    assert result.ledger.paid == 0
    assert result.pending_entries == 0


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda investment, user: LedgerEntryFactory(investment=investment, entered_by=user), id="ledger"),
        pytest.param(
            lambda investment, user: ProgressReportFactory(investment=investment, entered_by=user), id="progress"
        ),
    ],
)
def test_the_database_refuses_a_decision_by_the_person_who_entered_it(investment, head, make):
    row = make(investment, head)
    with transaction.atomic(), pytest.raises(IntegrityError):
        type(row).objects.filter(pk=row.pk).update(status=Status.VALIDATED, decided_by=head, decided_at=timezone.now())
    row.refresh_from_db()
    assert (row.status, row.decided_by) == (Status.PENDING, None)


def test_the_database_refuses_a_decision_by_nobody(investment, clerk):
    entry = LedgerEntryFactory(investment=investment, entered_by=clerk)
    with transaction.atomic(), pytest.raises(IntegrityError):
        LedgerEntry.objects.filter(pk=entry.pk).update(status=Status.VALIDATED)


def test_an_entry_for_another_investments_contract_is_refused(investment, department, clerk):
    elsewhere = ContractFactory(investment=InvestmentFactory(department=department))
    with pytest.raises(ValidationError) as refused:
        enter_payment(clerk, investment, contract=elsewhere)
    assert list(refused.value.message_dict) == ["contract"]
    assert not LedgerEntry.objects.exists()


def test_an_entry_dated_in_the_future_is_refused(investment, clerk):
    with pytest.raises(ValidationError) as refused:
        enter_payment(clerk, investment, on_date=TODAY + datetime.timedelta(days=1))
    assert list(refused.value.message_dict) == ["on_date"]


# --- contracts and amendments ---------------------------------------------------------------------------------------


def test_a_value_addendum_raises_the_contracted_total_and_the_paid_percent_follows(investment, clerk, head):
    contract = sign_contract(clerk, investment, value_bani=10_000_000, vat_bani=1_900_000)
    workflow.validate_entry(head, enter_payment(clerk, investment, amount=5_950_000, contract=contract))
    before = ledger_of(investment)
    assert (before.contracted, str(before.paid_percent)) == (11_900_000, "50.0")

    workflow.add_amendment(
        clerk,
        contract,
        number="1",
        signed_on=days_ago(100),
        kind=Amendment.Kind.VALUE,
        description="Lucrări suplimentare la acoperiș.",
        value_change_bani=2_000_000,
        vat_change_bani=380_000,
    )
    after = ledger_of(investment)
    assert (after.contracted, str(after.paid_percent)) == (14_280_000, "41.7")
    assert after.paid == before.paid


def test_a_duration_addendum_moves_the_end_date_and_the_ending_soon_flag(investment, clerk):
    contract = sign_contract(clerk, investment, signed_on=days_ago(360), starts_on=days_ago(350), duration_days=365)
    [row] = selectors.investment_figures(investment).contracts
    assert (row.terms.ends_on, row.ending_soon) == (TODAY + datetime.timedelta(days=15), True)

    workflow.add_amendment(
        clerk,
        contract,
        number="1",
        signed_on=days_ago(5),
        kind=Amendment.Kind.DURATION,
        description="Prelungire din cauza condițiilor meteo.",
        duration_change_days=60,
    )
    result = selectors.investment_figures(investment)
    [row] = result.contracts
    assert (row.terms.ends_on, row.ending_soon) == (TODAY + datetime.timedelta(days=75), False)
    assert not result.ending_soon
    assert result.ledger.contracted == 11_900_000


def test_a_scope_addendum_without_a_value_change_keeps_the_totals(investment, clerk):
    contract = sign_contract(clerk, investment)
    workflow.add_amendment(
        clerk,
        contract,
        number="1",
        signed_on=days_ago(100),
        kind=Amendment.Kind.SCOPE,
        description="Înlocuirea tâmplăriei din lemn cu PVC.",
    )
    assert ledger_of(investment).contracted == 11_900_000


@pytest.mark.parametrize(
    ("kind", "changes", "field"),
    [
        pytest.param(Amendment.Kind.SCOPE, {"value_change_bani": 500_000}, "value_change_bani", id="scope with value"),
        pytest.param(Amendment.Kind.VALUE, {}, "value_change_bani", id="value without a change"),
        pytest.param(Amendment.Kind.DURATION, {}, "duration_change_days", id="duration without a change"),
        pytest.param(
            Amendment.Kind.VALUE, {"value_change_bani": -10_000_001}, "value_change_bani", id="value below zero"
        ),
        pytest.param(
            Amendment.Kind.DURATION, {"duration_change_days": -365}, "value_change_bani", id="no duration left"
        ),
    ],
)
def test_an_addendum_against_the_rules_is_refused(investment, clerk, kind, changes, field):
    contract = sign_contract(clerk, investment)
    with pytest.raises(ValidationError) as refused:
        workflow.add_amendment(
            clerk, contract, number="1", signed_on=days_ago(100), kind=kind, description="Act adițional.", **changes
        )
    assert list(refused.value.message_dict) == [field]
    assert not Amendment.objects.exists()
    assert ledger_of(investment).contracted == 11_900_000


def test_an_addendum_signed_before_its_contract_is_refused(investment, clerk):
    contract = sign_contract(clerk, investment, signed_on=days_ago(300))
    with pytest.raises(ValidationError) as refused:
        workflow.add_amendment(
            clerk,
            contract,
            number="1",
            signed_on=days_ago(301),
            kind=Amendment.Kind.DURATION,
            description="Prelungire.",
            duration_change_days=10,
        )
    assert list(refused.value.message_dict) == ["signed_on"]


@pytest.mark.parametrize("cui", [INVALID_CUI, "RO" + INVALID_CUI, "FR" + VALID_CUI, "", "12345678901"])
def test_a_contract_with_an_invalid_fiscal_code_is_refused(investment, clerk, cui):
    with pytest.raises(ValidationError) as refused:
        sign_contract(clerk, investment, contractor_cui=cui)
    assert refused.value.message_dict == {
        "contractor_cui": ["This is not a valid fiscal code (CUI): check its digits."]
    }
    assert not Contract.objects.exists()


@pytest.mark.parametrize("cui", ["RO" + VALID_CUI, "ro" + VALID_CUI, " RO 18547290 ", VALID_CUI])
def test_a_fiscal_code_with_the_ro_prefix_is_accepted_and_stored_bare(investment, clerk, cui):
    contract = sign_contract(clerk, investment, contractor_cui=cui)
    contract.refresh_from_db()
    assert contract.contractor_cui == VALID_CUI


def test_a_contract_starting_before_it_is_signed_is_refused(investment, clerk):
    with pytest.raises(ValidationError) as refused:
        sign_contract(clerk, investment, signed_on=days_ago(100), starts_on=days_ago(101))
    assert list(refused.value.message_dict) == ["starts_on"]


# --- physical progress ----------------------------------------------------------------------------------------------


def report(actor, investment, year=2026, quarter=1, percent=40):
    return workflow.report_progress(actor, investment, year=year, quarter=quarter, percent=percent)


def test_a_quarter_is_reported_once(investment, clerk):
    report(clerk, investment)
    with pytest.raises(ValidationError):
        report(clerk, investment, percent=45)
    assert ProgressReport.objects.count() == 1


def test_a_second_report_of_a_quarter_is_refused_by_the_quarter_with_a_message_saying_what_to_do(investment, clerk):
    report(clerk, investment)
    with pytest.raises(ValidationError) as refused:
        report(clerk, investment, percent=45)
    assert refused.value.message_dict == {
        "quarter": ["This quarter is already reported: reject the earlier report before entering another."]
    }


def test_a_rejected_quarter_may_be_reported_again(investment, clerk, head):
    workflow.reject_progress(head, report(clerk, investment), reason="Procentul nu corespunde situației de lucrări.")
    again = report(clerk, investment, percent=35)
    assert again.status == ProgressReport.Status.PENDING
    assert ProgressReport.objects.count() == 2


@pytest.mark.parametrize(
    ("year", "quarter", "accepted"),
    [
        pytest.param(2026, 1, True, id="the current quarter"),
        pytest.param(2025, 4, True, id="the last quarter"),
        pytest.param(2026, 2, False, id="the next quarter"),
        pytest.param(2027, 1, False, id="next year"),
    ],
)
def test_a_quarter_that_has_not_begun_is_refused(investment, clerk, year, quarter, accepted):
    if accepted:
        assert report(clerk, investment, year=year, quarter=quarter).pk
    else:
        with pytest.raises(ValidationError) as refused:
            report(clerk, investment, year=year, quarter=quarter)
        assert refused.value.message_dict == {"quarter": ["A quarter that has not begun cannot be reported."]}
        assert not ProgressReport.objects.exists()


def test_only_a_validated_progress_report_counts(investment, clerk, head):
    pending = report(clerk, investment, year=2025, quarter=4, percent=40)
    assert selectors.investment_figures(investment).physical_percent is None
    workflow.validate_progress(head, pending)
    assert selectors.investment_figures(investment).physical_percent == 40
    report(clerk, investment, year=2026, quarter=1, percent=55)  # pending: the validated 40 % still shows
    assert selectors.investment_figures(investment).physical_percent == 40


def test_the_latest_validated_quarter_is_the_physical_progress(investment, head):
    ProgressReportFactory(investment=investment, year=2026, quarter=1, percent=55, validated=True)
    ProgressReportFactory(investment=investment, year=2025, quarter=4, percent=40, validated=True)
    ProgressReportFactory(investment=investment, year=2025, quarter=3, percent=70, validated=True)
    assert selectors.investment_figures(investment).physical_percent == 55


def test_the_head_cannot_validate_their_own_progress_report(investment, head):
    own = report(head, investment)
    with pytest.raises(PermissionDenied):
        workflow.validate_progress(head, own)
    own.refresh_from_db()
    assert own.status == ProgressReport.Status.PENDING


def test_physical_progress_never_changes_the_paid_percent(investment, clerk, head):
    sign_contract(clerk, investment)
    workflow.validate_entry(head, enter_payment(clerk, investment, amount=2_380_000))
    before = selectors.investment_figures(investment)
    workflow.validate_progress(head, report(clerk, investment, percent=90))
    after = selectors.investment_figures(investment)
    assert after.physical_percent == 90
    assert after.ledger == before.ledger
    assert str(after.ledger.paid_percent) == "20.0"


# --- a parent and its sub-objects -----------------------------------------------------------------------------------


@pytest.fixture
def parent(department):
    parent = InvestmentFactory(department=department, code="INV-100", title="Regenerare urbană cartier Mărăști")
    ContractFactory(investment=parent, value_bani=800_000, vat_bani=200_000)  # 1 000 000 with VAT
    LedgerEntryFactory(investment=parent, amount_bani=100_000, validated=True)
    return parent


def child(parent, code, contract_with_vat=None, percent=None, paid=0, **report):
    sub = InvestmentFactory(department=parent.department, code=code, parent=parent)
    if contract_with_vat:
        ContractFactory(investment=sub, value_bani=contract_with_vat, vat_bani=0)
    if percent is not None:
        ProgressReportFactory(investment=sub, percent=percent, **({"validated": True} | report))
    if paid:
        LedgerEntryFactory(investment=sub, amount_bani=paid, validated=True)
    return sub


def test_a_parents_physical_progress_is_weighted_by_contract_value(parent):
    child(parent, "INV-101", contract_with_vat=3_000_000, percent=40)
    child(parent, "INV-102", contract_with_vat=1_000_000, percent=80)
    child(parent, "INV-103", percent=100)  # no contract: weighs nothing
    result = selectors.investment_figures(parent)
    assert [c.investment.code for c in result.children] == ["INV-101", "INV-102", "INV-103"]
    assert str(result.weighted_physical) == "50.0"
    assert result.physical_percent is None  # the parent's own reports, none here


def test_a_sub_object_without_a_validated_report_counts_as_zero(parent):
    child(parent, "INV-101", contract_with_vat=3_000_000, percent=40)
    child(parent, "INV-102", contract_with_vat=1_000_000, percent=80, validated=False)  # pending
    assert str(selectors.investment_figures(parent).weighted_physical) == "30.0"


def test_an_investment_without_sub_objects_has_no_weighted_progress(parent):
    result = selectors.investment_figures(parent)
    assert (result.children, result.weighted_physical, result.combined) == ([], None, None)
    assert result.totals == result.ledger


def test_a_parents_money_combines_its_own_and_its_sub_objects(parent):
    child(parent, "INV-101", contract_with_vat=3_000_000, paid=1_500_000)
    child(parent, "INV-102", contract_with_vat=1_000_000, paid=500_000)
    result = selectors.investment_figures(parent)
    assert (result.ledger.contracted, result.ledger.paid) == (1_000_000, 100_000)
    assert (result.combined.contracted, result.combined.paid) == (5_000_000, 2_100_000)
    assert str(result.combined.paid_percent) == "42.0"
    assert result.totals == result.combined


# --- who may change an investment -----------------------------------------------------------------------------------


@pytest.fixture
def scene(investment, clerk):
    """An investment with one of everything, entered by its department's clerk."""
    contract = sign_contract(clerk, investment)
    source = workflow.add_funding_source(
        clerk, investment, kind=FundingSource.Kind.EU_FUNDS, approved_bani=50_000_000, cofinancing_rate=2
    )
    entry = enter_payment(clerk, investment)
    progress = report(clerk, investment)
    return {"investment": investment, "contract": contract, "source": source, "entry": entry, "progress": progress}


ACTIONS = {
    "update": lambda a, s: workflow.update_investment(a, s["investment"], title="Alt titlu"),
    "stage": lambda a, s: workflow.set_stage(a, s["investment"], Kind.CONCEPT_NOTE, planned_date=TODAY),
    "funding": lambda a, s: workflow.add_funding_source(
        a, s["investment"], kind=FundingSource.Kind.LOAN, approved_bani=1_000
    ),
    "funding change": lambda a, s: workflow.update_funding_source(a, s["source"], approved_bani=1_000),
    "contract": lambda a, s: sign_contract(a, s["investment"], number="99/2026"),
    "amendment": lambda a, s: workflow.add_amendment(
        a, s["contract"], number="9", signed_on=TODAY, kind=Amendment.Kind.SCOPE, description="Altceva."
    ),
    "ledger": lambda a, s: enter_payment(a, s["investment"]),
    "validate": lambda a, s: workflow.validate_entry(a, s["entry"]),
    "reject": lambda a, s: workflow.reject_entry(a, s["entry"], reason="Nu."),
    "progress": lambda a, s: report(a, s["investment"], year=2025, quarter=4),
    "validate progress": lambda a, s: workflow.validate_progress(a, s["progress"]),
    "reject progress": lambda a, s: workflow.reject_progress(a, s["progress"], reason="Nu."),
    "publish": lambda a, s: workflow.publish(a, s["investment"]),
}


@pytest.mark.parametrize("action", ACTIONS.values(), ids=ACTIONS.keys())
@pytest.mark.parametrize("who", ["other_department_clerk", "quality_manager", "citizen"])
def test_someone_outside_the_department_cannot_change_anything(request, scene, who, action):
    actor = request.getfixturevalue(who)
    changes = Change.objects.count()
    rows = [
        model.objects.count() for model in (Stage, FundingSource, Contract, Amendment, LedgerEntry, ProgressReport)
    ]
    with pytest.raises(PermissionDenied):
        action(actor, scene)
    assert Change.objects.count() == changes
    assert [
        m.objects.count() for m in (Stage, FundingSource, Contract, Amendment, LedgerEntry, ProgressReport)
    ] == rows
    assert Investment.objects.get(pk=scene["investment"].pk).title == scene["investment"].title
    assert LedgerEntry.objects.get(pk=scene["entry"].pk).status == Status.PENDING


def test_an_investment_is_created_only_in_ones_own_department(clerk, other_department_clerk, department):
    with pytest.raises(PermissionDenied):
        workflow.create_investment(other_department_clerk, code="INV-900", title="Pod nou", department=department)
    assert not Investment.objects.exists()
    created = workflow.create_investment(clerk, code=" INV-900 ", title="Pod nou", department=department)
    assert created.code == "INV-900"


def test_an_investment_cannot_be_moved_to_another_department(investment, clerk):
    with pytest.raises(PermissionDenied):
        workflow.update_investment(clerk, investment, department=DepartmentFactory(code="taxe"))
    assert Investment.objects.get(pk=investment.pk).department_id == investment.department_id


def test_an_investment_cannot_be_part_of_its_own_sub_object(investment, department, clerk):
    sub = InvestmentFactory(department=department, parent=investment)
    with pytest.raises(ValidationError) as refused:
        workflow.update_investment(clerk, investment, parent=sub)
    assert list(refused.value.message_dict) == ["parent"]


# --- publishing and following ----------------------------------------------------------------------------------------


def test_an_editor_publishes_and_unpublishes_an_investment(investment):
    publisher = editor()
    published = workflow.publish(publisher, investment)
    published.refresh_from_db()
    assert (published.published, published.published_by) == (True, publisher)
    assert published.published_at is not None
    assert selectors.published_investments().get() == investment
    workflow.unpublish(publisher, investment)
    assert not Investment.objects.get(pk=investment.pk).published
    assert not selectors.published_investments().exists()


@pytest.mark.parametrize("who", ["clerk", "head", "quality_manager", "citizen"])
def test_only_staff_with_the_publish_permission_publish(request, department, who):
    actor = request.getfixturevalue(who)
    draft = InvestmentFactory(department=department)
    public = InvestmentFactory(department=department, is_published=True)
    with pytest.raises(PermissionDenied):
        workflow.publish(actor, draft)
    with pytest.raises(PermissionDenied):
        workflow.unpublish(actor, public)
    assert (Investment.objects.get(pk=draft.pk).published, Investment.objects.get(pk=public.pk).published) == (
        False,
        True,
    )


def test_a_signed_in_citizen_follows_a_published_investment_once(department, citizen):
    investment = InvestmentFactory(department=department, is_published=True)
    workflow.follow(citizen, investment)
    workflow.follow(citizen, investment)
    assert list(Follower.objects.values_list("user", "investment")) == [(citizen.pk, investment.pk)]
    workflow.unfollow(citizen, investment)
    assert not Follower.objects.exists()


def test_a_draft_cannot_be_followed(investment, citizen):
    with pytest.raises(PermissionDenied):
        workflow.follow(citizen, investment)
    assert not Follower.objects.exists()


def test_an_anonymous_visitor_cannot_follow(department):
    investment = InvestmentFactory(department=department, is_published=True)
    with pytest.raises(PermissionDenied):
        workflow.follow(AnonymousUser(), investment)
    assert not Follower.objects.exists()
