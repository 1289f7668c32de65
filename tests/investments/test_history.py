"""The history of an investment: every workflow change writes who, when, what, the old and the new value, and the
rows can be neither changed nor deleted (database triggers)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.utils import translation

from investments import audit_sql, history, selectors, workflow
from investments.models import Amendment, Change, FundingSource, LedgerEntry, ProgressReport, Stage
from portal.templatetags.money import lei
from services.calendar import clock_at

from .factories import ContractFactory, InvestmentFactory, editor, evidence_pdf

TODAY = datetime.date(2026, 3, 16)


@pytest.fixture(autouse=True)
def _on_a_known_day_in_english():
    with clock_at(TODAY), translation.override("en"):
        yield


@pytest.fixture
def investment(department):
    return InvestmentFactory(department=department, code="INV-001", title="Reabilitare Școala Gimnazială nr. 3")


def rows(investment, **filters):
    """(actor, subject, action, field, old, new) of the changes written, oldest first."""
    return [
        (c.actor, c.subject, c.action, c.field, c.old_value, c.new_value)
        for c in Change.objects.filter(investment=investment, **filters).order_by("pk")
    ]


def test_creating_an_investment_records_each_given_field(department, clerk):
    investment = workflow.create_investment(
        clerk, code="INV-900", title="Pod peste Someș", department=department, address="Strada Podului"
    )
    assert rows(investment) == [
        (clerk, "INV-900", history.CREATED, "code", "", "INV-900"),
        (clerk, "INV-900", history.CREATED, "title", "", "Pod peste Someș"),
        (clerk, "INV-900", history.CREATED, "department", "", str(department)),
        (clerk, "INV-900", history.CREATED, "location", "", "Strada Podului"),
    ]


def test_changing_the_title_records_one_row_with_the_old_and_new_title(investment, clerk):
    workflow.update_investment(
        clerk, investment, title="Reabilitare și extindere Școala nr. 3", address=investment.address
    )
    assert rows(investment) == [
        (
            clerk,
            "INV-001",
            history.CHANGED,
            "title",
            "Reabilitare Școala Gimnazială nr. 3",
            "Reabilitare și extindere Școala nr. 3",
        )
    ]
    assert Change.objects.get().at is not None


def test_an_update_that_changes_nothing_records_nothing(investment, clerk):
    workflow.update_investment(clerk, investment, title=investment.title, latitude=None, longitude=None)
    assert rows(investment) == []


def test_a_stage_records_its_dates_and_evidence(investment, clerk):
    workflow.set_stage(clerk, investment, Stage.Kind.FEASIBILITY, planned_date=datetime.date(2026, 2, 1))
    workflow.set_stage(
        clerk, investment, Stage.Kind.FEASIBILITY, actual_date=datetime.date(2026, 2, 10), evidence=evidence_pdf()
    )
    subject = "Stage: feasibility study or DALI"
    assert rows(investment) == [
        (clerk, subject, history.CHANGED, "planned date", "", "2026-02-01"),
        (clerk, subject, history.CHANGED, "actual date", "", "2026-02-10"),
        (clerk, subject, history.CHANGED, "evidence document", "", "proces-verbal.pdf"),
    ]


def test_a_funding_source_records_its_amount_in_lei(investment, clerk):
    source = workflow.add_funding_source(
        clerk, investment, kind=FundingSource.Kind.PNRR, approved_bani=123_456_78, cofinancing_rate=0
    )
    workflow.update_funding_source(clerk, source, approved_bani=200_000_00)
    [changed] = rows(investment, action=history.CHANGED)
    assert changed[3:] == ("approved amount", lei(123_456_78), lei(200_000_00))


def test_an_amendment_records_the_contract_value_before_and_after(investment, clerk):
    contract = ContractFactory(investment=investment, value_bani=10_000_000, vat_bani=1_900_000)
    workflow.add_amendment(
        clerk,
        contract,
        number="1",
        signed_on=datetime.date(2025, 12, 1),
        kind=Amendment.Kind.VALUE,
        description="Lucrări suplimentare.",
        value_change_bani=2_000_000,
        vat_change_bani=380_000,
    )
    recorded = {c.field: (c.actor, c.action, c.old_value, c.new_value) for c in Change.objects.all()}
    assert recorded["contract value with VAT"] == (clerk, history.CREATED, lei(11_900_000), lei(14_280_000))
    assert recorded["type"][3] == "value"


def test_a_duration_amendment_records_the_end_before_and_after(investment, clerk):
    contract = ContractFactory(
        investment=investment, starts_on=datetime.date(2025, 7, 15), duration_days=365
    )  # ends on 2026-07-15
    workflow.add_amendment(
        clerk,
        contract,
        number="1",
        signed_on=datetime.date(2025, 12, 1),
        kind=Amendment.Kind.DURATION,
        description="Prelungire.",
        duration_change_days=30,
    )
    [ends] = Change.objects.filter(field="contract ends on")
    assert (ends.old_value, ends.new_value) == ("2026-07-15", "2026-08-14")


def test_validating_an_entry_records_the_status_from_pending_to_validated(investment, clerk, head):
    entry = workflow.enter_ledger_entry(
        clerk,
        investment,
        kind=LedgerEntry.Kind.PAID,
        amount_bani=5_950_000,
        on_date=datetime.date(2026, 3, 2),
        document="OP 1234",
    )
    assert rows(investment) == [
        (clerk, "Ledger entry: paid OP 1234", history.CREATED, "movement", "", "paid"),
        (clerk, "Ledger entry: paid OP 1234", history.CREATED, "amount", "", lei(5_950_000)),
        (clerk, "Ledger entry: paid OP 1234", history.CREATED, "date", "", "2026-03-02"),
        (clerk, "Ledger entry: paid OP 1234", history.CREATED, "document", "", "OP 1234"),
    ]
    workflow.validate_entry(head, entry)
    assert rows(investment, action=history.VALIDATED) == [
        (head, "Ledger entry: paid OP 1234", history.VALIDATED, "status", "waiting for validation", "validated")
    ]


def test_rejecting_a_progress_report_records_the_status_and_the_reason(investment, clerk, head):
    report = workflow.report_progress(clerk, investment, year=2026, quarter=1, percent=40)
    workflow.reject_progress(head, report, reason="Nu corespunde situației de lucrări.")
    recorded = rows(investment, action=history.REJECTED)
    assert [r[3:] for r in recorded] == [
        ("status", "waiting for validation", "rejected"),
        ("reason for the rejection", "", "Nu corespunde situației de lucrări."),
    ]
    assert {r[0] for r in recorded} == {head}
    assert ProgressReport.objects.get().status == ProgressReport.Status.REJECTED


def test_publishing_records_who_published(investment):
    publisher = editor()
    workflow.publish(publisher, investment)
    workflow.unpublish(publisher, investment)
    assert [r[0::3] for r in rows(investment)] == [(publisher, "published on the public site")] * 2
    assert [r[4:] for r in rows(investment)] == [("no", "yes"), ("yes", "no")]


def test_history_lists_the_newest_change_first(investment, clerk):
    workflow.update_investment(clerk, investment, title="Întâi")
    workflow.update_investment(clerk, investment, title="Apoi")
    assert [c.new_value for c in selectors.history(investment)] == ["Apoi", "Întâi"]


def test_a_refused_change_records_nothing(investment, clerk, other_department_clerk):
    with pytest.raises(PermissionDenied):
        workflow.update_investment(other_department_clerk, investment, title="Alt titlu")
    assert not Change.objects.exists()


@pytest.fixture
def change(investment, clerk):
    workflow.update_investment(clerk, investment, title="Titlu nou")
    return Change.objects.get()


def test_a_change_row_cannot_be_updated(change):
    with transaction.atomic(), pytest.raises(DatabaseError, match=audit_sql.MESSAGE):
        Change.objects.filter(pk=change.pk).update(new_value="Altceva")
    change.refresh_from_db()
    assert change.new_value == "Titlu nou"


def test_a_change_row_cannot_be_saved_again(change):
    change.old_value = "Altceva"
    with transaction.atomic(), pytest.raises(DatabaseError, match=audit_sql.MESSAGE):
        change.save()


@pytest.mark.parametrize(
    "delete",
    [
        pytest.param(lambda change: Change.objects.filter(pk=change.pk).delete(), id="queryset"),
        pytest.param(lambda change: change.delete(), id="instance"),
    ],
)
def test_a_change_row_cannot_be_deleted(change, delete):
    with transaction.atomic(), pytest.raises(DatabaseError, match=audit_sql.MESSAGE):
        delete(change)
    assert Change.objects.filter(pk=change.pk).exists()
