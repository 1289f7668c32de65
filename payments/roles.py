"""The tax department's group: who sees the payments queue, refunds, decides taxpayer links and imports the roll."""

from django.contrib.auth.models import Group, Permission

TAX_DEPARTMENT = "Tax department"

PERMISSIONS = [
    ("payments", "view_payment"),
    ("payments", "add_refund"),
    ("payments", "view_taxpayer"),
    ("payments", "view_obligation"),
    ("payments", "add_obligation"),
    ("payments", "change_taxpayerlink"),
]


def tax_group():
    group, _created = Group.objects.get_or_create(name=TAX_DEPARTMENT)
    for app_label, codename in PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission:
            group.permissions.add(permission)
    return group


def ensure_groups(**kwargs):
    tax_group()


def is_tax_staff(user):
    return user.is_authenticated and user.is_staff and user.has_perm("payments.view_payment")
