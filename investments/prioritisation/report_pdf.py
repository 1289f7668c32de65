"""The ranking's PDF documents, in the active language: the round's report and one candidate's project sheet ("Fișa
proiectului", in the shape of the annexes of HG 907/2016). Drawn by WeasyPrint from templates that use only the
fonts installed on the server and load nothing from the network (as `quality.caf_report`)."""

from __future__ import annotations

from django.db.models import Count
from django.template.loader import render_to_string

from portal.models import InstitutionSettings
from services import calendar

from ..models import Conflict, Stage
from .result_view import Missing

REPORT_TEMPLATE = "investments/prioritisation/pdf/report.html"
SHEET_TEMPLATE = "investments/prioritisation/pdf/project_sheet.html"


def _write(html) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def report_context(round, view):
    return {
        "round": round,
        "view": None if isinstance(view, Missing) else view,
        "missing": view.missing if isinstance(view, Missing) else [],
        "institution": InstitutionSettings.load(),
        "today": calendar.today(),
    }


def render_report(round, view) -> bytes:
    return _write(render_to_string(REPORT_TEMPLATE, report_context(round, view)))


def sheet_context(round, candidate, view):
    investment = candidate.investment
    feasibility = Stage.objects.filter(investment=investment, kind=Stage.Kind.FEASIBILITY).first()
    ranked = None if isinstance(view, Missing) else view
    return {
        "round": round,
        "candidate": candidate,
        "investment": investment,
        "funding_sources": list(investment.funding_sources.all()),
        "feasibility": feasibility,
        "view": ranked,
        "row": ranked.row_of(candidate.pk) if ranked else None,
        "evaluators": round.evaluators.count(),
        "scored_by": candidate.sheets.filter(submitted_at__isnull=False).aggregate(n=Count("pk"))["n"],
        "conflicts": Conflict.objects.filter(candidate=candidate).count(),
        "institution": InstitutionSettings.load(),
        "today": calendar.today(),
    }


def render_project_sheet(round, candidate, view) -> bytes:
    return _write(render_to_string(SHEET_TEMPLATE, sheet_context(round, candidate, view)))


def report_file_name(round):
    return f"raport-prioritizare-{round.year}-{round.pk}.pdf"


def sheet_file_name(candidate):
    return f"fisa-proiect-{candidate.investment.code}.pdf"
