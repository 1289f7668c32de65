"""Periodic review of the procedures: recording a review's outcome, what falls due, and the heads' notices.

A review is of the version in force. It is due on the policy's `next_review_on`; recording it moves the next review
one interval on from the day of the review. The outcome "revise" or "withdraw" is only recorded here: drafting the
revision or withdrawing the version stay steps of the workflow. A procedure's owner department hears of a review
once, `review_notice_days` before it falls due, and once more when it is overdue (`ReviewPolicy.reminded_on` keeps the
last notice's day).
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from portal.models import InstitutionSettings
from services.models import Membership
from services.notifications import send_email

from . import roles
from .models import ProcedureVersion, QualitySettings, Review, ReviewPolicy
from .workflow import TransitionRefused, _add_months

EMAIL_DIR = "quality/email"
EFFECTIVE = ProcedureVersion.Status.EFFECTIVE


def may_review(user, procedure) -> bool:
    """The quality manager, the internal-control commission, or a head of the procedure's owner department."""
    if roles.can(user, roles.DRAFT) or roles.can(user, roles.VERIFY):
        return True
    return Membership.objects.filter(
        user=user, department_id=procedure.owner_department_id, role=Membership.Role.HEAD
    ).exists()


@transaction.atomic
def record_review(procedure, *, by, outcome, notes, today: datetime.date) -> Review:
    """Record the review of the version in force; the next review falls due one interval after `today`."""
    if outcome not in Review.Outcome.values:
        raise TransitionRefused(_("Choose the review's outcome."))
    if not may_review(by, procedure):
        raise PermissionDenied(_("You may not record this procedure's review."))
    version = procedure.versions.filter(status=EFFECTIVE).first()
    if version is None:
        raise TransitionRefused(_("This procedure has no version in force to review."))
    policy = ReviewPolicy.objects.select_for_update().filter(procedure=procedure).first()
    if policy is None:
        policy = ReviewPolicy.objects.create(procedure=procedure, next_review_on=today)
    review = Review.objects.create(
        procedure=procedure,
        version=version,
        due_on=policy.next_review_on,
        reviewed_on=today,
        outcome=outcome,
        notes=notes,
        reviewed_by=by,
    )
    policy.next_review_on = _add_months(today, policy.interval_months)
    policy.reminded_on = None
    policy.save(update_fields=["next_review_on", "reminded_on"])
    return review


def _in_force():
    return ReviewPolicy.objects.filter(
        Exists(ProcedureVersion.objects.filter(procedure=OuterRef("procedure"), status=EFFECTIVE))
    ).select_related("procedure", "procedure__owner_department")


def due_for_review(today: datetime.date, within_days: int):
    """Review schedules of procedures in force falling due from today to `within_days` days on, soonest first."""
    return (
        _in_force()
        .filter(next_review_on__gte=today, next_review_on__lte=today + datetime.timedelta(days=within_days))
        .order_by("next_review_on", "procedure__code")
    )


def overdue(today: datetime.date):
    """Review schedules of procedures in force whose review is past due, most overdue first."""
    return _in_force().filter(next_review_on__lt=today).order_by("next_review_on", "procedure__code")


def _recipients(department, heads_by_department):
    """(e-mail, language, name) of the department's heads, or the department's own address when it has none."""
    heads = heads_by_department.get(department.pk, [])
    if heads:
        return [(head.email, head.preferred_language, head.display_name) for head in heads]
    if department.email:
        return [(department.email, settings.LANGUAGE_CODE, "")]
    return []


@transaction.atomic
def announce_reviews(today: datetime.date) -> int:
    """E-mail each owner department's heads the reviews falling due within the notice period (once each) and the
    overdue ones (once when they become overdue, then listed with any later notice). Returns the e-mails sent."""
    notice_days = QualitySettings.load().review_notice_days
    coming = list(due_for_review(today, notice_days).filter(reminded_on__isnull=True).select_for_update(of=("self",)))
    late = list(overdue(today))
    newly_late = [p for p in late if p.reminded_on is None or p.reminded_on < p.next_review_on]
    to_announce = defaultdict(lambda: {"coming": [], "overdue": []})
    for policy in coming:
        to_announce[policy.procedure.owner_department]["coming"].append(policy)
    newly_late_departments = {p.procedure.owner_department_id for p in newly_late}
    for policy in late:
        department = policy.procedure.owner_department
        if department in to_announce or department.pk in newly_late_departments:
            to_announce[department]["overdue"].append(policy)
    if not to_announce:
        return 0
    heads_by_department = defaultdict(list)
    for membership in Membership.objects.filter(
        role=Membership.Role.HEAD, user__is_active=True, department__in=list(to_announce)
    ).select_related("user"):
        heads_by_department[membership.department_id].append(membership.user)
    institution = InstitutionSettings.load()
    sent = 0
    for department, lists in sorted(to_announce.items(), key=lambda item: item[0].name):
        for email, language, name in _recipients(department, heads_by_department):
            send_email(
                "review_notice",
                {
                    "name": name,
                    "department": department,
                    "coming": lists["coming"],
                    "overdue": lists["overdue"],
                    "today": today,
                    "institution": institution,
                },
                to=[email],
                language=language,
                template_dir=EMAIL_DIR,
            )
            sent += 1
    announced = [p.pk for p in coming] + [p.pk for p in newly_late]
    ReviewPolicy.objects.filter(pk__in=announced).update(reminded_on=today)
    return sent
