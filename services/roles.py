"""Staff groups that carry Django permissions; kept in step with the code after every migrate."""

from django.contrib.auth.models import Group, Permission

QUALITY_MANAGERS = "Quality managers"

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


def ensure_groups(**kwargs):
    """post_migrate handler: the quality managers' group has exactly the permissions above."""
    group, _created = Group.objects.get_or_create(name=QUALITY_MANAGERS)
    wanted = []
    for app_label, codename in QUALITY_PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission:
            wanted.append(permission)
    group.permissions.add(*wanted)
    return group
