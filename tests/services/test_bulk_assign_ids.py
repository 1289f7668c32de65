"""Bulk assignment given case ids no case can have (past the database's integer, negative, not a number): the queue
with an error message, never a server error."""

import pytest
from django.urls import reverse

from services.models import Case
from tests.factories import CaseFactory

ASSIGN = reverse("backoffice:queue_assign")
QUEUE = reverse("backoffice:queue")


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.mark.parametrize("pk", [2**63, -(2**63) - 1, 10**30, -1, 0])
def test_an_id_no_case_can_have_is_reported_as_not_found(client, clerk, pk):
    client.force_login(clerk)

    response = client.post(ASSIGN, {"cases": [pk], "assignee": clerk.pk})

    assert response.status_code == 302
    assert response.url == QUEUE
    shown = [str(m) for m in client.get(QUEUE).context["messages"]]
    assert shown == ["1 selected case is not one of your departments' cases."]


def test_an_out_of_range_id_does_not_stop_the_other_cases_from_being_assigned(client, clerk, service, citizen):
    case = CaseFactory(service=service, applicant=citizen)
    client.force_login(clerk)

    client.post(ASSIGN, {"cases": [case.pk, 2**63], "assignee": clerk.pk})

    assert Case.objects.get(pk=case.pk).assignee == clerk


@pytest.mark.parametrize("value", ["abc", "1.5", ""])
def test_an_id_that_is_not_a_number_is_a_form_error(client, clerk, service, citizen, value):
    case = CaseFactory(service=service, applicant=citizen)
    client.force_login(clerk)

    response = client.post(ASSIGN, {"cases": [value] if value else [], "assignee": clerk.pk}, follow=True)

    assert response.status_code == 200
    assert Case.objects.get(pk=case.pk).assignee is None
    assert [str(m) for m in response.context["messages"]] in (
        ["Select the cases from the list."],
        ["Select the cases to assign."],
    )
