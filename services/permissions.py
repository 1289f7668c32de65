"""Who may do what with a case: applicants their own, staff their departments', heads the decisions."""

from .models import Membership


def is_quality_manager(user):
    return bool(user and user.is_authenticated and user.is_staff and user.has_perm("services.view_all_cases"))


MEMBERSHIPS_CACHE = "_ghiseul_memberships"


def _memberships(user):
    """(department, role) pairs of a staff member, read once per user object (so once per request: the navigation,
    the guards and the page ask several times)."""
    if not (user and user.is_authenticated and user.is_staff):
        return ()
    cached = user.__dict__.get(MEMBERSHIPS_CACHE)
    if cached is None:
        cached = tuple(Membership.objects.filter(user=user).values_list("department_id", "role"))
        user.__dict__[MEMBERSHIPS_CACHE] = cached
    return cached


def forget_memberships(user):
    user.__dict__.pop(MEMBERSHIPS_CACHE, None)


def department_ids(user):
    return {department for department, _role in _memberships(user)}


def head_department_ids(user):
    return {department for department, role in _memberships(user) if role == Membership.Role.HEAD}


def can_see(user, case):
    """Clerks and heads of the case's department, the departments it was copied to for information, and the quality
    manager, who oversees every department."""
    if is_quality_manager(user) or can_work_on(user, case):
        return True
    ids = department_ids(user)
    return bool(ids) and case.copies.filter(department_id__in=ids).exists()


def can_work_on(user, case):
    """Only the case's department acts on it: clerks and heads. The quality manager watches, but does not act."""
    return case.department_id in department_ids(user)


def can_decide_for(user, case):
    """Decisions reserved to the head of the department (extension of the time limit)."""
    return case.department_id in head_department_ids(user)


def is_applicant(user, case):
    return bool(user and user.is_authenticated and case.applicant_id == user.pk)


def can_see_indicators(user):
    return is_quality_manager(user) or bool(head_department_ids(user))


def may_register_at_desk(user):
    """The registry desk ("Registratură"): registers requests on anyone's behalf and keeps the general register."""
    return bool(user and user.is_authenticated and user.is_staff and user.has_perm("services.register_at_desk"))


def may_view_register(user):
    """The registry, the heads of department and the quality manager read the general register."""
    if not (user and user.is_authenticated and user.is_staff):
        return False
    return user.has_perm("services.view_register") or is_quality_manager(user) or bool(head_department_ids(user))
