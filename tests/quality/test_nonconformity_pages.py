"""The nonconformity register's pages: who sees what, the query count, and the forms through the client."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from quality import nonconformities
from quality.models import Action, Nonconformity
from services.models import Membership, ServiceRating
from tests.factories import DepartmentFactory, MembershipFactory, StaffFactory

from .test_nonconformities import closed_late

pytestmark = pytest.mark.django_db
Source = Nonconformity.Source
S = Nonconformity.Status
REGISTER = reverse("quality:nonconformities")
OPEN = reverse("quality:open_nonconformity")
# Session, user, memberships, permissions (own and groups), institution settings, the filter's departments and
# procedures, the count, the page: never per nonconformity.
REGISTER_QUERIES = 14


@pytest.fixture(autouse=True)
def _english_pages(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def manager(quality_manager, groups):
    return quality_manager


@pytest.fixture
def causes(db):
    return nonconformities.default_causes()


@pytest.fixture
def own_procedure(department):
    from quality import workflow
    from tests.factories import ProcedureFactory

    procedure = ProcedureFactory(owner_department=department, code="PO-URB-01")
    workflow.record_current_version(procedure)
    return procedure


@pytest.fixture
def own_service(own_procedure):
    from tests.factories import ServiceFactory

    return ServiceFactory(procedure=own_procedure, title="Certificat de urbanism")


def opened(department, by, description="Petentul a așteptat o oră."):
    return nonconformities.open_nonconformity(
        source=Source.COMPLAINT, department=department, description=description, by=by
    )


def page_of(nc):
    return reverse("quality:nonconformity", args=[nc.number])


def step(nc, slug):
    return reverse("quality:nonconformity_step", kwargs={"number": nc.number, "step": slug})


# --- the register -------------------------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    assert client.get(REGISTER).status_code == 302


def test_a_citizen_may_not_enter(client, citizen):
    client.force_login(citizen)
    assert client.get(REGISTER).status_code == 403


def test_staff_see_their_departments_nonconformities_only(client, clerk, department, manager):
    mine = opened(department, clerk)
    theirs = opened(DepartmentFactory(code="taxe-locale"), manager)
    client.force_login(clerk)
    shown = client.get(REGISTER).context["nonconformities"]
    assert shown == [mine]
    assert client.get(page_of(theirs)).status_code == 404


def test_the_quality_manager_sees_every_department(client, clerk, department, manager):
    opened(department, clerk)
    opened(DepartmentFactory(code="taxe-locale"), manager)
    client.force_login(manager)
    assert len(client.get(REGISTER).context["nonconformities"]) == 2


def test_the_register_filters_by_status_source_department_and_month(client, clerk, department, manager):
    complaint = opened(department, clerk)
    audit = nonconformities.open_nonconformity(
        source=Source.AUDIT,
        department=department,
        description="Constatare.",
        by=manager,
        detected_on=datetime.date(2026, 2, 10),
    )
    client.force_login(manager)
    assert client.get(REGISTER, {"source": "audit"}).context["nonconformities"] == [audit]
    assert client.get(REGISTER, {"month": "2026-02"}).context["nonconformities"] == [audit]
    assert client.get(REGISTER, {"department": department.pk, "status": "open"}).context["nonconformities"] == [
        complaint,
        audit,
    ]
    assert client.get(REGISTER, {"status": "closed"}).context["nonconformities"] == []
    # A filter that is not valid is ignored rather than emptying the register.
    assert len(client.get(REGISTER, {"month": "februarie"}).context["nonconformities"]) == 2


def test_the_register_needs_the_same_number_of_queries_for_3_and_30(
    client, manager, django_assert_max_num_queries, settings, site_menus_cached
):
    settings.QUEUE_PAGE_SIZE = 50
    department = DepartmentFactory()

    def add(count):
        for _n in range(count):
            opened(department, manager)

    add(3)
    client.force_login(manager)
    client.get(REGISTER)
    with django_assert_max_num_queries(REGISTER_QUERIES) as few:
        assert len(client.get(REGISTER).context["nonconformities"]) == 3
    add(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(REGISTER).context["nonconformities"]) == 30


# --- a nonconformity's page and its steps ----------------------------------------------------------------------------


def test_the_page_links_the_case_and_the_procedure_version(client, own_service, own_procedure, manager):
    closed_late(own_service)
    (nc,) = nonconformities.detect(datetime.date(2026, 4, 7))
    client.force_login(manager)
    response = client.get(page_of(nc))
    assert reverse("backoffice:case", args=[nc.case.registration_number]) in response.content.decode()
    assert own_procedure.versions.get().label in response.content.decode()


def test_the_head_records_the_analysis_through_the_page(client, head, clerk, department, causes):
    nc = opened(department, clerk)
    client.force_login(head)
    assert [slug for slug, _form in client.get(page_of(nc)).context["steps"]] == ["analyse"]
    response = client.post(
        step(nc, "analyse"),
        {"analyse-cause": causes[0].pk, "analyse-cause_detail": "", "analyse-correction": "Rezolvat pe loc."},
    )
    assert response.status_code == 302
    nc.refresh_from_db()
    assert (nc.status, nc.analysed_by) == (S.ANALYSED, head)


def test_a_clerk_is_offered_no_step_and_is_refused_one(client, clerk, department, causes):
    nc = opened(department, clerk)
    client.force_login(clerk)
    assert client.get(page_of(nc)).context["steps"] == []
    response = client.post(
        step(nc, "analyse"), {"analyse-cause": causes[0].pk, "analyse-correction": "Rezolvat pe loc."}
    )
    assert response.status_code == 200
    assert "Only the head of the department or a quality manager records the analysis." in (response.content.decode())
    nc.refresh_from_db()
    assert nc.status == S.OPEN


def test_a_missing_correction_is_said_and_the_input_kept(client, head, clerk, department, causes):
    nc = opened(department, clerk)
    client.force_login(head)
    response = client.post(
        step(nc, "analyse"),
        {"analyse-cause": causes[0].pk, "analyse-cause_detail": "Concediu de odihnă", "analyse-correction": ""},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Concediu de odihnă" in page


def test_the_quality_manager_decides_on_a_corrective_action_through_the_page(
    client, head, clerk, department, causes, manager
):
    nc = nonconformities.record_analysis(
        opened(department, clerk), by=head, cause=causes[0], cause_detail="", correction="Rezolvat."
    )
    client.force_login(manager)
    due = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    response = client.post(
        step(nc, "decide"),
        {
            "decide-action_needed": "yes",
            "decide-note": "Se repetă.",
            "decide-title": "Instruirea referenților",
            "decide-department": department.pk,
            "decide-due_date": due,
            "decide-impact": "4",
            "decide-effort": "2",
            "decide-indicator": "on_time_rate",
        },
    )
    assert response.status_code == 302
    nc.refresh_from_db()
    assert nc.status == S.ACTION
    action = Action.objects.get(nonconformity=nc)
    assert (action.title, action.impact, action.effort) == ("Instruirea referenților", 4, 2)
    assert action.number in client.get(page_of(nc)).content.decode()


def test_a_refused_decision_shows_the_workflows_message_and_keeps_the_input(
    client, head, clerk, department, causes, manager
):
    nc = nonconformities.record_analysis(
        opened(department, clerk), by=head, cause=causes[0], cause_detail="", correction="Rezolvat."
    )
    client.force_login(manager)
    response = client.post(
        step(nc, "decide"),
        {
            "decide-action_needed": "yes",
            "decide-note": "Se repetă lunar.",
            "decide-title": "Instruirea referenților",
            "decide-due_date": "2020-01-01",
            "decide-owner": StaffFactory().pk,  # not of the department
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Se repetă lunar." in page and "Instruirea referenților" in page
    nc.refresh_from_db()
    assert nc.status == S.ANALYSED


def test_errors_are_said_in_the_readers_language(client, clerk, head, department, causes, settings):
    nc = opened(department, clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ro"
    client.force_login(head)
    response = client.post(step(nc, "analyse"), {"analyse-cause": causes[0].pk, "analyse-correction": ""})
    assert "Acest câmp este obligatoriu." in response.content.decode()
    # The workflow's refusals are translated when raised, in the request's language.
    client.force_login(clerk)
    with translation.override("ro"):
        expected = gettext("Only the head of the department or a quality manager records the analysis.")
    response = client.post(step(nc, "analyse"), {"analyse-cause": causes[0].pk, "analyse-correction": "Rezolvat."})
    assert expected in response.content.decode()


# --- the opening form ---------------------------------------------------------------------------------------------


def test_a_clerk_opens_a_complaint_through_the_form(client, clerk, department):
    client.force_login(clerk)
    form = client.get(OPEN).context["form"]
    assert "rating" not in form.fields
    assert Source.RATING not in dict(form.fields["source"].choices)
    response = client.post(
        OPEN, {"source": "complaint", "department": department.pk, "description": "A așteptat două ore."}
    )
    nc = Nonconformity.objects.get()
    assert response.status_code == 302 and response["Location"] == page_of(nc)
    assert (nc.source, nc.opened_by) == (Source.COMPLAINT, clerk)


def test_the_opening_form_keeps_the_input_and_says_what_is_missing(client, clerk, department):
    client.force_login(clerk)
    response = client.post(
        OPEN, {"source": "complaint", "department": department.pk, "description": "", "case_number": "GU-2026-9"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Say what happened." in page
    assert "No case has this registration number." in page
    assert 'value="GU-2026-9"' in page
    assert not Nonconformity.objects.exists()


def test_a_clerk_cannot_open_one_for_another_department_through_the_form(client, clerk):
    other = DepartmentFactory(code="taxe-locale")
    client.force_login(clerk)
    response = client.post(OPEN, {"source": "audit", "department": other.pk, "description": "Constatare."})
    assert response.status_code == 400
    assert not Nonconformity.objects.exists()


def test_the_quality_manager_opens_an_anonymous_one_from_a_rating(client, own_service, manager):
    case = closed_late(own_service)
    rating = ServiceRating.objects.create(
        case=case, asked_at=timezone.now(), score=1, comment="Nimeni nu răspunde.", answered_at=timezone.now()
    )
    client.force_login(manager)
    assert client.get(OPEN, {"rating": rating.pk}).context["form"].initial["source"] == Source.RATING
    response = client.post(OPEN, {"source": "rating", "rating": rating.pk, "description": ""})
    nc = Nonconformity.objects.get(source=Source.RATING)
    assert response.status_code == 302
    page = client.get(page_of(nc)).content.decode()
    assert "Nimeni nu răspunde." in page
    assert case.registration_number not in page


def test_a_head_of_another_department_sees_nothing_of_it(client, clerk, department):
    nc = opened(department, clerk)
    stranger = MembershipFactory(department=DepartmentFactory(code="taxe-locale"), role=Membership.Role.HEAD).user
    client.force_login(stranger)
    assert client.get(page_of(nc)).status_code == 404
    assert client.post(step(nc, "analyse"), {}).status_code == 404


# --- the list of causes in the Wagtail admin ---------------------------------------------------------------------------


def test_the_list_of_causes_is_the_quality_managers(client, manager, head, causes):
    from wagtail.permissions import policy_registry

    from quality.models import NonconformityCause

    policy = policy_registry.get_by_type(NonconformityCause)
    assert policy.user_has_permission(manager, "change") and not policy.user_has_permission(head, "view")
    assert manager in policy.users_with_any_permission(["change"])
    client.force_login(manager)
    response = client.get(reverse("wagtailsnippets_quality_nonconformitycause:list"))
    assert response.status_code == 200
    assert causes[0].name in response.content.decode()
