"""Invariant: whoever can reach the admin is a staff account, and staff accounts must use two-factor sign-in.

Wagtail's user screens set `is_superuser` and groups but never `is_staff`; these receivers keep them in step.
"""

from allauth.mfa.signals import authenticator_removed
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db.models.signals import m2m_changed, pre_save
from django.dispatch import receiver

from . import identity  # noqa: F401  (connects the ROeID sign-in receiver when the app is ready)
from .middleware import totp_cache_key
from .models import User

ADMIN_ACCESS = "wagtailadmin.access_admin"


@receiver(pre_save, sender=User)
def superusers_are_staff(sender, instance, **kwargs):
    if instance.is_superuser:
        instance.is_staff = True


def _promote_if_admin(users):
    for user in users:
        for attribute in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
            user.__dict__.pop(attribute, None)
        if not user.is_staff and user.has_perm(ADMIN_ACCESS):
            User.objects.filter(pk=user.pk).update(is_staff=True)
            user.is_staff = True


@receiver(m2m_changed, sender=User.groups.through)
def admin_groups_make_staff(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "post_add":
        return
    users = User.objects.filter(pk__in=pk_set) if reverse else [instance]
    _promote_if_admin(users)


@receiver(m2m_changed, sender=User.user_permissions.through)
def admin_permission_makes_staff(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "post_add" and not reverse:
        _promote_if_admin([instance])


@receiver(m2m_changed, sender=Group.permissions.through)
def admin_permission_on_a_group_makes_its_members_staff(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "post_add" and not reverse:
        _promote_if_admin(instance.user_set.filter(is_staff=False))


@receiver(authenticator_removed)
def forget_the_remembered_authenticator(sender, request=None, user=None, authenticator=None, **kwargs):
    """Staff must set an authenticator up again at once, not after the middleware's minute of memory."""
    owner = user or getattr(authenticator, "user", None)
    if owner is not None:
        cache.delete(totp_cache_key(owner.pk))
