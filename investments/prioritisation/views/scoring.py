"""The evaluators' pages of a prioritisation round and its consolidation (staff).

- My scores: the evaluator's candidates and where each stands (to score, draft, submitted, conflict declared).
- A score sheet: the candidate's data and, per evaluators' criterion, a score from 0 to 5 against its described
  levels with a justification (required for 0 and 5); saved as a draft, then submitted. PRIVACY: the other evaluators'
  scores come only from `selectors.submitted_scores`, and only once the evaluator submitted their own sheet.
- A conflict of interest: declared with a reason, it excludes the evaluator from that candidate.
- The consolidation: per candidate and criterion the submitted scores, their mean, median and spread, wide spreads
  flagged; the quality manager records the agreed score (or the medians where nobody disagreed widely).
- The publication of the ranking.

Every change goes through `investments.prioritisation.workflow`; a page shows its refusals."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ...models import Conflict, Criterion, Round, Score
from .. import roles, selectors, workflow
from ..scoring_forms import AgreedScoreForm, ConflictForm, ScoreSheetForm, error_codes, refusal_into
from .guards import criterion_of, managed_round_or_404, round_or_404, rounds_user_required
from .scoring_guards import (
    eligible_candidate_of,
    evaluator_or_403,
    may_read_consolidation,
    require_agreer,
    require_consolidation_reader,
)

State = Round.State
Source = Criterion.Source
STAFF = "investments/prioritisation/staff/"

STATUS_LABELS = {
    "to_score": gettext_lazy("To score"),
    "draft": gettext_lazy("Draft saved, not submitted"),
    "submitted": gettext_lazy("Submitted"),
    "conflict": gettext_lazy("Conflict of interest declared"),
}
STATUS_TAGS = {
    "to_score": "govuk-tag--blue",
    "draft": "govuk-tag--yellow",
    "submitted": "govuk-tag--green",
    "conflict": "govuk-tag--grey",
}


def _page(request, template, round, current, **context):
    return render(
        request,
        STAFF + template,
        {
            "round": round,
            "current": current,
            "may_manage": roles.may_manage(request.user),
            "scoring_open": round.state == State.SCORING,
            "scoring_started": round.reached(State.SCORING),
        }
        | context,
    )


def _expert_criteria(round):
    return [c for c in selectors.criteria_of(round) if c.source == Source.EXPERT]


# --- the evaluator's pages ------------------------------------------------------------------------------------------


@rounds_user_required
def my_scoring(request, pk):
    round = round_or_404(request.user, pk)
    evaluator = roles.evaluator_of(request.user, round)
    tasks = []
    if evaluator is not None:
        tasks = selectors.evaluator_tasks(evaluator)
        for task in tasks:
            task.status_label = STATUS_LABELS[task.status]
            task.status_tag = STATUS_TAGS[task.status]
    counts = defaultdict(int)
    for task in tasks:
        counts[task.status] += 1
    return _page(
        request,
        "my_scoring.html",
        round,
        "my_scoring",
        evaluator=evaluator,
        tasks=tasks,
        pending=counts["to_score"] + counts["draft"],
        may_read_consolidation=may_read_consolidation(request.user),
    )


def _sheet_context(request, round, candidate, evaluator):
    """What a score sheet shows besides its form: the evaluator's own sheet, their conflict, and (only once their
    own sheet is submitted) the other evaluators' submitted scores."""
    sheet = selectors.own_sheet(evaluator, candidate)
    conflict = Conflict.objects.filter(evaluator=evaluator, candidate=candidate).first()
    submitted = sheet is not None and sheet.submitted
    others = []
    if submitted and conflict is None:
        # Only through the selector, and only after the evaluator's own submission: a manager who is also an
        # evaluator does not see the others' scores before submitting either.
        others = [
            (e, scores) for e, scores in selectors.submitted_scores(request.user, candidate) if e.pk != evaluator.pk
        ]
    return sheet, conflict, others


@never_cache
@rounds_user_required
def score_sheet(request, pk, candidate_pk):
    round = round_or_404(request.user, pk)
    candidate = eligible_candidate_of(round, candidate_pk)
    evaluator = evaluator_or_403(request.user, round)
    criteria = _expert_criteria(round)
    sheet, conflict, others = _sheet_context(request, round, candidate, evaluator)
    editable = round.state == State.SCORING and conflict is None and not (sheet and sheet.submitted)
    codes = []
    form = ScoreSheetForm(criteria=criteria, sheet=sheet)
    if request.method == "POST":
        if not editable:
            # The workflow says why (already submitted, a conflict, the step); nothing changes.
            try:
                workflow.save_scores(request.user, candidate, {})
            except (ValidationError, PermissionDenied) as error:
                for message in getattr(error, "messages", [str(error)]):
                    messages.error(request, message)
            else:  # pragma: no cover - the workflow refuses what the page does not offer
                messages.error(request, _("These scores can no longer be changed."))
            return redirect("prioritisation:score_sheet", pk=round.pk, candidate_pk=candidate.pk)
        form = ScoreSheetForm(request.POST, criteria=criteria, sheet=sheet)
        submit = "submit" in request.POST
        if form.is_valid():
            try:
                workflow.save_scores(request.user, candidate, form.scores())
                if submit:
                    workflow.submit_sheet(request.user, candidate)
            except (ValidationError, PermissionDenied) as error:
                refusal_into(form, error)
                codes = error_codes(error) if isinstance(error, ValidationError) else ["permission_denied"]
            else:
                if submit:
                    messages.success(
                        request, _("Your scores are submitted. You now see the other evaluators' submitted scores.")
                    )
                else:
                    messages.success(request, _("Your draft is saved. Nobody else sees it."))
                return redirect("prioritisation:score_sheet", pk=round.pk, candidate_pk=candidate.pk)
        sheet = selectors.own_sheet(evaluator, candidate)  # the draft part may have been saved
    own_scores = []
    if sheet is not None:
        scores = {s.criterion_id: s for s in sheet.scores.all()}
        levels = {c.pk: {level.score: level.tr.description for level in c.levels.all()} for c in criteria}
        for criterion in criteria:
            score = scores.get(criterion.pk)
            own_scores.append(
                (criterion, score, levels[criterion.pk].get(score.value, "") if score is not None else "")
            )
    other_rows = [
        (other, [(criterion, scores.get(criterion.pk)) for criterion in criteria]) for other, scores in others
    ]
    return _page(
        request,
        "score_sheet.html",
        round,
        "my_scoring",
        candidate=candidate,
        investment=candidate.investment,
        evaluator=evaluator,
        criteria=criteria,
        sheet=sheet,
        conflict=conflict,
        others=others,
        other_rows=other_rows,
        own_scores=own_scores,
        editable=editable,
        form=form,
        groups=form.groups(),
        error_codes=codes,
    )


@never_cache
@rounds_user_required
def declare_conflict(request, pk, candidate_pk):
    round = round_or_404(request.user, pk)
    candidate = eligible_candidate_of(round, candidate_pk)
    evaluator = evaluator_or_403(request.user, round)
    sheet = selectors.own_sheet(evaluator, candidate)
    conflict = Conflict.objects.filter(evaluator=evaluator, candidate=candidate).first()
    form = ConflictForm(request.POST or None)
    codes = []
    if request.method == "POST" and form.is_valid():
        try:
            workflow.declare_conflict(request.user, candidate, form.cleaned_data["reason"])
        except (ValidationError, PermissionDenied) as error:
            refusal_into(form, error)
            codes = error_codes(error) if isinstance(error, ValidationError) else ["permission_denied"]
        else:
            messages.success(request, _("Your conflict of interest is recorded: you do not score this candidate."))
            return redirect("prioritisation:my_scoring", pk=round.pk)
    return _page(
        request,
        "conflict.html",
        round,
        "my_scoring",
        candidate=candidate,
        investment=candidate.investment,
        sheet=sheet,
        conflict=conflict,
        form=form,
        error_codes=codes,
    )


# --- the consolidation ------------------------------------------------------------------------------------------


def _named_scores(round):
    """{(candidate pk, criterion pk, evaluator pk): value} of the SUBMITTED sheets: the consolidation table names the
    evaluators (an internal page, read by those who run or observe the rounds)."""
    rows = Score.objects.filter(
        sheet__candidate__round=round, sheet__submitted_at__isnull=False, criterion__source=Source.EXPERT
    ).values_list("sheet__candidate_id", "criterion_id", "sheet__evaluator_id", "value")
    return {(candidate, criterion, evaluator): value for candidate, criterion, evaluator, value in rows}


def _withheld(user, round):
    """Candidates whose scores a reader who is also one of the round's evaluators may not see yet: during scoring,
    those they have not submitted their own sheet for."""
    evaluator = roles.evaluator_of(user, round)
    if evaluator is None or round.state != State.SCORING:
        return set()
    submitted = set(evaluator.sheets.filter(submitted_at__isnull=False).values_list("candidate_id", flat=True))
    return {c.pk for c in round.candidates.all()} - submitted


def _consolidation_rows(round, user):
    evaluators = selectors.evaluators_of(round)
    named = _named_scores(round)
    conflicts = set(Conflict.objects.filter(candidate__round=round).values_list("candidate_id", "evaluator_id"))
    withheld = _withheld(user, round)
    rows = []
    for row in selectors.consolidation(round):
        if row.candidate.pk in withheld:
            continue
        row.cells = []
        for evaluator in evaluators:
            if (row.candidate.pk, evaluator.pk) in conflicts:
                row.cells.append((evaluator, "conflict", None))
            else:
                value = named.get((row.candidate.pk, row.criterion.pk, evaluator.pk))
                row.cells.append((evaluator, "score" if value is not None else "missing", value))
        rows.append(row)
    return evaluators, rows, withheld


@never_cache
@rounds_user_required
def consolidation(request, pk):
    round = round_or_404(request.user, pk)
    require_consolidation_reader(request.user)
    evaluators, rows, withheld = _consolidation_rows(round, request.user)
    wide_count = sum(1 for row in rows if row.wide_spread)
    only_wide = request.GET.get("wide") == "1"
    if only_wide:
        rows = [row for row in rows if row.wide_spread]
    may_agree = roles.may_agree_scores(request.user) and round.state == State.CONSOLIDATION
    return _page(
        request,
        "consolidation.html",
        round,
        "consolidation",
        evaluators=evaluators,
        rows=rows,
        only_wide=only_wide,
        wide_count=wide_count,
        withheld=len(withheld),
        may_agree=may_agree,
        agreed_count=sum(1 for row in rows if row.agreed is not None),
    )


@never_cache
@rounds_user_required
def agree(request, pk, candidate_pk, criterion_pk):
    round = round_or_404(request.user, pk)
    require_agreer(request.user)
    candidate = eligible_candidate_of(round, candidate_pk)
    criterion = criterion_of(round, criterion_pk)
    if criterion.source != Source.EXPERT:
        raise PermissionDenied(_("Agreed scores are recorded for the evaluators' criteria."))
    evaluators, rows, _withheld_ids = _consolidation_rows(round, request.user)
    row = next((r for r in rows if r.candidate.pk == candidate.pk and r.criterion.pk == criterion.pk), None)
    initial = {}
    if row is not None and row.agreed is not None:
        initial = {"value": row.agreed.value, "note": row.agreed.note}
    elif row is not None and row.consolidated is not None:
        initial = {"value": row.consolidated.median}
    form = AgreedScoreForm(request.POST or None, initial=initial)
    codes = []
    if request.method == "POST" and form.is_valid():
        try:
            workflow.record_agreed(
                request.user, candidate, criterion, form.cleaned_data["value"], form.cleaned_data["note"]
            )
        except (ValidationError, PermissionDenied) as error:
            refusal_into(form, error)
            codes = error_codes(error) if isinstance(error, ValidationError) else ["permission_denied"]
        else:
            messages.success(
                request,
                _("The agreed score of %(code)s on %(criterion)s is recorded.")
                % {"code": candidate.investment.code, "criterion": criterion.code},
            )
            return redirect("prioritisation:consolidation", pk=round.pk)
    return _page(
        request,
        "agree.html",
        round,
        "consolidation",
        candidate=candidate,
        criterion=criterion,
        row=row,
        form=form,
        open=round.state == State.CONSOLIDATION,
        error_codes=codes,
    )


@require_POST
@rounds_user_required
def accept_medians(request, pk):
    round = round_or_404(request.user, pk)
    require_agreer(request.user)
    try:
        count = workflow.accept_medians(request.user, round)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Medians recorded as agreed scores: %(count)s. The wide spreads are left for discussion.")
            % {"count": count},
        )
    return redirect("prioritisation:consolidation", pk=round.pk)


# --- the publication --------------------------------------------------------------------------------------------


@never_cache
@rounds_user_required
def publish(request, pk):
    round = managed_round_or_404(request.user, pk)
    errors, codes = [], []
    if request.method == "POST":
        try:
            workflow.publish(request.user, round)
        except ValidationError as error:
            errors, codes = error.messages, error_codes(error)
        else:
            messages.success(request, _("The ranking is published and frozen."))
            return redirect("prioritisation:ranking", pk=round.pk)
        round.refresh_from_db()
    problems = workflow.publish_problems(round) if round.state == State.CONSOLIDATION else []
    candidates = selectors.candidates_of(round, eligible_only=True)
    criteria = selectors.criteria_of(round)
    return _page(
        request,
        "publish.html",
        round,
        "publish",
        problems=problems,
        errors=errors,
        error_codes=codes,
        candidates=candidates,
        criteria=criteria,
        ranking_url=reverse("prioritisation:ranking", kwargs={"pk": round.pk}),
    )
