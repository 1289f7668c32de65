"""The quality manager keeps procedures and services in the Wagtail admin; clerks cannot."""

import datetime

import pytest
from django.urls import reverse

from services.models import Procedure


@pytest.fixture
def procedure_form(department):
    return {
        "code": "PO-DUAT-05",
        "edition": "3",
        "revision": "1",
        "effective_date": "2026-01-15",
        "title": "Emiterea autorizației de desființare",
        "title_hu": "Bontási engedély kiadása",
        "title_en": "Issuing the demolition permit",
        "owner_department": str(department.pk),
        "legal_basis": "Legea nr. 50/1991, art. 7",
        "legal_basis_hu": "",
        "legal_basis_en": "",
        "deadline_days": "30",
        "deadline_unit": "calendar",
        "extension_allowed": "",
        "extension_max_days": "0",
        "suspension_allowed": "on",
        "reminder_days": "3",
    }


def test_the_quality_manager_lists_the_procedures(client, quality_manager, procedure):
    client.force_login(quality_manager)
    response = client.get(reverse("wagtailsnippets_services_procedure:list"))
    assert response.status_code == 200
    assert procedure.code in response.content.decode()


def test_the_quality_manager_adds_a_procedure_with_its_deadline_rule(client, quality_manager, procedure_form):
    client.force_login(quality_manager)
    response = client.post(reverse("wagtailsnippets_services_procedure:add"), procedure_form)
    assert response.status_code == 302, response.content.decode()[:2000]
    procedure = Procedure.objects.get(code="PO-DUAT-05")
    assert (procedure.edition, procedure.deadline_days, procedure.effective_date) == (
        3,
        30,
        datetime.date(2026, 1, 15),
    )


def test_an_extension_without_days_is_refused(client, quality_manager, procedure_form):
    client.force_login(quality_manager)
    procedure_form.update(extension_allowed="on", extension_max_days="0")
    response = client.post(reverse("wagtailsnippets_services_procedure:add"), procedure_form)
    assert response.status_code == 200
    assert not Procedure.objects.filter(code="PO-DUAT-05").exists()


def test_a_clerk_cannot_open_the_admin(client, clerk):
    client.force_login(clerk)
    response = client.get(reverse("wagtailsnippets_services_procedure:list"))
    assert response.status_code in (302, 403)
    assert "/procedure/" not in response.get("Location", "").split("?")[0]


def test_wagtails_own_sign_in_form_leads_to_the_two_factor_sign_in(client, quality_manager):
    response = client.post("/admin/login/?next=/admin/", {"username": quality_manager.email, "password": "x"})
    assert response.status_code in (301, 302)
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("types", ["application/pdf, image/png", "image/jpeg"])
def test_a_required_document_accepts_the_types_the_portal_can_check(types):
    from services.models.catalogue import validate_accepted_types

    validate_accepted_types(types)


@pytest.mark.parametrize("types", ["", "text/html", "application/pdf,<img src=x onerror=alert(1)>"])
def test_a_required_document_refuses_other_types(types):
    from django.core.exceptions import ValidationError

    from services.models.catalogue import validate_accepted_types

    with pytest.raises(ValidationError):
        validate_accepted_types(types)
