"""Pages of the project itself: the start page, the profile, the language switch and the accessibility statement."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .forms import ProfileForm
from .navigation import items_for


@login_required
def dashboard(request):
    """Where sign-in lands: the entries this person may use."""
    return render(request, "portal/dashboard.html", {"entries": items_for(request.user)})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        response = redirect("portal:profile")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            form.instance.preferred_language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response
    return render(request, "portal/profile.html", {"form": form})


# When the statement was last prepared (EU model statement, Implementing Decision (EU) 2018/1523): change it with the
# text, after the next self-assessment.
STATEMENT_DATE = datetime.date(2026, 11, 23)


def accessibility(request):
    """The accessibility statement that OUG 112/2018 requires of a public-sector website, linked from every footer."""
    return render(
        request,
        "portal/accessibility.html",
        {"statement_date": STATEMENT_DATE, "portal_url": request.build_absolute_uri("/")},
    )


@require_POST
def set_language(request):
    """Django's language switch, which also remembers the choice in the signed-in user's profile."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    return response


def healthz(request):
    """Liveness for the load balancer and docker-compose: the database answers."""
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
