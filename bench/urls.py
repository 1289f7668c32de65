"""Bench-only URLs (ROOT_URLCONF of bench.settings): an upload view that limits, stores and then removes its files, and
the bare-Django reference (a view that answers a few bytes, through the portal's whole middleware stack)."""

from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.urls import path

from portal import urls as portal_urls
from portal.uploads import refusal_errors, with_upload_limits

MB = 1024 * 1024
LIMITS = {"document": 25 * MB, "small": 5 * MB}


@with_upload_limits(LIMITS)
def upload(request: HttpRequest) -> JsonResponse:
    """GET: a CSRF token. POST: store each file that arrived through default_storage and say what was stored and
    what refused; the stored files are removed again, so that a run leaves nothing behind."""
    if request.method != "POST":
        return JsonResponse({"csrf": get_token(request)})
    stored = {}
    for field, upload in request.FILES.items():
        name = default_storage.save(f"bench/{upload.name}", upload)
        stored[field] = default_storage.size(name)
        default_storage.delete(name)
    return JsonResponse({"stored": stored, "refused": refusal_errors(request)})


def hello(request: HttpRequest) -> HttpResponse:
    """The bare-Django reference of bench.public_pages: no template, no query."""
    return HttpResponse("Hello", content_type="text/plain")


# The portal's own URLs too: the pages the bench's answers link to (the 413 page's header and links) must resolve.
# Spliced in, not included: the public site's i18n_patterns may only stand in the root URLconf.
urlpatterns = [path("bench/upload/", upload), path("bench/hello/", hello), *portal_urls.urlpatterns]
