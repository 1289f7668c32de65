"""A Hungarian-speaking citizen on a phone links herself to the tax roll with her tax notice, pays the year's taxes
through the demo provider and downloads the receipt; a declined card first leaves everything owed."""

import re

import pytest
from playwright.sync_api import expect

from payments.models import Obligation, Payment
from tests.factories import UserFactory
from tests.payments.factories import ObligationFactory, TaxpayerFactory

from .conftest import axe_violations
from .test_clerk_journey import sign_in
from .test_permit_journey import context_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def roll(transactional_db):
    taxpayer = TaxpayerFactory(identifier="2850315123457", name="Kovács Zsófia", role_number="R004567")
    taxpayer.set_access_code("DEMO-2026")
    taxpayer.save()
    building = ObligationFactory(taxpayer=taxpayer, kind="building", amount=86420, reference="Str. Kossuth 12")
    vehicle = ObligationFactory(taxpayer=taxpayer, kind="vehicle", amount=31200, reference="HR-12-ABC")
    return taxpayer, building, vehicle


def test_link_pay_declined_then_paid_and_download_the_receipt(browser, live_server, home_page, roll):
    taxpayer, building, vehicle = roll
    person = UserFactory(
        email="kovacs.zsofia@example.ro", first_name="Zsófia", last_name="Kovács", preferred_language="hu"
    )
    context = context_in(browser, live_server, "hu", width=390)
    page = context.new_page()
    sign_in(page, person.email)

    page.goto("/impozite/")
    expect(page.locator("h1")).to_have_text("Helyi adók és illetékek")
    page.get_by_role("link", name="Adófizető hozzáadása").first.click()
    page.locator("input[name=notice-identifier]").fill("2850315123457")
    page.locator("input[name=notice-role_number]").fill("R004567")
    page.locator("input[name=notice-access_code]").fill("ROSSZ-KOD")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert axe_violations(page) == []
    page.locator("input[name=notice-access_code]").fill("DEMO-2026")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/impozite/$"))
    expect(page.locator("main")).to_contain_text("Kovács Zsófia")
    expect(page.locator("main")).to_contain_text("HR-12-ABC")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Both amounts are chosen (oldest first); the total is shown before anything is paid.
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("h1")).to_have_text("A befizetés ellenőrzése")
    assert axe_violations(page) == []
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/plati/demo/cs_demo_"))
    assert axe_violations(page) == []

    # A declined card: nothing paid, the payer can try again in the same checkout.
    page.locator("button[value=decline]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert Obligation.objects.get(pk=building.pk).principal_paid == 0
    page.locator("button[value=pay]").click()
    page.wait_for_url(re.compile(r"/impozite/plata/"))
    expect(page.locator(".govuk-panel__title")).to_have_text("A befizetés megérkezett")
    assert axe_violations(page) == []

    payment = Payment.objects.get()
    assert payment.status == Payment.Status.SUCCEEDED
    assert all(o.settled for o in Obligation.objects.all())

    href = page.get_by_role("link", name=re.compile("nyugta", re.IGNORECASE)).first.get_attribute("href")
    receipt = page.request.get(href)  # with the citizen's session, as the link would
    assert receipt.headers["content-type"] == "application/pdf"
    assert receipt.body().startswith(b"%PDF")

    page.goto("/impozite/plati/")
    expect(page.locator("main")).to_contain_text(payment.receipt.number)
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
