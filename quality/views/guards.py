"""Who enters which page of the procedures' back office."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ..selectors import is_head, is_manager, is_staff


def _guard(allowed):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


staff_required = _guard(is_staff)
manager_required = _guard(is_manager)
head_required = _guard(is_head)


def error_text(error):
    """A refusal of the workflow as the person reads it (already translated by the workflow)."""
    if isinstance(error, ValidationError):
        return " ".join(str(message) for message in error.messages)
    return str(error) or _("You may not take this step.")
