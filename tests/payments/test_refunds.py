"""Refunds: the tax department asks the provider; only the provider's event gives the money back in the ledger."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from payments import refunds, webhooks
from payments.models import AuditEvent, DemoCheckout, Payment, Refund, WebhookEvent
from payments.providers import ProviderUnavailable, demo, registry

from .factories import pay

REASON = "Plătit de două ori: la ghișeu și online."


@pytest.fixture
def paid(obligation, citizen):
    return pay(citizen, [obligation])


def refund(payment, by, amount, capture, reason=REASON):
    """A refund requested the way the clerk's form does, with the provider's event delivered after the commit."""
    with capture(execute=True):
        made = refunds.request_refund(payment, by=by, amount=amount, reason=reason)
    made.refresh_from_db()
    payment.refresh_from_db()
    return made


def test_a_full_refund_through_the_demo_provider_leaves_the_payment_refunded(
    paid, tax_clerk, django_capture_on_commit_callbacks
):
    made = refund(paid, tax_clerk, paid.amount, django_capture_on_commit_callbacks)

    assert made.status == Refund.Status.SUCCEEDED
    assert made.provider_reference.startswith("re_demo_")
    assert (paid.status, paid.refunded) == (Payment.Status.REFUNDED, paid.amount)


def test_a_full_refund_makes_the_obligation_owing_again(
    paid, obligation, tax_clerk, django_capture_on_commit_callbacks
):
    refund(paid, tax_clerk, paid.amount, django_capture_on_commit_callbacks)

    obligation.refresh_from_db()
    assert (obligation.principal_paid, obligation.increments_paid, obligation.bonus_granted) == (0, 0, 0)
    assert not obligation.settled


def test_the_same_refund_event_delivered_twice_is_credited_once(
    paid, obligation, tax_clerk, django_capture_on_commit_callbacks
):
    made = refund(paid, tax_clerk, paid.amount, django_capture_on_commit_callbacks)
    event = WebhookEvent.objects.get(type="refund.updated", payment=paid)
    body = json.dumps(event.payload)

    result = webhooks.receive("demo", body.encode(), demo.sign(body))

    paid.refresh_from_db()
    obligation.refresh_from_db()
    assert result.status == 200
    assert paid.refunded == paid.amount
    assert obligation.principal_paid == 0
    assert made.allocations.count() == 1
    assert AuditEvent.objects.filter(payment=paid, action="payment_refunded").count() == 1


def test_a_partial_refund_leaves_the_payment_partly_refunded(paid, tax_clerk, django_capture_on_commit_callbacks):
    refund(paid, tax_clerk, 5000, django_capture_on_commit_callbacks)

    assert (paid.status, paid.refunded) == (Payment.Status.PARTLY_REFUNDED, 5000)


def test_a_partial_refund_gives_back_the_interest_before_the_principal(
    paid, obligation, tax_clerk, django_capture_on_commit_callbacks
):
    obligation.refresh_from_db()
    interest, principal = obligation.increments_paid, obligation.principal_paid

    refund(paid, tax_clerk, interest + 100, django_capture_on_commit_callbacks)

    obligation.refresh_from_db()
    assert (obligation.increments_paid, obligation.principal_paid) == (0, principal - 100)


def test_a_refund_beyond_what_was_paid_is_refused(paid, tax_clerk):
    with pytest.raises(ValidationError) as refused:
        refunds.request_refund(paid, by=tax_clerk, amount=paid.amount + 1, reason=REASON)

    assert refused.value.code == "too_much"
    assert not Refund.objects.exists()


def test_a_refund_beyond_what_is_left_after_a_refund_still_requested_is_refused(paid, tax_clerk):
    # The first refund is requested, its event not yet delivered (no commit in this test).
    refunds.request_refund(paid, by=tax_clerk, amount=paid.amount - 100, reason=REASON)

    with pytest.raises(ValidationError) as refused:
        refunds.request_refund(paid, by=tax_clerk, amount=101, reason=REASON)

    assert refused.value.code == "too_much"


def test_a_refund_beyond_what_is_left_after_earlier_refunds_is_refused(
    paid, tax_clerk, django_capture_on_commit_callbacks
):
    refund(paid, tax_clerk, paid.amount - 100, django_capture_on_commit_callbacks)

    with pytest.raises(ValidationError):
        refunds.request_refund(paid, by=tax_clerk, amount=101, reason=REASON)


def test_a_refund_of_a_failed_payment_is_refused(obligation, citizen, tax_clerk):
    from payments import checkout

    payment, _url = checkout.start(
        payer=citizen, obligations=[obligation], language="ro", success_url="/{token}", cancel_url="/{token}"
    )
    demo.complete(DemoCheckout.objects.get(session_id=payment.provider_reference), "decline")
    payment.refresh_from_db()
    assert payment.status == Payment.Status.FAILED

    with pytest.raises(ValidationError) as refused:
        refunds.request_refund(payment, by=tax_clerk, amount=100, reason=REASON)

    assert refused.value.code == "status"
    assert not Refund.objects.exists()


def test_a_refund_of_a_fully_refunded_payment_is_refused(paid, tax_clerk, django_capture_on_commit_callbacks):
    refund(paid, tax_clerk, paid.amount, django_capture_on_commit_callbacks)

    with pytest.raises(ValidationError):
        refunds.request_refund(paid, by=tax_clerk, amount=1, reason=REASON)


@pytest.mark.parametrize("amount", [0, -100])
def test_a_refund_of_nothing_is_refused(paid, tax_clerk, amount):
    with pytest.raises(ValidationError) as refused:
        refunds.request_refund(paid, by=tax_clerk, amount=amount, reason=REASON)

    assert refused.value.code == "amount"


def test_a_refund_without_a_reason_is_refused(paid, tax_clerk):
    with pytest.raises(ValidationError) as refused:
        refunds.request_refund(paid, by=tax_clerk, amount=100, reason="   ")

    assert refused.value.code == "reason"


def test_only_the_tax_department_may_refund(paid, clerk):
    with pytest.raises(PermissionDenied):
        refunds.request_refund(paid, by=clerk, amount=100, reason=REASON)


def test_the_payer_may_not_refund_their_own_payment(paid, citizen):
    with pytest.raises(PermissionDenied):
        refunds.request_refund(paid, by=citizen, amount=100, reason=REASON)


def test_the_request_is_in_the_audit_trail_with_its_clerk_and_reason(paid, tax_clerk):
    made = refunds.request_refund(paid, by=tax_clerk, amount=100, reason=REASON)

    event = AuditEvent.objects.get(payment=paid, action="refund_requested")
    assert (event.actor, event.note, event.data) == (tax_clerk, REASON, {"refund": made.pk, "amount": 100})


def test_the_ledger_does_not_change_before_the_providers_event(paid, obligation, tax_clerk):
    obligation.refresh_from_db()
    before = obligation.principal_paid

    made = refunds.request_refund(paid, by=tax_clerk, amount=paid.amount, reason=REASON)

    paid.refresh_from_db()
    obligation.refresh_from_db()
    assert made.status == Refund.Status.REQUESTED
    assert (paid.status, paid.refunded, obligation.principal_paid) == (Payment.Status.SUCCEEDED, 0, before)


@pytest.fixture
def unreachable(monkeypatch):
    def refuse(refund):
        raise ProviderUnavailable("connection refused")

    monkeypatch.setattr(registry.get("demo"), "refund", refuse)


def test_a_provider_that_cannot_be_reached_leaves_the_refund_failed_and_the_clerk_told(paid, tax_clerk, unreachable):
    with pytest.raises(ValidationError) as refused:
        refunds.request_refund(paid, by=tax_clerk, amount=100, reason=REASON)

    assert refused.value.code == "provider_unavailable"
    assert Refund.objects.get().status == Refund.Status.FAILED


def test_a_provider_that_cannot_be_reached_changes_nothing_in_the_ledger(
    paid, obligation, tax_clerk, unreachable, django_capture_on_commit_callbacks
):
    obligation.refresh_from_db()
    before = (obligation.principal_paid, obligation.increments_paid)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        refunds.request_refund(paid, by=tax_clerk, amount=paid.amount, reason=REASON)

    paid.refresh_from_db()
    obligation.refresh_from_db()
    assert (paid.status, paid.refunded) == (Payment.Status.SUCCEEDED, 0)
    assert (obligation.principal_paid, obligation.increments_paid) == before
    assert DemoCheckout.objects.get().refunded == 0


def test_a_failed_refund_does_not_hold_back_the_amount(paid, tax_clerk, unreachable, monkeypatch):
    with pytest.raises(ValidationError):
        refunds.request_refund(paid, by=tax_clerk, amount=paid.amount, reason=REASON)
    monkeypatch.delattr(registry.get("demo"), "refund")  # the provider is back

    made = refunds.request_refund(paid, by=tax_clerk, amount=paid.amount, reason=REASON)

    assert made.status == Refund.Status.REQUESTED
