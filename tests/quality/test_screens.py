"""The procedures' back office: the register, a procedure's page and its steps, "procedures to read", "my department"."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from quality import distribution, workflow
from quality.models import Acknowledgement, Distribution, ProcedureVersion, ReviewPolicy
from services.models import Membership
from tests.factories import PDF, DepartmentFactory, MembershipFactory, ProcedureFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
S = ProcedureVersion.Status
REGISTER = reverse("quality:register")
TO_READ = reverse("quality:to_read")
MY_DEPARTMENT = reverse("quality:my_department")
# Session, user, permissions (own and groups), memberships, institution settings, departments of the filter, count,
# the page, the two prefetched version lists: never per procedure.
REGISTER_QUERIES = 11
# Session, user, permissions (own and groups), memberships, institution settings, the tasks, the acknowledged ones.
TO_READ_QUERIES = 8


@pytest.fixture(autouse=True)
def _english_pages(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def page_of(procedure):
    return reverse("quality:procedure", args=[procedure.code])


def step(procedure, version, action):
    return reverse("quality:version_step", kwargs={"code": procedure.code, "pk": version.pk, "action": action})


def real_pdf(name="procedura.pdf"):
    return ContentFile(PDF, name=name)


@pytest.fixture
def readers(procedure):
    """A department of two clerks and its head, on the distribution list of the procedure."""
    department = DepartmentFactory(code="stare-civila", name="Serviciul Stare Civilă", name_en="Civil Status Office")
    clerks = [
        MembershipFactory(department=department, user=StaffFactory(first_name=first, last_name="Cititor")).user
        for first in ("Ana", "Béla")
    ]
    head = MembershipFactory(
        department=department, role=Membership.Role.HEAD, user=StaffFactory(first_name="Gheorghe", last_name="Șef")
    ).user
    return department, clerks, head


@pytest.fixture
def in_force(procedure, drafter, verifier, mayor, readers):
    """A new revision, distributed to the readers' department, verified, approved and in force today."""
    department, _clerks, _head = readers
    version = workflow.start_version(
        procedure,
        by=drafter,
        function="Responsabil calitate",
        component="description",
        change_summary="Pasul 4 se face în 5 zile.",
        document=real_pdf(),
    )
    distribution.distribute(version, by=drafter, department=department)
    workflow.submit_for_verification(version, by=drafter)
    workflow.verify(version, by=verifier, function="Membru al comisiei")
    return workflow.approve(version, by=mayor, function="Primar", effective_date=timezone.localdate())


# --- who enters ------------------------------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(REGISTER)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_citizen_is_refused_every_procedures_page(client, procedure):
    client.force_login(UserFactory())

    for url in (REGISTER, page_of(procedure), TO_READ, MY_DEPARTMENT):
        assert client.get(url).status_code == 403, url


def test_staff_without_a_quality_role_read_their_procedures_but_not_the_register(client, procedure):
    client.force_login(StaffFactory())

    assert client.get(REGISTER).status_code == 403
    assert client.get(page_of(procedure)).status_code == 403
    assert client.get(MY_DEPARTMENT).status_code == 403
    assert client.get(TO_READ).status_code == 200


def test_each_quality_role_opens_the_register_and_the_procedure(client, procedure, drafter, verifier, mayor):
    for person in (drafter, verifier, mayor):
        client.force_login(person)
        assert client.get(REGISTER).status_code == 200
        assert client.get(page_of(procedure)).status_code == 200


def test_an_unknown_procedure_is_not_found(client, drafter):
    client.force_login(drafter)

    assert client.get(reverse("quality:procedure", args=["PO-NU-EXISTA"])).status_code == 404


def test_the_procedures_entry_of_the_navigation_is_shown_to_staff_only(client, procedure):
    client.force_login(StaffFactory())
    assert f'href="{TO_READ}"' in client.get(TO_READ).content.decode()

    client.force_login(UserFactory())
    assert f'href="{TO_READ}"' not in client.get(reverse("portal:dashboard")).content.decode()


# --- the register ----------------------------------------------------------------------------------------------------


def test_the_register_shows_the_version_in_force_the_next_review_and_the_version_in_progress(
    client, drafter, draft, procedure
):
    ReviewPolicy.objects.filter(procedure=procedure).update(next_review_on=datetime.date(2020, 1, 1))
    client.force_login(drafter)

    response = client.get(REGISTER)

    [row] = response.context["rows"]
    assert (row.in_force.edition, row.in_force.revision) == (2, 1)
    assert row.in_progress == draft
    assert row.review_overdue
    html = response.content.decode()
    assert "PO-DUAT-02" in html
    assert "edition 2, revision 2" in html
    assert "overdue" in html


def test_the_register_filters_by_department_and_by_status(client, drafter, draft, procedure):
    other = ProcedureFactory(code="PO-TAXE-01")
    client.force_login(drafter)

    by_department = client.get(REGISTER, {"department": other.owner_department_id})
    by_status = client.get(REGISTER, {"status": "draft"})
    invalid = client.get(REGISTER, {"status": "nonsense"})

    assert [r.procedure for r in by_department.context["rows"]] == [other]
    assert [r.procedure for r in by_status.context["rows"]] == [procedure]
    assert len(invalid.context["rows"]) == 2


def test_the_register_needs_the_same_number_of_queries_for_3_and_30_procedures(
    client, drafter, django_assert_max_num_queries, settings, site_menus_cached
):
    settings.QUEUE_PAGE_SIZE = 50
    department = DepartmentFactory()

    def add(count):
        for _n in range(count):
            procedure = ProcedureFactory(owner_department=department)
            workflow.record_current_version(procedure)

    add(3)
    client.force_login(drafter)
    client.get(REGISTER)  # the session's first request reads what later requests find cached
    with django_assert_max_num_queries(REGISTER_QUERIES) as few:
        assert len(client.get(REGISTER).context["rows"]) == 3
    add(27)
    site_menus_cached()  # new procedures empty the cached menus, which are not this page's queries
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(REGISTER).context["rows"]) == 30


def test_the_register_is_paginated(client, drafter, settings):
    settings.QUEUE_PAGE_SIZE = 2
    for _n in range(3):
        ProcedureFactory()
    client.force_login(drafter)

    second = client.get(REGISTER, {"page": 2})

    assert len(second.context["rows"]) == 1
    assert "page 2 of 2" in second.content.decode()


# --- a procedure's page and its steps --------------------------------------------------------------------------------


def test_the_procedure_page_shows_versions_sign_offs_distribution_and_the_matrix(client, drafter, in_force, readers):
    _department, clerks, _head = readers
    Acknowledgement.objects.filter(person=clerks[0]).update(acknowledged_at=timezone.now())
    client.force_login(drafter)

    response = client.get(page_of(in_force.procedure))

    html = response.content.decode()
    assert "Civil Status Office" in html
    assert "Primar" in html and "Membru al comisiei" in html
    matrix = response.context["matrix"]
    assert matrix.versions[0] == in_force
    cells = {person: acks[0] for person, acks in matrix.rows}
    assert cells[clerks[0]].acknowledged_at is not None
    assert cells[clerks[1]].acknowledged_at is None
    assert "not yet" in html


def test_starting_a_new_version_uploads_the_pdf_and_prefills_the_function_of_the_last_sign_off(
    client, drafter, in_force, procedure
):
    client.force_login(drafter)
    page = client.get(page_of(procedure))
    [start] = [form for slug, _version, form in page.context["actions"] if slug == "start"]
    assert start["function"].value() == "Responsabil calitate"

    response = client.post(
        reverse("quality:start_version", args=[procedure.code]),
        {
            "start-component": "forms",
            "start-change_summary": "Formularul F-02 are o rubrică nouă.",
            "start-document": SimpleUploadedFile("procedura.pdf", PDF, content_type="application/pdf"),
            "start-function": "Responsabil calitate",
        },
        follow=True,
    )

    version = procedure.versions.get(status=S.DRAFT)
    assert (version.edition, version.revision, version.component) == (2, 3, "forms")
    assert len(version.sha256) == 64
    assert "The new version was drafted." in response.content.decode()


def test_a_new_version_needs_a_pdf(client, drafter, procedure):
    client.force_login(drafter)

    response = client.post(
        reverse("quality:start_version", args=[procedure.code]),
        {
            "start-component": "forms",
            "start-change_summary": "Fără document.",
            "start-document": SimpleUploadedFile("procedura.pdf", b"nu este un PDF", content_type="application/pdf"),
            "start-function": "Consilier",
        },
    )

    assert response.status_code == 200
    assert response.context["failed_form"].errors["document"]
    assert not procedure.versions.filter(status=S.DRAFT).exists()


def test_the_drafter_sends_the_draft_for_verification(client, drafter, draft, procedure):
    client.force_login(drafter)

    response = client.post(step(procedure, draft, "submit"), follow=True)

    assert ProcedureVersion.objects.get(pk=draft.pk).status == S.IN_VERIFICATION
    assert "The version was sent for verification." in response.content.decode()


def test_the_verifier_verifies_and_the_head_of_the_institution_approves_it_into_force(
    client, drafter, verifier, mayor, draft, procedure
):
    workflow.submit_for_verification(draft, by=drafter)
    client.force_login(verifier)
    client.post(step(procedure, draft, "verify"), {"verify-function": "Membru al comisiei"})
    assert ProcedureVersion.objects.get(pk=draft.pk).status == S.IN_APPROVAL

    client.force_login(mayor)
    page = client.get(page_of(procedure))
    [approve] = [form for slug, _version, form in page.context["actions"] if slug == "approve"]
    assert approve["effective_date"].value() == timezone.localdate()
    response = client.post(
        step(procedure, draft, "approve"),
        {"approve-function": "Primar", "approve-effective_date": timezone.localdate().isoformat()},
        follow=True,
    )

    assert ProcedureVersion.objects.get(pk=draft.pk).status == S.EFFECTIVE
    assert "The version was approved." in response.content.decode()


def test_verifying_ones_own_draft_is_refused_with_an_error_message(client, drafter, draft, procedure):
    workflow.submit_for_verification(draft, by=drafter)
    client.force_login(drafter)  # the quality manager drafts and verifies, but not the same version

    response = client.post(step(procedure, draft, "verify"), {"verify-function": "Responsabil calitate"})

    assert response.status_code == 200
    assert "someone else must verify and approve it" in response.content.decode()
    assert ProcedureVersion.objects.get(pk=draft.pk).status == S.IN_VERIFICATION


def test_a_step_the_version_is_not_ready_for_is_refused_with_a_message(client, mayor, draft, procedure):
    client.force_login(mayor)

    response = client.post(
        step(procedure, draft, "approve"),
        {"approve-function": "Primar", "approve-effective_date": timezone.localdate().isoformat()},
    )

    assert response.status_code == 200
    assert "the step cannot be taken now" in response.content.decode()
    assert ProcedureVersion.objects.get(pk=draft.pk).status == S.DRAFT


def test_returning_to_draft_needs_a_comment(client, drafter, verifier, draft, procedure):
    workflow.submit_for_verification(draft, by=drafter)
    client.force_login(verifier)

    refused = client.post(step(procedure, draft, "return"), {"return-function": "Comisie", "return-comment": ""})
    assert refused.context["failed_form"].errors["comment"]
    response = client.post(
        step(procedure, draft, "return"),
        {"return-function": "Comisie", "return-comment": "Completați pasul 5."},
        follow=True,
    )

    assert ProcedureVersion.objects.get(pk=draft.pk).status == S.DRAFT
    assert "The version was returned to its drafter." in response.content.decode()


def test_withdrawing_needs_a_reason_and_the_approvers_role(client, drafter, mayor, in_force, procedure):
    client.force_login(drafter)
    assert client.post(step(procedure, in_force, "withdraw"), {"withdraw-function": "x", "withdraw-reason": "y"})
    assert ProcedureVersion.objects.get(pk=in_force.pk).status == S.EFFECTIVE

    client.force_login(mayor)
    refused = client.post(
        step(procedure, in_force, "withdraw"), {"withdraw-function": "Primar", "withdraw-reason": ""}
    )
    assert refused.context["failed_form"].errors["reason"]
    response = client.post(
        step(procedure, in_force, "withdraw"),
        {"withdraw-function": "Primar", "withdraw-reason": "Activitatea a trecut la consiliul județean."},
        follow=True,
    )

    assert ProcedureVersion.objects.get(pk=in_force.pk).status == S.WITHDRAWN
    assert "The procedure was withdrawn." in response.content.decode()


def test_adding_a_distribution_line_asks_its_people_to_acknowledge_the_version_in_force(
    client, drafter, in_force, procedure
):
    colleague = StaffFactory()
    client.force_login(drafter)

    refused = client.post(step(procedure, in_force, "distribute"), {"distribute-purpose": "apply"})
    assert "Choose one department, one role or one person" in refused.content.decode()
    response = client.post(
        step(procedure, in_force, "distribute"),
        {"distribute-person": colleague.pk, "distribute-purpose": "information"},
        follow=True,
    )

    assert Distribution.objects.filter(version=in_force, person=colleague, purpose="information").exists()
    assert Acknowledgement.objects.filter(version=in_force, person=colleague).exists()
    assert "The line was added to the distribution list." in response.content.decode()


def test_a_version_of_another_procedure_is_not_found(client, drafter, draft):
    client.force_login(drafter)

    assert client.post(step(ProcedureFactory(), draft, "submit")).status_code == 404


# --- the document and procedures to read -----------------------------------------------------------------------------


def test_the_pdf_is_for_staff_only(client, in_force):
    url = reverse("quality:version_pdf", args=[in_force.pk])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403

    client.force_login(StaffFactory())
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_procedures_to_read_lists_the_tasks_and_refuses_acknowledging_before_opening(client, in_force, readers):
    _department, clerks, _head = readers
    reader = clerks[0]
    task = Acknowledgement.objects.get(version=in_force, person=reader)
    client.force_login(reader)

    page = client.get(TO_READ)
    assert page.context["tasks"] == [task]
    assert "disabled" in page.content.decode()
    refused = client.post(reverse("quality:acknowledge", args=[task.pk]), follow=True)
    assert "Open the document and read it" in refused.content.decode()
    assert Acknowledgement.objects.get(pk=task.pk).acknowledged_at is None

    client.get(reverse("quality:version_pdf", args=[in_force.pk]))
    assert Acknowledgement.objects.get(pk=task.pk).opened_at is not None
    response = client.post(reverse("quality:acknowledge", args=[task.pk]), follow=True)

    assert Acknowledgement.objects.get(pk=task.pk).acknowledged_at is not None
    assert "You acknowledged PO-DUAT-02" in response.content.decode()
    assert response.context["tasks"] == []
    assert response.context["acknowledged"] == [task]


def test_nobody_acknowledges_someone_elses_task(client, in_force, readers):
    _department, clerks, _head = readers
    task = Acknowledgement.objects.get(version=in_force, person=clerks[0])
    client.force_login(clerks[1])

    assert client.post(reverse("quality:acknowledge", args=[task.pk])).status_code == 404
    assert Acknowledgement.objects.get(pk=task.pk).acknowledged_at is None


def test_procedures_to_read_needs_the_same_number_of_queries_for_1_and_20_tasks(
    client, in_force, readers, drafter, django_assert_max_num_queries, site_menus_cached
):
    _department, clerks, _head = readers
    reader = clerks[0]
    client.force_login(reader)
    client.get(TO_READ)
    with django_assert_max_num_queries(TO_READ_QUERIES) as few:
        assert len(client.get(TO_READ).context["tasks"]) == 1
    for _n in range(19):
        procedure = ProcedureFactory()
        version = workflow.record_current_version(procedure)
        distribution.distribute(version, by=drafter, person=reader)
    site_menus_cached()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(TO_READ).context["tasks"]) == 20


# --- my department ---------------------------------------------------------------------------------------------------


def test_the_head_sees_who_has_not_acknowledged_and_the_reviews_due(client, in_force, readers, procedure):
    department, clerks, head = readers
    Acknowledgement.objects.filter(person=clerks[0]).update(acknowledged_at=timezone.now())
    procedure.owner_department = department
    procedure.save(update_fields=["owner_department"])
    ReviewPolicy.objects.filter(procedure=procedure).update(next_review_on=timezone.localdate())
    client.force_login(head)

    response = client.get(MY_DEPARTMENT)

    assert {task.person for task in response.context["pending"]} == {clerks[1], head}
    assert [policy.procedure for policy in response.context["reviews"]] == [procedure]


def test_a_clerk_is_not_shown_the_heads_view(client, readers):
    _department, clerks, _head = readers
    client.force_login(clerks[0])

    assert client.get(MY_DEPARTMENT).status_code == 403


def test_the_quality_manager_records_the_periodic_review_from_the_procedure_page(client, procedure, drafter):
    from quality.models import Review, ReviewPolicy
    from quality.workflow import record_current_version

    record_current_version(procedure)
    due = ReviewPolicy.objects.get(procedure=procedure).next_review_on
    client.force_login(drafter)
    url = reverse(
        "quality:version_step", kwargs={"code": procedure.code, "action": "review", "pk": procedure.versions.get().pk}
    )
    response = client.post(url, {"review-outcome": "unchanged", "review-notes": "Încă aplicabilă."})
    assert response.status_code == 302
    review = Review.objects.get(procedure=procedure)
    assert (review.outcome, review.notes, review.due_on) == ("unchanged", "Încă aplicabilă.", due)
    assert (
        "Încă aplicabilă."
        in client.get(reverse("quality:procedure", kwargs={"code": procedure.code})).content.decode()
    )
