"""What the citizen reads differs from the staff's wording where the citizen is addressed directly."""

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import InstitutionSettings
from services import workflow
from tests.factories import CaseFactory


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def waiting_case(service, citizen, clerk):
    case = CaseFactory(service=service, applicant=citizen)
    workflow.assign_case(case, assignee=clerk, by=clerk)
    workflow.start_review(case, by=clerk)
    workflow.request_completion(case, by=clerk, note="Extrasul de carte funciară.")
    return case


def test_the_applicant_reads_awaiting_your_documents(client, citizen, waiting_case):
    client.force_login(citizen)

    page = client.get(reverse("services:case", args=[waiting_case.registration_number])).content.decode()

    assert "awaiting your documents" in page
    assert "awaiting the applicant&#x27;s documents" not in page


def test_the_clerk_reads_awaiting_the_applicants_documents(client, clerk, waiting_case):
    client.force_login(clerk)

    page = client.get(reverse("backoffice:case", args=[waiting_case.registration_number])).content.decode()

    assert "awaiting the applicant&#x27;s documents" in page
    assert "awaiting your documents" not in page


def test_the_lookup_example_uses_the_institutions_own_prefix(client, db):
    institution = InstitutionSettings.load()
    institution.registration_prefix = "CJHR"
    institution.save()

    page = client.get(reverse("services:lookup")).content.decode()

    assert f"for example CJHR-{timezone.localdate().year}-000123." in page
    assert "GU-2026-000123" not in page
