"""The CAF self-assessment's steps: the exercise and its locked panel, roles, individual work and its completeness, the
privacy of individual scores, the consensus figures and the areas for improvement they create."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from quality import caf
from quality.models import ConsensusScore, ImprovementArea, IndividualScore, ScoreEvidence
from quality.workflow import TransitionRefused
from services import calendar
from tests.factories import PDF, ProcedureFactory, StaffFactory, UserFactory
from tests.quality.caf_helpers import (  # noqa: F401 — the *_fixture names register the fixtures here
    CODES,
    Panel,
    Status,
    answer_all,
    caf_model_fixture,
    classical_fixture,
    deadlines,
    fine_tuned_fixture,
    member_of,
    members_fixture,
    open_exercise,
    quality_manager_fixture,
    started,
    subcriterion,
)

pytestmark = pytest.mark.django_db
ALL_FIFTY = dict.fromkeys(CODES, 50)


def reload(exercise):
    exercise.refresh_from_db()
    return exercise


@pytest.fixture(autouse=True)
def evidence_storage(monkeypatch, tmp_path):
    from django.core.files.storage import FileSystemStorage

    storage = FileSystemStorage(location=tmp_path / "caf", base_url=None)
    monkeypatch.setattr(ScoreEvidence._meta.get_field("file"), "storage", storage)
    return storage


# --- the exercise ----------------------------------------------------------------------------------------------------


def test_a_quality_manager_opens_an_exercise_and_leads_it(quality_manager, caf_model):
    exercise = open_exercise(quality_manager, caf_model)

    assert exercise.leader == quality_manager
    assert exercise.status == Status.PREPARATION
    assert exercise.panel_locked_at is None


def test_staff_without_the_quality_role_cannot_open_an_exercise(caf_model):
    with pytest.raises(PermissionDenied):
        open_exercise(StaffFactory(), caf_model)


def test_the_consensus_cannot_be_due_before_the_individual_work(quality_manager, caf_model):
    individual, _consensus = deadlines()
    with pytest.raises(ValidationError) as refused:
        caf.create_exercise(
            by=quality_manager,
            title="CAF",
            model=caf_model,
            department=None,
            panel=Panel.CLASSICAL,
            individual_deadline=individual,
            consensus_deadline=individual - datetime.timedelta(days=1),
        )
    assert "consensus_deadline" in refused.value.message_dict


def test_an_exercise_needs_a_known_panel(quality_manager, caf_model):
    with pytest.raises(ValidationError):
        open_exercise(quality_manager, caf_model, panel="radar")


def test_only_the_leader_names_the_members(quality_manager, caf_model, members):
    exercise = open_exercise(quality_manager, caf_model)

    with pytest.raises(PermissionDenied):
        caf.set_members(exercise, by=members[0], people=members)


def test_the_group_is_exactly_the_people_named_last(quality_manager, caf_model, members):
    exercise = open_exercise(quality_manager, caf_model)
    caf.set_members(exercise, by=quality_manager, people=members)
    caf.set_members(exercise, by=quality_manager, people=[members[0], members[2], members[0]])

    assert {m.person for m in exercise.members.all()} == {members[0], members[2]}


def test_citizens_cannot_be_members(quality_manager, caf_model, members):
    exercise = open_exercise(quality_manager, caf_model)

    with pytest.raises(ValidationError):
        caf.set_members(exercise, by=quality_manager, people=[members[0], UserFactory()])
    assert not exercise.members.exists()


def test_individual_work_needs_two_members(quality_manager, caf_model, members):
    exercise = open_exercise(quality_manager, caf_model)
    caf.set_members(exercise, by=quality_manager, people=members[:1])

    with pytest.raises(TransitionRefused):
        caf.start_individual_work(exercise, by=quality_manager)
    assert reload(exercise).status == Status.PREPARATION


def test_starting_individual_work_locks_the_panel(quality_manager, caf_model, members):
    exercise = open_exercise(quality_manager, caf_model)
    caf.change_panel(exercise, by=quality_manager, panel=Panel.FINE_TUNED)
    caf.set_members(exercise, by=quality_manager, people=members)
    caf.start_individual_work(exercise, by=quality_manager)

    exercise = reload(exercise)
    assert exercise.status == Status.INDIVIDUAL
    assert exercise.panel == Panel.FINE_TUNED
    assert exercise.panel_locked_at is not None
    with pytest.raises(TransitionRefused):
        caf.change_panel(exercise, by=quality_manager, panel=Panel.CLASSICAL)
    assert reload(exercise).panel == Panel.FINE_TUNED


def test_the_group_cannot_change_once_individual_work_started(classical, quality_manager, members):
    with pytest.raises(TransitionRefused):
        caf.set_members(classical, by=quality_manager, people=members[:2])


def test_only_the_leader_starts_individual_work(quality_manager, caf_model, members):
    exercise = open_exercise(quality_manager, caf_model)
    caf.set_members(exercise, by=quality_manager, people=members)

    with pytest.raises(PermissionDenied):
        caf.start_individual_work(exercise, by=members[0])


# --- individual work -------------------------------------------------------------------------------------------------


def test_a_member_saves_a_draft_of_a_subcriterion(classical, members, caf_model):
    member = member_of(classical, members[0])
    entry = caf.save_individual(
        member, subcriterion(caf_model, "1.1"), by=members[0], strengths=" Conducere vizibilă ", score=60
    )

    assert (entry.score, entry.strengths, entry.dont_know) == (60, "Conducere vizibilă", False)
    caf.save_individual(member, subcriterion(caf_model, "1.1"), by=members[0], score=70)
    assert IndividualScore.objects.get(member=member).score == 70


def test_nobody_else_writes_a_members_assessment(classical, members, quality_manager, caf_model):
    member = member_of(classical, members[0])

    for other in (members[1], quality_manager):
        with pytest.raises(PermissionDenied):
            caf.save_individual(member, subcriterion(caf_model, "1.1"), by=other, score=10)


@pytest.mark.parametrize("value", [-1, 101])
def test_a_score_runs_from_0_to_100(classical, members, caf_model, value):
    with pytest.raises(ValidationError):
        caf.save_individual(
            member_of(classical, members[0]), subcriterion(caf_model, "1.1"), by=members[0], score=value
        )


def test_the_classical_panel_refuses_phases(classical, members, caf_model):
    with pytest.raises(ValidationError):
        caf.save_individual(
            member_of(classical, members[0]), subcriterion(caf_model, "1.1"), by=members[0], score=50, plan=40
        )


def test_the_fine_tuned_panel_refuses_the_one_score(fine_tuned, members, caf_model):
    with pytest.raises(ValidationError):
        caf.save_individual(member_of(fine_tuned, members[0]), subcriterion(caf_model, "1.1"), by=members[0], score=50)


def test_dont_know_goes_without_a_score(classical, members, caf_model):
    with pytest.raises(ValidationError):
        caf.save_individual(
            member_of(classical, members[0]), subcriterion(caf_model, "1.1"), by=members[0], score=50, dont_know=True
        )


def test_a_subcriterion_of_another_edition_is_refused(classical, members, quality_manager):
    from quality.models import CafCriterion, CafModel, CafSubcriterion

    other = CafModel.objects.create(edition="CAF 2013")
    criterion = CafCriterion.objects.create(
        model=other, number=1, kind="enabler", title="C", title_hu="C", title_en="C"
    )
    foreign = CafSubcriterion.objects.create(
        criterion=criterion,
        code="1.1",
        position=1,
        title="x",
        title_hu="x",
        title_en="x",
        examples="",
        examples_hu="",
        examples_en="",
    )
    with pytest.raises(ValidationError):
        caf.save_individual(member_of(classical, members[0]), foreign, by=members[0], score=50)


def test_nothing_is_scored_before_individual_work_starts(quality_manager, caf_model, members):
    exercise = open_exercise(quality_manager, caf_model)
    caf.set_members(exercise, by=quality_manager, people=members)

    with pytest.raises(TransitionRefused):
        caf.save_individual(member_of(exercise, members[0]), subcriterion(caf_model, "1.1"), by=members[0], score=5)


def test_submission_lists_the_subcriteria_not_answered(classical, members, caf_model):
    member = member_of(classical, members[0])
    caf.save_individual(member, subcriterion(caf_model, "1.1"), by=members[0], score=50)
    caf.save_individual(member, subcriterion(caf_model, "2.1"), by=members[0], dont_know=True)

    with pytest.raises(ValidationError) as refused:
        caf.submit(member, by=members[0])
    assert "1.2, 6.1" in refused.value.messages[0]
    assert reload(member).submitted_at is None


def test_a_fine_tuned_subcriterion_with_a_missing_phase_is_not_answered(fine_tuned, members, caf_model):
    member = member_of(fine_tuned, members[0])
    for code in CODES:
        caf.save_individual(member, subcriterion(caf_model, code), by=members[0], plan=50, do=50, check=50, act=50)
    caf.save_individual(member, subcriterion(caf_model, "1.2"), by=members[0], plan=50, do=50, check=50)

    with pytest.raises(ValidationError) as refused:
        caf.submit(member, by=members[0])
    assert refused.value.messages[0].endswith("1.2.")


def test_a_complete_assessment_is_submitted_and_then_frozen(classical, members, caf_model):
    answer_all(classical, members[0], {**ALL_FIFTY, "6.1": None})
    member = member_of(classical, members[0])

    assert member.submitted_at is not None
    with pytest.raises(TransitionRefused):
        caf.save_individual(member, subcriterion(caf_model, "1.1"), by=members[0], score=90)
    with pytest.raises(TransitionRefused):
        caf.submit(member, by=members[0])


def test_only_the_member_submits_their_own(classical, members, quality_manager):
    with pytest.raises(PermissionDenied):
        caf.submit(member_of(classical, members[0]), by=quality_manager)


# --- evidence --------------------------------------------------------------------------------------------------------


@pytest.fixture
def entry(classical, members, caf_model):
    return caf.save_individual(
        member_of(classical, members[0]), subcriterion(caf_model, "6.1"), by=members[0], score=40
    )


def test_evidence_may_be_a_procedure_an_indicator_statistics_or_a_link(entry, members):
    procedure = ProcedureFactory(code="PO-CAF-01")
    person = members[0]
    caf.add_evidence(entry, by=person, kind="procedure", procedure=procedure)
    caf.add_evidence(entry, by=person, kind="indicator", indicator="on_time_rate", note="2025")
    caf.add_evidence(entry, by=person, kind="case_statistics", note="Cereri 2025: 1 204, 91 % la termen")
    caf.add_evidence(entry, by=person, kind="link", link="https://www.ps1.ro/raport-2025")

    assert [e.kind for e in entry.evidence.all()] == ["procedure", "indicator", "case_statistics", "link"]


def test_an_unknown_indicator_is_refused(entry, members):
    with pytest.raises(ValidationError):
        caf.add_evidence(entry, by=members[0], kind="indicator", indicator="happiness")


def test_a_link_must_be_a_web_address(entry, members):
    with pytest.raises(ValidationError):
        caf.add_evidence(entry, by=members[0], kind="link", link="javascript:alert(1)")


def test_a_file_is_kept_when_its_content_is_an_accepted_type(entry, members):
    evidence = caf.add_evidence(
        entry, by=members[0], kind="file", file=SimpleUploadedFile("raport.pdf", PDF, "application/pdf")
    )

    assert evidence.file_name == "raport.pdf"
    assert evidence.file.name.endswith(".pdf")


def test_a_file_whose_content_is_not_what_its_name_says_is_refused(entry, members):
    with pytest.raises(ValidationError):
        caf.add_evidence(
            entry,
            by=members[0],
            kind="file",
            file=SimpleUploadedFile("raport.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
        )
    assert not entry.evidence.exists()


def test_nobody_else_adds_evidence_to_a_members_assessment(entry, members):
    with pytest.raises(PermissionDenied):
        caf.add_evidence(entry, by=members[1], kind="link", link="https://example.ro")


# --- privacy ---------------------------------------------------------------------------------------------------------


def _visible_people(viewer, exercise):
    return {entry.member.person for entry in caf.visible_individual_scores(viewer, exercise)}


def test_a_member_sees_only_their_own_work_before_submitting(classical, members, caf_model):
    answer_all(classical, members[1], ALL_FIFTY)  # submitted
    caf.save_individual(member_of(classical, members[2]), subcriterion(caf_model, "1.1"), by=members[2], score=90)
    caf.save_individual(member_of(classical, members[0]), subcriterion(caf_model, "1.1"), by=members[0], score=10)

    assert _visible_people(members[0], classical) == {members[0]}
    assert caf.others_submitted_work(members[0], classical, subcriterion(caf_model, "1.1")) == []


def test_after_submitting_a_member_sees_others_submitted_work_but_no_draft(classical, members, caf_model):
    answer_all(classical, members[1], ALL_FIFTY)
    caf.save_individual(member_of(classical, members[2]), subcriterion(caf_model, "1.1"), by=members[2], score=90)
    answer_all(classical, members[0], ALL_FIFTY)

    assert _visible_people(members[0], classical) == {members[0], members[1]}


def test_the_leader_sees_a_members_work_only_once_submitted(classical, members, quality_manager, caf_model):
    caf.save_individual(member_of(classical, members[2]), subcriterion(caf_model, "1.1"), by=members[2], score=90)
    assert _visible_people(quality_manager, classical) == set()

    answer_all(classical, members[1], ALL_FIFTY)
    assert _visible_people(quality_manager, classical) == {members[1]}


def test_a_leader_who_is_a_member_waits_for_their_own_submission(quality_manager, caf_model, members):
    exercise = started(quality_manager, caf_model, [quality_manager, *members[:2]])
    answer_all(exercise, members[0], ALL_FIFTY)

    assert _visible_people(quality_manager, exercise) == set()
    assert not caf.may_see_consensus(quality_manager, exercise)
    answer_all(exercise, quality_manager, ALL_FIFTY)
    assert _visible_people(quality_manager, exercise) == {quality_manager, members[0]}


def test_other_staff_and_anonymous_visitors_see_nothing(classical, members):
    from django.contrib.auth.models import AnonymousUser

    answer_all(classical, members[1], ALL_FIFTY)

    assert _visible_people(StaffFactory(), classical) == set()
    assert not caf.visible_individual_scores(AnonymousUser(), classical).exists()


# --- consensus -------------------------------------------------------------------------------------------------------


def test_the_consensus_waits_for_every_member_until_the_deadline(classical, members, quality_manager):
    answer_all(classical, members[0], ALL_FIFTY)
    with pytest.raises(TransitionRefused):
        caf.start_consensus(classical, by=quality_manager)

    with calendar.clock_at(classical.individual_deadline + datetime.timedelta(days=1)):
        caf.start_consensus(classical, by=quality_manager)
    assert reload(classical).status == Status.CONSENSUS


def test_the_consensus_starts_when_everyone_submitted(classical, members, quality_manager):
    for person in members:
        answer_all(classical, person, ALL_FIFTY)

    caf.start_consensus(classical, by=quality_manager)
    assert reload(classical).status == Status.CONSENSUS


def test_the_consensus_needs_at_least_one_submission(classical, quality_manager):
    with (
        calendar.clock_at(classical.individual_deadline + datetime.timedelta(days=1)),
        pytest.raises(TransitionRefused),
    ):
        caf.start_consensus(classical, by=quality_manager)


def test_only_the_leader_starts_the_consensus(classical, members):
    for person in members:
        answer_all(classical, person, ALL_FIFTY)
    with pytest.raises(PermissionDenied):
        caf.start_consensus(classical, by=members[0])


@pytest.fixture
def in_consensus(classical, members, quality_manager):
    answer_all(
        classical, members[0], {"1.1": 40, "1.2": 60, "2.1": None, "6.1": 10}, strengths="Plan anual\nPlan anual"
    )
    answer_all(
        classical, members[1], {"1.1": 70, "1.2": 65, "2.1": 30, "6.1": 20}, areas="Comunicare internă\n\nIndicatori"
    )
    answer_all(classical, members[2], {"1.1": 55, "1.2": 62, "2.1": 35, "6.1": 40}, areas="Indicatori\nFeedback")
    return caf.start_consensus(classical, by=quality_manager)


def test_the_consensus_table_gives_each_subcriterions_figures(in_consensus, members):
    table = caf.consensus_table(in_consensus, with_evidence=False)
    rows = {row.subcriterion.code: row for row in table.rows}

    first = rows["1.1"]
    assert [s.name for s in first.scores] == [p.display_name for p in members]
    assert [s.score for s in first.scores] == [40, 70, 55]
    assert (first.figures.min, first.figures.max, first.figures.mean, first.figures.median) == (40, 70, 55, 55)
    assert first.figures.spread == 30
    assert first.figures.flagged
    assert not rows["1.2"].figures.flagged
    assert rows["2.1"].figures.dont_know == 1
    assert rows["2.1"].figures.n == 2
    assert rows["2.1"].figures.median == 32.5


def test_the_consensus_table_merges_strengths_and_areas_without_repeats(in_consensus):
    row = caf.consensus_table(in_consensus, with_evidence=False).rows[0]

    assert row.strengths == ["Plan anual"]
    assert row.areas == ["Comunicare internă", "Indicatori", "Feedback"]


def test_the_consensus_table_is_grouped_by_criterion(in_consensus):
    table = caf.consensus_table(in_consensus, with_evidence=False)

    assert [block.criterion.number for block in table.criteria] == [1, 2, 6]
    assert [len(block.rows) for block in table.criteria] == [2, 1, 1]


def test_the_consensus_table_never_shows_a_draft(classical, members, quality_manager, caf_model):
    answer_all(classical, members[0], ALL_FIFTY)
    caf.save_individual(member_of(classical, members[1]), subcriterion(caf_model, "1.1"), by=members[1], score=99)

    row = caf.consensus_table(classical, with_evidence=False).rows[0]
    assert [s.score for s in row.scores] == [50]


def test_the_consensus_table_reads_a_fixed_number_of_queries(in_consensus, django_assert_num_queries):
    with django_assert_num_queries(4):
        table = caf.consensus_table(in_consensus, with_evidence=False)
        [row.figures for row in table.rows]


def test_the_leader_records_the_consensus_and_its_areas_become_improvement_areas(
    in_consensus, quality_manager, caf_model
):
    sub = subcriterion(caf_model, "1.1")
    consensus = caf.record_consensus(
        in_consensus,
        sub,
        by=quality_manager,
        score=55,
        rationale="Media grupului.",
        areas="Indicatori\n\n Feedback \n",
    )

    assert consensus.score == 55
    assert consensus.recorded_by == quality_manager
    assert list(ImprovementArea.objects.filter(assessment=in_consensus).values_list("text", flat=True)) == [
        "Indicatori",
        "Feedback",
    ]


def test_recording_again_updates_the_areas(in_consensus, quality_manager, caf_model):
    sub = subcriterion(caf_model, "1.1")
    caf.record_consensus(in_consensus, sub, by=quality_manager, score=55, areas="Indicatori\nFeedback")
    kept = ImprovementArea.objects.get(text="Indicatori")
    caf.record_consensus(in_consensus, sub, by=quality_manager, score=60, areas="Indicatori\nInstruire")

    assert ConsensusScore.objects.get(assessment=in_consensus, subcriterion=sub).score == 60
    texts = set(ImprovementArea.objects.filter(assessment=in_consensus).values_list("text", flat=True))
    assert texts == {"Indicatori", "Instruire"}
    assert ImprovementArea.objects.get(text="Indicatori").pk == kept.pk


def test_a_fine_tuned_consensus_needs_its_four_phases(fine_tuned, members, quality_manager, caf_model):
    for person in members:
        answer_all(fine_tuned, person, dict.fromkeys(CODES, (20, 40, 60, 80)))
    caf.start_consensus(fine_tuned, by=quality_manager)
    sub = subcriterion(caf_model, "1.1")

    with pytest.raises(ValidationError):
        caf.record_consensus(fine_tuned, sub, by=quality_manager, plan=20, do=40, check=60)
    with pytest.raises(ValidationError):
        caf.record_consensus(fine_tuned, sub, by=quality_manager, score=50)
    caf.record_consensus(fine_tuned, sub, by=quality_manager, plan=20, do=40, check=60, act=75)
    row = caf.consensus_table(fine_tuned, with_evidence=False).rows[0]
    assert row.consensus_score == 48.8  # 48.75
    assert row.figures.mean == 50


def test_a_classical_consensus_needs_its_score(in_consensus, quality_manager, caf_model):
    with pytest.raises(ValidationError):
        caf.record_consensus(in_consensus, subcriterion(caf_model, "1.1"), by=quality_manager, rationale="?")


def test_only_the_leader_records_the_consensus(in_consensus, members, caf_model):
    with pytest.raises(PermissionDenied):
        caf.record_consensus(in_consensus, subcriterion(caf_model, "1.1"), by=members[0], score=50)


def test_the_consensus_is_not_recorded_during_individual_work(classical, quality_manager, caf_model):
    with pytest.raises(TransitionRefused):
        caf.record_consensus(classical, subcriterion(caf_model, "1.1"), by=quality_manager, score=50)


def test_the_minutes_are_recorded_with_the_meetings_date(in_consensus, quality_manager):
    today = calendar.today()
    caf.record_minutes(in_consensus, by=quality_manager, held_on=today, minutes="Prezenți: 3.")

    assert (reload(in_consensus).consensus_held_on, in_consensus.minutes) == (today, "Prezenți: 3.")
    with pytest.raises(ValidationError):
        caf.record_minutes(in_consensus, by=quality_manager, held_on=today + datetime.timedelta(days=1), minutes="x")
    with pytest.raises(ValidationError):
        caf.record_minutes(in_consensus, by=quality_manager, held_on=today, minutes="  ")


def test_the_consensus_finishes_only_when_every_subcriterion_is_agreed(in_consensus, quality_manager, caf_model):
    for code in CODES[:3]:
        caf.record_consensus(in_consensus, subcriterion(caf_model, code), by=quality_manager, score=50)
    with pytest.raises(TransitionRefused) as refused:
        caf.finish_consensus(in_consensus, by=quality_manager)
    assert "6.1" in refused.value.messages[0]

    caf.record_consensus(in_consensus, subcriterion(caf_model, "6.1"), by=quality_manager, score=30)
    caf.finish_consensus(in_consensus, by=quality_manager)
    assert reload(in_consensus).status == Status.PLAN


def test_the_table_totals_the_agreed_scores(in_consensus, quality_manager, caf_model):
    for code, score in zip(CODES, (40, 60, 80, 30), strict=True):
        caf.record_consensus(in_consensus, subcriterion(caf_model, code), by=quality_manager, score=score)

    table = caf.consensus_table(in_consensus, with_evidence=False)
    assert [block.score for block in table.criteria] == [50, 80, 30]
    assert (table.totals.enablers, table.totals.results, table.totals.overall) == (65, 30, 53.3)
    assert table.complete


def test_the_results_criteria_are_offered_the_portals_figures_of_the_year_before(in_consensus):
    table = caf.consensus_table(in_consensus)
    blocks = {block.criterion.number: block for block in table.criteria}
    assert table.evidence is not None
    assert blocks[1].evidence == []
    assert "on_time_rate" in [key for key, _label, _value in blocks[6].evidence]
    start, end = caf.evidence_period(in_consensus)
    assert (table.evidence.period.start, table.evidence.period.end) == (start, end)


def test_the_evidence_period_is_the_twelve_months_before_the_exercise(in_consensus):
    from django.utils import timezone

    in_consensus.created_at = timezone.make_aware(datetime.datetime(2026, 3, 15, 10, 0))
    assert caf.evidence_period(in_consensus) == (datetime.date(2025, 3, 15), datetime.date(2026, 3, 14))
    in_consensus.created_at = timezone.make_aware(datetime.datetime(2028, 2, 29, 10, 0))
    assert caf.evidence_period(in_consensus) == (datetime.date(2027, 2, 28), datetime.date(2028, 2, 28))


def test_each_step_of_an_exercise_is_written_to_the_append_only_quality_log(quality_manager, caf_model, members):
    from quality.models import QualityEvent

    exercise = open_exercise(quality_manager, caf_model)
    caf.set_members(exercise, by=quality_manager, people=members)
    caf.start_individual_work(exercise, by=quality_manager)
    answer_all(exercise, members[0], dict.fromkeys(CODES, 50))

    log = QualityEvent.objects.filter(assessment=exercise).order_by("pk")
    assert [event.kind for event in log] == ["opened", "members_set", "individual_started", "submitted"]
    assert {event.actor for event in log} == {quality_manager, members[0]}
    with pytest.raises(Exception, match="append-only"):
        QualityEvent.objects.filter(pk=log[0].pk).update(note="rescris")
