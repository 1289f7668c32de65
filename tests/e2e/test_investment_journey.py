"""A payment reaches the public page only through four eyes: the clerk records it, the head of department validates
it, and citizens read the new figure in Romanian and in Hungarian."""

import datetime
import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from investments import workflow
from investments.models import LedgerEntry
from portal.templatetags.money import lei
from services.models import Membership
from tests.factories import DepartmentFactory, MembershipFactory, StaffFactory
from tests.investments.factories import VALID_CUI, editor

from .conftest import axe_violations
from .test_procedure_journey import person_page

pytestmark = pytest.mark.e2e

PAID_BEFORE = 40_000_000  # 400.000,00 lei, validated earlier
PAYMENT = 12_345_600  # 123.456,00 lei, the payment of the journey


def amount(bani, language):
    with translation.override(language):
        return lei(bani)


def test_a_clerk_records_a_payment_the_head_validates_it_and_the_public_page_shows_it_in_ro_and_hu(
    transactional_db, browser, live_server
):
    department = DepartmentFactory(
        code="investitii",
        name="Direcția Investiții",
        name_hu="Beruházási Igazgatóság",
        name_en="Investments Department",
    )
    clerk = MembershipFactory(
        department=department, user=StaffFactory(first_name="Andreea", last_name="Rus"), role=Membership.Role.CLERK
    ).user
    head = MembershipFactory(
        department=department, user=StaffFactory(first_name="Dan", last_name="Crișan"), role=Membership.Role.HEAD
    ).user
    investment = workflow.create_investment(
        clerk,
        code="INV-07",
        title="Reabilitarea Școlii Gimnaziale nr. 3",
        title_hu="A 3. számú Általános Iskola felújítása",
        title_en="Rehabilitation of Secondary School no. 3",
        department=department,
        address="Strada Școlii 3",
    )
    eu = workflow.add_funding_source(
        clerk, investment, kind="eu_funds", approved_bani=900_000_000, cofinancing_rate=2, programme="PR Nord-Vest"
    )
    contract = workflow.add_contract(
        clerk,
        investment,
        number="41/2026",
        subject="Execuția lucrărilor de reabilitare",
        contractor_name="Construct Nord SRL",
        contractor_cui=VALID_CUI,
        value_bani=70_000_000,
        vat_bani=14_700_000,
        signed_on=datetime.date(2026, 3, 2),
        starts_on=datetime.date(2026, 3, 16),
        duration_days=300,
    )
    earlier = workflow.enter_ledger_entry(
        clerk,
        investment,
        kind="paid",
        amount_bani=PAID_BEFORE,
        on_date=datetime.date(2026, 6, 30),
        document="OP 1187",
        contract=contract,
        funding_source=eu,
    )
    workflow.validate_entry(head, earlier)
    workflow.publish(editor(), investment)

    # The clerk records the payment; it waits for the head and the public page does not show it.
    page = person_page(browser, live_server, clerk)
    page.goto(f"/birou/investitii/{investment.pk}/")
    page.get_by_role("link", name="Record a ledger entry").click()
    page.get_by_role("radio", name=re.compile(r"^paid$", re.IGNORECASE)).check()
    page.get_by_label("Amount (lei)").fill("123.456,00")
    page.get_by_label("Date").fill("2026-11-02")
    page.get_by_label("Document").fill("OP 2450")
    page.get_by_label("Contract").select_option(value=str(contract.pk))
    page.get_by_label("Funding source").select_option(value=str(eu.pk))
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("OP 2450")
    entry = LedgerEntry.objects.get(document="OP 2450")
    assert entry.status == LedgerEntry.Status.PENDING and entry.amount_bani == PAYMENT
    assert axe_violations(page) == []
    page.context.close()

    citizen = browser.new_context(base_url=live_server.url, locale="ro-RO", viewport={"width": 1280, "height": 900})
    public = citizen.new_page()
    public.goto("/investitii/INV-07/")
    expect(public.locator("#money-paid")).to_have_text(amount(PAID_BEFORE, "ro"))

    # The head validates it from the queue.
    page = person_page(browser, live_server, head)
    page.goto("/birou/investitii/validare/")
    row = page.locator("tr", has_text="OP 2450")
    row.get_by_role("button", name="Validate").click()
    expect(page.locator("main")).not_to_contain_text("OP 2450")
    entry.refresh_from_db()
    assert entry.status == LedgerEntry.Status.VALIDATED and entry.decided_by == head
    page.context.close()

    # Citizens read the new figure, in Romanian and in Hungarian.
    public.goto("/investitii/INV-07/")
    expect(public.get_by_role("heading", level=1)).to_contain_text("Reabilitarea Școlii Gimnaziale nr. 3")
    expect(public.locator("#money-paid")).to_have_text(amount(PAID_BEFORE + PAYMENT, "ro"))
    assert axe_violations(public) == []
    public.get_by_role("button", name="Magyar").click()
    expect(public.get_by_role("heading", level=1)).to_contain_text("A 3. számú Általános Iskola felújítása")
    expect(public.locator("#money-paid")).to_have_text(amount(PAID_BEFORE + PAYMENT, "hu"))
    assert amount(PAID_BEFORE + PAYMENT, "hu").endswith("lej")
    assert axe_violations(public) == []
    citizen.close()
