"""The applicant's rating of the service: from their closed case's page, or from the e-mail's link without signing in."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .. import ratings
from ..models import ServiceRating
from . import selectors

SCORE_REQUIRED = gettext_lazy("Choose how satisfied you are, from 1 (very dissatisfied) to 5 (very satisfied).")


class RatingForm(forms.Form):
    """A score from 1 to 5 and an optional comment; the page draws it (services/citizen/_rating_form.html), so that
    the case page can show it without a form object."""

    score = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in ratings.SCORES],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": SCORE_REQUIRED, "invalid_choice": SCORE_REQUIRED},
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment"), required=False, max_length=ratings.COMMENT_MAX_LENGTH, widget=forms.Textarea
    )


def _answer(request, rating):
    """Validate the form and answer the rating; the form, with its errors, when that fails."""
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            ratings.answer_rating(rating, score=form.cleaned_data["score"], comment=form.cleaned_data["comment"])
        except ValidationError as error:
            form.add_error(error.code if error.code in form.fields else None, error)
        else:
            return None
    return form


def _page(request, rating, *, form, action):
    return render(
        request,
        "services/citizen/rating.html",
        {"rating": rating, "case": rating.case, "rating_form": form, "action": action},
    )


@require_POST
@login_required
def answer_on_case(request, registration_number):
    """The applicant answers from their case page; anyone else's case, or one not asked about, is not found."""
    case = selectors.case_of(request.user, registration_number)
    rating = ServiceRating.objects.filter(case=case).first()
    if rating is None:
        raise Http404
    if rating.answered:
        messages.info(request, _("You have already rated this service. Thank you!"))
        return redirect(reverse("services:case", args=[case.registration_number]) + "#rating")
    form = _answer(request, rating)
    if form is None:
        messages.success(request, _("Thank you for your rating."))
        return redirect(reverse("services:case", args=[case.registration_number]) + "#rating")
    rating.case = case
    return _page(request, rating, form=form, action=request.path)


@never_cache
@require_http_methods(["GET", "POST"])
def answer_by_token(request, token):
    """The e-mail's link: the question, without signing in, and the thanks once answered. The token stands for the
    applicant of this one case; an unknown token is not found."""
    rating = get_object_or_404(ServiceRating.objects.select_related("case__service"), token=token)
    form = None
    if request.method == "POST" and not rating.answered:
        form = _answer(request, rating)
        if form is None:
            return redirect("ratings:by_token", token=rating.token)  # the thanks, safe to reload
        rating.refresh_from_db(fields=["score", "answered_at"])
    response = _page(request, rating, form=form, action=request.path)
    response["Referrer-Policy"] = "no-referrer"  # the token stays out of other sites' logs
    return response
