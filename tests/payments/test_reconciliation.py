"""The daily reconciliation: the demo provider's books against the ledger, one case per new difference."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from payments import checkout
from payments.models import AuditEvent, DemoCheckout, Payment, ReconciliationMismatch
from payments.providers import ProviderUnavailable, Record, Registry
from payments.providers.demo import DemoProvider, complete
from payments.reconciliation import SERVICE, compare, reconcile
from portal.templatetags.money import lei
from services.models import Case
from tests.factories import ProcedureFactory, ServiceFactory


@pytest.fixture(autouse=True)
def demo_provider(settings):
    settings.PAYMENTS_PROVIDER = "demo"


@pytest.fixture
def reconciliation_service(tax_clerk):
    department = tax_clerk.memberships.get().department
    procedure = ProcedureFactory(
        code="PO-DITL-01",
        owner_department=department,
        legal_basis="Legea nr. 207/2015 (Codul de procedură fiscală), art. 77",
        deadline_days=45,
        deadline_unit="calendar",
        extension_allowed=False,
        extension_max_days=0,
    )
    return ServiceFactory(slug=SERVICE, kind="tax", procedure=procedure, online=False)


def start_payment(citizen, obligation):
    payment, _url = checkout.start(
        payer=citizen, obligations=[obligation], language="ro", success_url="/ok/{token}/", cancel_url="/no/{token}/"
    )
    return payment, DemoCheckout.objects.get(session_id=payment.provider_reference)


def paid_without_webhook(session):
    """The payer paid at the provider; its events never reached the portal."""
    session.status, session.payment_status, session.completed_at = "complete", "paid", timezone.now()
    session.save()


def today():
    return timezone.localdate()


@pytest.fixture
def lost_webhook(citizen, obligation, reconciliation_service):
    payment, session = start_payment(citizen, obligation)
    paid_without_webhook(session)
    return payment


def test_a_payment_whose_webhook_never_arrived_opens_one_case_of_the_tax_department(lost_webhook):
    result = reconcile(today())

    case = Case.objects.get()
    assert result.opened == [case]
    assert case.service.slug == SERVICE
    assert case.department.code == "taxe"
    assert case.applicant is None
    mismatch = ReconciliationMismatch.objects.get()
    assert (mismatch.kind, mismatch.reference, mismatch.case) == (
        "not_credited",
        lost_webhook.provider_reference,
        case,
    )


def test_the_case_of_a_lost_webhook_says_which_checkout_and_what_each_side_says(lost_webhook):
    reconcile(today())

    details = Case.objects.get().details
    assert lost_webhook.provider_reference in details
    assert str(lost_webhook.token) in details
    assert details.count(lei(lost_webhook.amount)) == 2  # the ledger's and the provider's
    with translation.override("ro"):
        assert str(Payment.Status.PENDING.label) in details


def test_reconciling_the_same_day_again_opens_nothing_new(lost_webhook):
    reconcile(today())

    again = reconcile(today())

    assert again.opened == []
    assert len(again.found) == 1
    assert Case.objects.count() == 1


def test_every_run_is_written_to_the_audit_trail_with_its_counts(lost_webhook):
    reconcile(today())
    reconcile(today())

    runs = AuditEvent.objects.filter(action="reconciliation_run")
    assert [run.data["cases_opened"] for run in runs] == [1, 0]
    assert runs[0].data["by_kind"] == {"not_credited": 1}


def test_an_amount_the_provider_charged_differently_opens_a_case(citizen, obligation, reconciliation_service):
    payment, session = start_payment(citizen, obligation)
    complete(session, "pay")
    DemoCheckout.objects.filter(pk=session.pk).update(amount=payment.amount + 100)

    reconcile(today())

    mismatch = ReconciliationMismatch.objects.get()
    assert (mismatch.kind, mismatch.ledger_amount, mismatch.provider_amount) == (
        "amount",
        payment.amount,
        payment.amount + 100,
    )
    assert lei(payment.amount + 100) in mismatch.case.details


def test_a_success_in_the_ledger_the_provider_does_not_have_opens_a_case(citizen, obligation, reconciliation_service):
    payment, session = start_payment(citizen, obligation)
    complete(session, "pay")
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.SUCCEEDED
    DemoCheckout.objects.filter(pk=session.pk).delete()

    reconcile(today())

    mismatch = ReconciliationMismatch.objects.get()
    assert (mismatch.kind, mismatch.payment_id) == ("not_paid", payment.pk)


def test_a_checkout_the_ledger_does_not_know_opens_a_case(citizen, obligation, reconciliation_service):
    _payment, session = start_payment(citizen, obligation)
    Payment.objects.update(provider_reference="cs_other")

    reconcile(today())

    kinds = set(ReconciliationMismatch.objects.values_list("kind", "reference"))
    assert ("unknown", session.session_id) in kinds


def test_books_that_agree_open_no_case(citizen, obligation, reconciliation_service):
    _payment, session = start_payment(citizen, obligation)
    complete(session, "pay")

    result = reconcile(today())

    assert result.found == []
    assert not Case.objects.exists()


def test_refunded_amounts_that_differ_are_a_difference():
    payment = Payment(status=Payment.Status.SUCCEEDED, amount=5000, refunded=0, provider_reference="cs_1")

    found = compare("demo", [Record(reference="cs_1", amount=5000, paid=True, refunded=1000)], {"cs_1": payment})

    assert [(m.kind, m.ledger_amount, m.provider_amount) for m in found] == [("refunded", 0, 1000)]


class Unreachable(DemoProvider):
    """The demo provider whose books cannot be read."""

    def records(self, start, end):
        raise ProviderUnavailable("connection refused")


def test_a_provider_that_cannot_be_reached_raises_so_the_task_retries(reconciliation_service):
    registry = Registry()
    registry(Unreachable)

    with pytest.raises(ProviderUnavailable):
        reconcile(today(), registry=registry)
    assert not AuditEvent.objects.filter(action="reconciliation_run").exists()


def test_the_reconciliation_case_is_in_the_tax_departments_queue(client, lost_webhook, tax_clerk):
    reconcile(today())
    client.force_login(tax_clerk)

    response = client.get(reverse("backoffice:queue"))

    assert Case.objects.get().registration_number in response.content.decode()


def test_the_daily_task_tries_again_later_while_the_provider_cannot_be_reached(monkeypatch):
    from celery.exceptions import Retry

    from payments import reconciliation
    from payments.tasks import reconcile_yesterday

    def unreachable(day, **kwargs):
        raise ProviderUnavailable("timeout")

    monkeypatch.setattr(reconciliation, "reconcile", unreachable)

    with pytest.raises(Retry) as retried:
        reconcile_yesterday.apply()

    assert retried.value.when == 60
    assert isinstance(retried.value.exc, ProviderUnavailable)
