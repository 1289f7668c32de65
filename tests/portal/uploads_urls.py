"""Views and URLs for tests/portal/test_uploads.py only: forms whose files have limits, reporting what arrived."""

import os

from django.conf import settings
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.urls import path
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from portal import urls as portal_urls
from portal.uploads import limit_uploads, refusal_errors, with_upload_limits

PLAN_LIMIT = 10 * 1024


def report(request):
    """What the application received: the fields, each file (with where it lies on disk, if it does), the upload
    directory's contents while the request is handled, and the refusal messages."""
    if request.method != "POST":
        return JsonResponse({"csrf": get_token(request)})
    temp_dir = settings.FILE_UPLOAD_TEMP_DIR
    return JsonResponse(
        {
            "post": {key: request.POST.getlist(key) for key in request.POST},
            "files": {
                key: [
                    {
                        "name": upload.name,
                        "size": upload.size,
                        "content": upload.read().decode(),
                        "path": upload.temporary_file_path() if hasattr(upload, "temporary_file_path") else None,
                    }
                    for upload in request.FILES.getlist(key)
                ]
                for key in request.FILES
            },
            "on_disk": sorted(os.listdir(temp_dir)) if temp_dir else None,
            "errors": refusal_errors(request),
        }
    )


@with_upload_limits({"plan": PLAN_LIMIT})
def decorated(request):
    return report(request)


@with_upload_limits(lambda request, limit: {"plan": limit})
def decorated_with_a_callable(request, limit):
    return report(request)


@csrf_exempt
def on_the_fly(request):
    """Django's "Modifying upload handlers on the fly" pattern: exempt outside, protected inside."""
    limit_uploads(request, {"plan": PLAN_LIMIT})
    return _protected_report(request)


@csrf_protect
def _protected_report(request):
    return report(request)


def too_late(request):
    """Sets the limits after CsrfViewMiddleware (or anything) has parsed the body."""
    _ = request.POST
    limit_uploads(request, {"plan": PLAN_LIMIT})
    return report(request)


@csrf_exempt
def reads_the_body(request):
    """A view that reads the raw body itself, as a webhook does."""
    return JsonResponse({"length": len(request.body)})


urlpatterns = [
    path("test-uploads/decorated/", decorated),
    path("test-uploads/callable/<int:limit>/", decorated_with_a_callable),
    path("test-uploads/on-the-fly/", on_the_fly),
    path("test-uploads/too-late/", too_late),
    path("test-uploads/plain/", report),
    path("test-uploads/body/", reads_the_body),
]
# The portal's own URLs after these (its public site sits in i18n_patterns, which cannot be include()d).
urlpatterns += portal_urls.urlpatterns
