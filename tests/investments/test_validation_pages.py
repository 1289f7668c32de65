"""Four eyes through the pages: a clerk records, the head of the department validates or rejects from the queue,
never what they entered themselves; the figures change only once validated."""

import pytest

from investments.models import LedgerEntry, ProgressReport
from services.models import Membership
from tests.factories import DepartmentFactory, MembershipFactory, StaffFactory
from tests.investments.factories import InvestmentFactory, LedgerEntryFactory, ProgressReportFactory
from tests.investments.staff_helpers import (  # noqa: F401 (the fixtures)
    QUEUE,
    _english_pages,
    investment_fixture,
    messages_of,
    text,
    url,
)

pytestmark = pytest.mark.django_db
# Session, user, authenticator, permissions, memberships, the pending entries and reports with their investment,
# contract, funding source and person, institution settings, navigation: never per entry.
QUEUE_QUERIES = 14


def decide(name, obj):
    from django.urls import reverse

    key = "entry_pk" if isinstance(obj, LedgerEntry) else "report_pk"
    return reverse(f"investments:{name}", kwargs={key: obj.pk})


def paid_figure(client, investment):
    return client.get(url("detail", investment)).context["figures"].ledger.paid


@pytest.fixture
def pending(investment, clerk):
    return LedgerEntryFactory(investment=investment, entered_by=clerk, amount_bani=2_500_050, document="OP 418")


def test_a_payment_counts_once_the_head_validates_it_from_the_queue(client, clerk, head, investment):
    client.force_login(clerk)
    client.post(
        url("ledger_add", investment),
        {"kind": "paid", "amount": "25.000,50", "on_date": "2025-10-01", "document": "OP 418"},
    )
    entry = LedgerEntry.objects.get()
    assert paid_figure(client, investment) == 0

    client.force_login(head)
    queue = client.get(QUEUE)
    assert "OP 418" in text(queue)
    assert decide("entry_validate", entry) in text(queue)
    response = client.post(decide("entry_validate", entry), follow=True)
    assert "The ledger entry was validated: it now counts in the figures." in messages_of(response)
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by) == ("validated", head)
    assert paid_figure(client, investment) == 2_500_050
    assert "25,000.50" in text(client.get(url("detail", investment))).split('id="financial-figures"')[1]


def test_the_head_cannot_validate_an_entry_they_entered(client, head, investment):
    entry = LedgerEntryFactory(investment=investment, entered_by=head, document="OP 77")
    client.force_login(head)
    queue = text(client.get(QUEUE))
    row = queue.split(f'id="entry-{entry.pk}"')[1].split("</tr>")[0]
    assert "Entered by you: another head must validate it." in row
    assert decide("entry_validate", entry) not in row

    response = client.post(decide("entry_validate", entry), follow=True)
    assert "You entered this yourself: another head of the department must validate it." in messages_of(response)
    entry.refresh_from_db()
    assert entry.status == "pending" and entry.decided_by is None
    assert paid_figure(client, investment) == 0


def test_another_head_of_the_department_validates_what_a_head_entered(client, head, investment, department):
    entry = LedgerEntryFactory(investment=investment, entered_by=head)
    second = MembershipFactory(department=department, role=Membership.Role.HEAD).user
    client.force_login(second)
    client.post(decide("entry_validate", entry))
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by) == ("validated", second)


def test_rejecting_requires_a_reason(client, head, pending):
    client.force_login(head)
    response = client.post(decide("entry_reject", pending), {f"entry-{pending.pk}-reason": "  "})
    assert response.status_code == 200
    assert "Give the reason for the rejection: the clerk reads it." in text(response)
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_a_rejection_with_its_reason_is_shown_on_the_investment(client, head, pending, investment):
    client.force_login(head)
    reason = "Suma nu corespunde ordinului de plată."
    response = client.post(decide("entry_reject", pending), {f"entry-{pending.pk}-reason": reason}, follow=True)
    assert "The ledger entry was rejected." in messages_of(response)
    pending.refresh_from_db()
    assert (pending.status, pending.rejection_reason) == ("rejected", reason)
    assert reason in text(client.get(url("detail", investment)))
    assert "OP 418" not in text(client.get(QUEUE))


def test_an_entry_is_decided_only_once(client, head, pending):
    client.force_login(head)
    client.post(decide("entry_validate", pending))
    response = client.post(decide("entry_reject", pending), {f"entry-{pending.pk}-reason": "Greșit"}, follow=True)
    assert "This entry was already decided: it is validated." in text(response)
    pending.refresh_from_db()
    assert pending.status == "validated"


def test_a_progress_report_is_validated_and_rejected_from_the_queue(client, clerk, head, investment):
    first = ProgressReportFactory(investment=investment, entered_by=clerk, year=2025, quarter=3, percent=20)
    second = ProgressReportFactory(investment=investment, entered_by=clerk, year=2025, quarter=4, percent=90)
    client.force_login(head)
    client.post(decide("progress_validate", first))
    client.post(decide("progress_reject", second), {f"progress-{second.pk}-reason": "Raportul dirigintelui lipsește."})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("validated", "rejected")
    assert client.get(url("detail", investment)).context["figures"].physical_percent == 20


def test_rejecting_a_progress_report_requires_a_reason(client, clerk, head, investment):
    report = ProgressReportFactory(investment=investment, entered_by=clerk)
    client.force_login(head)
    response = client.post(decide("progress_reject", report), {})
    assert "Give the reason for the rejection: the clerk reads it." in text(response)
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.PENDING


# --- who may validate ------------------------------------------------------------------------------------------------


def test_a_clerk_has_no_queue_and_cannot_validate(client, clerk, pending):
    client.force_login(clerk)
    assert client.get(QUEUE).status_code == 403
    assert client.post(decide("entry_validate", pending)).status_code == 403
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_the_head_of_another_department_gets_404_and_does_not_see_the_entry(client, pending):
    elsewhere = MembershipFactory(department=DepartmentFactory(code="taxe"), role=Membership.Role.HEAD).user
    client.force_login(elsewhere)
    assert "OP 418" not in text(client.get(QUEUE))
    assert client.post(decide("entry_validate", pending)).status_code == 404
    assert client.post(decide("entry_reject", pending), {f"entry-{pending.pk}-reason": "x"}).status_code == 404
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_validating_needs_a_post(client, head, pending):
    client.force_login(head)
    assert client.get(decide("entry_validate", pending)).status_code == 405


def test_a_citizen_cannot_reach_the_queue(client, citizen, pending):
    client.force_login(citizen)
    assert client.get(QUEUE).status_code == 403
    assert client.post(decide("entry_validate", pending)).status_code == 403


@pytest.mark.parametrize("count", [2, 8])
def test_the_queues_queries_do_not_grow_with_the_entries(
    client, head, department, django_assert_max_num_queries, count
):
    for _n in range(count):
        investment = InvestmentFactory(department=department)
        LedgerEntryFactory(investment=investment, entered_by=StaffFactory())
        ProgressReportFactory(investment=investment, entered_by=StaffFactory())
    client.force_login(head)
    with django_assert_max_num_queries(QUEUE_QUERIES):
        response = client.get(QUEUE)
    assert len(response.context["entries"]) == len(response.context["reports"]) == count
