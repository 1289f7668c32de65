"""Upload limits enforced while the body arrives: a per-file cap that skips an over-large file without storing it,
and a per-request cap answered with a translated 413 page before the body is read.

How the pieces fit:

- ``LimitedUploadHandler`` comes first in ``FILE_UPLOAD_HANDLERS``. It counts each file's bytes as Django's multipart
  parser hands them over and, once a file passes its field's limit, records a ``Refusal`` on the request and raises
  ``SkipFile``: the parser drops what the later handlers wrote for that file (the temporary file is deleted), reads
  the rest of that part without keeping it, and goes on with the other fields and files, which arrive as usual.
- The limit of a field is what the view set with ``limit_uploads(request, {"field": bytes})``, else
  ``settings.UPLOAD_MAX_BYTES``. The handler reads it when the file starts, so the limits only have to be set before
  the body is parsed.
- CSRF caveat: ``CsrfViewMiddleware.process_view`` reads ``request.POST`` — and so parses the whole body — before the
  view runs, so a view that calls ``limit_uploads`` itself is too late (``limit_uploads`` then raises). Two ways:

  1. (preferred) decorate the view with ``@with_upload_limits({...})`` or ``@with_upload_limits(callable)``;
     ``RequestSizeLimitMiddleware.process_view``, which runs before the CSRF middleware's, calls ``limit_uploads``
     with them. CSRF protection stays exactly as it is.
  2. Django's "Modifying upload handlers on the fly" pattern: a ``@csrf_exempt`` outer view calls ``limit_uploads``
     and then an inner ``@csrf_protect`` view that does the work.

- ``refusal_errors(request)`` gives the translated message of every refused file by field, for the form to show.
  A view that sets no limits of its own is taken not to show them: when one of its files is refused, the middleware
  answers the 413 page naming the file instead of calling the view, which would otherwise see a form without it.
- ``RequestSizeLimitMiddleware`` answers 413 with ``413.html`` when the declared ``Content-Length`` passes
  ``settings.MAX_REQUEST_BYTES`` — without reading the body — and when Django raises ``RequestDataTooBig`` (the
  fields other than files pass ``DATA_UPLOAD_MAX_MEMORY_SIZE``).
"""

import functools
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse, UnreadablePostError
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

Limits = Mapping[str, int]
LimitsSource = Limits | Callable[..., Limits]


@dataclass(frozen=True)
class Refusal:
    """A file skipped because it passed its field's limit: the name it was sent under and the limit, in bytes."""

    name: str
    limit_bytes: int


class UploadsAlreadyRead(RuntimeError):
    """``limit_uploads`` was called after the request body had been parsed, when the limits can no longer apply."""


def limit_uploads(request: HttpRequest, limits: Limits) -> None:
    """Set the most each file field of this request may carry, in bytes; other fields keep UPLOAD_MAX_BYTES.

    Call it before anything reads request.POST or request.FILES — see the module docstring for the CSRF caveat."""
    if hasattr(request, "_files"):
        raise UploadsAlreadyRead(
            "The request body was parsed before limit_uploads() was called: use @with_upload_limits on the view, "
            "or the csrf_exempt/csrf_protect pattern described in portal.uploads."
        )
    for field, limit in limits.items():
        if not isinstance(limit, int) or limit < 0:
            raise ValueError(f"The upload limit of {field!r} must be a number of bytes, not {limit!r}.")
    request.upload_limits = dict(limits)


def with_upload_limits(limits: LimitsSource) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Give a view its per-field upload limits: a mapping, or a callable ``(request, *args, **kwargs) -> mapping``
    called with the view's arguments (it runs before the view and its other decorators, so it only computes limits:
    return an empty mapping rather than raise when an object is missing or not the user's).

    RequestSizeLimitMiddleware applies them before the CSRF middleware parses the body. Put it under
    ``@login_required`` and the like (they copy the marker up); for a class-based view decorate ``as_view()``."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if request.method == "POST" and not hasattr(request, "upload_limits"):
                raise ImproperlyConfigured(
                    "with_upload_limits needs portal.uploads.RequestSizeLimitMiddleware before CsrfViewMiddleware."
                )
            return view(request, *args, **kwargs)

        wrapper.upload_limits = limits  # type: ignore[attr-defined]
        return wrapper

    return decorator


def upload_limit(request: HttpRequest | None, field_name: str) -> int:
    """The most a file of this field may have, in bytes."""
    limits: Limits = getattr(request, "upload_limits", None) or {}
    return limits.get(field_name, settings.UPLOAD_MAX_BYTES)


def upload_refusals(request: HttpRequest) -> dict[str, list[Refusal]]:
    """The files of this request refused for their size, by field, once the body has been parsed."""
    return getattr(request, "upload_refusals", {})


def refusal_errors(request: HttpRequest) -> dict[str, list[str]]:
    """Translated messages for the refused files, by field: "“plan.pdf” is larger than 5.0 MB, the most…".

    Parses the body if nothing has yet, since that is when files are refused."""
    _ = request.FILES
    return {
        field: [
            # The same message as services.documents.check_upload, which checks what arrives.
            gettext("“%(name)s” is larger than %(limit)s, the most a file may have.")
            % {"name": refusal.name, "limit": filesizeformat(refusal.limit_bytes)}
            for refusal in refusals
        ]
        for field, refusals in upload_refusals(request).items()
    }


class LimitedUploadHandler(FileUploadHandler):  # type: ignore[misc]
    """Counts each file's bytes as they arrive and skips the file once it passes its field's limit.

    It keeps no data: every chunk is passed on to the next handler (memory for a small request, a temporary file on
    disk otherwise), so it must come before them in FILE_UPLOAD_HANDLERS. On a refusal it raises SkipFile, and the
    parser closes — so deletes — what the next handler had written of that file and carries on with the next part."""

    def new_file(self, field_name: str, file_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, file_name, *args, **kwargs)
        self.limit = upload_limit(self.request, field_name)
        self.received = 0
        self.refused = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self.refused:  # the parser stops sending after SkipFile; nothing gets through should it not
            return None
        self.received += len(raw_data)
        if self.received > self.limit:
            self.refused = True
            if self.request is not None:
                refusals = upload_refusals(self.request)
                refusals.setdefault(self.field_name, []).append(Refusal(self.file_name, self.limit))
                self.request.upload_refusals = refusals
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler returns the file


def declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads such a body as empty


def too_large_response(
    request: HttpRequest, *, limit: int | None = None, refusals: Mapping[str, list[str]] | None = None
) -> HttpResponse:
    """The 413 page, in the reader's language: the files refused, or else the limit passed; nothing of the server."""
    context = {
        "limit": filesizeformat(limit) if limit is not None else "",
        "refusals": [message for messages in (refusals or {}).values() for message in messages],
    }
    return render(request, "413.html", context, status=413)


class RequestSizeLimitMiddleware:
    """Answers 413 with a translated page when a request is larger than the portal accepts, and gives views their
    upload limits (``@with_upload_limits``) before the CSRF middleware parses the body.

    It goes after LocaleMiddleware and before CsrfViewMiddleware. The size is checked on the declared
    Content-Length when the request comes in, but the page is rendered in ``process_view``, once the middleware
    below has set the user and their language; none of them reads the body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = declared_length(request)
        if length > settings.MAX_REQUEST_BYTES:
            logger.info("Refused a request of %d bytes to %s: larger than MAX_REQUEST_BYTES.", length, request.path)
            request.body_too_large = True
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if getattr(request, "body_too_large", False):
            return too_large_response(request, limit=settings.MAX_REQUEST_BYTES)
        limits = getattr(view_func, "upload_limits", None)
        if limits is not None:
            limit_uploads(request, limits(request, *view_args, **view_kwargs) if callable(limits) else limits)
        if request.method == "POST" and not getattr(view_func, "csrf_exempt", False):
            # CsrfViewMiddleware reads request.POST next, where RequestDataTooBig would become a bare 400; reading it
            # here first only moves that read earlier, under a guard that answers with the 413 page.
            try:
                request.POST  # noqa: B018
            except RequestDataTooBig:
                return too_large_response(request, limit=settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
            except UnreadablePostError:
                return None  # the client went away: the CSRF middleware and the view meet it as they did before
            if limits is None and upload_refusals(request):
                # A view that sets no limits does not show refusals either: rather than let it act on a form whose
                # file silently went missing, stop here and name the file.
                return too_large_response(request, refusals=refusal_errors(request))
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RequestDataTooBig):  # a view that reads the body itself, or a csrf_exempt one
            return too_large_response(request, limit=settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return None
