"""The transition table, walked whole: every (status, action, person) is allowed exactly when the table says so, and
every refusal leaves the case and its history as they were."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from services import workflow
from services.calendar import clock_at
from services.lifecycle import Role, Status
from services.models import Case
from services.registry import kinds
from tests.factories import CaseFactory, ProcedureFactory, ServiceFactory, UserFactory

from .test_documents import PDF

DAY = datetime.date(2026, 3, 2)

# Who acts, and the roles the table should see in them: worked out here, not by the code under test.
PEOPLE = {
    "applicant": {Role.APPLICANT},
    "clerk": {Role.WORKER},
    "head": {Role.WORKER, Role.HEAD},
    "other_department_clerk": set(),
    "quality_manager": set(),
    "another_citizen": set(),
    "anonymous": set(),
}

# How to bring a fresh case of a kind into each status, through the workflow.
PATHS = {
    Status.REGISTERED: [],
    Status.IN_REVIEW: ["start_review"],
    Status.AWAITING_APPLICANT: ["request_completion"],
    Status.APPROVED: ["resolve:approved"],
    Status.REJECTED: ["resolve:rejected"],
    Status.ANSWERED: ["resolve:answered"],
    # Petitions and information requests are decided by the head's approval of the clerk's draft.
    "answered": ["draft_answer:answered", "approve_answer"],
    "refused": ["draft_answer:rejected", "approve_answer"],
    Status.WITHDRAWN: ["withdraw"],
    "forwarded": ["forward"],
    "classified": ["classify"],
}
# A permit is decided with its document or its reasons, not by the shared resolution.
KIND_PATHS = {"permit": {Status.APPROVED: ["decide:approved"], Status.REJECTED: ["decide:rejected"]}}
KIND_STATUSES = {
    "permit": [Status.REGISTERED, Status.IN_REVIEW, Status.AWAITING_APPLICANT, Status.APPROVED, Status.REJECTED,
               Status.WITHDRAWN],
    "information": [Status.REGISTERED, Status.IN_REVIEW, Status.AWAITING_APPLICANT, "answered", "refused",
                    Status.WITHDRAWN, "forwarded", "classified"],
}  # fmt: skip
ACTIONS = sorted({row.action for kind in KIND_STATUSES for row in kinds.transitions(kind)} - {"register"})


def _arguments(action, case, people, earlier=None):
    outcome = Status.REJECTED if case.status == Status.AWAITING_APPLICANT else kinds.outcomes(case.kind)[0]
    return {
        "assign": {"assignee": people["clerk"]},
        "start_review": {},
        "request_completion": {"note": "Lipsește extrasul de carte funciară."},
        "record_completion": {"note": "Adus la ghișeu."},
        "extend": {"days": 5, "reason": "Necesită consultarea altor servicii."},
        "resolve": {"outcome": outcome, "note": "Soluționat."},
        "withdraw": {"reason": "Nu mai este necesar."},
        "note": {"note": "Notă internă."},
        "message": {"message": "Vă rugăm să ne sunați."},
        "attach_document": {"upload": SimpleUploadedFile("anexa.pdf", PDF)},
        "forward": {"authority": "Consiliul Județean", "note": ""},
        "classify": {"note": "Fără date de identificare."},
        "draft_answer": {"text": "Răspuns.", "text_hu": "Válasz.", "outcome": kinds.outcomes(case.kind)[0]},
        "approve_answer": {},
        "return_answer": {"comment": "Completați răspunsul."},
        "join": {"first": earlier.registration_number if earlier else "-", "note": ""},
        "review_documents": {"verdicts": {}},  # the walked service requires no document
        "return_to_registry": {"reason": "Nu este de competența noastră."},
        "decide": {"outcome": outcome, "text": "Se autorizează.", "reasons": "Teren în zonă protejată."},
    }[action]


# Where a path's status ends up: the name a path is known by, or the status itself.
REACHED = {"answered": Status.ANSWERED, "refused": Status.REJECTED}
# Actions that need a draft answer waiting for approval to do anything.
NEEDS_A_DRAFT = {"approve_answer", "return_answer"}


def _bring(case, status, people):
    for step in KIND_PATHS.get(case.kind, {}).get(status, PATHS[status]):
        action, _, outcome = step.partition(":")
        actor = {"withdraw": people["applicant"], "approve_answer": people["head"]}.get(action, people["clerk"])
        arguments = _arguments(action, case, people)
        if outcome:
            arguments["outcome"] = outcome
        case = kinds.door(case.kind, action)(case, by=actor, **arguments)
    return Case.objects.get(pk=case.pk)


def _snapshot(case):
    case = Case.objects.get(pk=case.pk)
    return (
        case.status,
        case.due_date,
        case.extension_days,
        case.closed_on,
        case.closed_on_time,
        case.assignee_id,
        list(case.suspensions.values_list("started_on", "ended_on")),
        list(case.events.values_list("pk", flat=True)),
        list(case.documents.values_list("pk", flat=True)),
    )


def _expected(case, action, person):
    roles = PEOPLE[person] | {Role.ANYONE}
    open_statuses = kinds.open_statuses()
    rows = [
        row
        for row in kinds.transitions(case.kind, action)
        if row.roles & roles and row.starts_from(case.status, open_statuses)
    ]
    return rows


@pytest.fixture
def people(citizen, clerk, head, other_department_clerk, quality_manager):
    return {
        "applicant": citizen,
        "clerk": clerk,
        "head": head,
        "other_department_clerk": other_department_clerk,
        "quality_manager": quality_manager,
        "another_citizen": UserFactory(),
        "anonymous": AnonymousUser(),
    }


CASES = [
    (kind, status, action) for kind, statuses in KIND_STATUSES.items() for status in statuses for action in ACTIONS
]


@pytest.mark.parametrize(("kind", "status", "action"), CASES)
def test_exactly_the_tables_moves_are_allowed_and_refusals_change_nothing(kind, status, action, people, department):
    service = ServiceFactory(kind=kind, procedure=ProcedureFactory(owner_department=department))
    at = timezone.make_aware(datetime.datetime.combine(DAY, datetime.time(9)))
    earlier = None
    if action == "join":  # an earlier, open request of the same applicant to join to
        with clock_at(DAY):
            earlier = CaseFactory(service=service, applicant=people["applicant"], registered_at=at.replace(hour=8))
    with clock_at(DAY):
        case = _bring(CaseFactory(service=service, applicant=people["applicant"], registered_at=at), status, people)
        if action in NEEDS_A_DRAFT and workflow.permitted(case, "draft_answer", frozenset({Role.WORKER})):
            kinds.door(kind, "draft_answer")(case, by=people["clerk"], **_arguments("draft_answer", case, people))
    assert case.status == REACHED.get(status, status)
    if action not in kinds.actions(kind):
        with clock_at(DAY), pytest.raises(ValidationError) as refused:
            owner = next(k.name for k in kinds if action in kinds.actions(k.name))  # the kind that has it
            kinds.door(owner, action)(case, by=people["clerk"], **_arguments(action, case, people))
        assert refused.value.code == "kind"
        return
    for person, actor in people.items():
        rows = _expected(case, action, person)
        before = _snapshot(case)
        with transaction.atomic(), clock_at(DAY):
            try:
                kinds.door(kind, action)(case, by=actor, **_arguments(action, case, people, earlier))
            except (PermissionDenied, ValidationError) as error:
                assert not rows, f"{person} was refused {action} from {status}, which the table allows: {error}"
                assert _snapshot(case) == before, f"refusing {action} to {person} changed the case"
            else:
                assert rows, f"{person} could {action} from {status}, which the table does not allow"
                after = Case.objects.get(pk=case.pk)
                new_events = list(after.events.exclude(pk__in=before[7]))
                targets = set().union(*(row.targets for row in rows))
                if targets:
                    # One event changes the status (an approved answer also records its PDF).
                    moves = [event for event in new_events if event.status_after]
                    assert after.status in targets
                    assert [(e.status_before, e.status_after) for e in moves] == [(before[0], after.status)]
                else:
                    assert len(new_events) == 1, f"{action} by {person} wrote {len(new_events)} events"
                    assert after.status == before[0]
            transaction.set_rollback(True)
