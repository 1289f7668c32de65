"""The back office views."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..models import Case


@login_required
def queue(request):
    cases = Case.objects.for_staff(request.user).select_related("service", "assignee")[:25]
    return render(request, "services/backoffice/queue.html", {"cases": cases})
