"""What the procedures' back-office pages read: the register, a procedure's versions, sign-offs, distribution list and
acknowledgement matrix, a staff member's procedures to read, and a head's department."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone

from services.models import Department, Membership, Procedure
from services.permissions import head_department_ids

from . import roles
from .models import Acknowledgement, ProcedureVersion, QualitySettings, ReviewPolicy, SignOff

S = ProcedureVersion.Status
OPEN_STATUSES = (S.DRAFT, S.IN_VERIFICATION, S.IN_APPROVAL, S.APPROVED)
# The register's status filter: a status of the procedure's versions, or a review that is overdue.
REVIEW_OVERDUE = "review_overdue"
# How many versions the acknowledgement matrix shows: the one in force and the latest before it.
MATRIX_VERSIONS = 3


def is_staff(user):
    return bool(user and user.is_authenticated and user.is_staff)


def is_manager(user):
    """The quality manager's pages: who drafts, verifies or approves procedure versions."""
    return is_staff(user) and any(roles.can(user, p) for p in (roles.DRAFT, roles.VERIFY, roles.APPROVE))


def is_head(user):
    return is_staff(user) and bool(head_department_ids(user))


def register(*, department=None, status="", today=None):
    """The procedures with their version in force, their version in progress and their review schedule."""
    today = today or timezone.localdate()
    procedures = (
        Procedure.objects.select_related("owner_department", "review_policy")
        .prefetch_related(
            Prefetch(
                "versions", queryset=ProcedureVersion.objects.filter(status=S.EFFECTIVE), to_attr="in_force_versions"
            ),
            Prefetch(
                "versions",
                queryset=ProcedureVersion.objects.filter(status__in=OPEN_STATUSES),
                to_attr="open_versions",
            ),
        )
        .order_by("code")
    )
    if department is not None:
        procedures = procedures.filter(owner_department=department)
    if status == REVIEW_OVERDUE:
        procedures = procedures.filter(review_policy__next_review_on__lt=today)
    elif status:
        procedures = procedures.filter(pk__in=ProcedureVersion.objects.filter(status=status).values("procedure_id"))
    return procedures


@dataclass(frozen=True)
class RegisterRow:
    procedure: Procedure
    in_force: ProcedureVersion | None
    in_progress: ProcedureVersion | None
    next_review_on: datetime.date | None
    review_overdue: bool


def register_row(procedure, *, today):
    # select_related read the schedule (or its absence, which raises an AttributeError): no query here.
    policy = getattr(procedure, "review_policy", None)
    next_review_on = policy.next_review_on if policy else None
    return RegisterRow(
        procedure=procedure,
        in_force=next(iter(procedure.in_force_versions), None),
        in_progress=next(iter(procedure.open_versions), None),
        next_review_on=next_review_on,
        review_overdue=bool(next_review_on and next_review_on < today),
    )


def register_departments():
    return Department.objects.filter(procedures__isnull=False).distinct().order_by("name")


def procedure_by_code(code):
    return Procedure.objects.select_related("owner_department").filter(code=code).first()


def versions_of(procedure):
    return list(procedure.versions.select_related("drafted_by").order_by("-edition", "-revision"))


def sign_offs_of(procedure):
    """The append-only log of every version of the procedure, oldest first."""
    return list(SignOff.objects.filter(version__procedure=procedure).select_related("version").order_by("at", "pk"))


def distribution_of(version):
    if version is None:
        return []
    return list(version.distributions.select_related("department", "group", "person", "distributed_by"))


def review_policy_of(procedure):
    return ReviewPolicy.objects.filter(procedure=procedure).first()


def last_function(user):
    """The function the person signed their last step with, to pre-fill the next one."""
    return (
        SignOff.objects.filter(person=user)
        .exclude(function="")
        .order_by("-at", "-pk")
        .values_list("function", flat=True)
        .first()
        or ""
    )


@dataclass(frozen=True)
class Matrix:
    versions: list
    rows: list  # (person, [acknowledgement or None per version])

    def __bool__(self):
        return bool(self.rows)


def acknowledgement_matrix(versions):
    """Rows: everyone asked to acknowledge the version in force or the latest ones; columns: those versions."""
    columns = [v for v in versions if v.status in (S.EFFECTIVE, S.SUPERSEDED, S.WITHDRAWN)][:MATRIX_VERSIONS]
    acknowledgements = Acknowledgement.objects.filter(version__in=columns).select_related("person")
    cells = {}
    people = {}
    for ack in acknowledgements:
        cells[(ack.person_id, ack.version_id)] = ack
        people[ack.person_id] = ack.person
    ordered = sorted(people.values(), key=lambda person: (person.last_name, person.first_name, person.email))
    rows = [(person, [cells.get((person.pk, version.pk)) for version in columns]) for person in ordered]
    return Matrix(versions=columns, rows=rows)


def to_read(user):
    """The person's acknowledgement tasks of the versions in force not yet acknowledged, oldest first."""
    return list(
        Acknowledgement.objects.filter(person=user, acknowledged_at__isnull=True, version__status=S.EFFECTIVE)
        .select_related("version__procedure")
        .order_by("requested_at", "pk")
    )


def acknowledged_by(user, *, limit=50):
    return list(
        Acknowledgement.objects.filter(person=user, acknowledged_at__isnull=False)
        .select_related("version__procedure")
        .order_by("-acknowledged_at", "-pk")[:limit]
    )


def acknowledgement_of(user, pk):
    return Acknowledgement.objects.select_related("version__procedure").filter(person=user, pk=pk).first()


def version_for_staff(pk):
    return ProcedureVersion.objects.select_related("procedure").filter(pk=pk).first()


def head_departments(user):
    return list(Department.objects.filter(pk__in=head_department_ids(user)).order_by("name"))


def department_pending(departments):
    """What the departments' people have not acknowledged yet, of the versions in force."""
    members = Membership.objects.filter(department__in=departments).values("user_id")
    return list(
        Acknowledgement.objects.filter(
            person__in=members, acknowledged_at__isnull=True, version__status=S.EFFECTIVE, person__is_active=True
        )
        .select_related("person", "version__procedure")
        .order_by("person__last_name", "person__first_name", "requested_at")
    )


def department_reviews_due(departments, *, today=None):
    """The departments' procedures whose review falls due within the notice period, or is overdue."""
    today = today or timezone.localdate()
    notice = QualitySettings.load().review_notice_days
    horizon = today + datetime.timedelta(days=notice)
    return list(
        ReviewPolicy.objects.filter(Q(next_review_on__lte=horizon), procedure__owner_department__in=departments)
        .select_related("procedure")
        .order_by("next_review_on")
    )


def distribution_target(open_version, in_force):
    """The version a new distribution line goes to: the one in progress, else the one in force."""
    return open_version or in_force


def is_quality_manager(user):
    """Who runs the quality system: decides on nonconformities, opens and cancels actions, leads CAF exercises (the
    "Quality managers" group, which also sees every case); not the drafters, the commission or the head of the
    institution, who only take their steps in the procedures' versions."""
    from services.permissions import is_quality_manager as sees_every_case

    return sees_every_case(user)
