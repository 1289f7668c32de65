"""The CAF 2020 reference model as data: its shape, its three languages and its scoring panels (no database)."""

import ast
from pathlib import Path

import pytest

from quality import caf_reference as caf

CODES = [
    "1.1", "1.2", "1.3", "1.4",
    "2.1", "2.2", "2.3", "2.4",
    "3.1", "3.2", "3.3",
    "4.1", "4.2", "4.3", "4.4", "4.5", "4.6",
    "5.1", "5.2", "5.3",
    "6.1", "6.2",
    "7.1", "7.2",
    "8.1", "8.2",
    "9.1", "9.2",
]  # fmt: skip
LANGUAGES = ("ro", "hu", "en")
PANELS = {
    "classical enablers": caf.CLASSICAL_ENABLERS,
    "classical results": caf.CLASSICAL_RESULTS,
    "fine-tuned evidence": caf.FINE_TUNED_LEVELS,
}


def _texts():
    """Every translated text of the module, with where it is, so that a failure names the culprit."""
    for criterion in caf.CRITERIA:
        yield f"criterion {criterion['number']}", criterion["title"]
        for sub in criterion["subcriteria"]:
            yield f"{sub['code']} title", sub["title"]
    for name, levels in PANELS.items():
        for level in levels:
            yield f"{name} {level['low']}-{level['high']}", level["description"]
    for phase in caf.FINE_TUNED_PHASES:
        yield f"phase {phase['key']} title", phase["title"]
        yield f"phase {phase['key']} description", phase["description"]


def _all_strings():
    for where, text in _texts():
        for language in LANGUAGES:
            yield where, language, text[language]
    for _criterion, sub in caf.subcriteria():
        for language in LANGUAGES:
            for example in sub["examples"][language]:
                yield f"{sub['code']} example", language, example


def test_the_edition_is_caf_2020():
    assert caf.EDITION == "CAF 2020"


def test_there_are_nine_criteria_numbered_one_to_nine():
    assert [criterion["number"] for criterion in caf.CRITERIA] == list(range(1, 10))


def test_criteria_one_to_five_are_enablers_and_six_to_nine_are_results():
    kinds = {criterion["number"]: criterion["kind"] for criterion in caf.CRITERIA}

    assert [n for n, kind in kinds.items() if kind == "enabler"] == [1, 2, 3, 4, 5]
    assert [n for n, kind in kinds.items() if kind == "result"] == [6, 7, 8, 9]


def test_the_28_subcriteria_come_in_the_framework_order():
    assert [sub["code"] for _criterion, sub in caf.subcriteria()] == CODES


def test_each_subcriterion_belongs_to_the_criterion_its_code_names():
    for criterion, sub in caf.subcriteria():
        assert sub["code"].split(".")[0] == str(criterion["number"])


def test_every_title_and_description_is_written_in_romanian_hungarian_and_english():
    for where, text in _texts():
        assert set(text) == set(LANGUAGES), where
        for language in LANGUAGES:
            assert text[language].strip(), f"{where} ({language}) is empty"


@pytest.mark.parametrize("code", CODES)
def test_each_subcriterion_has_three_to_six_examples_in_each_language(code):
    sub = next(sub for _criterion, sub in caf.subcriteria() if sub["code"] == code)

    counts = {language: len(sub["examples"][language]) for language in LANGUAGES}

    assert set(sub["examples"]) == set(LANGUAGES)
    assert len(set(counts.values())) == 1, f"{code}: the languages do not give the same examples {counts}"
    assert 3 <= counts["en"] <= 6, f"{code}: {counts['en']} examples"


def test_no_example_is_empty_or_spans_lines():
    """The model keeps the examples one per line: a line break inside one would split it in two."""
    for _criterion, sub in caf.subcriteria():
        for language in LANGUAGES:
            for example in sub["examples"][language]:
                assert example.strip(), f"{sub['code']} ({language}) has an empty example"
                assert "\n" not in example, f"{sub['code']} ({language}): {example!r}"


def test_romanian_uses_comma_below_letters_not_cedillas():
    cedillas = set("şţŞŢ")

    offenders = [(where, text) for where, language, text in _all_strings() if cedillas & set(text)]

    assert offenders == []


def test_romanian_texts_do_carry_diacritics():
    """Guards the guard above: a Romanian text stripped of all its diacritics would pass it too."""
    romanian = " ".join(text for _where, language, text in _all_strings() if language == "ro")

    assert {"ș", "ț", "ă", "â", "î"} <= set(romanian)


def test_hungarian_uses_double_acute_letters_not_lookalikes():
    lookalikes = set("ôõûũÔÕÛŨ")

    offenders = [
        (where, text) for where, language, text in _all_strings() if language == "hu" and lookalikes & set(text)
    ]

    assert offenders == []
    assert {"ő", "ű"} <= set(" ".join(text for _w, language, text in _all_strings() if language == "hu"))


def test_criterion_titles_fit_the_model_field():
    assert all(len(criterion["title"][language]) <= 200 for criterion in caf.CRITERIA for language in LANGUAGES)


@pytest.mark.parametrize("name", PANELS)
def test_each_panel_has_six_levels_covering_0_to_100_without_gaps_or_overlaps(name):
    levels = PANELS[name]

    assert len(levels) == 6
    assert levels[0]["low"] == 0
    assert levels[-1]["high"] == 100
    for level, following in zip(levels, levels[1:], strict=False):
        assert level["low"] <= level["high"]
        assert following["low"] == level["high"] + 1


def test_the_classical_enablers_panel_walks_round_the_pdca_cycle():
    assert [level["phase"] for level in caf.CLASSICAL_ENABLERS] == [None, "plan", "do", "check", "act", "pdca"]


def test_the_fine_tuned_panel_scores_plan_do_check_and_act():
    assert [phase["key"] for phase in caf.FINE_TUNED_PHASES] == ["plan", "do", "check", "act"]
    assert [phase["title"]["en"] for phase in caf.FINE_TUNED_PHASES] == ["Plan", "Do", "Check", "Act"]


@pytest.mark.parametrize(
    ("score", "phase"),
    [(0, None), (10, None), (11, "plan"), (30, "plan"), (50, "do"), (51, "check"), (90, "act"), (91, "pdca")],
)
def test_a_score_is_placed_in_its_level_at_the_boundaries(score, phase):
    assert caf.level_for(caf.CLASSICAL_ENABLERS, score)["phase"] == phase


@pytest.mark.parametrize("score", [-1, 101])
def test_a_score_outside_0_to_100_has_no_level(score):
    with pytest.raises(ValueError):
        caf.level_for(caf.CLASSICAL_RESULTS, score)


def test_the_module_does_not_import_django():
    """The reference must stay readable by a data migration and by these tests without the ORM."""
    tree = ast.parse(Path(caf.__file__).read_text(encoding="utf-8"))

    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}

    assert not [name for name in imported if name.split(".")[0] == "django"]
