"""The applicant's rating of the service once their case has closed (CAF 2020 criterion 6: the citizens' own view)."""

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .cases import Case


def new_rating_token():
    return secrets.token_urlsafe(24)


class ServiceRating(models.Model):
    """One question per closed case, asked once (on the case page and by e-mail), answered at most once.

    Reports read only the score, the comment, the service and the department: never the case or the applicant."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="rating", verbose_name=_("case"))
    # The e-mail's link answers without signing in: the token stands for the applicant of this one case.
    token = models.CharField(max_length=48, unique=True, default=new_rating_token, editable=False)
    asked_at = models.DateTimeField(_("asked at"))
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("service rating")
        verbose_name_plural = _("service ratings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="service_rating_score_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True, answered_at__isnull=True)
                | models.Q(score__isnull=False, answered_at__isnull=False),
                name="service_rating_answered_with_score",
            ),
        ]
        indexes = [models.Index(fields=["answered_at"], name="service_rating_answered")]

    def __str__(self):
        return f"{self.case_id}: {self.score or '—'}"

    @property
    def answered(self):
        return self.score is not None
