"""The applicants' rating of the service: asked once when a case closes, answered once, reported only anonymously.

The question is kept on the case page and sent by e-mail with a link that answers without signing in. The reports
(`rating_results`, `low_ratings_with_comments`) read the score, the comment, the service, the department and the
month: never the case number or the applicant, so that nobody reads who said what (CAF 2020 criterion 6)."""

import datetime
import logging
from dataclasses import dataclass
from functools import cached_property, partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from portal.models import InstitutionSettings

from . import notifications
from .calendar import now
from .dashboard.rounding import round_half_up
from .lifecycle import OUTCOMES
from .models import Department, Service, ServiceRating
from .registry import kinds

logger = logging.getLogger(__name__)

SCORES = range(1, 6)
COMMENT_MAX_LENGTH = ServiceRating._meta.get_field("comment").max_length
# How long after the closing the question is e-mailed (ignored where tasks run eagerly: `make run`, the tests).
RATING_EMAIL_DELAY_SECONDS = 15 * 60


# --- asking and answering ----------------------------------------------------------------------------------------


def is_rated_closing(case):
    """Whether the case closed with a decision or an answer on the request: the service the applicant can judge.

    A withdrawn request was not served; a forwarded, joined or filed one was not answered by us."""
    return case.status in OUTCOMES or case.status in kinds.outcomes(case.kind)


def can_be_asked(case):
    """Someone to ask: an applicant with an account (the case page) or with an e-mail address (the link)."""
    return bool(case.applicant_id or case.applicant_email)


def ask_for_rating(case):
    """Ask the applicant of a case that has just closed to rate the service, once per case.

    Called by `workflow.close` inside its transaction. Creates the question (again: the existing one) and, the first
    time only, e-mails the link after the commit. Returns None when the closing is not rated or nobody can be asked.
    """
    if not (is_rated_closing(case) and can_be_asked(case)):
        return None
    rating, created = ServiceRating.objects.get_or_create(case=case, defaults={"asked_at": now()})
    if created and case.applicant_email:
        # After the commit, and a while after: the kinds e-mail their decision or answer once `close` has returned,
        # and the applicant should read it before being asked how it went. A failed e-mail must not undo the
        # closing, already committed: it is logged, and `emailed_at` stays empty.
        from .tasks import send_rating_request

        transaction.on_commit(
            partial(send_rating_request.apply_async, (rating.pk,), countdown=RATING_EMAIL_DELAY_SECONDS), robust=True
        )
    return rating


def email_rating_request(rating_id):
    """E-mail the applicant the rating's link, in the case's language; at most once (`emailed_at`), even if run
    again. Returns the number of e-mails sent."""
    with transaction.atomic():
        rating = (
            ServiceRating.objects.select_for_update(of=("self",))
            .select_related("case", "case__service")
            .get(pk=rating_id)
        )
        case = rating.case
        if rating.emailed_at or rating.answered or not case.applicant_email:
            return 0
        institution = InstitutionSettings.load()
        subject, text = notifications.send_email(
            "rating_request",
            {
                "case": case,
                "institution": institution,
                "rating_url": notifications.absolute_url("ratings:by_token", rating.token),
                **notifications.case_links(case),
            },
            to=[case.applicant_email],
            language=case.language,
            reply_to=notifications.institution_reply_to(institution),
        )
        rating.emailed_at = now()
        rating.save(update_fields=["emailed_at"])
        notifications.record_message(case, subject, text)
    return 1


def clean_score(score):
    """The score as an integer from 1 to 5, or a ValidationError."""
    try:
        value = int(score)
    except (TypeError, ValueError):
        value = None
    if value not in SCORES:
        raise ValidationError(_("Choose a rating from 1 (very dissatisfied) to 5 (very satisfied)."), code="score")
    return value


@transaction.atomic
def answer_rating(rating, *, score, comment=""):
    """Record the applicant's answer: a score from 1 to 5 and an optional comment, once only.

    The row is locked first, so that two answers sent at once (the e-mail's link and the case page) cannot both land:
    the second one finds the first and is refused."""
    rating = ServiceRating.objects.select_for_update().get(pk=rating.pk)
    if rating.answered:
        raise ValidationError(_("You have already rated this service. Thank you!"), code="already_answered")
    score = clean_score(score)
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            _("Keep the comment to at most %(limit)d characters."),
            code="comment",
            params={"limit": COMMENT_MAX_LENGTH},
        )
    rating.score, rating.comment, rating.answered_at = score, comment, now()
    rating.save(update_fields=["score", "comment", "answered_at"])
    return rating


def rating_of_applicant(user, case):
    """The rating asked of the applicant for their own case, or None."""
    if not (user.is_authenticated and case.applicant_id == user.pk):
        return None
    return ServiceRating.objects.filter(case=case).first()


# --- the anonymous reports ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingRow:
    """The ratings of one service, one department, or of everything in scope (`subject` None)."""

    subject: object
    asked: int
    answered: int
    score_sum: int
    distribution: tuple[int, int, int, int, int]  # how many answered 1, 2, 3, 4 and 5

    @property
    def response_rate(self):
        """Percentage of the questions asked that were answered; None when none was asked."""
        return 100 * self.answered / self.asked if self.asked else None

    @property
    def mean_score(self):
        return self.score_sum / self.answered if self.answered else None

    # As shown on the page and in the CSV alike: one decimal for the rate, two for the mean, rounded half up.
    @property
    def shown_response_rate(self):
        return round_half_up(self.response_rate, 1)

    @property
    def shown_mean_score(self):
        return round_half_up(self.mean_score, 2)

    @property
    def distribution_pairs(self):
        return list(zip(SCORES, self.distribution, strict=True))


@dataclass(frozen=True)
class RatingComment:
    """A comment as the reports show it: its text, the service and the month of the closing, nothing else."""

    service: Service
    month: datetime.date
    comment: str


@dataclass(frozen=True)
class RatingResults:
    start: datetime.date
    end: datetime.date
    departments: frozenset[int] | None
    total: RatingRow
    by_service: list[RatingRow]
    by_department: list[RatingRow]

    @cached_property
    def comments(self):
        """The comments of the period, newest month first; read only when asked for (one query)."""
        return rating_comments(self.start, self.end, departments=self.departments)


def _scope(start, end, departments, prefix):
    """The cases closed from `start` to `end` of `departments` (ids; None: every department), as a condition on the
    model that `prefix` leads from to the case."""
    condition = Q(**{f"{prefix}closed_on__gte": start, f"{prefix}closed_on__lte": end})
    if departments is not None:
        condition &= Q(**{f"{prefix}department_id__in": list(departments)})
    return condition


def _counted(queryset, rating):
    """`queryset` of services or departments with their ratings counted by the database."""
    score = f"{rating}__score"
    return queryset.annotate(
        rating_asked=Count(rating),
        rating_answered=Count(score),
        rating_score_sum=Sum(score),
        **{f"rating_score_{n}": Count(rating, filter=Q(**{score: n})) for n in SCORES},
    )


def _row(subject):
    return RatingRow(
        subject=subject,
        asked=subject.rating_asked,
        answered=subject.rating_answered,
        score_sum=subject.rating_score_sum or 0,
        distribution=tuple(getattr(subject, f"rating_score_{n}") for n in SCORES),
    )


def rating_results(start, end, *, departments=None):
    """How the applicants rated the service, for the cases closed from `start` to `end`: per service and per
    department (ids; None: every department), in two grouped queries. Anonymous: counts and means only."""
    departments = None if departments is None else frozenset(departments)
    asked = _scope(start, end, departments, "cases__") & Q(cases__rating__isnull=False)
    services = _counted(Service.objects.filter(asked), "cases__rating")
    by_service = [_row(service) for service in services.order_by("title", "pk")]
    in_departments = Department.objects.filter(asked)
    by_department = [_row(department) for department in _counted(in_departments, "cases__rating").order_by("name")]
    # Every rated case has one department: the departments' rows add up to the total.
    total = RatingRow(
        subject=None,
        asked=sum(row.asked for row in by_department),
        answered=sum(row.answered for row in by_department),
        score_sum=sum(row.score_sum for row in by_department),
        distribution=tuple(sum(row.distribution[i] for row in by_department) for i in range(len(SCORES))),
    )
    return RatingResults(
        start=start, end=end, departments=departments, total=total, by_service=by_service, by_department=by_department
    )


def _answered_with_comment(start, end, departments):
    return ServiceRating.objects.filter(_scope(start, end, departments, "case__"), answered_at__isnull=False).exclude(
        comment=""
    )


def rating_comments(start, end, *, departments=None):
    """The comments of the period as text with their service and month, newest first: no case, no applicant."""
    rows = (
        _answered_with_comment(start, end, departments)
        .annotate(month=TruncMonth("case__closed_on"))
        .values_list("case__service_id", "month", "comment")
        .order_by("-month", "case__service_id", "answered_at")
    )
    rows = list(rows)
    services = Service.objects.in_bulk({service_id for service_id, _month, _comment in rows})
    return [RatingComment(services[service_id], month, comment) for service_id, month, comment in rows]


def low_ratings_with_comments(start, end, *, max_score=2, departments=None):
    """The answered ratings of the cases closed from `start` to `end` scoring at most `max_score` and carrying a
    comment, with their case's service and department: what the quality register may open a nonconformity from.

    The rows hold the case as the model does; whoever shows them shows the service, the department, the month,
    the score and the comment only."""
    return (
        _answered_with_comment(start, end, departments)
        .filter(score__lte=max_score)
        .select_related("case__service", "case__department")
        .order_by("case__closed_on", "pk")
    )
