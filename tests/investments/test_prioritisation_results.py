"""The ranking of a prioritisation round: the staff page (contributions, funding line, expert-only beside combined,
sensitivity to the weights), the score matrix (XLSX), the PDF report and project sheet, and the open data (CSV) of a
published round, read from its frozen result."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from investments.prioritisation import exports, workflow
from services import calendar
from tests.investments.prioritisation_helpers import (
    evaluators_fixture,  # noqa: F401
    locked_round,
    score_all,
    secretary_fixture,  # noqa: F401
    voter,
)
from tests.investments.staff_helpers import observer_fixture  # noqa: F401

LEI = 100  # bani
# P1, P2, P3 costs: the ranking is P2, P1, P3 (see `funding_round`), so P1 (2nd) does not fit and P3 (3rd) does.
FUNDING_COSTS = (500_000 * LEI, 600_000 * LEI, 300_000 * LEI)
# Columns of the Scores sheet with two criteria: rank, code, title, (score, points) × 2, total, cost, cumulative,
# money left, funding status.
TOTAL_COLUMN, COST_COLUMN, STATUS_COLUMN = 8, 9, 12


@pytest.fixture(autouse=True)
def _english_pages(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def url(name, round, **kwargs):
    return reverse(f"prioritisation:{name}", kwargs={"pk": round.pk, **kwargs})


def csv_url(round):
    return reverse("prioritisation_public:opendata_csv", kwargs={"pk": round.pk})


def scored_round(secretary, department, evaluators, needs, *, citizen=False, costs=FUNDING_COSTS):
    """A round without (or with) the citizens' criterion where both evaluators scored C1 with `needs` (a pair per
    candidate: the first evaluator's and the second's score), now in consolidation (or consultation)."""
    round, criteria, candidates = locked_round(secretary, department, evaluators, citizen=citizen, costs=costs)
    round = workflow.advance(secretary, round)
    for index, evaluator in enumerate(evaluators):
        score_all(evaluator, candidates, criteria[0], [pair[index] for pair in needs])
    round = workflow.advance(secretary, round)
    return round, criteria, candidates


def published(round, secretary, quality_manager):
    workflow.accept_medians(quality_manager, round)
    round = workflow.publish(secretary, round)
    round.refresh_from_db()
    return round


@pytest.fixture
def funding_round(secretary, department, evaluators):
    """C1 need 60 (P1 5, P2 4, P3 1), C2 population 40 (1000, 2000, 3000): P1 60, P2 68, P3 52 points."""
    return scored_round(secretary, department, evaluators, [(5, 5), (4, 4), (1, 1)])


def rows_by_code(view):
    return {row.code: row for row in view.rows}


# --- the funding line ----------------------------------------------------------------------------------------------


def test_funding_line_skips_the_candidate_that_does_not_fit_and_funds_the_next_one(
    client, secretary, quality_manager, funding_round
):
    round, _criteria, _candidates = funding_round
    client.force_login(secretary)

    view = client.get(url("ranking", round)).context["view"]

    assert [(r.code, r.rank, r.funding) for r in view.rows] == [
        ("INV-P2", 1, "funded"),
        ("INV-P1", 2, "does_not_fit"),
        ("INV-P3", 3, "funded"),
    ]
    assert [r.funded_so_far_bani for r in view.rows] == [600_000 * LEI, 600_000 * LEI, 900_000 * LEI]
    assert [r.left_bani for r in view.rows] == [400_000 * LEI, 400_000 * LEI, 100_000 * LEI]
    assert (view.envelope_bani, view.funded_total_bani, view.remainder_bani) == (
        1_000_000 * LEI,
        900_000 * LEI,
        100_000 * LEI,
    )
    assert not view.published

    round = published(round, secretary, quality_manager)
    response = client.get(url("export_matrix", round))
    sheet = load_xlsx(response).worksheets[0]
    codes = [sheet.cell(row=r, column=2).value for r in range(2, 5)]
    assert codes == ["INV-P2", "INV-P1", "INV-P3"]
    with translation.override("en"):
        funded, does_not_fit = str(exports.funding_words("funded")), str(exports.funding_words("does_not_fit"))
    assert [sheet.cell(row=r, column=STATUS_COLUMN).value for r in range(2, 5)] == [funded, does_not_fit, funded]
    assert sheet.cell(row=2, column=COST_COLUMN).value == 600_000
    assert sheet.cell(row=2, column=COST_COLUMN).number_format == "#,##0.00"

    rows = read_csv(client.get(csv_url(round)))
    assert [(r["code"], r["funding_status"]) for r in rows] == [
        ("INV-P2", "funded"),
        ("INV-P1", "does_not_fit"),
        ("INV-P3", "funded"),
    ]


def test_the_ranking_page_shows_the_funding_line_in_words(client, secretary, funding_round):
    round, _criteria, _candidates = funding_round
    client.force_login(secretary)

    response = client.get(url("ranking", round))

    content = response.content.decode()
    assert 'id="provisional"' in content
    assert content.count('<strong class="govuk-tag govuk-tag--green">') == 2  # the two funded candidates
    p1 = round.candidates.get(investment__code="INV-P1")
    assert reverse("investments:detail", kwargs={"pk": p1.investment_id}) in content
    assert url("project_sheet", round, candidate_pk=p1.pk) in content
    assert url("export_matrix", round) in content
    assert csv_url(round) not in content  # the open data exists only once published


def test_contributions_add_up_to_the_score(client, secretary, funding_round):
    round, criteria, _candidates = funding_round
    client.force_login(secretary)

    view = client.get(url("ranking", round)).context["view"]

    for row in view.rows:
        assert sum(c.points for c in row.contributions) == row.score
        assert [c.criterion.code for c in row.contributions] == ["C1", "C2"]
    p2 = rows_by_code(view)["INV-P2"]
    assert [(c.weight, c.score, c.points) for c in p2.contributions] == [
        (Decimal(60), Decimal(4), Decimal("48.00")),
        (Decimal(40), Decimal("2.5"), Decimal("20.00")),
    ]
    assert p2.contributions[1].raw == Decimal(2000)  # the computed criterion's data value
    assert p2.contributions[0].raw is None


# --- the sensitivity view ------------------------------------------------------------------------------------------


def test_sensitivity_shows_the_two_candidates_that_swap_when_a_weight_moves(client, secretary, department, evaluators):
    # C1 60 / C2 40: P1 5 → 60, P2 3.5 → 62, P3 0 → 40. With C1 at 66 (+10 %), P1 66 passes P2 63.2.
    round, _criteria, _candidates = scored_round(secretary, department, evaluators, [(5, 5), (3, 4), (0, 0)])
    client.force_login(secretary)

    response = client.get(url("ranking", round))
    view = response.context["view"]

    assert [r.code for r in view.rows] == ["INV-P2", "INV-P1", "INV-P3"]
    assert not view.stable
    assert view.largest_move == 1
    assert view.swaps == [("INV-P2", "INV-P1")]
    raised = next(s for s in view.scenarios if s.criterion.code == "C1" and s.raised)
    assert raised.percent == 10
    assert [(c.code, w) for c, w in raised.weights] == [("C1", Decimal("66.00")), ("C2", Decimal("34.00"))]
    assert [(m.code, m.base_rank, m.rank, m.change) for m in raised.moves] == [
        ("INV-P2", 1, 2, -1),
        ("INV-P1", 2, 1, 1),
        ("INV-P3", 3, 3, 0),
    ]
    assert raised.swaps == (("INV-P2", "INV-P1"),)
    lowered = next(s for s in view.scenarios if s.criterion.code == "C1" and not s.raised)
    assert lowered.swaps == ()
    assert len(view.scenarios) == 4  # each of the two criteria, up and down
    content = response.content.decode()
    assert "↑1" in content and "↓1" in content


def test_a_stable_ranking_shows_no_move(client, secretary, department, evaluators):
    # P1 5 → 60, P2 1 → 32, P3 0 → 40: far apart under every scenario.
    round, _criteria, _candidates = scored_round(secretary, department, evaluators, [(5, 5), (1, 1), (0, 0)])
    client.force_login(secretary)

    view = client.get(url("ranking", round)).context["view"]

    assert view.stable
    assert view.largest_move == 0
    assert view.swaps == []
    assert all(m.change == 0 for s in view.scenarios for m in s.moves)


# --- the expert-only ranking beside the combined one ---------------------------------------------------------------


def test_expert_only_and_combined_rankings_side_by_side_with_a_citizens_criterion(
    client, secretary, department, evaluators, quality_manager
):
    round, _criteria, candidates = scored_round(
        secretary, department, evaluators, [(5, 5), (4, 4), (1, 1)], citizen=True
    )
    assert round.state == "consultation"
    for n in range(1, 4):
        workflow.cast_ballot(voter(n), round, [candidates[2].pk])
    with calendar.clock_at(round.consultation_closes + datetime.timedelta(days=1)):
        round = workflow.advance(secretary, round)
    client.force_login(secretary)

    view = client.get(url("ranking", round)).context["view"]

    side = view.side_by_side
    assert side is not None
    assert all(row.expert_rank is not None for row in side)
    assert rows_by_code(view)["INV-P3"].votes == 3
    assert view.ballots == 3
    p3 = rows_by_code(view)["INV-P3"]
    assert p3.change == p3.expert_rank - p3.rank

    round = published(round, secretary, quality_manager)
    rows = read_csv(client.get(csv_url(round)))
    assert {r["code"]: r["votes"] for r in rows}["INV-P3"] == "3"
    assert all(r["expert_rank"] for r in rows)
    assert "C3_points" in rows[0]


def test_no_side_by_side_without_a_citizens_criterion(client, secretary, funding_round):
    round, _criteria, _candidates = funding_round
    client.force_login(secretary)

    response = client.get(url("ranking", round))

    assert response.context["view"].side_by_side is None
    assert 'id="side-by-side"' not in response.content.decode()


# --- the exports ---------------------------------------------------------------------------------------------------


def load_xlsx(response):
    from openpyxl import load_workbook

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def read_csv(response):
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def test_score_matrix_has_every_sheet_for_a_manager(client, secretary, funding_round):
    round, _criteria, _candidates = funding_round
    client.force_login(secretary)

    workbook = load_xlsx(client.get(url("export_matrix", round)))

    with translation.override("en"):
        assert workbook.sheetnames == [_("Scores"), _("Evaluators"), _("Consolidation"), _("Method")]
    scores, evaluators, consolidation, method = workbook.worksheets
    header = [cell.value for cell in scores[1]]
    assert "C1" in header[3] and "60" in header[3]
    assert "C2" in header[5] and "40" in header[5]
    assert [scores.cell(row=2, column=c).value for c in (4, 5, 6, 7, TOTAL_COLUMN)] == [4, 48, 2.5, 20, 68]
    assert evaluators.max_row == 1 + 2 * 3  # two evaluators × three candidates × one evaluators' criterion
    assert {evaluators.cell(row=r, column=5).value for r in range(2, 8)} >= {"Justificare"}
    assert consolidation.cell(row=2, column=1).value == "INV-P1"
    assert consolidation.cell(row=2, column=4).value == 5  # the mean
    values = list(method.iter_rows(values_only=True))
    assert [(v[0], v[1], v[3]) for v in values[1:3]] == [("C1", "Need", 60), ("C2", "Population served", 40)]
    assert any(v[1] == round.methodology_sha256 for v in values)
    assert round.methodology_sha256


def test_score_matrix_leaves_out_the_evaluators_sheet_for_an_observer(client, observer, funding_round):
    round, _criteria, _candidates = funding_round
    client.force_login(observer)

    workbook = load_xlsx(client.get(url("export_matrix", round)))

    assert len(workbook.worksheets) == 3
    with translation.override("en"):
        assert workbook.sheetnames == [_("Scores"), _("Consolidation"), _("Method")]


def pdf_text(content):
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_report_and_project_sheet_are_pdfs(client, secretary, funding_round):
    round, _criteria, candidates = funding_round
    client.force_login(secretary)

    report = client.get(url("export_report", round))
    sheet = client.get(url("project_sheet", round, candidate_pk=candidates[0].pk))

    for response in (report, sheet):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    text = pdf_text(report.content)
    if text is not None:
        assert "INV-P2" in text and "INV-P3" in text
    text = pdf_text(sheet.content)
    if text is not None:
        assert "INV-P1" in text


def test_a_project_sheet_of_a_candidate_not_in_the_round_is_not_found(client, secretary, funding_round):
    round, _criteria, candidates = funding_round
    client.force_login(secretary)

    response = client.get(url("project_sheet", round, candidate_pk=max(c.pk for c in candidates) + 1))

    assert response.status_code == 404


# --- the open data -------------------------------------------------------------------------------------------------


def test_open_data_csv_exists_only_once_published(client, secretary, quality_manager, funding_round):
    round, _criteria, _candidates = funding_round

    assert client.get(csv_url(round)).status_code == 404

    round = published(round, secretary, quality_manager)
    response = client.get(csv_url(round))
    rows = read_csv(response)

    assert list(rows[0]) == [
        "year",
        "code",
        "title",
        "rank",
        "score",
        "cost_lei",
        "funding_status",
        "votes",
        "expert_rank",
        "C1_points",
        "C2_points",
    ]
    first = rows[0]
    assert (first["year"], first["code"], first["title"], first["rank"], first["score"]) == (
        str(round.year),
        "INV-P2",
        "Proiect 2",
        "1",
        "68.00",
    )
    assert (first["cost_lei"], first["C1_points"], first["C2_points"]) == ("600000.00", "48.00", "20.00")
    assert first["votes"] == "" and first["expert_rank"] == ""


def test_published_exports_read_the_frozen_result(client, secretary, quality_manager, funding_round):
    round, _criteria, candidates = funding_round
    round = published(round, secretary, quality_manager)
    investment = candidates[1].investment
    investment.title = "Titlu schimbat după publicare"
    investment.save()
    client.force_login(secretary)

    rows = read_csv(client.get(csv_url(round)))
    view = client.get(url("ranking", round)).context["view"]
    scores = load_xlsx(client.get(url("export_matrix", round))).worksheets[0]

    assert rows[0]["title"] == "Proiect 2"
    assert view.published
    assert view.rows[0].title_ro == "Proiect 2"
    assert scores.cell(row=2, column=3).value == "Proiect 2"


# --- who sees what -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ranking", "export_matrix", "export_report"])
def test_staff_unrelated_to_the_round_do_not_find_it(client, other_department_clerk, funding_round, name):
    round, _criteria, _candidates = funding_round
    client.force_login(other_department_clerk)

    assert client.get(url(name, round)).status_code == 404


def test_project_sheet_is_not_found_by_unrelated_staff(client, other_department_clerk, funding_round):
    round, _criteria, candidates = funding_round
    client.force_login(other_department_clerk)

    assert client.get(url("project_sheet", round, candidate_pk=candidates[0].pk)).status_code == 404


@pytest.mark.parametrize("name", ["ranking", "export_matrix", "export_report"])
def test_anonymous_visitors_are_sent_to_sign_in(client, funding_round, name):
    round, _criteria, _candidates = funding_round

    response = client.get(url(name, round))

    assert response.status_code == 302


def test_an_evaluator_sees_the_ranking_of_their_round(client, evaluators, funding_round):
    round, _criteria, _candidates = funding_round
    client.force_login(evaluators[0])

    assert client.get(url("ranking", round)).status_code == 200


def test_before_every_score_is_in_the_page_lists_the_missing_ones(client, secretary, department, evaluators):
    round, _criteria, _candidates = locked_round(secretary, department, evaluators, citizen=False)
    client.force_login(secretary)

    response = client.get(url("ranking", round))

    assert response.status_code == 200
    assert response.context["view"] is None
    assert "INV-P1 C1" in response.context["missing"]


# --- the query count -----------------------------------------------------------------------------------------------


def test_the_ranking_page_query_count_does_not_grow_with_candidates(
    client, secretary, department, evaluators, django_assert_max_num_queries
):
    costs = tuple(100_000 * LEI * n for n in range(1, 7))
    round, _criteria, _candidates = scored_round(
        secretary, department, evaluators, [(n % 6, n % 6) for n in range(6)], costs=costs
    )
    client.force_login(secretary)

    with django_assert_max_num_queries(36):
        response = client.get(url("ranking", round))

    assert len(response.context["view"].rows) == 6


@pytest.mark.parametrize("name", ["ranking", "export_matrix", "export_report"])
def test_an_evaluator_reads_no_ranking_or_export_while_scoring_is_open(
    client, secretary, department, evaluators, name
):
    """They would show the means of the others' submitted scores: even an evaluator who runs rounds waits."""
    round, criteria, candidates = locked_round(secretary, department, evaluators, citizen=False)
    round = workflow.advance(secretary, round)
    score_all(evaluators[1], candidates, criteria[0], [5, 3, 2])
    evaluators[0].groups.add(*secretary.groups.all())
    client.force_login(evaluators[0])

    assert client.get(url(name, round)).status_code == 403
    client.force_login(secretary)
    assert client.get(url(name, round)).status_code == 200
