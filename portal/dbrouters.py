"""The read replica: writes always go to the primary, reads go to the replica only where code asks for it.

With `DATABASE_REPLICA_URL` set, `DATABASES["replica"]` is a streaming replica of the primary, a little behind it.
The heavy reads that tolerate that lag (indicators, exports, the public site) ask for it with `reading_from_replica()`,
as a context manager or a decorator; everything else reads the primary, as without a replica. Once a request (or a
Celery task) has written, or while the primary is inside a transaction, its reads go to the primary too, so that
nobody reads around their own write. `PinToPrimaryMiddleware` starts every request unpinned.
"""

import functools
import inspect
from contextvars import ContextVar

from celery.signals import task_prerun
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.template.response import SimpleTemplateResponse

REPLICA = "replica"

# Context variables rather than thread locals: one per thread under gunicorn's threads, and they follow async code.
_replica_wanted: ContextVar[bool] = ContextVar("ghiseul_replica_wanted", default=False)
_pinned_to_primary: ContextVar[bool] = ContextVar("ghiseul_pinned_to_primary", default=False)


def reads_from_primary_only(model) -> bool:
    """The session and the signed-in user, which a request right after signing in or up reads before the replica
    may have them: a page on the replica must not show that person signed out."""
    return model._meta.label_lower in ("sessions.session", settings.AUTH_USER_MODEL.lower())


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def pinned_to_primary() -> bool:
    return _pinned_to_primary.get()


def pin_to_primary() -> None:
    _pinned_to_primary.set(True)


class reading_from_replica:  # noqa: N801  (used like contextlib's lower-case context managers)
    """Reads inside go to the replica, when there is one and nothing has pinned them to the primary.

    As a decorator of a view it also renders a TemplateResponse inside (its querysets are lazy and would otherwise be
    evaluated after the view returns); on a generator function (the rows of a streamed CSV) it covers the iteration.
    """

    def __enter__(self) -> "reading_from_replica":
        self._token = _replica_wanted.set(True)
        return self

    def __exit__(self, *exc_info: object) -> None:
        _replica_wanted.reset(self._token)

    def __call__(self, function):
        if inspect.isgeneratorfunction(function):

            @functools.wraps(function)
            def generator(*args, **kwargs):
                with reading_from_replica():
                    yield from function(*args, **kwargs)

            return generator

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            with reading_from_replica():
                result = function(*args, **kwargs)
                if isinstance(result, SimpleTemplateResponse) and not result.is_rendered:
                    result.render()
                return result

        return wrapper


class PrimaryReplicaRouter:
    """Every write and, unless asked otherwise, every read on the primary ("default")."""

    def db_for_read(self, model, **hints):
        if (
            _replica_wanted.get()
            and not reads_from_primary_only(model)
            and not _pinned_to_primary.get()
            and replica_configured()
            # Reads inside a transaction on the primary belong to it: they must see its writes and hold its locks.
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        pin_to_primary()
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: an object read there may be related to one read on the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # A replica copies the primary's schema from the primary; it is never migrated itself.
        return db == DEFAULT_DB_ALIAS


class PinToPrimaryMiddleware:
    """Each request starts unpinned and reading the primary, whatever the same thread served before."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pinned = _pinned_to_primary.set(False)
        wanted = _replica_wanted.set(False)
        try:
            return self.get_response(request)
        finally:
            _replica_wanted.reset(wanted)
            _pinned_to_primary.reset(pinned)


@task_prerun.connect
def _unpin_before_each_task(task=None, **kwargs):
    """A worker process runs many tasks: one task's write does not pin the next task's reads. A task run eagerly runs
    inside its caller (a request, make run), whose pin it keeps."""
    if task is not None and task.request.is_eager:
        return
    _pinned_to_primary.set(False)
    _replica_wanted.set(False)
