"""Who reaches the evaluators' and the consolidation pages, on top of `guards`: a score sheet is the round's
evaluators' (403 for others who see the round), the consolidation table is read by those who run or observe rounds
(403 for an evaluator who is neither: they must not see the others' scores), the agreed scores are the quality
manager's (403)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from ... import roles as investment_roles
from .. import roles
from .guards import candidate_of


def eligible_candidate_of(round, candidate_pk):
    """A candidate the evaluators score: an eligible candidate of the round (404 otherwise)."""
    candidate = candidate_of(round, candidate_pk)
    if not candidate.eligible:
        raise Http404(_("Only the round's eligible candidates are scored."))
    return candidate


def evaluator_or_403(user, round):
    evaluator = roles.evaluator_of(user, round)
    if evaluator is None:
        raise PermissionDenied(_("Only the round's evaluators score its candidates."))
    return evaluator


def may_read_consolidation(user):
    return roles.may_manage(user) or roles.may_agree_scores(user) or investment_roles.sees_all(user)


def require_consolidation_reader(user):
    if not may_read_consolidation(user):
        raise PermissionDenied(_("The consolidation is read by those who run or observe the rounds."))


def require_agreer(user):
    if not roles.may_agree_scores(user):
        raise PermissionDenied(_("The quality manager records the agreed scores."))
