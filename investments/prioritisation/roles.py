"""Who does what in a prioritisation round.

- The secretariat (group "Secretariat prioritizare", permission `investments.manage_prioritisation`) and the quality
  managers run rounds: the method, the lock, the candidates, the data values, the evaluators, the steps, the
  publication.
- The quality managers record the agreed scores of the consolidation.
- A round's evaluators (heads of department and named clerks) score its candidates on the evaluators' criteria.
- Staff who see every investment (`investments.roles.sees_all`) read every round; an evaluator reads their round.
- Signed-in citizens vote and comment during the consultation."""

from services.permissions import department_ids, is_quality_manager

from .. import roles as investment_roles


def _staff(user):
    return bool(user and user.is_authenticated and user.is_staff)


def may_manage(user):
    return _staff(user) and (user.has_perm("investments.manage_prioritisation") or is_quality_manager(user))


def may_agree_scores(user):
    return is_quality_manager(user)


def evaluator_of(user, round):
    """The user's Evaluator row in the round, or None."""
    if not _staff(user):
        return None
    return round.evaluators.filter(user=user).first()


def may_be_evaluator(user):
    """Heads of department and clerks: staff with a department."""
    return _staff(user) and user.is_active and bool(department_ids(user))


def may_see_round(user, round):
    if not _staff(user):
        return False
    return may_manage(user) or investment_roles.sees_all(user) or round.evaluators.filter(user=user).exists()


def may_use_rounds(user):
    """The staff list of rounds: managers, observers, and department staff (who may be named evaluators; the list
    shows them their rounds). No query of its own: the navigation asks on every staff page."""
    if not _staff(user):
        return False
    return may_manage(user) or investment_roles.sees_all(user) or bool(department_ids(user))


def may_vote(user):
    """Citizens vote: signed in, not staff (staff run and score the round)."""
    return bool(user and user.is_authenticated and user.is_active and not user.is_staff)
