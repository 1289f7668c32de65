"""The ranking's downloads: the score matrix (XLSX) and the open data (CSV), built from a `result_view.RankingView`
(the frozen snapshot of a published round, or the ranking computed now) and, for the workbook's evaluators' and
consolidation sheets, from plain rows the view reads with `evaluator_rows` and `consolidation_rows`.

Amounts are lei as numbers with a number format (XLSX) or as `1234.56` (CSV, as `investments.opendata`); text that a
spreadsheet would run as a formula is neutralised (`portal.spreadsheets.neutralised`)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from portal.spreadsheets import neutralised

from ..models import Score
from . import selectors
from .result_view import FUNDED, RankingView

LEI_FORMAT = "#,##0.00"
SCORE_FORMAT = "0.000"
POINTS_FORMAT = "0.00"
DATA_LANGUAGE = "ro"  # the open data's titles, as `investments.opendata`


def lei(bani):
    """Bani as lei, exact to the ban."""
    return None if bani is None else (Decimal(bani) / 100).quantize(Decimal("0.01"))


def funding_words(status):
    return _("funded") if status == FUNDED else _("does not fit in the money left")


# --- the open data -------------------------------------------------------------------------------------------------

CSV_COLUMNS = ["year", "code", "title", "rank", "score", "cost_lei", "funding_status", "votes", "expert_rank"]


def csv_header(view: RankingView):
    return CSV_COLUMNS + [f"{c.code}_points" for c in view.criteria]


def csv_rows(view: RankingView):
    """One row per ranked candidate, from the view alone (a published round: its frozen snapshot)."""
    rows = []
    for row in view.rows:
        points = {c.criterion.code: c.points for c in row.contributions}
        rows.append(
            [
                view.round.year,
                row.code,
                row.title_ro,
                row.rank,
                row.score,
                lei(row.cost_bani),
                row.funding,
                "" if row.votes is None else row.votes,
                "" if row.expert_rank is None else row.expert_rank,
                *(points.get(c.code, "") for c in view.criteria),
            ]
        )
    return rows


# --- what the workbook reads besides the view ----------------------------------------------------------------------


@dataclass(frozen=True)
class EvaluatorRow:
    evaluator: str
    code: str
    criterion: str
    score: int
    justification: str
    submitted_at: object


def evaluator_rows(round):
    """Every submitted score of the round's evaluators' criteria, by evaluator, candidate and criterion."""
    scores = (
        Score.objects.filter(sheet__candidate__round=round, sheet__submitted_at__isnull=False)
        .select_related("sheet__evaluator__user", "sheet__candidate__investment", "criterion")
        .order_by("sheet__evaluator_id", "sheet__candidate__investment__code", "criterion__order", "criterion_id")
    )
    return [
        EvaluatorRow(
            evaluator=score.sheet.evaluator.user.get_full_name() or score.sheet.evaluator.user.email,
            code=score.sheet.candidate.investment.code,
            criterion=score.criterion.code,
            score=score.value,
            justification=score.justification,
            submitted_at=score.sheet.submitted_at,
        )
        for score in scores
    ]


def consolidation_rows(round):
    return selectors.consolidation(round)


# --- the score matrix ----------------------------------------------------------------------------------------------


def _cell(value):
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, str):
        return neutralised(value)
    return value


def _sheet(workbook, title, header, rows, formats=None, *, first=False):
    from openpyxl.styles import Font

    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = str(title)[:31]
    sheet.append([_cell(str(h)) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(v) for v in row])
    for index, number_format in (formats or {}).items():
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
            cell.number_format = number_format
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
    return sheet


def scores_header(view: RankingView):
    header = [_("Rank"), _("Code"), _("Title")]
    for c in view.criteria:
        header.append(_("%(code)s %(name)s (weight %(weight)s %%): score 0–5") % _criterion_words(c))
        header.append(_("%(code)s %(name)s (weight %(weight)s %%): points") % _criterion_words(c))
    header += [
        _("Total score (of 100)"),
        _("Cost requested (lei)"),
        _("Cumulative funded (lei)"),
        _("Money left (lei)"),
        _("Funding status"),
    ]
    if view.side_by_side is not None:
        header += [_("Votes"), _("Expert-only rank"), _("Expert-only score")]
    return header


def _criterion_words(criterion):
    return {"code": criterion.code, "name": criterion.name, "weight": format(criterion.weight.normalize(), "f")}


def scores_rows(view: RankingView):
    rows = []
    for row in view.rows:
        by_code = {c.criterion.code: c for c in row.contributions}
        cells = [row.rank, row.code, row.title]
        for c in view.criteria:
            contribution = by_code.get(c.code)
            cells += [contribution.score, contribution.points] if contribution else ["", ""]
        cells += [
            row.score,
            lei(row.cost_bani),
            lei(row.funded_so_far_bani),
            lei(row.left_bani),
            str(funding_words(row.funding)),
        ]
        if view.side_by_side is not None:
            cells += [row.votes, row.expert_rank, row.expert_score]
        rows.append(cells)
    return rows


def render_xlsx(view, *, round, evaluators=None, consolidation=(), missing=()) -> bytes:
    """The score matrix: "Scores" (the ranking with each criterion's score and points, the funding line), "Evaluators"
    (only when `evaluators` is given: those who may read every submitted score), "Consolidation" and "Method".
    `view` is None while scores are missing: the Scores sheet then lists them."""
    from openpyxl import Workbook

    workbook = Workbook()
    if view is not None:
        count = len(view.criteria)
        formats = {3 + 2 * i: SCORE_FORMAT for i in range(count)} | {4 + 2 * i: POINTS_FORMAT for i in range(count)}
        base = 3 + 2 * count
        formats |= {base: POINTS_FORMAT, base + 1: LEI_FORMAT, base + 2: LEI_FORMAT, base + 3: LEI_FORMAT}
        if view.side_by_side is not None:
            formats[base + 7] = POINTS_FORMAT
        sheet = _sheet(workbook, _("Scores"), scores_header(view), scores_rows(view), formats, first=True)
        sheet.append([])
        sheet.append([_cell(str(_("Envelope (lei)"))), lei(view.envelope_bani)])
        sheet.append([_cell(str(_("Funded total (lei)"))), lei(view.funded_total_bani)])
        sheet.append([_cell(str(_("Remainder (lei)"))), lei(view.remainder_bani)])
        for cells in sheet.iter_rows(min_row=sheet.max_row - 2, min_col=2, max_col=2):
            cells[0].number_format = LEI_FORMAT
        if not view.published:
            sheet.append([str(_("Provisional: the round is not published yet."))])
    else:
        _sheet(
            workbook,
            _("Scores"),
            [_("No ranking yet: these scores are missing")],
            [[m] for m in missing],
            first=True,
        )

    if evaluators is not None:
        _sheet(
            workbook,
            _("Evaluators"),
            [_("Evaluator"), _("Code"), _("Criterion"), _("Score (0–5)"), _("Justification"), _("Submitted at")],
            [[e.evaluator, e.code, e.criterion, e.score, e.justification, e.submitted_at] for e in evaluators],
            {5: "yyyy-mm-dd hh:mm"},
        )

    _sheet(
        workbook,
        _("Consolidation"),
        [
            _("Code"),
            _("Criterion"),
            _("Scores"),
            _("Mean"),
            _("Median"),
            _("Spread"),
            _("Wide spread"),
            _("Agreed score"),
            _("Excluded for a conflict of interest"),
        ],
        [
            [
                r.candidate.investment.code,
                r.criterion.code,
                ", ".join(str(s) for s in r.scores),
                r.consolidated.mean if r.consolidated else "",
                r.consolidated.median if r.consolidated else "",
                r.consolidated.spread if r.consolidated else "",
                str(_("yes") if r.wide_spread else _("no")),
                r.agreed.value if r.agreed else "",
                r.excluded,
            ]
            for r in consolidation
        ],
        {3: SCORE_FORMAT, 4: SCORE_FORMAT, 5: SCORE_FORMAT, 7: SCORE_FORMAT},
    )

    criteria = view.criteria if view is not None else []
    method = _sheet(
        workbook,
        _("Method"),
        [_("Code"), _("Criterion"), _("Source"), _("Weight (%)")],
        [[c.code, c.name, str(_source_words(c.source)), c.weight] for c in criteria],
        {3: POINTS_FORMAT},
    )
    method.append([])
    method.append([str(_("Round")), str(round)])
    method.append([str(_("Methodology version")), round.methodology_version or ""])
    method.append([str(_("SHA-256 of the methodology")), round.methodology_sha256 or ""])
    method.append([str(_("Envelope (lei)")), lei(round.envelope_bani)])
    method.cell(row=method.max_row, column=2).number_format = LEI_FORMAT
    method.append([str(_("State")), str(round.get_state_display())])

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _source_words(source):
    from ..models import Criterion

    return dict(Criterion.Source.choices).get(source, source)
