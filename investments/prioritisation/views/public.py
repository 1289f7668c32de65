"""The citizens' pages of the prioritisation rounds: the list of public rounds (locked or later, never a draft) and a
round's page: its method and the link to the frozen methodology page, the eligible candidates, and during the
consultation the signed-in citizen's approval ballot and comments; once published, the ranking read from the frozen
result alone (`round.result`), so that no later change of an investment moves what was published.

The tally is not shown while the consultation is open, so as not to sway the voters."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from services import calendar

from ...models import Candidate, Criterion, Round
from .. import methodology, roles, selectors, workflow
from ..public_forms import BallotForm, CommentForm

State = Round.State


def _public_round_or_404(pk):
    return get_object_or_404(selectors.public_rounds(), pk=pk)


def _detail_url(round):
    return reverse("prioritisation_public:round_detail", kwargs={"pk": round.pk})


def round_list(request):
    return render(
        request, "investments/prioritisation/public/round_list.html", {"rounds": list(selectors.public_rounds())}
    )


@dataclass
class Entry:
    """A candidate as the page shows it, from the live rows or, once published, from the frozen result."""

    pk: int
    code: str
    title: object  # a string, or {"ro", "hu", "en"} from the frozen result
    cost_bani: int | None = None
    department: object = None
    public_code: str | None = None  # the investment's public page, when the investment is published
    comments: list = field(default_factory=list)
    form: CommentForm | None = None
    votes: int | None = None
    candidate: Candidate | None = None


def _consultation_over(round):
    if round.reached(State.CONSOLIDATION):
        return True
    return round.state == State.CONSULTATION and bool(
        round.consultation_closes and calendar.today() > round.consultation_closes
    )


def _viewer(user):
    if roles.may_vote(user):
        return "citizen"
    if user.is_authenticated and user.is_staff:
        return "staff"
    return "anonymous" if not user.is_authenticated else "other"


def _ranking_rows(result):
    """The frozen ranking's rows with the change of rank the citizens' criterion made (positive: up)."""
    rows = []
    for row in result.get("ranking", []):
        shown = dict(row)
        if row.get("expert_rank") is not None:
            shown["rank_change"] = row["expert_rank"] - row["rank"]
        rows.append(shown)
    return rows


def _sensitivity(result):
    """The scenarios of the frozen sensitivity view, each with its swaps in words' pieces: (above now, was above)."""
    sensitivity = result.get("sensitivity") or {}
    scenarios = []
    for scenario in sensitivity.get("scenarios", []):
        shown = dict(scenario)
        shown["moves"] = [dict(m, change=m["base_rank"] - m["rank"]) for m in scenario.get("moves", [])]
        shown["swaps"] = [{"up": b, "down": a} for a, b in scenario.get("swaps", [])]
        scenarios.append(shown)
    return {"largest_move": sensitivity.get("largest_move", 0), "scenarios": scenarios}


def _render_detail(request, round, *, bound_comment=None):
    method = round.methodology or {}
    criteria = method.get("criteria", [])
    citizens = any(c.get("source") == Criterion.Source.CITIZEN for c in criteria)
    published = round.state == State.PUBLISHED and round.result is not None
    consultation_open = workflow.consultation_open(round)
    viewer = _viewer(request.user)
    comments = selectors.comments_of(round) if citizens and round.reached(State.CONSULTATION) else {}
    may_comment = consultation_open and viewer == "citizen"

    entries = []
    if published:
        for row in round.result.get("ranking", []):
            entries.append(
                Entry(
                    row["candidate"],
                    row["code"],
                    row["title"],
                    public_code=row["code"] if row.get("published_investment") else None,
                    comments=comments.get(row["candidate"], []),
                    votes=row.get("votes"),
                )
            )
    else:
        for candidate in selectors.candidates_of(round, eligible_only=True):
            investment = candidate.investment
            form = None
            if may_comment:
                form = bound_comment if bound_comment and bound_comment.candidate.pk == candidate.pk else None
                form = form or CommentForm(candidate=candidate)
            entries.append(
                Entry(
                    candidate.pk,
                    investment.code,
                    investment.tr.title,
                    cost_bani=candidate.cost_bani,
                    department=investment.department,
                    public_code=investment.code if investment.published else None,
                    comments=comments.get(candidate.pk, []),
                    form=form,
                    candidate=candidate,
                )
            )

    ballot_form = None
    if consultation_open and viewer == "citizen":
        ballot = selectors.ballot_of(request.user, round)
        chosen = [str(c.pk) for c in ballot.candidates.all()] if ballot else []
        ballot_form = BallotForm(
            initial={"candidates": chosen},
            candidates=[e.candidate for e in entries],
            limit=round.votes_per_citizen,
        )

    votes = None
    if citizens and not published and _consultation_over(round):
        votes = selectors.tally(round)
        for entry in entries:
            entry.votes = votes.get(entry.pk, 0)

    context = {
        "round": round,
        "method": method,
        "criteria": criteria,
        "citizens": citizens,
        "methodology_url": methodology.page_url(round, get_language(), request),
        "consultation_open": consultation_open,
        "consultation_over": _consultation_over(round),
        "viewer": viewer,
        "entries": entries,
        "ballot_form": ballot_form,
        "show_votes": votes is not None,
        "bound_comment": bound_comment,
        "published": published,
    }
    if published:
        result = round.result
        context |= {
            "result": result,
            "ranking_rows": _ranking_rows(result),
            "side_by_side": any(r.get("expert_rank") is not None for r in result.get("ranking", [])),
            "sensitivity": _sensitivity(result),
        }
    return render(request, "investments/prioritisation/public/round_detail.html", context)


def round_detail(request, pk):
    return _render_detail(request, _public_round_or_404(pk))


def _citizen_or_refuse(request, round):
    """None for a citizen who may take part; the sign-in redirect for a visitor; 403 for staff."""
    if not request.user.is_authenticated:
        return redirect_to_login(_detail_url(round))
    if not roles.may_vote(request.user):
        raise PermissionDenied
    return None


@require_POST
def vote(request, pk):
    round = _public_round_or_404(pk)
    refusal = _citizen_or_refuse(request, round)
    if refusal is not None:
        return refusal
    form = BallotForm(
        request.POST,
        candidates=selectors.candidates_of(round, eligible_only=True),
        limit=round.votes_per_citizen,
    )
    if not form.is_valid():
        for error in form.errors.get("candidates", []):
            messages.error(request, error)
        return redirect(_detail_url(round) + "#ballot")
    try:
        ballot = workflow.cast_ballot(request.user, round, form.chosen())
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
        return redirect(_detail_url(round) + "#ballot")
    count = ballot.candidates.count()
    messages.success(
        request,
        ngettext(
            "Your vote is recorded: you support %(count)s project.",
            "Your vote is recorded: you support %(count)s projects.",
            count,
        )
        % {"count": count},
    )
    return redirect(_detail_url(round) + "#ballot")


@require_POST
def comment(request, pk, candidate_pk):
    round = _public_round_or_404(pk)
    candidate = get_object_or_404(
        Candidate.objects.select_related("investment", "round"), pk=candidate_pk, round=round
    )
    refusal = _citizen_or_refuse(request, round)
    if refusal is not None:
        return refusal
    form = CommentForm(request.POST, candidate=candidate)
    form.is_valid()  # the text is optional for the form: the workflow says what is wrong with it
    try:
        workflow.comment(request.user, candidate, form.cleaned_data.get("text", ""))
    except ValidationError as refused:
        for error in refused.error_list:
            form.add_error("text", error)
        if not workflow.consultation_open(round):
            # No form is shown outside the consultation: say why on the page itself.
            for message in refused.messages:
                messages.error(request, message)
            return redirect(_detail_url(round))
        return _render_detail(request, round, bound_comment=form)
    messages.success(request, _("Your comment is published."))
    return redirect(_detail_url(round) + f"#comments-{candidate.pk}")
