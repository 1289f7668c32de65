"""The Case spine: one citizen request of any kind, its clock, its documents and its append-only history."""

import contextvars
import secrets
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..lifecycle import Action, Status
from ..registry import event_choices, kinds, status_choices
from .catalogue import DeadlineUnit, KindField, Procedure, RequiredDocument, Service
from .organisation import Department


class Channel(models.TextChoices):
    """How a request or a document reached the institution, or leaves it."""

    ONLINE = "online", _("online")
    DESK = "desk", _("at the desk")
    POST = "post", _("by post")
    EMAIL = "email", _("by e-mail")
    PHONE = "phone", _("by phone")
    COURIER = "courier", _("by courier")


class StatusChangeRefused(AttributeError):
    """A status was assigned outside the workflow's one door (`services.workflow.move`)."""


_door_open = contextvars.ContextVar("case_status_door_open", default=False)


@contextmanager
def status_door():
    """Open the door to `Case.status` for the block: only the workflow's `move` (and a reload) go through it."""
    token = _door_open.set(True)
    try:
        yield
    finally:
        _door_open.reset(token)


class _ProtectedStatus(DeferredAttribute):
    """Reads like any field; a change of an instance's status outside `status_door()` raises."""

    def __set__(self, instance, value):
        data = instance.__dict__
        name = self.field.attname
        if name in data and data[name] != value and not _door_open.get():
            raise StatusChangeRefused(
                f"Case.status is protected: change {data[name]!r} to {value!r} through services.workflow."
            )
        data[name] = value


class StatusField(models.CharField):
    """`Case.status`: choices from the kind registry, and changed only through the workflow (like django-fsm-2's
    `FSMField(protected=True)`). A new instance takes its first status freely."""

    descriptor_class = _ProtectedStatus


def new_access_code():
    """Eight characters without look-alikes (0/O, 1/I/L), printed on the registration receipt."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class RegistrationCounter(models.Model):
    """The registry's last number per prefix and year; locked while a number is taken, so none is skipped."""

    prefix = models.CharField(max_length=12)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="unique_counter_per_year")]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"


# The statuses of the shared lifecycle in which a case is open, as the queue's partial indexes name them (sorted, as
# the queue lists them).
QUEUE_OPEN_STATUSES = sorted([Status.SUBMITTED, Status.REGISTERED, Status.IN_REVIEW, Status.AWAITING_APPLICANT])


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=kinds.open_statuses())

    def closed(self):
        return self.exclude(status__in=kinds.open_statuses())

    def for_staff(self, user):
        """The cases a staff member may see: their departments', or all of them for the quality manager."""
        if not (user and user.is_authenticated and user.is_staff):
            return self.none()
        if user.has_perm("services.view_all_cases"):
            return self
        # A subquery rather than a join, so no DISTINCT is needed over a large table.
        return self.filter(department__in=Department.objects.filter(memberships__user=user).values("pk"))

    def of_applicant(self, user):
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(applicant=user)


class Case(models.Model):
    """A request (dosar): registered with a number, governed by the deadline rule in force when registered."""

    registration_number = models.CharField(_("registration number"), max_length=32, unique=True)
    registration_year = models.PositiveSmallIntegerField(editable=False)
    registration_sequence = models.PositiveIntegerField(editable=False)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="cases", verbose_name=_("service"))
    kind = KindField(_("kind"))
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="cases", verbose_name=_("department")
    )
    procedure = models.ForeignKey(
        Procedure, on_delete=models.PROTECT, related_name="cases", verbose_name=_("procedure")
    )
    # The rule the case was registered under: a later edition of the procedure never changes it.
    procedure_code = models.CharField(_("procedure code"), max_length=30)
    procedure_edition = models.PositiveSmallIntegerField(_("procedure edition"))
    procedure_revision = models.PositiveSmallIntegerField(_("procedure revision"))
    deadline_days = models.PositiveSmallIntegerField(_("legal time limit (days)"))
    deadline_unit = models.CharField(_("counted in"), max_length=10, choices=DeadlineUnit.choices)
    extension_max_days = models.PositiveSmallIntegerField(_("extension of at most (days)"), default=0)
    suspension_allowed = models.BooleanField(default=True)
    reminder_days = models.PositiveSmallIntegerField(default=3)

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("applicant"),
    )
    applicant_name = models.CharField(_("applicant"), max_length=200)
    applicant_email = models.EmailField(_("applicant's e-mail"), blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    subject = models.CharField(_("subject"), max_length=300)
    details = models.TextField(_("details"), blank=True)
    channel = models.CharField(_("received"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    applicant_phone = models.CharField(_("applicant's phone"), max_length=30, blank=True)
    applicant_address = models.CharField(_("applicant's address"), max_length=300, blank=True)
    applicant_cnp = models.CharField(_("applicant's CNP"), max_length=13, blank=True)
    # A department sent the case back to the registry as not theirs: it waits to be distributed again.
    returned_to_registry = models.BooleanField(_("returned to the registry"), default=False)

    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
        verbose_name=_("assignee"),
    )
    status = StatusField(_("status"), max_length=20, choices=status_choices, default=Status.SUBMITTED)
    registered_at = models.DateTimeField(_("registered at"))
    registered_on = models.DateField(_("registered on"))
    due_date = models.DateField(
        _("due date"), null=True, blank=True, help_text=_("Empty while the clock is suspended.")
    )
    extension_days = models.PositiveSmallIntegerField(_("extension (days)"), default=0)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_on_time = models.BooleanField(_("closed on time"), null=True, blank=True)
    processing_working_days = models.PositiveIntegerField(_("processing time (working days)"), null=True, blank=True)
    access_code = models.CharField(_("access code"), max_length=12, default=new_access_code, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-registered_at"]
        permissions = [
            ("view_all_cases", _("Can see the cases and indicators of every department")),
            ("register_at_desk", _("Can register requests at the registry desk")),
            ("view_register", _("Can see the general register")),
        ]
        indexes = [
            models.Index(fields=["department", "status", "due_date"]),
            models.Index(fields=["status", "due_date"]),
            # Each part of the indicators' one query (dashboard/selectors.py) is answered from one of these alone,
            # by an index-only scan (issue #24); they lead with the dates the period filters on.
            models.Index(fields=["registered_on", "department", "procedure"], name="case_opened_indicators"),
            models.Index(
                fields=["closed_on", "department", "procedure", "status", "closed_on_time", "processing_working_days"],
                name="case_closed_indicators",
            ),
            models.Index(
                fields=["department", "procedure", "registered_on", "due_date"],
                condition=models.Q(status__in=QUEUE_OPEN_STATUSES),
                name="case_open_indicators",
            ),
            # The queue's order (overdue first, then by due date, is the due date's order among open cases): its
            # pages, first, deep or last, are read through these without sorting (issue #24). The open statuses
            # are the shared lifecycle's; the queue's `status IN (...)` must list the same for the partial ones.
            models.Index(
                fields=["department", "due_date", "registered_at", "id"],
                condition=models.Q(status__in=QUEUE_OPEN_STATUSES),
                name="case_queue_open_by_department",
            ),
            models.Index(
                fields=["due_date", "registered_at", "id"],
                condition=models.Q(status__in=QUEUE_OPEN_STATUSES),
                name="case_queue_open",
            ),
            models.Index(
                fields=["department", "due_date", "registered_at", "id"],
                include=["status"],
                name="case_queue_by_department",
            ),
            # The queue filtered by a service or an assignee: the count and the page from one index each, not from
            # the intersection of two (bench/README.md).
            models.Index(
                fields=["service", "department", "due_date", "registered_at", "id"],
                condition=models.Q(status__in=QUEUE_OPEN_STATUSES),
                name="case_queue_open_by_service",
            ),
            models.Index(
                fields=["assignee", "department", "due_date", "registered_at", "id"],
                condition=models.Q(status__in=QUEUE_OPEN_STATUSES),
                name="case_queue_open_by_assignee",
            ),
        ]

    def __str__(self):
        return self.registration_number

    def refresh_from_db(self, *args, **kwargs):
        # Reading the stored status is no change of it.
        with status_door():
            super().refresh_from_db(*args, **kwargs)

    @property
    def is_open(self):
        return self.status in kinds.open_statuses()

    @property
    def status_tone(self):
        status = kinds.status(self.status)
        return status.tone if status else "grey"

    @property
    def is_suspended(self):
        return self.status == Status.AWAITING_APPLICANT

    @property
    def extension_allowed(self):
        return self.extension_max_days > 0


class Suspension(models.Model):
    """A period the clock stood still: from the completion request to the day the completion was registered."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="suspensions")
    started_on = models.DateField(_("requested on"))
    ended_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="suspension_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.case_id}: {self.started_on} – {self.ended_on or '…'}"


class CaseEvent(models.Model):
    """One entry of a case's history. Append-only: the database refuses UPDATE and DELETE (see migration)."""

    Action = Action  # the shared event types; kinds add theirs through the registry

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=30, choices=event_choices)
    status_before = models.CharField(max_length=20, choices=status_choices, blank=True)
    status_after = models.CharField(max_length=20, choices=status_choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    visible_to_applicant = models.BooleanField(_("visible to the applicant"), default=False)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self):
        return f"{self.case_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    @property
    def detail_template(self):
        event_type = kinds.event_type(self.action)
        return event_type.detail_template if event_type else None

    @property
    def changes_status(self):
        return bool(self.status_after) and self.status_before != self.status_after


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


def document_key(instance, filename):
    """A random key: the original name is kept in the database only."""
    return f"cases/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class CaseDocument(models.Model):
    """A file attached to a case, kept in private storage and served only through an authorising view."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    requirement = models.ForeignKey(
        RequiredDocument,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("required document"),
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    file = models.FileField(storage=private_storage, upload_to=document_key, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    visible_to_applicant = models.BooleanField(default=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.original_name
