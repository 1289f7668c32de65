"""The ranking of a round: the staff page (each candidate's score with each criterion's contribution, the funding
line, the expert-only ranking beside the combined one, the sensitivity to the weights), its downloads (the score
matrix, the PDF report, a project sheet per candidate) and the public open data of a published round.

Everything reads `result_view.ranking_view`: the frozen snapshot of a published round, the ranking computed now
otherwise (marked provisional)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from portal.spreadsheets import csv_download
from services import officecheck

from ...models import Round
from .. import exports, report_pdf, roles
from ..result_view import Missing, ranking_view
from .guards import candidate_of, results_round_or_404, rounds_user_required


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _may_read_every_score(user):
    return roles.may_manage(user) or roles.may_agree_scores(user)


@rounds_user_required
def ranking(request, pk):
    round = results_round_or_404(request.user, pk)
    view = ranking_view(round)
    missing = view.missing if isinstance(view, Missing) else []
    view = None if isinstance(view, Missing) else view
    return render(
        request,
        "investments/prioritisation/staff/ranking.html",
        {
            "round": round,
            "view": view,
            "missing": missing,
            "published": round.state == Round.State.PUBLISHED,
            "current": "ranking",
        },
    )


@rounds_user_required
def export_matrix(request, pk):
    round = results_round_or_404(request.user, pk)
    view = ranking_view(round)
    missing = view.missing if isinstance(view, Missing) else []
    view = None if isinstance(view, Missing) else view
    evaluators = exports.evaluator_rows(round) if _may_read_every_score(request.user) else None
    content = exports.render_xlsx(
        view,
        round=round,
        evaluators=evaluators,
        consolidation=exports.consolidation_rows(round) if round.reached(Round.State.SCORING) else (),
        missing=missing,
    )
    return _download(content, officecheck.XLSX, f"matrice-prioritizare-{round.year}-{round.pk}.xlsx")


@rounds_user_required
def export_report(request, pk):
    round = results_round_or_404(request.user, pk)
    pdf = report_pdf.render_report(round, ranking_view(round))
    return _download(pdf, "application/pdf", report_pdf.report_file_name(round))


@rounds_user_required
def project_sheet(request, pk, candidate_pk):
    round = results_round_or_404(request.user, pk)
    candidate = candidate_of(round, candidate_pk)
    pdf = report_pdf.render_project_sheet(round, candidate, ranking_view(round))
    return _download(pdf, "application/pdf", report_pdf.sheet_file_name(candidate))


def opendata_csv(request, pk):
    """The published ranking as open data, from the frozen snapshot only; nothing before publication."""
    round = Round.objects.filter(pk=pk, state=Round.State.PUBLISHED).first()
    if round is None or not round.result:
        raise Http404(_("No published ranking here."))
    view = ranking_view(round, language=exports.DATA_LANGUAGE)
    response, writer = csv_download(f"clasament-prioritizare-{round.year}-{round.pk}.csv")
    writer.writerow(exports.csv_header(view))
    writer.writerows(exports.csv_rows(view))
    return response
