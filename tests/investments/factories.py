"""factory_boy factories and small helpers for the investments tests.

The factories write rows directly, as a fixture would; the behaviour under test goes through investments.workflow.
Amounts are integers in bani."""

import datetime

import factory
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from investments.models import (
    Amendment,
    Contract,
    Follower,
    FundingSource,
    Investment,
    LedgerEntry,
    ProgressReport,
    Stage,
)
from services.models import Membership
from tests.factories import PDF, PNG, DepartmentFactory, MembershipFactory, StaffFactory, UserFactory

# A fiscal code with a right control digit (tests/portal/test_identifiers.py works it out).
VALID_CUI = "18547290"
INVALID_CUI = "18547291"


def evidence_pdf(name="proces-verbal.pdf"):
    """A real PDF upload, as a clerk attaches the evidence of a stage."""
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def disguised_upload(name="proces-verbal.pdf"):
    """A Windows executable named like a PDF: the upload check sniffs the content, not the name."""
    return SimpleUploadedFile(name, b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120, content_type="application/pdf")


def png_upload(name="fotografie.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def staff_of(department, role=Membership.Role.CLERK, **user_fields):
    """A new staff member of `department` in `role`."""
    return MembershipFactory(department=department, role=role, user=StaffFactory(**user_fields)).user


def editor(**user_fields):
    """A staff member who may publish investments on the public site (and belongs to no department)."""
    user = StaffFactory(**user_fields)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="investments", codename="publish_investment")
    )
    return type(user).objects.get(pk=user.pk)  # a fresh object: has_perm caches what it read


class InvestmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Investment

    code = factory.Sequence(lambda n: f"INV-{n:03d}")
    title = factory.Sequence(lambda n: f"Modernizare strada Nr. {n}")
    title_hu = factory.Sequence(lambda n: f"{n}. utca korszerűsítése")
    description = "Reabilitarea carosabilului, trotuarelor și a iluminatului public."
    department = factory.SubFactory(DepartmentFactory)
    address = "Strada Principală, Cluj-Napoca"
    council_decision = "HCL nr. 112/2025"
    council_decision_date = datetime.date(2025, 4, 24)
    planned_start = datetime.date(2025, 6, 1)
    planned_end = datetime.date(2027, 5, 31)

    class Params:
        is_published = factory.Trait(published=True, published_at=factory.LazyFunction(timezone.now))


class StageFactory(factory.django.DjangoModelFactory):
    """A stage; `done=True` gives it an actual date and its evidence document."""

    class Meta:
        model = Stage

    investment = factory.SubFactory(InvestmentFactory)
    kind = Stage.Kind.FEASIBILITY
    planned_date = datetime.date(2025, 9, 30)

    class Params:
        done = factory.Trait(
            actual_date=datetime.date(2025, 10, 15),
            evidence=factory.django.FileField(data=PDF, filename="proces-verbal.pdf"),
            evidence_name="proces-verbal.pdf",
        )


class FundingSourceFactory(factory.django.DjangoModelFactory):
    """EU funds with the usual 2 % co-financing unless told otherwise."""

    class Meta:
        model = FundingSource

    investment = factory.SubFactory(InvestmentFactory)
    kind = FundingSource.Kind.EU_FUNDS
    programme = "PR Nord-Vest 2021-2027"
    approved_bani = 500_000_000
    cofinancing_rate = 2


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    investment = factory.SubFactory(InvestmentFactory)
    number = factory.Sequence(lambda n: f"{n + 1}/2025")
    procurement_reference = factory.Sequence(lambda n: f"CN10{n:05d}")
    subject = "Execuție lucrări"
    contractor_name = "Construcții Someș SRL"
    contractor_cui = VALID_CUI
    value_bani = 10_000_000
    vat_bani = 1_900_000
    signed_on = datetime.date(2025, 7, 1)
    starts_on = datetime.date(2025, 7, 15)
    duration_days = 365


class AmendmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Amendment

    contract = factory.SubFactory(ContractFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    signed_on = datetime.date(2025, 12, 1)
    kind = Amendment.Kind.DURATION
    duration_change_days = 60
    description = "Prelungirea duratei de execuție din cauza condițiilor meteo."


class LedgerEntryFactory(factory.django.DjangoModelFactory):
    """A pending entry; `validated=True` or `rejected=True` for one a head has decided."""

    class Meta:
        model = LedgerEntry

    investment = factory.SubFactory(InvestmentFactory)
    kind = LedgerEntry.Kind.PAID
    amount_bani = 1_000_000
    on_date = datetime.date(2025, 10, 1)
    document = factory.Sequence(lambda n: f"OP {n + 100}")
    entered_by = factory.SubFactory(StaffFactory)

    class Params:
        validated = factory.Trait(
            status=LedgerEntry.Status.VALIDATED,
            decided_by=factory.SubFactory(StaffFactory),
            decided_at=factory.LazyFunction(timezone.now),
        )
        rejected = factory.Trait(
            status=LedgerEntry.Status.REJECTED,
            decided_by=factory.SubFactory(StaffFactory),
            decided_at=factory.LazyFunction(timezone.now),
            rejection_reason="Suma nu corespunde ordinului de plată.",
        )


class ProgressReportFactory(factory.django.DjangoModelFactory):
    """A pending report; `validated=True` for one a head has validated."""

    class Meta:
        model = ProgressReport

    investment = factory.SubFactory(InvestmentFactory)
    year = 2025
    quarter = 4
    percent = 40
    entered_by = factory.SubFactory(StaffFactory)

    class Params:
        validated = factory.Trait(
            status=ProgressReport.Status.VALIDATED,
            decided_by=factory.SubFactory(StaffFactory),
            decided_at=factory.LazyFunction(timezone.now),
        )


class FollowerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follower

    investment = factory.SubFactory(InvestmentFactory, is_published=True)
    user = factory.SubFactory(UserFactory)
