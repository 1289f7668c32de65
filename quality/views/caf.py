"""The CAF self-assessment's pages: the exercises, an exercise, its group, a member's assessment of one sub-criterion,
the consensus table and its forms, the minutes. Thin: each POST is one call of quality.caf."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from services import calendar

from .. import caf, caf_scoring, selectors
from ..caf_forms import (
    ConsensusForm,
    EvidenceForm,
    ExerciseForm,
    IndividualForm,
    MembersForm,
    MinutesForm,
    apply_refusal,
)
from ..models import IndividualScore, ScoreEvidence, SelfAssessment
from .guards import error_text, staff_required

Status = SelfAssessment.Status


def _in_language(texts):
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return texts.get(language) or texts.get(settings.LANGUAGE_CODE) or next(iter(texts.values()), "")


def _levels(panel, criterion):
    """The panel's guidance from quality.caf_reference, in the reader's language: ("0–10", description) per level,
    and for the fine-tuned panel what each phase means. Nothing when the reference module is not there."""
    try:
        from .. import caf_reference
    except ImportError:
        return {"phases": [], "levels": []}
    if panel == SelfAssessment.Panel.FINE_TUNED:
        phases = getattr(caf_reference, "FINE_TUNED_PHASES", ())
        levels = getattr(caf_reference, "FINE_TUNED_LEVELS", ())
    else:
        phases = ()
        name = "CLASSICAL_RESULTS" if criterion.kind == "result" else "CLASSICAL_ENABLERS"
        levels = getattr(caf_reference, name, ())
    return {
        "phases": [(_in_language(p["title"]), _in_language(p["description"])) for p in phases],
        "levels": [(f"{level['low']}–{level['high']}", _in_language(level["description"])) for level in levels],
    }


def _exercise_or_404(pk, user):
    assessment = get_object_or_404(SelfAssessment.objects.select_related("model", "department", "leader"), pk=pk)
    if not caf.may_see(user, assessment):
        raise PermissionDenied
    return assessment


def _leader_only(assessment, user):
    if not caf.is_leader(user, assessment):
        raise PermissionDenied


def _nav(request):
    return {"is_manager": selectors.is_manager(request.user), "is_head": selectors.is_head(request.user)}


@staff_required
def exercises(request):
    return render(
        request,
        "quality/caf/exercises.html",
        {"exercises": list(caf.exercises_for(request.user)), "may_lead": caf.may_lead(request.user), **_nav(request)},
    )


@staff_required
def new_exercise(request):
    if not caf.may_lead(request.user):
        raise PermissionDenied
    form = ExerciseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = caf.create_exercise(by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            apply_refusal(form, error)
        else:
            messages.success(request, _("The self-assessment was opened: now name its group."))
            return redirect("quality:caf_members", pk=assessment.pk)
    return render(request, "quality/caf/new.html", {"form": form, **_nav(request)}, status=400 if form.errors else 200)


@staff_required
def exercise(request, pk):
    assessment = _exercise_or_404(pk, request.user)
    members = list(assessment.members.select_related("person"))
    own = next((m for m in members if m.person_id == request.user.pk), None)
    subcriteria = caf.subcriteria_of(assessment.model_id)
    progress = []
    if own is not None:
        entries = {e.subcriterion_id: e for e in own.scores.all()}
        progress = [(s, caf.is_answered(assessment.panel, entries.get(s.pk))) for s in subcriteria]
    return render(
        request,
        "quality/caf/exercise.html",
        {
            "assessment": assessment,
            "members": members,
            "own": own,
            "progress": progress,
            "answered": sum(1 for _s, done in progress if done),
            "is_leader": caf.is_leader(request.user, assessment),
            "may_see_consensus": caf.may_see_consensus(request.user, assessment),
            "today": calendar.today(),
            **_nav(request),
        },
    )


@staff_required
def members(request, pk):
    assessment = _exercise_or_404(pk, request.user)
    _leader_only(assessment, request.user)
    initial = {"people": [m.person_id for m in assessment.members.all()], "panel": assessment.panel}
    form = MembersForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["panel"] != assessment.panel:
                caf.change_panel(assessment, by=request.user, panel=form.cleaned_data["panel"])
            caf.set_members(assessment, by=request.user, people=form.cleaned_data["people"])
        except (ValidationError, PermissionDenied) as error:
            apply_refusal(form, error)
        else:
            messages.success(request, _("The group and the panel were saved."))
            return redirect("quality:caf_exercise", pk=assessment.pk)
    return render(
        request,
        "quality/caf/members.html",
        {"assessment": assessment, "form": form, **_nav(request)},
        status=400 if form.errors else 200,
    )


@require_POST
@staff_required
def start(request, pk):
    """The leader's next "start": individual work from preparation, the consensus from individual work."""
    assessment = _exercise_or_404(pk, request.user)
    _leader_only(assessment, request.user)
    try:
        if assessment.status == Status.PREPARATION:
            caf.start_individual_work(assessment, by=request.user)
            messages.success(request, _("Individual work has started; the scoring panel is locked."))
        else:
            caf.start_consensus(assessment, by=request.user)
            messages.success(request, _("The consensus has started."))
            return redirect("quality:caf_consensus", pk=assessment.pk)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    return redirect("quality:caf_exercise", pk=assessment.pk)


def _neighbours(subcriteria, current):
    index = next(i for i, s in enumerate(subcriteria) if s.pk == current.pk)
    previous = subcriteria[index - 1] if index > 0 else None
    following = subcriteria[index + 1] if index + 1 < len(subcriteria) else None
    return previous, following


def _save_individual(request, own, subcriterion, assessment):
    form = IndividualForm(request.POST, panel=assessment.panel)
    if form.is_valid():
        data = form.cleaned_data
        scores = form.scores()
        try:
            caf.save_individual(
                own,
                subcriterion,
                by=request.user,
                strengths=data["strengths"],
                areas=data["areas"],
                suggestions=data["suggestions"],
                dont_know=data["dont_know"],
                score=scores["score"],
                plan=scores["plan"],
                do=scores["do"],
                check=scores["check"],
                act=scores["act"],
            )
        except (ValidationError, PermissionDenied) as error:
            apply_refusal(form, error)
    return form


def _add_evidence(request, entry):
    form = EvidenceForm(request.POST, request.FILES, prefix="evidence")
    if form.is_valid():
        data = form.cleaned_data
        try:
            caf.add_evidence(
                entry,
                by=request.user,
                kind=data["kind"],
                procedure=data["procedure"],
                indicator=data["indicator"],
                file=data["file"],
                link=data["link"],
                note=data["note"],
            )
        except (ValidationError, PermissionDenied) as error:
            apply_refusal(form, error)
    return form


@staff_required
def score(request, pk, code):
    """One sub-criterion for the member: the framework's texts, their form (or their submitted answer), their
    evidence, and — once they have submitted — what the others submitted."""
    assessment = _exercise_or_404(pk, request.user)
    own = caf.membership(request.user, assessment)
    if own is None:
        raise PermissionDenied
    subcriteria = caf.subcriteria_of(assessment.model_id)
    subcriterion = next((s for s in subcriteria if s.code == code), None)
    if subcriterion is None:
        raise Http404(_("No such sub-criterion in this CAF edition."))
    editable = assessment.status == Status.INDIVIDUAL and own.submitted_at is None
    entry = IndividualScore.objects.filter(member=own, subcriterion=subcriterion).first()
    form = IndividualForm(initial=IndividualForm.initial_of(entry), panel=assessment.panel)
    evidence_form = EvidenceForm(prefix="evidence")
    if request.method == "POST":
        if not editable:
            messages.error(request, _("Your assessment can no longer change."))
            return redirect("quality:caf_score", pk=pk, code=code)
        if "remove_evidence" in request.POST:
            evidence = ScoreEvidence.objects.filter(pk=request.POST["remove_evidence"], score__member=own).first()
            if evidence is not None:
                caf.remove_evidence(evidence, by=request.user)
                messages.success(request, _("The evidence was removed."))
            return redirect("quality:caf_score", pk=pk, code=code)
        if "add_evidence" in request.POST:
            if entry is None:
                entry = caf.save_individual(own, subcriterion, by=request.user)
            evidence_form = _add_evidence(request, entry)
            if not evidence_form.errors:
                messages.success(request, _("The evidence was added."))
                return redirect("quality:caf_score", pk=pk, code=code)
        else:
            form = _save_individual(request, own, subcriterion, assessment)
            if not form.errors:
                messages.success(request, _("Your assessment of %(code)s was saved.") % {"code": subcriterion.code})
                _previous, following = _neighbours(subcriteria, subcriterion)
                if "save_next" in request.POST and following is not None:
                    return redirect("quality:caf_score", pk=pk, code=following.code)
                return redirect("quality:caf_score", pk=pk, code=code)
    previous, following = _neighbours(subcriteria, subcriterion)
    failed = form.errors or evidence_form.errors
    return render(
        request,
        "quality/caf/score.html",
        {
            "assessment": assessment,
            "own": own,
            "subcriterion": subcriterion,
            "entry": entry,
            "entry_score": caf_scoring.subcriterion_score(assessment.panel, entry) if entry else None,
            "evidence": _evidence_rows(entry),
            "form": form,
            "evidence_form": evidence_form,
            "editable": editable,
            "levels": _levels(assessment.panel, subcriterion.criterion),
            "previous": previous,
            "following": following,
            "others": caf.others_submitted_work(request.user, assessment, subcriterion),
            **_nav(request),
        },
        status=400 if failed else 200,
    )


def _evidence_rows(entry):
    """(evidence, label of its indicator) of the member's entry."""
    if entry is None:
        return []
    return [(e, caf.CATALOGUE.get(e.indicator, "")) for e in entry.evidence.select_related("procedure")]


@require_POST
@staff_required
def submit(request, pk):
    assessment = _exercise_or_404(pk, request.user)
    own = caf.membership(request.user, assessment)
    if own is None:
        raise PermissionDenied
    try:
        caf.submit(own, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Your assessment was submitted. You can now read the others' submitted work."))
    return redirect("quality:caf_exercise", pk=assessment.pk)


def _consensus_page(request, assessment, *, failed=None, status=200):
    table = caf.consensus_table(assessment)
    recording = assessment.status == Status.CONSENSUS
    rows = []
    for block in table.criteria:
        for row in block.rows:
            code = row.subcriterion.code
            if failed is not None and failed[0] == code:
                form = failed[1]
            elif recording:
                form = ConsensusForm(initial=ConsensusForm.initial_of(row), panel=assessment.panel, prefix=code)
            else:
                form = None
            rows.append((block, row, form))
    return render(
        request,
        "quality/caf/consensus.html",
        {
            "assessment": assessment,
            "table": table,
            "rows": rows,
            "recording": recording,
            "failed_form": failed[1] if failed else None,
            "wide_spread": caf_scoring.WIDE_SPREAD,
            **_nav(request),
        },
        status=status,
    )


@staff_required
def consensus(request, pk):
    """The leader's table: the submitted scores and their figures per sub-criterion; during the consensus, a form per
    sub-criterion to record the agreed score."""
    assessment = _exercise_or_404(pk, request.user)
    if not caf.may_see_consensus(request.user, assessment):
        raise PermissionDenied
    if request.method != "POST":
        return _consensus_page(request, assessment)
    code = request.POST.get("subcriterion", "")
    subcriterion = next((s for s in caf.subcriteria_of(assessment.model_id) if s.code == code), None)
    if subcriterion is None:
        raise Http404(_("No such sub-criterion in this CAF edition."))
    form = ConsensusForm(request.POST, panel=assessment.panel, prefix=code)
    if form.is_valid():
        data, scores = form.cleaned_data, form.scores()
        try:
            caf.record_consensus(
                assessment,
                subcriterion,
                by=request.user,
                score=scores["score"],
                plan=scores["plan"],
                do=scores["do"],
                check=scores["check"],
                act=scores["act"],
                rationale=data["rationale"],
                strengths=data["strengths"],
                areas=data["areas"],
            )
        except (ValidationError, PermissionDenied) as error:
            apply_refusal(form, error)
        else:
            messages.success(request, _("The consensus on %(code)s was recorded.") % {"code": code})
            return redirect(f"{request.path}#sub-{code}")
    return _consensus_page(request, assessment, failed=(code, form), status=400)


@staff_required
def minutes(request, pk):
    assessment = _exercise_or_404(pk, request.user)
    _leader_only(assessment, request.user)
    initial = {"held_on": assessment.consensus_held_on or calendar.today(), "minutes": assessment.minutes}
    form = MinutesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            caf.record_minutes(assessment, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            apply_refusal(form, error)
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect("quality:caf_exercise", pk=assessment.pk)
    return render(
        request,
        "quality/caf/minutes.html",
        {"assessment": assessment, "form": form, **_nav(request)},
        status=400 if form.errors else 200,
    )


@require_POST
@staff_required
def finish(request, pk):
    assessment = _exercise_or_404(pk, request.user)
    _leader_only(assessment, request.user)
    try:
        caf.finish_consensus(assessment, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
        return redirect("quality:caf_consensus", pk=assessment.pk)
    messages.success(request, _("The consensus is finished: the improvement plan can be drawn up."))
    return redirect("quality:caf_exercise", pk=assessment.pk)
