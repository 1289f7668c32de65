"""Request kinds plug into the spine through the registry: a kind defined only in the tests files, is queued, worked
and decided through the shared pages, and the registry refuses definitions that contradict the spine."""

import datetime
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.urls import reverse
from django.utils import translation

from services import registration, workflow
from services.lifecycle import OPEN, EventType, Role, Status, StatusDef, row
from services.models import Case, Service, StatusChangeRefused
from services.registry import CaseAction, Kind, KindRegistry, kinds
from tests.factories import CaseFactory, ProcedureFactory, ServiceFactory

from .example_kind import PARKING, ConfirmForm

TEMPLATES = Path(__file__).parent / "example_kind" / "templates"


@pytest.fixture
def parking(settings):
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEMPLATES]
    settings.TEMPLATES = templates
    settings.LANGUAGE_CODE = "en"
    with kinds.temporarily(PARKING):
        yield PARKING


@pytest.fixture
def parking_service(parking, department):
    return ServiceFactory(
        kind="parking",
        slug="abonament-parcare",
        title="Abonament de parcare de reședință",
        title_en="Residential parking permit",
        procedure=ProcedureFactory(owner_department=department, deadline_days=15),
    )


def _english(client):
    client.cookies["django_language"] = "en"


@pytest.mark.urls("tests.services.example_kind")
def test_a_kind_defined_outside_the_spine_is_filed_queued_worked_and_decided_through_the_shared_pages(
    client, parking_service, citizen, clerk
):
    _english(client)
    client.force_login(citizen)

    # The citizen's "new request" leads to the kind's own filing flow.
    offers = client.get(reverse("services:new_request"))
    filing = reverse("example_kind_apply", kwargs={"service": "abonament-parcare"})
    assert filing in offers.content.decode()
    response = client.post(filing, {"plate": "HR-01-ABC"})
    case = Case.objects.get(service=parking_service)
    assert response.url == reverse("services:case", args=[case.registration_number])
    assert (case.kind, case.status, case.events.get().status_before) == ("parking", "registered", "submitted")

    # The clerk finds it in the shared queue and takes the kind's own action on the shared case page.
    client.force_login(clerk)
    queue = client.get(reverse("backoffice:queue"))
    assert case.registration_number in queue.content.decode()
    page = client.get(reverse("backoffice:case", args=[case.registration_number]))
    assert 'id="parking-detail"' in page.content.decode()
    assert "schedule-inspection" in [action.slug for action, _form in page.context["action_forms"]]
    client.post(
        reverse("backoffice:case_action", args=[case.registration_number, "schedule-inspection"]),
        {"schedule-inspection-on": "2026-12-10"},
    )
    case.refresh_from_db()
    assert case.status == "inspection"
    queue = client.get(reverse("backoffice:queue"), {"status": "inspection"}).content.decode()
    assert case.registration_number in queue
    assert "site inspection scheduled" in queue
    assert "govuk-tag--orange" in queue

    # The citizen sees the kind's status, its template and its citizen action, and takes it.
    client.force_login(citizen)
    mine = client.get(reverse("services:case", args=[case.registration_number]))
    html = mine.content.decode()
    assert 'id="parking-citizen"' in html and "site inspection scheduled" in html
    assert [action.slug for action, _form in mine.context["action_forms"]] == ["confirm-inspection"]
    response = client.post(reverse("services:case_action", args=[case.registration_number, "confirm-inspection"]))
    assert response.status_code == 302
    assert case.events.filter(action="inspection_confirmed", actor=citizen, visible_to_applicant=True).count() == 1
    timeline = client.get(reverse("services:case", args=[case.registration_number])).content.decode()
    assert "Inspection day confirmed" in timeline

    # The shared decision reaches the kind's status through the kind's own row of the table.
    client.force_login(clerk)
    client.post(
        reverse("backoffice:case_action", args=[case.registration_number, "resolve"]),
        {"resolve-outcome": "approved", "resolve-note": "Abonament aprobat."},
    )
    case.refresh_from_db()
    assert (case.status, case.closed_on_time) == (Status.APPROVED, True)
    assert [e.action for e in case.events.order_by("at", "pk")] == [
        "registered",
        "inspection_scheduled",
        "inspection_confirmed",
        "resolved",
        "sent",  # the decision, registered as outgoing
    ]


@pytest.mark.urls("tests.services.example_kind")
def test_a_kinds_citizen_action_is_refused_to_staff_and_its_staff_action_to_the_citizen(
    client, parking_service, citizen, clerk
):
    case = CaseFactory(service=parking_service, applicant=citizen)
    client.force_login(citizen)
    response = client.post(reverse("backoffice:case_action", args=[case.registration_number, "schedule-inspection"]))
    assert response.status_code in (302, 403, 404)
    case.refresh_from_db()
    assert case.status == Status.REGISTERED
    # Before the inspection is scheduled the citizen's action is not offered, and posting it changes nothing.
    response = client.post(reverse("services:case_action", args=[case.registration_number, "confirm-inspection"]))
    assert response.status_code == 302
    assert not case.events.filter(action="inspection_confirmed").exists()
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied: the citizen action is the applicant's only
        workflow.begin(case, "confirm_inspection", by=clerk)


def test_the_kind_choices_of_services_and_cases_come_from_the_registry(parking):
    assert ("parking", "residential parking permit") in Service._meta.get_field("kind").choices
    assert "inspection" in dict(Case._meta.get_field("status").choices)
    kinds.unregister("parking")
    try:
        assert "parking" not in dict(Service._meta.get_field("kind").choices)
    finally:
        kinds.register(PARKING)


def test_a_service_of_an_unknown_kind_is_refused_with_a_clear_error(procedure):
    service = Service(slug="x", title="X", kind="parcare", procedure=procedure)
    for language, expected in (
        ("en", "“parcare” is not a registered request kind"),
        ("ro", "„parcare” nu este un tip"),
    ):
        with translation.override(language):
            with pytest.raises(ValidationError) as error:
                service.full_clean()
            message = " ".join(error.value.message_dict["kind"])
        assert expected in message
        assert "petition" in message


def test_registration_refuses_a_service_whose_kind_is_not_installed(procedure, citizen):
    service = ServiceFactory(kind="parcare", procedure=procedure)
    with pytest.raises(ValidationError) as error:
        registration.register_case(service=service, subject="Abonament", applicant=citizen)
    assert error.value.code == "unknown_kind"
    assert not Case.objects.exists()


def test_registration_goes_through_the_transition_table(service, citizen):
    case = CaseFactory(service=service, applicant=citizen)
    event = case.events.get()
    assert (event.action, event.status_before, event.status_after) == ("registered", "submitted", "registered")


def test_a_status_assigned_outside_the_workflow_is_refused(service, citizen):
    case = CaseFactory(service=service, applicant=citizen)
    with pytest.raises(StatusChangeRefused):
        case.status = Status.APPROVED
    case.refresh_from_db()
    assert case.status == Status.REGISTERED
    loaded = Case.objects.only("pk").get(pk=case.pk)
    assert loaded.status == Status.REGISTERED  # a deferred status loads like any field


def test_a_new_case_takes_its_first_status_freely():
    assert Case(status=Status.REGISTERED).status == Status.REGISTERED


def _kind(**overrides):
    return Kind(**{"name": "sample", "label": "sample", **overrides})


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"name": "Not a name"}, "the name must be"),
        ({"name": "a_name_that_is_far_too_long"}, "the name must be"),
        ({"statuses": (StatusDef(Status.APPROVED, "other label"),)}, "already defined differently"),
        ({"event_types": (EventType("registered", "other label"),)}, "already defined differently"),
        ({"transitions": (row("fly", [Status.REGISTERED], [Role.WORKER], ["moon"]),)}, "unknown statuses"),
        ({"transitions": (row("fly", [OPEN], [Role.WORKER]),)}, "has no door"),
        ({"transitions": (row("fly", [OPEN], [], []),), "doors": {"fly": "x.y"}}, "names nobody"),
        (
            {"citizen_actions": (CaseAction("fly", "Fly", ConfirmForm, action="fly"),)},
            "performs 'fly', not in the table",
        ),
        ({"outcomes": ("flown",)}, "reached by no action"),
    ],
)
def test_the_registry_refuses_a_kind_that_contradicts_the_spine(overrides, problem):
    registry = KindRegistry()
    with pytest.raises(ImproperlyConfigured) as error:
        registry.register(_kind(**overrides))
    assert problem in str(error.value)
    assert "sample" not in registry


def test_a_kind_is_registered_once():
    registry = KindRegistry()
    registry.register(_kind())
    with pytest.raises(ImproperlyConfigured):
        registry.register(_kind())


def test_two_kinds_may_share_a_status_defined_the_same_way():
    registry = KindRegistry()
    shared = StatusDef("parked", "parked", open=True)
    registry.register(_kind(name="one", statuses=(shared,)))
    registry.register(_kind(name="two", statuses=(shared,)))
    assert [s.value for s in registry.statuses()].count("parked") == 1
    assert "parked" in registry.open_statuses()


def test_a_kinds_transitions_apply_to_its_own_cases_only():
    assert kinds.transitions("petition", "forward")
    assert not kinds.transitions("permit", "forward")


def test_the_system_check_finds_a_filing_flow_that_does_not_exist(parking):
    with kinds.temporarily(Kind(name="broken", label="broken", filing_url="no_such_url")):
        errors = [error.id for error in run_checks()]
    assert "services.E001" in errors


def test_the_system_check_finds_a_missing_template(parking):
    with kinds.temporarily(Kind(name="broken", label="broken", detail_template="no/such.html")):
        errors = [error.id for error in run_checks()]
    assert "services.E002" in errors


@pytest.mark.urls("tests.services.example_kind")
def test_the_registered_example_kind_passes_the_system_checks(parking):
    assert [error for error in run_checks() if error.id.startswith("services.")] == []


def test_the_filing_flow_of_an_inactive_service_is_not_offered(client, citizen, parking_service):
    parking_service.active = False
    parking_service.save()
    client.force_login(citizen)
    assert not client.get(reverse("services:new_request")).context["offers"]


def test_a_closed_case_is_not_in_the_open_queue_whatever_its_kind(parking_service, citizen, clerk):
    case = CaseFactory(service=parking_service, applicant=citizen)
    workflow.resolve_case(case, by=clerk, outcome=Status.REJECTED, note="Nu are domiciliul în zonă.")
    assert not Case.objects.open().filter(pk=case.pk).exists()
    case = CaseFactory(service=parking_service, applicant=citizen)
    from .example_kind import schedule_inspection

    schedule_inspection(case, by=clerk, on=datetime.date(2026, 12, 10))
    assert Case.objects.open().filter(pk=case.pk).exists()
