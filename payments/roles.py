"""The tax department's group: who sees the payments queue, refunds, decides taxpayer links and imports the roll."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied

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


def tax_staff_required(view):
    """Signed-in staff of the tax department; anyone else is refused."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_tax_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def masked(identifier: str) -> str:
    """A person's CNP hidden but for its last four digits; a company's CUI is public and shown whole."""
    identifier = identifier or ""
    if len(identifier) == 13 and identifier.isdigit():
        return "\N{BULLET}" * 9 + identifier[-4:]
    return identifier
