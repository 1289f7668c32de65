"""Who may do what with a case: applicants their own, staff their departments', heads the decisions."""

from .models import Membership


def is_quality_manager(user):
    return bool(user and user.is_authenticated and user.is_staff and user.has_perm("services.view_all_cases"))


def department_ids(user):
    if not (user and user.is_authenticated and user.is_staff):
        return set()
    return set(Membership.objects.filter(user=user).values_list("department_id", flat=True))


def head_department_ids(user):
    if not (user and user.is_authenticated and user.is_staff):
        return set()
    return set(Membership.objects.filter(user=user, role=Membership.Role.HEAD).values_list("department_id", flat=True))


def can_see(user, case):
    """Clerks and heads of the case's department, and the quality manager, who oversees every department."""
    return is_quality_manager(user) or can_work_on(user, case)


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
