"""The setup pages of a prioritisation round (staff): the list of rounds, the round itself (its hub: steps, what
blocks the next one, criteria, candidates, evaluators, methodology, history), its criteria with their described
levels, the weights (entered directly or derived by pairwise comparison), the lock, the steps, the candidates and
their eligibility gate, the data values of the computed criteria, and the evaluators.

Every change goes through `investments.prioritisation.workflow`; a page shows its refusals. Who may not see a round
gets 404; who sees it (observers, its evaluators) but does not run rounds gets 403 on any change."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from services.models import Membership

from ...models import CandidateValue, Criterion, Evaluator, Round, Stage
from ...selectors import visible_investments
from .. import methodology, roles, selectors, workflow
from ..setup_forms import (
    CandidateForm,
    CriterionForm,
    EvaluatorForm,
    JudgementsForm,
    RoundForm,
    ValuesForm,
    WeightsForm,
    error_codes,
    errors_into,
)
from .guards import (
    candidate_of,
    criterion_of,
    evaluator_in,
    managed_round_or_404,
    manager_post,
    require_manager,
    round_or_404,
    rounds_user_required,
)

State = Round.State
Source = Criterion.Source
STAFF = "investments/prioritisation/staff/"
HISTORY_LIMIT = 50

# The words of the round's history (the actions `workflow.event` records).
ACTION_LABELS = {
    "created": gettext_lazy("round created"),
    "round_changed": gettext_lazy("round changed"),
    "criterion_added": gettext_lazy("criterion added"),
    "criterion_changed": gettext_lazy("criterion changed"),
    "criterion_removed": gettext_lazy("criterion removed"),
    "weights_set": gettext_lazy("weights set"),
    "judgements_set": gettext_lazy("pairwise judgements set"),
    "judgements_inconsistent": gettext_lazy("pairwise judgements not consistent: weights not derived"),
    "weights_derived": gettext_lazy("weights derived from the pairwise judgements"),
    "locked": gettext_lazy("criteria locked, methodology published"),
    "candidate_added": gettext_lazy("candidate added"),
    "candidate_changed": gettext_lazy("candidate changed"),
    "candidate_removed": gettext_lazy("candidate removed"),
    "value_set": gettext_lazy("data value entered"),
    "evaluator_added": gettext_lazy("evaluator added"),
    "evaluator_removed": gettext_lazy("evaluator removed"),
    "conflict_declared": gettext_lazy("conflict of interest declared"),
    "sheet_submitted": gettext_lazy("score sheet submitted"),
    "step": gettext_lazy("next step"),
    "ballot_cast": gettext_lazy("ballot cast"),
    "ballot_changed": gettext_lazy("ballot changed"),
    "comment": gettext_lazy("citizen's comment"),
    "agreed_score": gettext_lazy("agreed score recorded"),
    "medians_accepted": gettext_lazy("medians accepted as agreed scores"),
    "published": gettext_lazy("ranking published"),
}


def _page(request, template, round, current, **context):
    return render(
        request,
        STAFF + template,
        {"round": round, "current": current, "may_manage": roles.may_manage(request.user)} | context,
    )


def _errors_to_messages(request, error):
    for message in error.messages:
        messages.error(request, message)


def _history(round):
    events = list(selectors.history(round, limit=HISTORY_LIMIT))
    for event in events:
        event.action_label = ACTION_LABELS.get(event.action, event.action)
    return events


# --- rounds --------------------------------------------------------------------------------------------------------


@rounds_user_required
def round_list(request):
    rounds = list(selectors.rounds_for(request.user))
    evaluating = set(Evaluator.objects.filter(user=request.user).values_list("round_id", flat=True))
    return render(
        request,
        STAFF + "round_list.html",
        {"rounds": rounds, "evaluating": evaluating, "may_manage": roles.may_manage(request.user)},
    )


@never_cache
@rounds_user_required
def round_create(request):
    require_manager(request.user)
    form = RoundForm(request.POST or None, initial={"weight_method": Round.WeightMethod.DIRECT})
    if request.method == "POST" and form.is_valid():
        try:
            round = workflow.create_round(request.user, **form.workflow_fields())
        except (ValidationError, PermissionDenied) as error:
            errors_into(form, error)
        else:
            messages.success(request, _("The round was created. Now declare its criteria."))
            return redirect("prioritisation:round_detail", pk=round.pk)
    return render(request, STAFF + "round_form.html", {"form": form, "round": None})


@never_cache
@rounds_user_required
def round_edit(request, pk):
    round = managed_round_or_404(request.user, pk)
    form = RoundForm(request.POST or None, round=round)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.update_round(request.user, round, **form.workflow_fields())
        except (ValidationError, PermissionDenied) as error:
            errors_into(form, error)
        else:
            messages.success(request, _("The round was saved."))
            return redirect("prioritisation:round_detail", pk=round.pk)
    return _page(request, "round_form.html", round, "round_detail", form=form)


def _steps(round, citizen):
    """The round's steps in order, each with done / current / to do / skipped."""
    order = list(State.values)
    here = order.index(round.state)
    steps = []
    for index, (value, label) in enumerate(State.choices):
        if value == State.CONSULTATION and not citizen:
            status = "skipped"
        elif index < here:
            status = "done"
        elif index == here:
            status = "current"
        else:
            status = "todo"
        steps.append({"state": value, "label": label, "status": status})
    return steps


def _next_step(round, citizen):
    if round.state == State.DRAFT:
        return {"kind": "lock", "label": _("Lock the criteria")}
    if round.state in (State.LOCKED, State.SCORING, State.CONSULTATION):
        order = list(State.values)
        following = order[order.index(round.state) + 1]
        if following == State.CONSULTATION and not citizen:
            following = State.CONSOLIDATION
        return {"kind": "advance", "label": _("Move on to: %(step)s") % {"step": State(following).label}}
    if round.state == State.CONSOLIDATION:
        return {"kind": "publish", "label": _("Publish the ranking")}
    return None


@rounds_user_required
def round_detail(request, pk):
    round = round_or_404(request.user, pk)
    criteria = selectors.criteria_of(round)
    candidates = selectors.candidates_of(round)
    citizen = any(c.source == Source.CITIZEN for c in criteria)
    for criterion in criteria:
        criterion.levels_described = {level.score for level in criterion.levels.all()} == set(workflow.SCALE)
    for candidate in candidates:
        candidate.failures = workflow.gate_failures(candidate)
    problems = workflow.lock_problems(round) if round.state == State.DRAFT else workflow.advance_problems(round)
    evaluators = selectors.evaluators_of(round)
    for evaluator in evaluators:
        evaluator.submitted_count = sum(1 for sheet in evaluator.sheets.all() if sheet.submitted_at)
    return _page(
        request,
        "round_detail.html",
        round,
        "round_detail",
        steps=_steps(round, citizen),
        next_step=_next_step(round, citizen) if round.state != State.PUBLISHED else None,
        problems=problems if round.state != State.PUBLISHED else [],
        criteria=criteria,
        weight_total=sum((c.weight for c in criteria), 0),
        candidates=candidates,
        evaluators=evaluators,
        is_evaluator=any(e.user_id == request.user.pk for e in evaluators),
        methodology_url=methodology.page_url(round, get_language(), request) if round.is_locked else None,
        history=_history(round),
        history_limit=HISTORY_LIMIT,
    )


# --- criteria ------------------------------------------------------------------------------------------------------


def _criterion_page(request, round, form, criterion=None):
    return _page(request, "criterion_form.html", round, "weights", form=form, criterion=criterion)


@never_cache
@rounds_user_required
def criterion_add(request, pk):
    round = managed_round_or_404(request.user, pk)
    form = CriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            criterion = workflow.add_criterion(request.user, round, levels=form.levels(), **form.workflow_fields())
        except (ValidationError, PermissionDenied) as error:
            errors_into(form, error)
        else:
            messages.success(request, _("The criterion %(code)s was added.") % {"code": criterion.code})
            return redirect("prioritisation:round_detail", pk=round.pk)
    return _criterion_page(request, round, form)


@never_cache
@rounds_user_required
def criterion_edit(request, pk, criterion_pk):
    round = managed_round_or_404(request.user, pk)
    criterion = criterion_of(round, criterion_pk)
    form = CriterionForm(request.POST or None, criterion=criterion)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.update_criterion(request.user, criterion, levels=form.levels(), **form.workflow_fields())
        except (ValidationError, PermissionDenied) as error:
            errors_into(form, error)
        else:
            messages.success(request, _("The criterion %(code)s was saved.") % {"code": form.cleaned_data["code"]})
            return redirect("prioritisation:round_detail", pk=round.pk)
    return _criterion_page(request, round, form, criterion)


@never_cache
@rounds_user_required
def criterion_delete(request, pk, criterion_pk):
    round = managed_round_or_404(request.user, pk)
    criterion = criterion_of(round, criterion_pk)
    error = None
    if request.method == "POST":
        try:
            workflow.delete_criterion(request.user, criterion)
        except ValidationError as refusal:
            error = refusal
        else:
            messages.success(request, _("The criterion %(code)s was removed.") % {"code": criterion.code})
            return redirect("prioritisation:round_detail", pk=round.pk)
    return _page(
        request,
        "confirm_delete.html",
        round,
        "weights",
        what=criterion,
        heading=_("Remove the criterion %(criterion)s?") % {"criterion": criterion},
        explanation=_("Its described levels, weight and pairwise judgements go with it."),
        action=reverse("prioritisation:criterion_delete", kwargs={"pk": round.pk, "criterion_pk": criterion.pk}),
        button=_("Remove the criterion"),
        error=error,
    )


# --- weights -------------------------------------------------------------------------------------------------------


def _saaty_text(fraction):
    return str(fraction.numerator) if fraction.denominator == 1 else f"{fraction.numerator}/{fraction.denominator}"


def _ahp_view(round, criteria, result):
    """The AHP result for the template: the matrix with codes, priorities and weights by criterion, the worst pair."""
    if result is None:
        return None
    by_pk = {str(c.pk): c for c in criteria}
    ordered = [by_pk[pk] for pk in result.criteria]
    worst = result.most_inconsistent
    worst_view = None
    if worst is not None:
        worst_view = {
            "first": by_pk[worst.first],
            "second": by_pk[worst.second],
            "judged": _saaty_text(worst.judgement),
            "implied": worst.implied,
            "suggested": _saaty_text(worst.suggested),
        }
    return {
        "result": result,
        "rows": [
            {
                "criterion": criterion,
                "cells": [
                    {
                        "text": _saaty_text(value),
                        "worst": worst is not None
                        and {result.criteria[i], result.criteria[j]} == {worst.first, worst.second},
                    }
                    for j, value in enumerate(result.matrix[i])
                ],
                "priority": result.priorities[result.criteria[i]],
                "weight": result.weights[result.criteria[i]],
            }
            for i, criterion in enumerate(ordered)
        ],
        "columns": ordered,
        "worst": worst_view,
        "message": None if result.accepted else workflow.inconsistency_message(round, result),
    }


@never_cache
@rounds_user_required
def weights(request, pk):
    round = round_or_404(request.user, pk)
    manager_post(request)
    criteria = selectors.criteria_of(round)
    pairwise = round.weight_method == Round.WeightMethod.PAIRWISE
    editable = not round.is_locked and roles.may_manage(request.user)
    form, result, refused = None, None, []
    if pairwise:
        judgements = {(j.first_id, j.second_id): j.value for j in round.judgements.all()}
        form = JudgementsForm(request.POST or None, criteria=criteria, judgements=judgements)
        result = workflow.pairwise_result(round) if len(criteria) >= 2 else None
        if request.method == "POST" and form.is_valid():
            try:
                result = workflow.set_judgements(request.user, round, form.judgements())
            except ValidationError as error:
                errors_into(form, error)
                refused = error_codes(error)
            else:
                if result is not None and result.accepted:
                    messages.success(request, _("The judgements are consistent: the weights were derived from them."))
                    return redirect("prioritisation:weights", pk=round.pk)
                if result is not None:
                    refused = ["inconsistent"]
                    criteria = selectors.criteria_of(round)
    else:
        form = WeightsForm(request.POST or None, criteria=criteria)
        if request.method == "POST" and form.is_valid():
            try:
                workflow.set_weights(request.user, round, form.weights())
            except ValidationError as error:
                errors_into(form, error)
                refused = error_codes(error)
            else:
                messages.success(request, _("The weights were saved."))
                return redirect("prioritisation:weights", pk=round.pk)
    ahp = _ahp_view(round, criteria, result) if pairwise else None
    return _page(
        request,
        "weights.html",
        round,
        "weights",
        criteria=criteria,
        form=form,
        pairwise=pairwise,
        editable=editable,
        ahp=ahp,
        worst_pair=ahp["worst"] if ahp and not ahp["result"].accepted else None,
        refused=refused,
        weight_total=sum((c.weight for c in criteria), 0),
    )


# --- the lock and the steps ----------------------------------------------------------------------------------------


@never_cache
@rounds_user_required
def lock(request, pk):
    round = round_or_404(request.user, pk)
    manager_post(request)
    errors = []
    if request.method == "POST":
        try:
            round = workflow.lock(request.user, round)
        except ValidationError as error:
            errors = error.messages
        else:
            url = methodology.page_url(round, get_language(), request)
            if url:
                message = format_html(
                    '{} <a class="govuk-notification-banner__link" href="{}">{}</a>',
                    _("The round is locked: its criteria, weights and voting rules are frozen."),
                    url,
                    _("Read the published methodology (version %(version)s).")
                    % {"version": round.methodology_version},
                )
            else:
                message = _("The round is locked: its criteria, weights and voting rules are frozen.")
            messages.success(request, message)
            return redirect("prioritisation:round_detail", pk=round.pk)
    criteria = selectors.criteria_of(round)
    for criterion in criteria:
        criterion.level_count = len(criterion.levels.all())
    return _page(
        request,
        "lock.html",
        round,
        "round_detail",
        criteria=criteria,
        weight_total=sum((c.weight for c in criteria), 0),
        citizen=any(c.source == Source.CITIZEN for c in criteria),
        problems=workflow.lock_problems(round) if round.state == State.DRAFT else [],
        errors=errors,
    )


@require_POST
@rounds_user_required
def advance(request, pk):
    round = managed_round_or_404(request.user, pk)
    try:
        round = workflow.advance(request.user, round)
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(request, _("The round moved on to: %(step)s.") % {"step": round.get_state_display()})
    return redirect("prioritisation:round_detail", pk=round.pk)


# --- candidates ----------------------------------------------------------------------------------------------------


def _feasibility(investment):
    return (
        Stage.objects.filter(investment=investment, kind=Stage.Kind.FEASIBILITY)
        .order_by("-actual_date", "-pk")
        .first()
        if investment is not None
        else None
    )


def _candidate_page(request, round, form, candidate=None):
    return _page(
        request,
        "candidate_form.html",
        round,
        "round_detail",
        form=form,
        candidate=candidate,
        feasibility_stage=_feasibility(candidate.investment) if candidate else None,
        feasibility_label=Stage.Kind.FEASIBILITY.label,
        failures=workflow.gate_failures(candidate) if candidate else [],
    )


@never_cache
@rounds_user_required
def candidate_add(request, pk):
    round = managed_round_or_404(request.user, pk)
    investments = visible_investments(request.user).exclude(candidacies__round=round).order_by("code")
    form = CandidateForm(request.POST or None, investments=investments)
    if request.method == "POST" and form.is_valid():
        try:
            candidate = workflow.add_candidate(
                request.user, round, form.cleaned_data["investment"], **form.workflow_fields()
            )
        except (ValidationError, PermissionDenied) as error:
            errors_into(form, error)
        else:
            if candidate.eligible:
                messages.success(
                    request,
                    _("%(code)s is a candidate and passed the eligibility gate.")
                    % {"code": candidate.investment.code},
                )
            else:
                messages.warning(
                    request,
                    _("%(code)s is a candidate but did not pass the eligibility gate: %(why)s.")
                    % {
                        "code": candidate.investment.code,
                        "why": ", ".join(str(w) for w in workflow.gate_failures(candidate)),
                    },
                )
            return redirect("prioritisation:round_detail", pk=round.pk)
    return _candidate_page(request, round, form)


@never_cache
@rounds_user_required
def candidate_edit(request, pk, candidate_pk):
    round = managed_round_or_404(request.user, pk)
    candidate = candidate_of(round, candidate_pk)
    form = CandidateForm(request.POST or None, candidate=candidate)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.update_candidate(request.user, candidate, **form.workflow_fields())
        except (ValidationError, PermissionDenied) as error:
            errors_into(form, error)
        else:
            messages.success(request, _("The candidate %(code)s was saved.") % {"code": candidate.investment.code})
            return redirect("prioritisation:round_detail", pk=round.pk)
    return _candidate_page(request, round, form, candidate)


@never_cache
@rounds_user_required
def candidate_remove(request, pk, candidate_pk):
    round = managed_round_or_404(request.user, pk)
    candidate = candidate_of(round, candidate_pk)
    error = None
    if request.method == "POST":
        try:
            workflow.remove_candidate(request.user, candidate)
        except ValidationError as refusal:
            error = refusal
        else:
            messages.success(request, _("%(code)s is no longer a candidate.") % {"code": candidate.investment.code})
            return redirect("prioritisation:round_detail", pk=round.pk)
    return _page(
        request,
        "confirm_delete.html",
        round,
        "round_detail",
        what=candidate,
        heading=_("Remove %(investment)s from the round?") % {"investment": candidate.investment},
        explanation=_("The investment itself stays in the register; its data values in this round go."),
        action=reverse("prioritisation:candidate_remove", kwargs={"pk": round.pk, "candidate_pk": candidate.pk}),
        button=_("Remove the candidate"),
        error=error,
    )


# --- data values ---------------------------------------------------------------------------------------------------


@never_cache
@rounds_user_required
def values(request, pk):
    round = round_or_404(request.user, pk)
    manager_post(request)
    criteria = [c for c in selectors.criteria_of(round) if c.source == Source.COMPUTED]
    candidates = selectors.candidates_of(round, eligible_only=True)
    stored = {
        (v.candidate_id, v.criterion_id): v
        for v in CandidateValue.objects.filter(candidate__round=round, criterion__source=Source.COMPUTED)
    }
    form = ValuesForm(request.POST or None, candidates=candidates, criteria=criteria, values=stored)
    editable = roles.may_manage(request.user) and round.state != State.PUBLISHED
    if request.method == "POST":
        form.is_valid()
        saved = 0
        for candidate, criterion, value, note in form.changed_cells():
            try:
                workflow.set_value(request.user, candidate, criterion, value, note)
            except ValidationError as error:
                form.add_error(ValuesForm.value_name(candidate, criterion), error.messages)
            else:
                saved += 1
        if saved:
            messages.success(request, _("%(count)s values were saved.") % {"count": saved})
        if not form.errors:
            if not saved:
                messages.info(request, _("Nothing was changed."))
            return redirect("prioritisation:values", pk=round.pk)
    return _page(
        request,
        "values.html",
        round,
        "values",
        form=form,
        criteria=criteria,
        candidates=candidates,
        editable=editable,
    )


# --- evaluators ----------------------------------------------------------------------------------------------------


@never_cache
@rounds_user_required
def evaluators(request, pk):
    round = round_or_404(request.user, pk)
    manager_post(request)
    changeable = roles.may_manage(request.user) and round.state in (State.DRAFT, State.LOCKED)
    form = EvaluatorForm(request.POST or None, round=round) if changeable or request.method == "POST" else None
    if request.method == "POST" and form.is_valid():
        try:
            evaluator = workflow.add_evaluator(request.user, round, form.cleaned_data["user"])
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("%(name)s is an evaluator of the round.") % {"name": evaluator})
            return redirect("prioritisation:evaluators", pk=round.pk)
    rows = selectors.evaluators_of(round)
    heads = set(
        Evaluator.objects.filter(round=round, user__memberships__role=Membership.Role.HEAD).values_list(
            "pk", flat=True
        )
    )
    eligible = sum(1 for c in round.candidates.all() if c.eligible)
    for evaluator in rows:
        evaluator.submitted_count = sum(1 for sheet in evaluator.sheets.all() if sheet.submitted_at)
        evaluator.is_head = evaluator.pk in heads
    return _page(
        request,
        "evaluators.html",
        round,
        "evaluators",
        evaluators=rows,
        form=form,
        changeable=changeable,
        eligible_count=eligible,
        minimum=workflow.MIN_EVALUATORS,
    )


@require_POST
@rounds_user_required
def evaluator_remove(request, pk, evaluator_pk):
    round = managed_round_or_404(request.user, pk)
    evaluator = evaluator_in(round, evaluator_pk)
    try:
        workflow.remove_evaluator(request.user, evaluator)
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(request, _("%(name)s is no longer an evaluator of the round.") % {"name": evaluator})
    return redirect("prioritisation:evaluators", pk=round.pk)
