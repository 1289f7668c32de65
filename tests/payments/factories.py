"""Factories of the tax roll and the ledger."""

import datetime

import factory

from payments import checkout
from payments.models import DemoCheckout, Obligation, Payment, Taxpayer, TaxpayerLink
from payments.providers import demo

# Valid identifiers (checksums correct): persons' CNPs and a company's CUI.
CNPS = ["1800101221144", "2850315123457", "1900705400015", "6010101410011"]
CUI = "18547290"


class TaxpayerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Taxpayer
        skip_postgeneration_save = True

    kind = Taxpayer.Kind.PERSON
    identifier = factory.Iterator(CNPS)
    name = factory.Iterator(["Ana Popescu", "Ion Mureșan", "Kovács Zsófia", "Elena Stan"])
    address = "Str. Florilor nr. 3, Lugoj"
    role_number = factory.Sequence(lambda n: f"R{n:06d}")

    @factory.post_generation
    def access_code(self, create, extracted, **kwargs):
        self.set_access_code(extracted or "K7P2-9QX4")
        if create:
            self.save(update_fields=["access_code_hash"])


class ObligationFactory(factory.django.DjangoModelFactory):
    """The annual building tax of 2026, 1.234,56 lei, in two instalments."""

    class Meta:
        model = Obligation

    taxpayer = factory.SubFactory(TaxpayerFactory)
    kind = Obligation.Kind.BUILDING
    fiscal_year = 2026
    reference = "Str. Florilor nr. 3"
    amount = 123456
    first_due = datetime.date(2026, 3, 31)
    first_amount = factory.LazyAttribute(lambda o: o.amount - o.amount // 2)
    second_due = datetime.date(2026, 9, 30)
    second_amount = factory.LazyAttribute(lambda o: o.amount // 2)


def link(user, taxpayer, method=TaxpayerLink.Method.NOTICE):
    return TaxpayerLink.objects.create(user=user, taxpayer=taxpayer, method=method, status=TaxpayerLink.Status.ACTIVE)


def pay(payer, obligations, *, language="ro"):
    """A payment credited through the real path: the checkout started with the demo provider, its page's "pay"."""
    payment, _url = checkout.start(
        payer=payer,
        obligations=obligations,
        language=language,
        success_url="/impozite/plata/{token}/",
        cancel_url="/impozite/plata/{token}/",
    )
    demo.complete(DemoCheckout.objects.get(session_id=payment.provider_reference), "pay")
    return Payment.objects.select_related("receipt").get(pk=payment.pk)
