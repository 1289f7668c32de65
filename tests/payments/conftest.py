import pytest

from payments.roles import tax_group
from tests.factories import DepartmentFactory, MembershipFactory, StaffFactory

from .factories import ObligationFactory, TaxpayerFactory, link


@pytest.fixture
def taxpayer(db):
    return TaxpayerFactory(identifier="1800101221144", name="Ana Popescu", role_number="R000123")


@pytest.fixture
def linked_taxpayer(citizen, taxpayer):
    link(citizen, taxpayer)
    return taxpayer


@pytest.fixture
def obligation(linked_taxpayer):
    return ObligationFactory(taxpayer=linked_taxpayer)


@pytest.fixture
def tax_clerk(db):
    """A clerk of the tax department, in its group: the payments queue, refunds, links, the roll."""
    user = MembershipFactory(
        department=DepartmentFactory(code="taxe", name="Direcția Impozite și Taxe Locale"),
        user=StaffFactory(email="referent.taxe@primarie.ro", first_name="Attila", last_name="Nagy"),
    ).user
    user.groups.add(tax_group())
    return user


@pytest.fixture
def fake_stripe(settings, monkeypatch):
    """Stripe in use, its SDK talking to `FakeStripe` instead of api.stripe.com, events signed with the test secret."""
    from payments.providers import registry

    from .fake_stripe import FakeStripe
    from .stripe_events import SECRET

    settings.STRIPE_SECRET_KEY = "sk_test_ghiseul"
    settings.STRIPE_WEBHOOK_SECRETS = [SECRET]
    settings.PAYMENTS_PROVIDER = "stripe"
    fake = FakeStripe()
    monkeypatch.setattr(registry.get("stripe"), "http_client", fake)
    monkeypatch.setattr(registry.get("stripe"), "max_network_retries", 0)  # the fake's 5xx answers at once
    return fake


@pytest.fixture
def started(fake_stripe, citizen, obligation, rf):
    """A payment of the whole 2026 building tax started through Stripe Checkout on 15 March 2026."""
    import datetime

    from payments import checkout
    from services.calendar import clock_at

    with clock_at(datetime.date(2026, 3, 15)):
        payment, url = checkout.start(
            payer=citizen,
            obligations=[obligation],
            language="ro",
            success_url="https://portal.example/impozite/plata/{token}/",
            cancel_url="https://portal.example/impozite/plata/{token}/?renuntat=1",
        )
    return payment
