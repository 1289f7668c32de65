"""Queries that feed the back office: the queue with its filters, the staff to assign to, and one case's page."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import F, Prefetch, Q
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import calendar as clock
from ..deadlines import Calendar, working_days_between
from ..models import Case, CaseDocument, CaseEvent, Service, Status
from ..permissions import department_ids, is_quality_manager
from ..registry import kinds
from .queue_list import QueueList

# A case is "due soon" when this many working days or fewer are left.
DUE_SOON_WORKING_DAYS = 3

STATUS_OPEN = "open"
STATUS_CLOSED = "closed"
STATUS_ALL = "all"
ASSIGNEE_UNASSIGNED = "unassigned"
ASSIGNEE_ME = "me"

# The columns the queue sorts by, as the URL names them (`?sort=due&dir=desc`); any other value means the default
# order, overdue first then by due date.
SORT_NUMBER = "number"
SORT_SERVICE = "service"
SORT_APPLICANT = "applicant"
SORT_STATUS = "status"
SORT_ASSIGNEE = "assignee"
SORT_REGISTERED = "registered"
SORT_DUE = "due"
SORT_LEFT = "left"
SORT_KEYS = (
    SORT_NUMBER,
    SORT_SERVICE,
    SORT_APPLICANT,
    SORT_STATUS,
    SORT_ASSIGNEE,
    SORT_REGISTERED,
    SORT_DUE,
    SORT_LEFT,
)
SORT_ASC = "asc"
SORT_DESC = "desc"


def user_department_ids(user):
    """The user's departments, looked up once per request (kept on the request's user, like Django's permission
    cache) since the access check, the queue and its filter choices all need them."""
    cached = getattr(user, "_backoffice_department_ids", None)
    if cached is None:
        cached = frozenset(department_ids(user))
        if user is not None and user.is_authenticated:
            user._backoffice_department_ids = cached
    return cached


def may_use_back_office(user):
    """Staff who work in a department, and the quality manager."""
    if not (user and user.is_authenticated and user.is_staff):
        return False
    return is_quality_manager(user) or bool(user_department_ids(user))


def _visible_cases(user):
    """The cases the user's queue may list: every department's for the quality manager, else a plain
    `department_id IN (...)` of the user's departments, read once per request (no subquery, so the indexes that lead
    with the department give the queue's order)."""
    if not (user and user.is_authenticated and user.is_staff):
        return Case.objects.none()
    if is_quality_manager(user):
        return Case.objects.all()
    return Case.objects.filter(department_id__in=sorted(user_department_ids(user)))


def queue_cases(user, filters, *, today=None):
    """The cases of the user's departments matching the queue filters, overdue first, then by due date, suspended
    cases (no due date) last; or in the order of one column (`sort`, one of SORT_KEYS, and `dir`, "asc" or "desc").

    `filters` is the queue form's cleaned data: status ("open" by default, "closed", "all" or one status), service,
    assignee ("", "unassigned", "me" or a user's primary key), overdue (bool) and q (registration number or
    applicant name, case-insensitive).

    Returns a `QueueList`, which the paginator and the CSV export read like a queryset.
    """
    today = today or clock.today()
    cases = _visible_cases(user)
    open_statuses = sorted(kinds.open_statuses())

    status = filters.get("status") or STATUS_OPEN
    if status == STATUS_OPEN:
        cases = cases.filter(status__in=open_statuses)
    elif status == STATUS_CLOSED:
        cases = cases.exclude(status__in=open_statuses)
    elif status != STATUS_ALL:
        cases = cases.filter(status=status)

    if filters.get("service"):
        cases = cases.filter(service=filters["service"])

    assignee = filters.get("assignee")
    if assignee == ASSIGNEE_UNASSIGNED:
        cases = cases.filter(assignee__isnull=True)
    elif assignee == ASSIGNEE_ME:
        cases = cases.filter(assignee=user)
    elif assignee:
        cases = cases.filter(assignee_id=assignee)

    overdue = Q(status__in=open_statuses, due_date__lt=today)
    if filters.get("overdue"):
        cases = cases.filter(overdue)

    text = (filters.get("q") or "").strip()
    if text:
        cases = cases.filter(Q(registration_number__icontains=text) | Q(applicant_name__icontains=text))

    # Unless open and closed cases are listed together, every case listed is open or none is, so "overdue first,
    # then by due date" is the due date's own order, which the indexes on (department, due date) give.
    mixed = status == STATUS_ALL and not filters.get("overdue")
    sort = filters.get("sort")
    if sort in SORT_KEYS:
        keys = _sort_keys(sort, descending=filters.get("dir") == SORT_DESC, all_open=status == STATUS_OPEN)
        return QueueList(cases.order_by(*keys, "registered_at", "pk"))
    by_due_date = (F("due_date").asc(nulls_last=True), "registered_at", "pk")
    if not mixed:
        return QueueList(cases.order_by(*by_due_date))
    # All statuses: the overdue cases, then the rest, each in due-date order: two index scans, never a sort of all.
    return QueueList(cases.order_by(*by_due_date), first=overdue)


def _service_title():
    """The service's title in the active language, as the table shows it (the Romanian one when not translated)."""
    lang = (get_language() or "ro")[:2]
    if lang == "ro" or not hasattr(Service, f"title_{lang}"):
        return F("service__title")
    return Coalesce(NullIf(f"service__title_{lang}", models.Value("")), "service__title")


def _sort_keys(sort, *, descending, all_open=False):
    """The ORDER BY of one column of the queue, either way. What has no value there (no assignee, no due date, no
    days left) comes last both ways; statuses go in the order the workflow reaches them, not alphabetically. When
    every case listed is open, the days left are the due date's order (and its index's)."""
    if sort == SORT_STATUS:
        position = models.Case(
            *(
                models.When(status=value, then=models.Value(n))
                for n, (value, _label) in enumerate(kinds.status_choices())
            ),
            default=models.Value(len(kinds.status_choices())),
            output_field=models.IntegerField(),
        )
        expressions = [position]
    elif sort == SORT_LEFT and all_open:
        expressions = [F("due_date")]
    elif sort == SORT_LEFT:
        # Working days left are counted only for open cases with a due date, and grow with the due date.
        expressions = [
            models.Case(
                models.When(status__in=kinds.open_statuses(), then=F("due_date")),
                default=None,
                output_field=models.DateField(),
            )
        ]
    else:
        expressions = {
            SORT_NUMBER: [F("registration_number")],
            SORT_SERVICE: [Lower(_service_title())],
            SORT_APPLICANT: [Lower("applicant_name")],
            SORT_ASSIGNEE: [Lower("assignee__last_name"), Lower("assignee__first_name"), Lower("assignee__email")],
            SORT_REGISTERED: [F("registered_at")],
            SORT_DUE: [F("due_date")],
        }[sort]
    if descending:
        return [expression.desc(nulls_last=True) for expression in expressions]
    return [expression.asc(nulls_last=True) for expression in expressions]


@dataclass(frozen=True)
class QueueRow:
    """A case of the queue with what the clock says about it today."""

    case: Case
    working_days_left: int | None
    overdue: bool
    due_soon: bool
    suspended: bool
    flags: tuple = ()  # what the case's kind adds, such as a forwarding term ending

    @property
    def working_days_late(self) -> int | None:
        """How many working days past its due date an overdue case is (0 when only a weekend or holiday passed)."""
        return -self.working_days_left if self.overdue else None


def queue_row(case, *, today: date, calendar: Calendar) -> QueueRow:
    flags = kinds.queue_flags(case, today, calendar)
    if not case.is_open or case.due_date is None:
        return QueueRow(case, None, False, False, case.status == Status.AWAITING_APPLICANT, flags)
    left = working_days_between(today, case.due_date, calendar)
    overdue = case.due_date < today
    return QueueRow(case, left, overdue, not overdue and left <= DUE_SOON_WORKING_DAYS, False, flags)


def queue_export_rows(cases, *, today, calendar):
    """The queue's CSV, header first, a row per case of `cases` (a QueueList) read in chunks: no query per row and
    nothing kept, so the export's memory stays flat however many cases it holds."""
    yield [
        _("Registration number"),
        _("Service"),
        _("Applicant"),
        _("Status"),
        _("Assigned to"),
        _("Registered on"),
        _("Due date"),
        _("Working days left"),
        _("Flags"),
    ]
    labels = ((_("overdue"), "overdue"), (_("due soon"), "due_soon"), (_("suspended"), "suspended"))
    # Translated once, not per row: a lazy status label or date format costs more than the rest of the row.
    statuses = {value: str(label) for value, label in kinds.status_choices()}
    short_date = get_format("SHORT_DATE_FORMAT")
    for case in cases.iterator(chunk_size=2000):
        row = queue_row(case, today=today, calendar=calendar)
        yield [
            case.registration_number,
            str(case.service),
            case.applicant_name,
            statuses.get(case.status, case.status),
            case.assignee.display_name if case.assignee else "",
            dateformat.format(case.registered_on, short_date),
            dateformat.format(case.due_date, short_date) if case.due_date else "",
            "" if row.working_days_left is None else row.working_days_left,
            ", ".join(label for label, flag in labels if getattr(row, flag)),
        ]


def staff_of_departments(department_ids_):
    """Staff members of the given departments, to assign cases to."""
    return (
        get_user_model()
        .objects.filter(is_staff=True, is_active=True, memberships__department_id__in=department_ids_)
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def visible_staff(user):
    """The staff whose cases the user sees, for the queue's assignee filter: of every department for the quality
    manager, else of the user's departments."""
    if is_quality_manager(user):
        return (
            get_user_model()
            .objects.filter(is_staff=True, is_active=True, memberships__isnull=False)
            .distinct()
            .order_by("last_name", "first_name", "email")
        )
    return staff_of_departments(user_department_ids(user))


def assignable_staff(user):
    """Whom the user may assign cases to: the staff of the user's own departments. A quality manager outside
    them oversees but does not assign. The workflow checks each assignee against each case."""
    return staff_of_departments(user_department_ids(user))


def queue_services(user):
    """The services whose cases the user may see, for the queue's service filter."""
    services = Service.objects.order_by("title")
    if is_quality_manager(user):
        return services
    return services.filter(procedure__owner_department_id__in=user_department_ids(user))


def case_for_page(user, registration_number):
    """One case the user may see — their departments', or one the registry copied to them for information — with
    everything its page shows, in a fixed number of queries (or None)."""
    found = _for_page(Case.objects.for_staff(user), registration_number)
    if found is None and user_department_ids(user):
        copied = Case.objects.filter(copies__department__in=user_department_ids(user))
        found = _for_page(copied, registration_number)
    return found


def _for_page(cases, registration_number):
    return (
        cases.select_related("service", "procedure", "department", "assignee", "applicant", *kinds.case_related())
        .prefetch_related(
            Prefetch("events", queryset=CaseEvent.objects.select_related("actor").order_by("at", "pk")),
            Prefetch(
                "documents", queryset=CaseDocument.objects.select_related("uploaded_by").order_by("uploaded_at", "pk")
            ),
        )
        .filter(registration_number=registration_number)
        .first()
    )


def visible_cases(user, pks):
    """The cases among `pks` the user may see, in the given order of registration."""
    return list(Case.objects.for_staff(user).filter(pk__in=pks).order_by("registration_number"))


def queue_staff(user):
    """(the staff the queue's assignee filter offers, the staff the user may assign to), the same list read once
    when they are the same people (for everyone but the quality manager)."""
    assignable = list(assignable_staff(user))
    if is_quality_manager(user):
        return list(visible_staff(user)), assignable
    return assignable, assignable
