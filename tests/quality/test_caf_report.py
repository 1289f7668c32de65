"""The CAF self-assessment report: its figures per sub-criterion and criterion, the comparison with the previous
exercise, the radar chart, the PDF and XLSX with and without names, and who may have them."""

import io
import re

import pytest
from django.urls import reverse

from quality import caf_report
from quality.models import Action
from tests.factories import MembershipFactory, StaffFactory, UserFactory
from tests.quality.caf_plan_helpers import (  # noqa: F401 — the *_fixture names register the fixtures here
    Panel,
    Status,
    agree,
    area,
    caf_model_fixture,
    clerk_fixture,
    department_fixture,
    exercise,
    improvement_action,
    leader_fixture,
    member,
)

pytestmark = pytest.mark.django_db
NAMES = ["Ana Membrescu", "Bela Tagescu", "Corina Evaluatorescu"]


@pytest.fixture(autouse=True)
def _english_pages(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def people(db):
    return [StaffFactory(first_name=n.split()[0], last_name=n.split()[1]) for n in NAMES]


@pytest.fixture
def assessed(caf_model, leader, people, department, clerk):
    """A classical exercise in its plan: three members (the third never submitted), a consensus, two areas, one
    action whose owner is a clerk."""
    done = exercise(caf_model, leader, status=Status.PLAN)
    member(done, people[0], {"1.1": 60, "1.2": 40, "2.1": 70, "6.1": None})
    member(done, people[1], {"1.1": 80, "1.2": 45, "2.1": 60, "6.1": 30})
    member(done, people[2], {"1.1": 10}, submitted=False)
    agree(done, leader, {"1.1": 60, "1.2": 41, "2.1": 70, "6.1": 35}, strengths="Ședințe lunare\nRaport anual")
    agree_area = area(done, "1.1", "Obiectivele nu sunt comunicate personalului.")
    area(done, "6.1", "Satisfacția nu este măsurată.")
    improvement_action(agree_area, department, owner=clerk, title="Ședință trimestrială cu personalul")
    return done


# --- the figures -----------------------------------------------------------------------------------------------------


def test_each_criterion_scores_the_mean_of_its_sub_criteria_and_the_totals_follow(assessed):
    report = caf_report.report_data(assessed)
    assert report.criteria_scores == {1: 50.5, 2: 70.0, 6: 35.0}
    assert [s.score for c in report.criteria for s in c.subcriteria] == [60.0, 41.0, 70.0, 35.0]
    # Enablers: (50.5 + 70) / 2 = 60.25, rounded half up; overall: (50.5 + 70 + 35) / 3 = 51.83.
    assert (report.totals.enablers, report.totals.results, report.totals.overall) == (60.3, 35.0, 51.8)
    assert report.criteria[0].subcriteria[0].strengths == ["Ședințe lunare", "Raport anual"]


def test_the_fine_tuned_panel_scores_a_sub_criterion_by_the_mean_of_its_four_phases(caf_model, leader):
    fine = exercise(caf_model, leader, panel=Panel.FINE_TUNED)
    agree(fine, leader, {"1.1": (50, 60, 70, 80), "1.2": (20, 20, 30, 30)})
    report = caf_report.report_data(fine)
    first = report.criteria[0]
    assert [s.score for s in first.subcriteria] == [65.0, 25.0]
    assert first.subcriteria[0].phases == (50, 60, 70, 80)
    assert first.score == 45.0
    assert report.criteria_scores[2] is None


def test_individual_scores_count_only_submitted_members_and_say_dont_know(assessed):
    report = caf_report.report_data(assessed)
    assert report.individual_members == NAMES[:2]
    by_code = {row.code: row.cells for row in report.individual}
    assert [cell.score for cell in by_code["1.1"]] == [60.0, 80.0]
    assert by_code["6.1"][0].dont_know and by_code["6.1"][1].score == 30.0
    assert [m.label for m in report.members] == NAMES


def test_without_names_the_members_are_numbered_and_the_leader_owners_and_minutes_left_out(assessed):
    report = caf_report.report_data(assessed, with_names=False)
    assert [m.label for m in report.members] == ["Member 1", "Member 2", "Member 3"]
    assert report.individual_members == ["Member 1", "Member 2"]
    assert report.method.leader is None and report.method.minutes is None


def test_the_report_compares_each_criterion_with_the_previous_exercise(caf_model, leader, assessed):
    earlier = exercise(caf_model, leader, status=Status.CLOSED, title="Autoevaluarea 2024")
    agree(earlier, leader, {"1.1": 40, "1.2": 41, "2.1": 80})
    assessed.previous = earlier
    assessed.save(update_fields=["previous"])

    report = caf_report.report_data(assessed)

    rows = {row.number: (row.previous, row.current, row.change) for row in report.comparison}
    assert rows == {1: (40.5, 50.5, 10.0), 2: (80.0, 70.0, -10.0), 6: (None, 35.0, None)}
    assert report.previous_totals.overall == 60.3
    assert report.previous_scores == {1: 40.5, 2: 80.0, 6: None}


def test_the_report_has_no_comparison_without_a_previous_exercise(assessed):
    report = caf_report.report_data(assessed)
    assert report.comparison == [] and report.previous_scores is None


def test_the_report_carries_the_plan_in_order_of_priority(assessed):
    report = caf_report.report_data(assessed)
    assert [row.area.subcriterion.code for row in report.plan] == ["1.1", "6.1"]
    assert report.progress.actions == 1


# --- the radar -------------------------------------------------------------------------------------------------------


def test_the_radar_has_nine_labelled_axes_and_one_polygon_for_the_exercise():
    svg = caf_report.radar_svg({n: 10 * n for n in range(1, 10)})
    assert svg.count('class="radar-axis"') == 9
    labels = re.findall(r'class="radar-label"[^>]*>(\d)</text>', svg)
    assert labels == [str(n) for n in range(1, 10)]
    assert svg.count("<polygon") == 1
    assert "<title" in svg and 'role="img"' in svg
    assert "This exercise" in svg and "Previous exercise" not in svg


def test_the_radar_draws_the_previous_exercise_as_a_second_polygon_with_its_legend():
    svg = caf_report.radar_svg({1: 50}, previous={1: 40, 2: 60})
    assert svg.count("<polygon") == 2
    assert 'class="radar-previous"' in svg and "Previous exercise" in svg


def test_the_radar_puts_a_full_score_on_the_outer_ring_and_a_missing_one_at_the_centre():
    svg = caf_report.radar_svg({1: 100, 2: None})
    points = re.search(r'class="radar-current" points="([^"]+)"', svg).group(1).split()
    centre = f"{caf_report.CENTRE:.1f},{caf_report.CENTRE:.1f}"
    assert points[0] == f"{caf_report.CENTRE:.1f},{caf_report.CENTRE - caf_report.RADIUS:.1f}"  # criterion 1, top
    assert points[1] == centre


# --- the files -------------------------------------------------------------------------------------------------------


def _xlsx_text(content):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content))
    cells = [str(c) for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    return workbook, "\n".join(cells)


def test_the_xlsx_holds_one_sheet_per_part_of_the_report(assessed):
    from django.utils import translation

    with translation.override("en"):
        workbook, text = _xlsx_text(caf_report.render_xlsx(assessed, with_names=True))
    assert workbook.sheetnames == [
        "Method",
        "Group",
        "Individual scores",
        "Consensus",
        "Criteria",
        "Improvement plan",
        "Comparison",
    ]
    criteria = {row[0]: row[3] for row in workbook["Criteria"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert criteria == {1: 50.5, 2: 70.0, 6: 35.0}
    assert all(name in text for name in NAMES) and "Dan Funcționar" in text


def test_the_xlsx_without_names_has_no_member_leader_or_owner_name(assessed, leader, clerk):
    _workbook, text = _xlsx_text(caf_report.render_xlsx(assessed, with_names=False))
    for name in [*NAMES, leader.last_name, clerk.last_name]:
        assert name not in text
    assert "Member 1" in text


def test_an_area_written_as_a_formula_stays_text_in_the_xlsx(assessed, department):
    area(assessed, "2.1", '=HYPERLINK("https://example.com")')
    workbook, _text = _xlsx_text(caf_report.render_xlsx(assessed, with_names=True))
    values = [row[1] for row in workbook["Improvement plan"].iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("https://example.com")' in values


def _pdf_text(content):
    pypdf = pytest.importorskip("pypdf")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", "", text)  # the extraction splits words at kerning ("T agescu"): compare without spaces


def test_the_pdf_names_the_group_only_when_asked_to(assessed, leader, clerk):
    named = _pdf_text(caf_report.render_pdf(assessed, with_names=True, language="en"))
    assert all(name.replace(" ", "") in named for name in NAMES) and "Self-assessmentreport" in named
    assert "IoanaConducătoare" in named and "DanFuncționar" in named
    anonymous = _pdf_text(caf_report.render_pdf(assessed, with_names=False, language="en"))
    for name in ["Membrescu", "Tagescu", "Evaluatorescu", "Conducătoare", "Funcționar"]:
        assert name not in anonymous
    assert "Member1" in anonymous and "50.5" in anonymous


# --- who may have it -------------------------------------------------------------------------------------------------


def urls(assessment, names="1"):
    return [
        reverse("quality:caf_report", args=[assessment.pk]) + f"?names={names}",
        reverse("quality:caf_report_pdf", args=[assessment.pk]) + f"?names={names}",
        reverse("quality:caf_report_xlsx", args=[assessment.pk]) + f"?names={names}",
    ]


def test_the_leader_gets_the_report_page_and_its_files(client, assessed, leader, monkeypatch):
    monkeypatch.setattr(caf_report, "render_pdf", lambda *a, **k: b"%PDF-1.7 test")
    client.force_login(leader)
    page, pdf, xlsx = (client.get(url) for url in urls(assessed, names="0"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "caf-radar" in text and "Membrescu" not in text and "Member 1" in text
    assert pdf["Content-Type"] == "application/pdf" and "anonim" in pdf["Content-Disposition"]
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_quality_manager_who_does_not_lead_gets_the_report(client, assessed, groups):
    from quality import roles

    manager = StaffFactory()
    manager.groups.add(groups[roles.QUALITY_MANAGERS])
    client.force_login(manager)
    response = client.get(urls(assessed)[0])
    assert response.status_code == 200 and "Membrescu" in response.content.decode()


@pytest.mark.parametrize("who", ["member", "clerk", "head", "citizen"])
def test_the_report_is_refused_to_members_staff_and_citizens(client, assessed, people, department, who):
    person = {
        "member": lambda: people[0],
        "clerk": lambda: MembershipFactory(department=department).user,
        "head": lambda: MembershipFactory(department=department, role="head").user,
        "citizen": UserFactory,
    }[who]()
    client.force_login(person)
    assert [client.get(url).status_code for url in urls(assessed)] == [403, 403, 403]


def test_no_report_exists_while_members_still_work_alone(client, caf_model, leader):
    working = exercise(caf_model, leader, status=Status.INDIVIDUAL)
    client.force_login(leader)
    assert [client.get(url).status_code for url in urls(working)] == [404, 404, 404]


def test_the_plan_actions_of_the_report_are_those_of_its_areas(assessed):
    assert Action.objects.filter(improvement_area__assessment=assessed).count() == 1
