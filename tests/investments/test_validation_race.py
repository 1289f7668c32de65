"""Two heads deciding the same pending ledger entry at once, each on its own PostgreSQL connection: the row lock lets
them through one after the other, so exactly one decision is recorded and the other is refused.

The first head's call stops right after it has read (and locked) the entry; the second starts only then, and the
first goes on once the second is seen waiting for its lock (or, without a lock, has read the same pending entry)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from investments import history, workflow
from investments.models import Change, LedgerEntry, ProgressReport
from services.models import Membership
from tests.services.test_workflow_races import Race

from .factories import InvestmentFactory, LedgerEntryFactory, ProgressReportFactory, staff_of

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks to race against"),
    pytest.mark.django_db(transaction=True),
]

Status = LedgerEntry.Status


@pytest.fixture
def race(monkeypatch):
    """A race whose racers stop right after the entry is read and locked, before anything is checked."""
    race = Race(monkeypatch)
    race.pause_before(workflow, "_require_validator")
    return race


@pytest.fixture
def other_head(department):
    return staff_of(department, Membership.Role.HEAD)


@pytest.fixture
def investment(department):
    return InvestmentFactory(department=department)


@pytest.fixture
def entry(investment, clerk):
    return LedgerEntryFactory(investment=investment, entered_by=clerk, on_date=datetime.date(2026, 3, 2))


def decisions(investment):
    return list(Change.objects.filter(investment=investment, action__in=[history.VALIDATED, history.REJECTED]))


def already_decided(outcome):
    # By its code: the message is in whatever language the racing thread runs in.
    return isinstance(outcome, ValidationError) and outcome.code == "already_decided"


def test_two_heads_validating_the_same_entry_at_once_validate_it_once(race, entry, head, other_head):
    first, second = race.run(
        lambda: workflow.validate_entry(head, entry),
        lambda: workflow.validate_entry(other_head, entry),
    )
    assert isinstance(first, LedgerEntry), first
    assert already_decided(second), second
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by) == (Status.VALIDATED, head)
    [decision] = decisions(entry.investment)
    assert (decision.actor, decision.new_value) == (head, str(Status.VALIDATED.label))


def test_a_rejection_racing_a_validation_is_refused(race, entry, head, other_head):
    first, second = race.run(
        lambda: workflow.validate_entry(head, entry),
        lambda: workflow.reject_entry(other_head, entry, reason="Suma nu corespunde facturii."),
    )
    assert isinstance(first, LedgerEntry), first
    assert already_decided(second), second
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by, entry.rejection_reason) == (Status.VALIDATED, head, "")
    assert [d.actor for d in decisions(entry.investment)] == [head]


def test_a_validation_racing_a_rejection_is_refused(race, entry, head, other_head):
    first, second = race.run(
        lambda: workflow.reject_entry(other_head, entry, reason="Suma nu corespunde facturii."),
        lambda: workflow.validate_entry(head, entry),
    )
    assert isinstance(first, LedgerEntry), first
    assert already_decided(second), second
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by) == (Status.REJECTED, other_head)
    assert {d.actor for d in decisions(entry.investment)} == {other_head}


def test_two_heads_validating_the_same_progress_report_at_once_validate_it_once(
    race, investment, clerk, head, other_head
):
    report = ProgressReportFactory(investment=investment, entered_by=clerk)
    first, second = race.run(
        lambda: workflow.validate_progress(head, report),
        lambda: workflow.reject_progress(other_head, report, reason="Procent prea mare."),
    )
    assert isinstance(first, ProgressReport), first
    assert already_decided(second), second
    report.refresh_from_db()
    assert (report.status, report.decided_by) == (ProgressReport.Status.VALIDATED, head)
    assert [d.actor for d in decisions(investment)] == [head]
