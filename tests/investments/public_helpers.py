"""Helpers of the public pages' tests: a published investment with validated figures, an unpublished one, the
English pages, and how a clerk records and a head validates a payment (through the workflow, as in production)."""

import datetime

import pytest
from django.urls import reverse

from investments import workflow
from investments.models import FundingSource, LedgerEntry, Stage
from services import calendar
from tests.investments.factories import (
    AmendmentFactory,
    ContractFactory,
    FundingSourceFactory,
    InvestmentFactory,
    LedgerEntryFactory,
    ProgressReportFactory,
    StageFactory,
    evidence_pdf,
)

LIST = reverse("investments_public:list")
MAP = reverse("investments_public:map")
CSV = reverse("investments_public:opendata_csv")
JSON = reverse("investments_public:opendata_json")


def detail(investment):
    return reverse("investments_public:detail", kwargs={"code": investment.code})


def follow_url(investment):
    return reverse("investments_public:follow", kwargs={"code": investment.code})


def unfollow_url(investment):
    return reverse("investments_public:unfollow", kwargs={"code": investment.code})


def days_ago(days):
    return calendar.today() - datetime.timedelta(days=days)


@pytest.fixture(name="english")
def english_fixture(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture(name="published")
def published_fixture(department):
    """A published investment of the conftest's department (where `clerk` and `head` work), with a contract
    amended once (value), EU funding, a validated payment, a validated progress report and two stages done."""
    investment = InvestmentFactory(
        department=department,
        code="INV-PARC-1",
        title="Reabilitare Parcul Central",
        title_hu="A Központi park felújítása",
        title_en="Central Park renovation",
        address="Parcul Central, Cluj-Napoca",
        latitude="46.769400",
        longitude="23.580200",
        is_published=True,
    )
    contract = ContractFactory(
        investment=investment,
        number="12/2025",
        contractor_name="Peisaj Verde SRL",
        value_bani=100_000_000,
        vat_bani=19_000_000,
    )
    AmendmentFactory(
        contract=contract,
        number="1",
        kind="value",
        value_change_bani=10_000_000,
        vat_change_bani=1_900_000,
        duration_change_days=0,
        description="Lucrări suplimentare la aleea principală.",
    )
    source = FundingSourceFactory(investment=investment, kind=FundingSource.Kind.EU_FUNDS, approved_bani=150_000_000)
    LedgerEntryFactory(
        investment=investment,
        contract=contract,
        funding_source=source,
        kind=LedgerEntry.Kind.PAID,
        amount_bani=26_180_000,
        on_date=days_ago(40),
        validated=True,
    )
    ProgressReportFactory(investment=investment, percent=35, validated=True)
    StageFactory(investment=investment, kind=Stage.Kind.FEASIBILITY, done=True)
    StageFactory(investment=investment, kind=Stage.Kind.CONTRACT, done=True, planned_date=datetime.date(2025, 6, 30))
    StageFactory(investment=investment, kind=Stage.Kind.EXECUTION, planned_date=datetime.date(2027, 3, 31))
    return investment


@pytest.fixture(name="draft")
def draft_fixture(department):
    """An investment nobody has published yet."""
    return InvestmentFactory(
        department=department,
        code="INV-CIORNA-1",
        title="Pasaj pietonal nepublicat",
        title_hu="Nem közzétett gyalogos aluljáró",
        address="Strada Secretă 1",
        latitude="46.700000",
        longitude="23.500000",
    )


def pending_payment(clerk, investment, amount_bani, *, document="OP 777"):
    """A payment the clerk entered and nobody validated yet."""
    source = investment.funding_sources.first()
    contract = investment.contracts.first()
    return workflow.enter_ledger_entry(
        clerk,
        investment,
        kind=LedgerEntry.Kind.PAID,
        amount_bani=amount_bani,
        on_date=days_ago(5),
        document=document,
        contract=contract,
        funding_source=source,
    )


def complete_stage(clerk, investment, kind, *, on=None):
    """The clerk records a stage as done: its actual date and the evidence document."""
    return workflow.set_stage(clerk, investment, kind, actual_date=on or days_ago(1), evidence=evidence_pdf())
