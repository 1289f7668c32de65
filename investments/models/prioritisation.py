"""Prioritising investments for the citizens' benefit: a round (year and envelope) with its declared criteria and
weights, locked before anyone scores; the candidate investments that passed the eligibility gate; the evaluators, their
conflicts of interest and their score sheets; the agreed scores of the consolidation; the citizens' approval ballots
and comments; and the round's history (append-only).

The arithmetic is `investments.ranking` (pure Python); the rules and the order of the steps are
`investments.prioritisation.workflow`. Money is an integer of bani; weights are percentage points."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.i18n import TranslatedFieldsMixin

from .tracking import Investment

SAATY_CHOICES = [
    (value, value)
    for value in ["9", "8", "7", "6", "5", "4", "3", "2", "1", "1/2", "1/3", "1/4", "1/5", "1/6", "1/7", "1/8", "1/9"]
]


class Round(TranslatedFieldsMixin, models.Model):
    """One year's prioritisation: the money available, the method (criteria, weights, voting rules) and its steps."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        LOCKED = "locked", _("criteria locked")
        SCORING = "scoring", _("scoring")
        CONSULTATION = "consultation", _("citizens' consultation")
        CONSOLIDATION = "consolidation", _("consolidation")
        PUBLISHED = "published", _("published")

    class WeightMethod(models.TextChoices):
        DIRECT = "direct", _("weights entered directly")
        PAIRWISE = "pairwise", _("pairwise comparison (AHP)")

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField(_("title"), max_length=200)
    title_hu = models.CharField(_("title (Hungarian)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    envelope_bani = models.BigIntegerField(_("envelope (money available)"), validators=[MinValueValidator(0)])
    state = models.CharField(_("state"), max_length=15, choices=State.choices, default=State.DRAFT)
    weight_method = models.CharField(
        _("how the weights are set"), max_length=10, choices=WeightMethod.choices, default=WeightMethod.DIRECT
    )
    # The voting rules, frozen with the criteria when the round is locked.
    votes_per_citizen = models.PositiveSmallIntegerField(
        _("approval votes per citizen"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("How many candidates each signed-in citizen may approve in the consultation."),
    )
    consultation_opens = models.DateField(_("consultation opens"), null=True, blank=True)
    consultation_closes = models.DateField(_("consultation closes"), null=True, blank=True)
    wide_spread_at = models.DecimalField(
        _("wide spread from"),
        max_digits=2,
        decimal_places=1,
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("Evaluators' scores this many points apart are flagged for discussion."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The method as locked: criteria, levels, weights, pairwise judgements and voting rules, in ro/hu/en. The
    # methodology page shows this snapshot and its SHA-256, never the live rows.
    methodology_version = models.PositiveIntegerField(_("methodology version"), null=True, blank=True)
    methodology = models.JSONField(null=True, blank=True, editable=False)
    methodology_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The ranking as published: frozen, so that later changes to an investment do not move a published result.
    result = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("prioritisation round")
        verbose_name_plural = _("prioritisation rounds")
        ordering = ["-year", "-pk"]
        permissions = [("manage_prioritisation", _("Run prioritisation rounds"))]
        constraints = [
            models.CheckConstraint(condition=models.Q(envelope_bani__gte=0), name="investments_round_envelope"),
            models.CheckConstraint(
                condition=models.Q(consultation_closes__isnull=True)
                | models.Q(consultation_opens__isnull=True)
                | models.Q(consultation_closes__gte=models.F("consultation_opens")),
                name="investments_round_consultation_dates",
            ),
            models.UniqueConstraint(
                fields=["methodology_version"], name="investments_round_methodology_version_unique"
            ),
        ]

    def __str__(self):
        return f"{self.year} — {self.tr.title}"

    @property
    def is_locked(self):
        """Criteria, weights and voting rules are frozen from the lock on."""
        return self.state != self.State.DRAFT

    def reached(self, state):
        order = list(self.State.values)
        return order.index(self.state) >= order.index(state)


class Criterion(TranslatedFieldsMixin, models.Model):
    class Source(models.TextChoices):
        EXPERT = "expert", _("evaluators' score")
        COMPUTED = "computed", _("computed from data")
        CITIZEN = "citizen", _("citizens' support")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("round"))
    code = models.CharField(_("code"), max_length=10, help_text=_("e.g. C1"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    name_hu = models.CharField(_("name (Hungarian)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("what it measures and how"), blank=True)
    description_hu = models.TextField(_("what it measures and how (Hungarian)"), blank=True)
    description_en = models.TextField(_("what it measures and how (English)"), blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.EXPERT)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    unit = models.CharField(
        _("unit of the data"), max_length=50, blank=True, help_text=_("For a computed criterion: e.g. inhabitants.")
    )
    weight = models.DecimalField(
        _("weight (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["round", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "code"], name="investments_criterion_code_unique"),
            models.CheckConstraint(
                condition=models.Q(weight__gte=0) & models.Q(weight__lte=100), name="investments_criterion_weight"
            ),
            models.CheckConstraint(
                condition=~models.Q(source="citizen") | models.Q(direction="higher"),
                name="investments_citizen_support_higher_is_better",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.tr.name}"


class ScaleLevel(TranslatedFieldsMixin, models.Model):
    """What a score of 0, 1, … 5 means on one criterion: evaluators score against these words."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="levels")
    score = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(5)])
    description = models.CharField(_("description"), max_length=300)
    description_hu = models.CharField(_("description (Hungarian)"), max_length=300, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("level of the scale")
        verbose_name_plural = _("levels of the scale")
        ordering = ["criterion", "score"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "score"], name="investments_level_once"),
            models.CheckConstraint(condition=models.Q(score__lte=5), name="investments_level_on_the_scale"),
        ]

    def __str__(self):
        return f"{self.score}: {self.description}"


class Judgement(models.Model):
    """A pairwise comparison on Saaty's scale: how much more `first` matters than `second` (9 … 1 … 1/9)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="judgements")
    first = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    value = models.CharField(_("judgement"), max_length=4, choices=SAATY_CHOICES, default="1")

    class Meta:
        verbose_name = _("pairwise judgement")
        verbose_name_plural = _("pairwise judgements")
        constraints = [
            models.UniqueConstraint(fields=["round", "first", "second"], name="investments_judgement_once"),
            models.CheckConstraint(condition=~models.Q(first=models.F("second")), name="investments_judgement_pair"),
        ]

    def __str__(self):
        return f"{self.first.code} / {self.second.code} = {self.value}"


class Candidate(models.Model):
    """An investment competing for the round's envelope. The eligibility gate: the institution is competent, the
    feasibility study (or DALI) is done (its stage has a date and evidence), and the co-financing is ensured."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("round"))
    investment = models.ForeignKey(
        Investment, on_delete=models.PROTECT, related_name="candidacies", verbose_name=_("investment")
    )
    cost_bani = models.BigIntegerField(_("cost requested"), validators=[MinValueValidator(1)])
    competence = models.BooleanField(_("within the institution's competence"), default=False)
    competence_note = models.CharField(_("legal basis of the competence"), max_length=300, blank=True)
    feasibility_done = models.BooleanField(_("feasibility study done"), default=False, editable=False)
    cofinancing_ensured = models.BooleanField(_("co-financing ensured"), default=False)
    cofinancing_note = models.CharField(_("where the co-financing comes from"), max_length=300, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["round", "investment__code"]
        constraints = [
            models.UniqueConstraint(fields=["round", "investment"], name="investments_candidate_once"),
            models.CheckConstraint(condition=models.Q(cost_bani__gt=0), name="investments_candidate_cost"),
        ]

    def __str__(self):
        return str(self.investment)

    @property
    def eligible(self):
        return self.competence and self.feasibility_done and self.cofinancing_ensured


class CandidateValue(models.Model):
    """A candidate's raw value on a computed criterion (population served, cost per beneficiary), with its source."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="values")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=3)
    source_note = models.CharField(_("source of the data"), max_length=300, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    class Meta:
        verbose_name = _("data value")
        verbose_name_plural = _("data values")
        constraints = [models.UniqueConstraint(fields=["candidate", "criterion"], name="investments_value_once")]

    def __str__(self):
        return f"{self.criterion.code}: {self.value}"


class Evaluator(models.Model):
    """A head of department or a named clerk who scores the candidates on the evaluators' criteria."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="evaluators", verbose_name=_("round"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("evaluator")
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluator")
        verbose_name_plural = _("evaluators")
        ordering = ["round", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="investments_evaluator_once")]

    def __str__(self):
        return self.user.get_full_name() or self.user.email


class Conflict(models.Model):
    """An evaluator's declared conflict of interest: they do not score that candidate, and their score is not used."""

    evaluator = models.ForeignKey(Evaluator, on_delete=models.CASCADE, related_name="conflicts")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="conflicts")
    reason = models.TextField(_("the conflict of interest"))
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["evaluator", "candidate"], name="investments_conflict_once")]

    def __str__(self):
        return f"{self.evaluator} ≠ {self.candidate}"


class ScoreSheet(models.Model):
    """One evaluator's scores of one candidate: a draft until submitted, then final. Until an evaluator submits their
    sheet for a candidate, they see nobody else's scores of it."""

    evaluator = models.ForeignKey(Evaluator, on_delete=models.CASCADE, related_name="sheets")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="sheets")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [models.UniqueConstraint(fields=["evaluator", "candidate"], name="investments_sheet_once")]

    def __str__(self):
        return f"{self.evaluator}: {self.candidate}"

    @property
    def submitted(self):
        return self.submitted_at is not None


class Score(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(5)])
    justification = models.TextField(_("justification"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="investments_score_once"),
            models.CheckConstraint(condition=models.Q(value__lte=5), name="investments_score_on_the_scale"),
        ]

    def __str__(self):
        return f"{self.criterion.code}: {self.value}"


class AgreedScore(models.Model):
    """The score the consolidation settles on for one candidate and one evaluators' criterion, recorded by the
    quality manager (the median, or what the evaluators agreed after a wide spread)."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="agreed_scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="agreed_scores")
    value = models.DecimalField(
        _("agreed score"), max_digits=4, decimal_places=3, validators=[MinValueValidator(0), MaxValueValidator(5)]
    )
    note = models.TextField(_("how it was agreed"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("agreed score")
        verbose_name_plural = _("agreed scores")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "criterion"], name="investments_agreed_once"),
            models.CheckConstraint(
                condition=models.Q(value__gte=0) & models.Q(value__lte=5), name="investments_agreed_on_the_scale"
            ),
        ]

    def __str__(self):
        return f"{self.criterion.code}: {self.value}"


class Ballot(models.Model):
    """A signed-in citizen's approval ballot: at most the round's number of candidates, changeable until the
    consultation closes."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ballots")
    citizen = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    candidates = models.ManyToManyField(Candidate, related_name="ballots")
    cast_at = models.DateTimeField(_("cast at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [models.UniqueConstraint(fields=["round", "citizen"], name="investments_one_ballot")]

    def __str__(self):
        return f"{self.round}: {self.citizen}"


class Comment(models.Model):
    """A citizen's comment on a candidate during the consultation, shown on the round's public page."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["candidate", "created_at", "pk"]

    def __str__(self):
        return self.text[:50]


class RoundEvent(models.Model):
    """The round's history: every action, who and when (append-only: database triggers)."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("action"), max_length=40)
    # The words as they were: "C2 Populația deservită: weight 20 → 25".
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("history of the round")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["round", "-at"], name="investments_roundevent_time")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
