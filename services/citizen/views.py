"""The citizen's views."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..models import Case


@login_required
def my_cases(request):
    cases = Case.objects.of_applicant(request.user).select_related("service")
    return render(request, "services/citizen/my_cases.html", {"cases": cases})


def lookup(request):
    return render(request, "services/citizen/lookup.html", {})
