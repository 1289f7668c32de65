"""Who may do what with the procedures: drafters, verifiers (quality manager, internal-control commission) and the
head of the institution, who approves. Kept in step with the code after every migrate."""

from django.contrib.auth.models import Group, Permission

from portal.groups import make_permissions

QUALITY_MANAGERS = "Quality managers"  # the group of services.roles, given the quality tools here
COMMISSION = "Comisia de monitorizare"  # the internal managerial control commission (OSGG 600/2018)
INSTITUTION_HEAD = "Conducerea instituției"  # the mayor or the county council's president, who approve
DRAFTERS = "Elaboratori proceduri"  # the clerks who write their department's procedures

DRAFT = ("quality", "draft_procedureversion")
VERIFY = ("quality", "verify_procedureversion")
APPROVE = ("quality", "approve_procedureversion")

GROUPS = {
    QUALITY_MANAGERS: [
        DRAFT,
        VERIFY,
        ("quality", "view_procedureversion"),
        *[("quality", f"{verb}_externalreference") for verb in ("add", "change", "delete", "view")],
    ],
    COMMISSION: [VERIFY, ("quality", "view_procedureversion")],
    INSTITUTION_HEAD: [APPROVE, ("quality", "view_procedureversion")],
    DRAFTERS: [DRAFT, ("quality", "view_procedureversion")],
}


def _permissions(pairs):
    found = Permission.objects.filter(codename__in=[codename for _app, codename in pairs]).select_related(
        "content_type"
    )
    return [p for p in found if (p.content_type.app_label, p.codename) in set(pairs)]


def ensure_groups(**kwargs):
    """post_migrate handler; returns {name: group}."""
    make_permissions(**kwargs)
    groups = {}
    for name, pairs in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(pairs))
        groups[name] = group
    return groups


def can(user, permission):
    app_label, codename = permission
    return bool(user and user.is_authenticated and user.has_perm(f"{app_label}.{codename}"))
