"""Who sees and does what with investments.

- The staff of the investment's department see it and enter stages, contracts, amendments, ledger entries and
  progress reports.
- The head of that department validates or rejects ledger entries and progress reports (never their own).
- The group "Urmărire investiții" (the finance department, the president's office) and the quality managers see
  every department's investments; seeing is not acting.
- The group "Secretariat prioritizare" and the quality managers run the prioritisation rounds; the quality manager
  records the agreed scores of the consolidation; the named evaluators score (see `investments.prioritisation.roles`).
- Editors publish investments on the public site (Wagtail admin), and see nothing of the back office."""

from django.contrib.auth.models import Group, Permission

from portal.groups import make_permissions
from services.permissions import department_ids, head_department_ids, is_quality_manager

OBSERVERS = "Urmărire investiții"
# Runs the prioritisation rounds: criteria, candidates, evaluators, the steps, the publication of the ranking.
PRIORITISATION_SECRETARIAT = "Secretariat prioritizare"

GROUPS = {
    OBSERVERS: [("investments", "view_all_investments")],
    PRIORITISATION_SECRETARIAT: [("investments", "manage_prioritisation"), ("investments", "view_all_investments")],
}


def ensure_groups(**kwargs):
    make_permissions(**kwargs)
    groups = {}
    for name, pairs in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label__in={app for app, _codename in pairs},
                codename__in={codename for _app, codename in pairs},
            )
        )
        groups[name] = group
    return groups


def _staff(user):
    return bool(user and user.is_authenticated and user.is_staff)


def sees_all(user):
    return _staff(user) and (user.has_perm("investments.view_all_investments") or is_quality_manager(user))


def may_use_register(user):
    """The back-office register of investments: staff who see all, and every department member."""
    return _staff(user) and (sees_all(user) or bool(department_ids(user)))


def can_see(user, investment):
    return sees_all(user) or can_enter(user, investment)


def can_enter(user, investment):
    return _staff(user) and investment.department_id in department_ids(user)


def can_validate(user, investment):
    return _staff(user) and investment.department_id in head_department_ids(user)


def may_create(user):
    """A new investment belongs to one of the creator's departments."""
    return _staff(user) and bool(department_ids(user))


def may_publish(user):
    return _staff(user) and user.has_perm("investments.publish_investment")
