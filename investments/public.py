"""What citizens see of the investments: the list, the map and each investment's page, published by an editor.

Only published investments, and of their money only what the head of department validated: the figures come from
`selectors` with `public=True`. A staff member sees here exactly what a citizen sees (the back office is elsewhere).
Citizens who are signed in may follow an investment and get an e-mail when one of its stages is done."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import publicmap, selectors, workflow
from .models import Follower, Stage

PAGE_SIZE = 20
# The list filters by the stage an investment has reached: the cancelled ones are a stage of their own.
STAGE_CHOICES = [("", gettext_lazy("All stages")), *Stage.Kind.choices]


class PublicFilterForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        help_text=gettext_lazy("A word of the title, the code or the location"),
        max_length=100,
        required=False,
    )
    stage = forms.ChoiceField(label=gettext_lazy("Current stage"), choices=STAGE_CHOICES, required=False)

    def filters(self):
        if not self.is_valid():
            return {"q": "", "stage": ""}
        return {"q": self.cleaned_data["q"].strip(), "stage": self.cleaned_data["stage"]}


def physical_progress(row):
    """The physical progress to show: a parent's sub-objects' weighted by their contracts' values when they have
    contracts, otherwise the investment's own latest validated report (None when nothing was validated)."""
    if row.weighted_physical is not None:
        return row.weighted_physical
    return row.physical_percent


def _with_physical(rows):
    for row in rows:
        row.physical_shown = physical_progress(row)
    return rows


def top_level(queryset):
    """The investments shown first: those that are not a sub-object of another published one."""
    return queryset.filter(Q(parent__isnull=True) | Q(parent__published=False))


def _matching(queryset, text):
    if not text:
        return queryset
    own = (
        Q(code__icontains=text)
        | Q(title__icontains=text)
        | Q(title_hu__icontains=text)
        | Q(title_en__icontains=text)
        | Q(address__icontains=text)
    )
    # A parent is found by its published sub-objects' titles as well.
    children = selectors.published_investments().filter(
        Q(code__icontains=text) | Q(title__icontains=text) | Q(title_hu__icontains=text) | Q(title_en__icontains=text)
    )
    return queryset.filter(own | Q(pk__in=children.values("parent_id")))


def _at_stage(row, stage):
    return row.current_stage == stage or any(child.current_stage == stage for child in row.children)


def investment_list(request):
    form = PublicFilterForm(request.GET)
    wanted = form.filters()
    found = _matching(top_level(selectors.published_investments()), wanted["q"]).order_by("code")
    if wanted["stage"]:
        # The stage reached is derived from the stages' dates and evidence: filtered once the figures are known.
        rows = [row for row in selectors.figures_for(list(found), public=True) if _at_stage(row, wanted["stage"])]
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        page_rows = list(page)
    else:
        page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
        page_rows = selectors.figures_for(list(page), public=True)
    return render(
        request,
        "investments/public/list.html",
        {
            "form": form,
            "filtered": bool(wanted["q"] or wanted["stage"]),
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "rows": _with_physical(page_rows),
        },
    )


def investment_map(request):
    investments = list(selectors.published_investments().order_by("code"))
    rows = selectors.figures_for(investments, public=True)
    points = publicmap.map_points([row.investment for row in rows])
    numbers = {point.item.pk: point.number for point in points}
    for row in rows:
        row.map_number = numbers.get(row.investment.pk)
    return render(
        request,
        "investments/public/map.html",
        {
            "rows": rows,
            "points": points,
            "width": publicmap.WIDTH,
            "height": publicmap.HEIGHT,
            "unlocated": [row for row in rows if row.map_number is None],
        },
    )


def _published_or_404(code):
    return get_object_or_404(selectors.published_investments().select_related("department", "parent"), code=code)


def investment_detail(request, code):
    investment = _published_or_404(code)
    figures = selectors.investment_figures(investment, public=True)
    parent = investment.parent if investment.parent_id and investment.parent.published else None
    following = (
        request.user.is_authenticated
        and Follower.objects.filter(investment=investment, user_id=request.user.pk).exists()
    )
    osm_url = None
    if investment.latitude is not None and investment.longitude is not None:
        osm_url = publicmap.openstreetmap_url(investment.latitude, investment.longitude)
    return render(
        request,
        "investments/public/detail.html",
        {
            "investment": investment,
            "figures": figures,
            "totals": figures.totals,
            "physical": physical_progress(figures),
            "physical_weighted": figures.weighted_physical is not None,
            "parent": parent,
            "following": following,
            "osm_url": osm_url,
        },
    )


def _follow_step(request, code, step, done):
    investment = _published_or_404(code)
    page = reverse("investments_public:detail", kwargs={"code": investment.code})
    if not request.user.is_authenticated:
        return redirect_to_login(page)
    try:
        step(request.user, investment)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, done % {"title": investment.tr.title})
    return redirect(page)


@require_POST
def follow(request, code):
    done = gettext_lazy("You follow “%(title)s”. We will e-mail you when one of its stages is done.")
    return _follow_step(request, code, workflow.follow, done)


@require_POST
def unfollow(request, code):
    return _follow_step(request, code, workflow.unfollow, gettext_lazy("You no longer follow “%(title)s”."))
