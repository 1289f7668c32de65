"""Staff groups that carry Django permissions; kept in step with the code after every migrate."""

from django.contrib.auth.models import Group, Permission

from portal.groups import make_permissions

QUALITY_MANAGERS = "Quality managers"
REGISTRY = "Registry desk"

REGISTRY_PERMISSIONS = [("services", "register_at_desk"), ("services", "view_register")]

QUALITY_PERMISSIONS = [
    ("services", "view_all_cases"),
    ("wagtailadmin", "access_admin"),
    *[
        ("services", f"{verb}_{model}")
        for model in ("procedure", "service", "department", "requireddocument")
        for verb in ("add", "change", "delete", "view")
    ],
    *[("portal", f"{verb}_nonworkingday") for verb in ("add", "change", "delete", "view")],
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _group(name, permissions):
    group, _created = Group.objects.get_or_create(name=name)
    wanted = []
    for app_label, codename in permissions:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission:
            wanted.append(permission)
    group.permissions.add(*wanted)
    return group


def ensure_groups(**kwargs):
    """post_migrate handler: the quality managers' and the registry desk's groups have the permissions above.

    Returns the quality managers' group."""
    make_permissions(**kwargs)
    _group(REGISTRY, REGISTRY_PERMISSIONS)
    return _group(QUALITY_MANAGERS, QUALITY_PERMISSIONS)


def registry_group():
    return _group(REGISTRY, REGISTRY_PERMISSIONS)
