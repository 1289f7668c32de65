"""Who reaches which prioritisation page: signed-in staff who may see the round (managers, observers, its
evaluators). A round someone may not see does not exist for them (404); an action they may not take answers 403."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ... import roles as investment_roles
from ...models import Candidate, Criterion, Evaluator, Round
from .. import roles


def rounds_user_required(view):
    """The staff pages of prioritisation: staff who may use the rounds at all (403 otherwise)."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not roles.may_use_rounds(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def round_or_404(user, pk):
    round = Round.objects.filter(pk=pk).first()
    if round is None or not roles.may_see_round(user, round):
        raise Http404(_("No such prioritisation round among those you may see."))
    return round


def managed_round_or_404(user, pk):
    """A round the user runs: 404 when they may not see it, 403 when they see it but do not run rounds."""
    round = round_or_404(user, pk)
    if not roles.may_manage(user):
        raise PermissionDenied
    return round


def candidate_of(round, candidate_pk):
    return get_object_or_404(Candidate.objects.select_related("investment", "round"), pk=candidate_pk, round=round)


def criterion_of(round, criterion_pk):
    return get_object_or_404(Criterion.objects.select_related("round"), pk=criterion_pk, round=round)


def evaluator_in(round, evaluator_pk):
    return get_object_or_404(Evaluator.objects.select_related("user", "round"), pk=evaluator_pk, round=round)


def require_manager(user):
    """403 for who sees the round but does not run rounds (observers, evaluators)."""
    if not roles.may_manage(user):
        raise PermissionDenied


def manager_post(request):
    """A page anyone who sees the round may read; only its managers send it."""
    if request.method == "POST":
        require_manager(request.user)


SCORES_STILL_PRIVATE = (Round.State.DRAFT, Round.State.LOCKED, Round.State.SCORING)


def results_round_or_404(user, pk):
    """A round whose ranking and exports the user may read. Until scoring ends they show the means of the submitted
    scores: an evaluator of the round (whatever else they are) waits for the end of scoring, as do readers who
    neither run nor observe rounds (403)."""
    round = round_or_404(user, pk)
    if round.state in SCORES_STILL_PRIVATE:
        reads_all = roles.may_manage(user) or roles.may_agree_scores(user) or investment_roles.sees_all(user)
        if roles.evaluator_of(user, round) is not None or not reads_all:
            raise PermissionDenied
    return round
