"""The registry after registration: a department sends a case back, the registry distributes it again with copies
for information; letters to post are labelled and marked sent; forwarding to another authority is outgoing mail."""

from django.urls import reverse

from services import register
from services.models import Case, Channel, RegisterEntry
from tests.factories import CaseFactory, MembershipFactory, StaffFactory

from .test_desk import _english, text_of  # noqa: F401


def test_a_department_sends_a_case_back_and_the_registry_distributes_it_with_a_copy(
    client, registry_clerk, service, clerk, citizen
):
    from services.desk import workflow as desk_workflow
    from tests.factories import DepartmentFactory

    case = CaseFactory(service=service, applicant=citizen)
    taxes = DepartmentFactory(code="taxe", name="Direcția Taxe")
    archive = DepartmentFactory(code="arhiva", name="Arhiva")
    taxes_clerk = MembershipFactory(department=taxes, user=StaffFactory()).user
    archive_clerk = MembershipFactory(department=archive, user=StaffFactory()).user

    client.force_login(clerk)
    client.post(
        reverse("backoffice:case_action", args=[case.registration_number, "return-to-registry"]),
        {"return-to-registry-reason": "Este o problemă de taxe locale."},
    )
    case.refresh_from_db()
    assert case.returned_to_registry
    assert case.events.get(action="returned_to_registry").note == "Este o problemă de taxe locale."

    client.force_login(registry_clerk)
    page = client.get(reverse("desk:to_distribute")).content.decode()
    assert case.registration_number in page
    response = client.post(
        reverse("desk:distribute", args=[case.registration_number]),
        {"department": taxes.pk, "copies": [archive.pk], "note": "Pentru DITL."},
    )
    assert response.url == reverse("desk:to_distribute")
    case.refresh_from_db()
    assert (case.department, case.returned_to_registry) == (taxes, False)
    assert RegisterEntry.objects.get(case=case, direction="in").department == taxes
    assert case.events.filter(action="distributed").exists()
    assert not desk_workflow.to_distribute().exists()

    client.force_login(taxes_clerk)  # the new department works it
    assert case.registration_number in client.get(reverse("backoffice:queue")).content.decode()
    client.force_login(archive_clerk)  # the copy is for reading only
    page = client.get(reverse("backoffice:case", args=[case.registration_number]))
    assert page.status_code == 200 and page.context["action_forms"] == []
    client.force_login(clerk)  # the first department no longer has it
    assert client.get(reverse("backoffice:case", args=[case.registration_number])).status_code == 404


def test_only_the_registry_distributes(client, service, citizen, clerk):
    case = CaseFactory(service=service, applicant=citizen)
    client.force_login(clerk)
    assert client.get(reverse("desk:distribute", args=[case.registration_number])).status_code == 403


def test_letters_to_post_are_labelled_and_marked_sent_on_the_case_timeline(desk, service, clerk):
    case = CaseFactory(service=service, applicant=None, applicant_name="Ion Mureșan", applicant_email="")
    Case.objects.filter(pk=case.pk).update(applicant_address="str. Morii nr. 7, 530100 Exemplu")
    case.refresh_from_db()
    entry = register.record_outgoing(case, by=clerk, summary="Răspuns")
    assert (entry.channel, entry.sent_on) == (Channel.POST, None)

    page = desk.get(reverse("desk:post")).content.decode()
    assert entry.number in page and "str. Morii nr. 7" in page
    labels = desk.post(reverse("desk:post"), {"entries": [entry.pk], "labels": "1"})
    assert labels["Content-Type"] == "application/pdf"
    assert "Ion Mureșan".replace(" ", "") in text_of(labels.content) and entry.number in text_of(labels.content)

    desk.post(reverse("desk:post"), {"entries": [entry.pk], "sent": "1"})
    entry.refresh_from_db()
    assert entry.sent_on is not None
    posted = case.events.get(action="posted")
    assert posted.visible_to_applicant and posted.note == entry.number
    assert entry.number not in desk.get(reverse("desk:post")).content.decode()


def test_a_request_forwarded_to_another_authority_is_outgoing_mail_to_that_authority(department, citizen, clerk):
    from petitions import workflow as petitions_workflow
    from tests.factories import ProcedureFactory, ServiceFactory

    service = ServiceFactory(kind="petition", procedure=ProcedureFactory(owner_department=department))
    case = CaseFactory(service=service, applicant=citizen)

    petitions_workflow.forward_case(
        case,
        by=clerk,
        authority="Consiliul Județean Exemplu",
        address="Piața Unirii 1, Exemplu",
        note="Competență CJ.",
    )

    outgoing = RegisterEntry.objects.get(direction="out")
    assert (outgoing.correspondent, outgoing.address, outgoing.channel, outgoing.sent_on) == (
        "Consiliul Județean Exemplu",
        "Piața Unirii 1, Exemplu",
        Channel.POST,
        None,
    )
    assert outgoing.answers.case == case
