"""The CAF self-assessment report: its figures, a radar chart of the nine criteria, and the PDF and XLSX made of them.

One `report_data` feeds the page, the PDF and the spreadsheet, so the three never disagree. The report may be asked
for without individual names (to publish it, or to hand it to people outside the group): then the members are
"Member 1, 2…", the leader, the people responsible for actions and the minutes (which name who said what) are left
out, and nothing else changes. Individual scores count only once their member submitted them, as in the consensus.
"""

import datetime
import io
import math
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.models import InstitutionSettings
from portal.spreadsheets import neutralised
from services import calendar

from . import caf_scoring
from .caf_plan import PlanArea, PlanProgress, plan, plan_progress
from .models import AssessmentMember, CafCriterion, ConsensusScore, IndividualScore, SelfAssessment

CRITERIA = range(1, 10)  # the CAF's nine criteria: 1–5 enablers, 6–9 results
PDF_TEMPLATE = "quality/caf_report/report_pdf.html"


# --- the figures -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubcriterionRow:
    code: str
    title: str
    score: float | None
    phases: tuple | None  # (plan, do, check, act) of the fine-tuned panel's consensus
    rationale: str
    strengths: list[str]
    areas: list[str]


@dataclass(frozen=True)
class CriterionRow:
    number: int
    title: str
    kind: str
    score: float | None
    subcriteria: list[SubcriterionRow]

    @property
    def is_enabler(self) -> bool:
        return self.kind == CafCriterion.Kind.ENABLER


@dataclass(frozen=True)
class MemberRow:
    label: str
    submitted_at: datetime.datetime | None


@dataclass(frozen=True)
class Cell:
    """A member's score of a sub-criterion: a number, "don't know", or nothing given."""

    score: float | None
    dont_know: bool = False


@dataclass(frozen=True)
class IndividualRow:
    code: str
    title: str
    cells: list[Cell]


@dataclass(frozen=True)
class ComparisonRow:
    number: int
    title: str
    previous: float | None
    current: float | None

    @property
    def change(self) -> float | None:
        return change(self.previous, self.current)


@dataclass(frozen=True)
class Method:
    edition: str
    panel: str
    scope: str
    status: str
    leader: str | None
    individual_deadline: datetime.date
    consensus_deadline: datetime.date
    consensus_held_on: datetime.date | None
    panel_locked_at: datetime.datetime | None
    minutes: str | None


@dataclass(frozen=True)
class Report:
    assessment: SelfAssessment
    with_names: bool
    method: Method
    members: list[MemberRow]
    criteria: list[CriterionRow]
    totals: caf_scoring.Totals
    individual_members: list[str]
    individual: list[IndividualRow]
    plan: list[PlanArea]
    progress: PlanProgress
    previous: SelfAssessment | None = None
    previous_totals: caf_scoring.Totals | None = None
    comparison: list[ComparisonRow] = field(default_factory=list)

    @property
    def criteria_scores(self) -> dict[int, float | None]:
        return {row.number: row.score for row in self.criteria}

    @property
    def previous_scores(self) -> dict[int, float | None] | None:
        if self.previous is None:
            return None
        return {row.number: row.previous for row in self.comparison}

    @property
    def fine_tuned(self) -> bool:
        return self.assessment.panel == SelfAssessment.Panel.FINE_TUNED


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _framework(assessment):
    """The edition's criteria, each with its sub-criteria in the framework's order (two queries)."""
    criteria = CafCriterion.objects.filter(model_id=assessment.model_id).prefetch_related("subcriteria")
    return [(criterion, sorted(criterion.subcriteria.all(), key=lambda s: s.position)) for criterion in criteria]


def criteria_of(assessment: SelfAssessment, framework=None) -> list[CriterionRow]:
    """The consensus scores of the exercise per sub-criterion, and per criterion their mean (caf_scoring)."""
    consensus = {c.subcriterion_id: c for c in ConsensusScore.objects.filter(assessment=assessment)}
    fine_tuned = assessment.panel == SelfAssessment.Panel.FINE_TUNED
    rows = []
    for criterion, subcriteria in framework or _framework(assessment):
        subrows = []
        for sub in subcriteria:
            agreed = consensus.get(sub.pk)
            if agreed is None:
                subrows.append(SubcriterionRow(sub.code, sub.tr.title, None, None, "", [], []))
                continue
            phases = (agreed.score_plan, agreed.score_do, agreed.score_check, agreed.score_act) if fine_tuned else None
            subrows.append(
                SubcriterionRow(
                    code=sub.code,
                    title=sub.tr.title,
                    score=caf_scoring.subcriterion_score(assessment.panel, agreed),
                    phases=phases,
                    rationale=agreed.rationale,
                    strengths=_lines(agreed.strengths),
                    areas=_lines(agreed.areas),
                )
            )
        rows.append(
            CriterionRow(
                number=criterion.number,
                title=criterion.tr.title,
                kind=criterion.kind,
                score=caf_scoring.criterion_score(row.score for row in subrows),
                subcriteria=subrows,
            )
        )
    return rows


def _totals(criteria):
    return caf_scoring.totals((row.kind, row.score) for row in criteria)


def change(previous: float | None, current: float | None) -> float | None:
    if previous is None or current is None:
        return None
    return caf_scoring.rounded(current - previous)


def _member_label(member, index, with_names):
    if with_names:
        return member.person.display_name
    return _("Member %(number)d") % {"number": index}


def _individual(assessment, members, labels, framework):
    """Sub-criteria down, submitted members across; a member's work counts only once submitted."""
    submitted = [(m, label) for m, label in zip(members, labels, strict=True) if m.submitted_at is not None]
    scores = {
        (s.member_id, s.subcriterion_id): s
        for s in IndividualScore.objects.filter(member__in=[m for m, _label in submitted])
    }
    rows = []
    for _criterion, subcriteria in framework:
        for sub in subcriteria:
            cells = []
            for member, _label in submitted:
                given = scores.get((member.pk, sub.pk))
                if given is None:
                    cells.append(Cell(score=None))
                elif given.dont_know:
                    cells.append(Cell(score=None, dont_know=True))
                else:
                    cells.append(Cell(score=caf_scoring.subcriterion_score(assessment.panel, given)))
            rows.append(IndividualRow(code=sub.code, title=sub.tr.title, cells=cells))
    return [label for _m, label in submitted], rows


def report_data(assessment: SelfAssessment, *, with_names: bool = True) -> Report:
    """Everything the report shows: method, group, consensus scores per sub-criterion and criterion with the totals,
    the individual scores, strengths and areas, the plan, and the comparison with the previous exercise."""
    assessment = SelfAssessment.objects.select_related("model", "department", "leader", "previous").get(
        pk=assessment.pk
    )
    members = list(AssessmentMember.objects.filter(assessment=assessment).select_related("person").order_by("pk"))
    labels = [_member_label(member, index, with_names) for index, member in enumerate(members, start=1)]
    framework = _framework(assessment)
    criteria = criteria_of(assessment, framework)
    individual_members, individual = _individual(assessment, members, labels, framework)
    previous = assessment.previous
    comparison, previous_totals = [], None
    if previous is not None:
        # Editions may differ; the nine criteria keep their numbers from one edition to the next.
        earlier = criteria_of(previous)
        earlier_scores = {row.number: row.score for row in earlier}
        comparison = [
            ComparisonRow(
                number=row.number, title=row.title, previous=earlier_scores.get(row.number), current=row.score
            )
            for row in criteria
        ]
        previous_totals = _totals(earlier)
    return Report(
        assessment=assessment,
        with_names=with_names,
        method=Method(
            edition=assessment.model.edition,
            panel=assessment.get_panel_display(),
            scope=assessment.department.tr.name if assessment.department_id else _("the whole institution"),
            status=assessment.get_status_display(),
            leader=assessment.leader.display_name if with_names else None,
            individual_deadline=assessment.individual_deadline,
            consensus_deadline=assessment.consensus_deadline,
            consensus_held_on=assessment.consensus_held_on,
            panel_locked_at=assessment.panel_locked_at,
            minutes=assessment.minutes if with_names else None,
        ),
        members=[
            MemberRow(label=label, submitted_at=m.submitted_at) for m, label in zip(members, labels, strict=True)
        ],
        criteria=criteria,
        totals=_totals(criteria),
        individual_members=individual_members,
        individual=individual,
        plan=plan(assessment),
        progress=plan_progress(assessment),
        previous=previous,
        previous_totals=previous_totals,
        comparison=comparison,
    )


# --- the radar chart -------------------------------------------------------------------------------------------------

SIZE = 360
CENTRE = SIZE / 2
RADIUS = 130
LEGEND_TOP = SIZE + 8
RINGS = (20, 40, 60, 80, 100)


def _point(index, score):
    """Axis `index` (0 at the top, clockwise), `score` 0–100 along it; a missing score sits at the centre."""
    angle = -math.pi / 2 + 2 * math.pi * index / len(CRITERIA)
    distance = RADIUS * max(0.0, min(float(score or 0), 100.0)) / 100
    return CENTRE + distance * math.cos(angle), CENTRE + distance * math.sin(angle)


def _polygon(scores, css_class):
    points = " ".join("{:.1f},{:.1f}".format(*_point(i, scores.get(n))) for i, n in enumerate(CRITERIA))
    return f'<polygon class="{css_class}" points="{points}"/>'


def radar_svg(criteria_scores, previous=None, *, element_id="caf-radar") -> str:
    """The nine criteria's scores as a radar chart in inline SVG (no script): one axis per criterion labelled "1"
    to "9", rings every 20 points, one polygon for this exercise and one, dashed, for the previous when given, and a
    legend. It is an image with a <title> and <desc>; the page puts the same figures in a table beside it, which is
    what screen readers and the colour-blind read."""
    current = dict(criteria_scores)
    earlier = dict(previous) if previous is not None else None
    title = escape(_("Scores of the nine CAF criteria"))
    figures = "; ".join(
        _("criterion %(number)d: %(score)s") % {"number": n, "score": "—" if current.get(n) is None else current[n]}
        for n in CRITERIA
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="caf-radar" viewBox="0 0 {SIZE} {SIZE + 56}" '
        f'width="{SIZE}" height="{SIZE + 56}" role="img" aria-labelledby="{element_id}-title {element_id}-desc">',
        f'<title id="{element_id}-title">{title}</title>',
        f'<desc id="{element_id}-desc">{escape(figures)}</desc>',
    ]
    for ring in RINGS:
        parts.append(
            f'<circle class="radar-ring" cx="{CENTRE:.1f}" cy="{CENTRE:.1f}" r="{RADIUS * ring / 100:.1f}" '
            'fill="none" stroke="#b1b4b6" stroke-width="0.5"/>'
        )
    for index, number in enumerate(CRITERIA):
        x, y = _point(index, 100)
        label_x, label_y = _point(index, 112)
        parts.append(
            f'<line class="radar-axis" x1="{CENTRE:.1f}" y1="{CENTRE:.1f}" x2="{x:.1f}" y2="{y:.1f}" '
            'stroke="#505a5f" stroke-width="0.75"/>'
        )
        parts.append(
            f'<text class="radar-label" x="{label_x:.1f}" y="{label_y + 4:.1f}" text-anchor="middle" '
            f'font-size="13" font-weight="bold" fill="#0b0c0c">{number}</text>'
        )
    legend = [(_("This exercise"), "radar-current", "#1d70b8", "")]
    if earlier is not None:
        parts.append(
            _polygon(earlier, "radar-previous").replace(
                "/>", ' fill="none" stroke="#d4351c" stroke-width="2" stroke-dasharray="6 4"/>'
            )
        )
        legend.append((_("Previous exercise"), "radar-previous", "#d4351c", ' stroke-dasharray="6 4"'))
    parts.append(
        _polygon(current, "radar-current").replace(
            "/>", ' fill="#1d70b8" fill-opacity="0.25" stroke="#1d70b8" stroke-width="2"/>'
        )
    )
    for row, (text, css_class, colour, dash) in enumerate(legend):
        y = LEGEND_TOP + 20 * row
        parts.append(
            f'<line class="legend-{css_class}" x1="16" y1="{y + 8}" x2="44" y2="{y + 8}" stroke="{colour}" '
            f'stroke-width="3"{dash}/>'
        )
        parts.append(f'<text x="52" y="{y + 12}" font-size="12" fill="#0b0c0c">{escape(text)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text in it is escaped above


# --- the PDF ---------------------------------------------------------------------------------------------------------


def file_name(assessment: SelfAssessment, extension: str, *, with_names: bool) -> str:
    suffix = "" if with_names else "-anonim"
    return f"raport-caf-{assessment.pk}{suffix}.{extension}"


def render_pdf(assessment: SelfAssessment, *, with_names: bool, language: str) -> bytes:
    """The report as an A4 PDF in `language`, radar chart included (WeasyPrint draws inline SVG)."""
    from weasyprint import HTML

    with translation.override(language):
        report = report_data(assessment, with_names=with_names)
        html = render_to_string(
            PDF_TEMPLATE,
            {
                "report": report,
                "radar": radar_svg(report.criteria_scores, report.previous_scores),
                "rows": [(row, [(planned, None) for planned in row.actions]) for row in report.plan],
                "institution": InstitutionSettings.load(),
                "today": calendar.today(),
            },
        )
    return HTML(string=html).write_pdf()


# --- the XLSX --------------------------------------------------------------------------------------------------------


def _cell(value):
    """What a spreadsheet cell takes: text that could run as a formula neutralised, moments in local time (Excel
    knows no time zones), lists joined one per line."""
    if isinstance(value, Promise):  # a lazy translation, such as a choice's label
        value = str(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, (list, tuple)):
        return "\n".join(str(item) for item in value)
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralised(value)
    return value


def _sheet(workbook, title, header, rows):
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([_cell(str(cell)) for cell in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(value) for value in row])
    sheet.freeze_panes = "A2"
    return sheet


def _individual_value(cell):
    if cell.dont_know:
        return _("don't know")
    return cell.score


def render_xlsx(assessment: SelfAssessment, *, with_names: bool) -> bytes:
    """The report's raw data, one sheet per part, in the active language: method, group, individual scores,
    consensus, criteria, plan and comparison."""
    from openpyxl import Workbook

    report = report_data(assessment, with_names=with_names)
    method = report.method
    workbook = Workbook()
    workbook.remove(workbook.active)

    method_rows = [
        (_("Exercise"), report.assessment.title),
        (_("CAF edition"), method.edition),
        (_("Scoring panel"), method.panel),
        (_("Scope"), method.scope),
        (_("Status"), method.status),
        (_("Individual assessments due"), method.individual_deadline),
        (_("Consensus due"), method.consensus_deadline),
        (_("Consensus meeting held on"), method.consensus_held_on),
        (_("Members of the group"), len(report.members)),
    ]
    if with_names:
        method_rows.insert(5, (_("Leader"), method.leader))
        method_rows.append((_("Minutes of the consensus meeting"), method.minutes))
    _sheet(workbook, _("Method"), [_("Item"), _("Value")], method_rows)

    _sheet(
        workbook,
        _("Group"),
        [_("Member"), _("Submitted at")],
        [(member.label, member.submitted_at or _("not submitted")) for member in report.members],
    )
    _sheet(
        workbook,
        _("Individual scores"),
        [_("Sub-criterion"), _("Title"), *report.individual_members],
        [(row.code, row.title, *(_individual_value(cell) for cell in row.cells)) for row in report.individual],
    )
    phases = [pgettext("PDCA phase", w) for w in ("Plan", "Do", "Check", "Act")] if report.fine_tuned else []
    _sheet(
        workbook,
        _("Consensus"),
        [_("Criterion"), _("Sub-criterion"), _("Title"), _("Score"), *phases]
        + [_("Rationale"), _("Strengths"), _("Areas for improvement")],
        [
            (
                criterion.number,
                sub.code,
                sub.title,
                sub.score,
                *((sub.phases or (None,) * 4) if report.fine_tuned else ()),
                sub.rationale,
                sub.strengths,
                sub.areas,
            )
            for criterion in report.criteria
            for sub in criterion.subcriteria
        ],
    )
    totals = report.totals
    _sheet(
        workbook,
        _("Criteria"),
        [_("Criterion"), _("Title"), _("Kind"), _("Score")],
        [
            *((row.number, row.title, CafCriterion.Kind(row.kind).label, row.score) for row in report.criteria),
            ("", _("Enablers (criteria 1–5)"), "", totals.enablers),
            ("", _("Results (criteria 6–9)"), "", totals.results),
            ("", _("Overall"), "", totals.overall),
        ],
    )
    plan_header = [_("Sub-criterion"), _("Area for improvement"), _("Action"), _("Title"), _("Owner department")]
    if with_names:
        plan_header.append(_("Person responsible"))
    plan_header += [
        _("Due date"),
        _("Status"),
        _("Overdue"),
        _("Impact"),
        _("Effort"),
        _("Priority"),
        _("Procedure"),
        _("Procedure version that carries the change"),
        _("Indicator"),
    ]
    plan_rows = []
    for row in report.plan:
        area = (row.area.subcriterion.code, row.area.text)
        if not row.actions:
            plan_rows.append(area)
        for planned in row.actions:
            action = planned.action
            person = [action.owner.display_name if action.owner else ""] if with_names else []
            plan_rows.append(
                (
                    *area,
                    action.number,
                    action.title,
                    action.department.tr.name,
                    *person,
                    action.due_date,
                    action.get_status_display(),
                    _("yes") if planned.overdue else _("no"),
                    action.impact,
                    action.effort,
                    action.priority,
                    action.procedure.code if action.procedure else "",
                    str(action.procedure_version) if action.procedure_version else "",
                    planned.indicator_label,
                )
            )
    _sheet(workbook, _("Improvement plan"), plan_header, plan_rows)
    comparison_rows = [(row.number, row.title, row.previous, row.current, row.change) for row in report.comparison]
    if report.previous_totals is not None:
        overall = (report.previous_totals.overall, totals.overall)
        comparison_rows.append(("", _("Overall"), *overall, change(*overall)))
    comparison = _sheet(
        workbook,
        _("Comparison"),
        [
            _("Criterion"),
            _("Title"),
            _("Previous exercise"),
            _("This exercise"),
            pgettext("difference between two scores", "Change"),
        ],
        comparison_rows,
    )
    if report.previous is not None:
        comparison.append([])
        comparison.append([_cell(_("Previous exercise")), _cell(report.previous.title)])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
