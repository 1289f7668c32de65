"""Who reaches which page of the investments' back office: signed-in staff who may use the register (two-factor
authentication is enforced for every staff account by portal.middleware.StaffMFAMiddleware). An investment someone
may not see does not exist for them (404); one they see but may not act on answers 403."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .. import roles, selectors


def staff_required(view):
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not roles.may_use_register(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def visible_or_404(user, pk):
    investment = selectors.visible_investments(user).filter(pk=pk).select_related("department").first()
    if investment is None:
        raise Http404(_("No such investment among those you may see."))
    return investment


def enterable_or_404(user, pk):
    """An investment the person may change: 404 when they may not even see it, 403 when they only see it."""
    investment = visible_or_404(user, pk)
    if not roles.can_enter(user, investment):
        raise PermissionDenied
    return investment


def validated_object_or_404(user, model, pk):
    """A ledger entry or progress report the person may decide on: 404 unseen, 403 when not its head."""
    obj = get_object_or_404(model.objects.select_related("investment"), pk=pk)
    if not roles.can_see(user, obj.investment):
        raise Http404(_("No such investment among those you may see."))
    if not roles.can_validate(user, obj.investment):
        raise PermissionDenied
    return obj
