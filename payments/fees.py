"""The spine's fee collector (`services.fees`): a service's fee is an obligation of the applicant, paid through the
same checkout and ledger as the taxes, tied to the application it was paid for."""

from urllib.parse import urlencode

from django.urls import reverse

from services.calendar import today

from .models import Obligation


def fee_of(*, service, user, reference):
    """The applicant's fee for this application, if one was started."""
    return Obligation.objects.filter(
        owner=user, service=service, reference=reference, kind=Obligation.Kind.FEE
    ).first()


class Collector:
    def settled(self, *, service, user, reference) -> bool:
        if not reference:
            return False
        obligation = fee_of(service=service, user=user, reference=reference)
        return obligation is not None and obligation.settled

    def payment_url(self, *, service, user, reference, next_url) -> str:
        return f"{reverse('payments:pay_fee', args=[service.slug])}?{urlencode({'ref': reference, 'next': next_url})}"

    def attach(self, *, service, user, reference, case) -> None:
        Obligation.objects.filter(owner=user, service=service, reference=reference, kind=Obligation.Kind.FEE).update(
            reference=case.registration_number
        )


def fee_obligation(*, service, user, reference):
    """The applicant's fee for this application, created at the service's current fee the first time."""
    day = today()
    obligation, _created = Obligation.objects.get_or_create(
        owner=user,
        service=service,
        reference=reference,
        defaults={
            "kind": Obligation.Kind.FEE,
            "fiscal_year": day.year,
            "amount": service.fee_bani,
            "first_due": day,
            "first_amount": service.fee_bani,
        },
    )
    return obligation
