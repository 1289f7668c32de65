"""Romanian is written with a comma below (ș ț Ș Ț), never with the cedilla of the old Turkish code pages."""

from pathlib import Path

import pytest
from django.template.defaultfilters import filesizeformat
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
CEDILLA = {"\u015e": "Ș", "\u015f": "ș", "\u0162": "Ț", "\u0163": "ț"}
PROJECT_PACKAGES = ("cms", "payments", "petitions", "portal", "services")


def cedillas(text):
    return sorted({character for character in text if character in CEDILLA})


def template_files():
    for package in PROJECT_PACKAGES:
        for path in sorted((ROOT / package).rglob("templates/**/*")):
            if path.is_file() and path.suffix in (".html", ".txt"):
                yield path


def demo_modules():
    for package in PROJECT_PACKAGES:
        yield from sorted((ROOT / package).rglob("demo.py"))


def msgstr_lines(po_file):
    """(line number, text) of every translation line of a .po file: `msgstr…` and the strings continuing it."""
    in_msgstr = False
    for number, line in enumerate(po_file.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("msgstr"):
            in_msgstr = True
        elif not line.startswith('"'):
            in_msgstr = False  # a comment, a msgid, a blank line, or an obsolete entry (#~)
        if in_msgstr:
            yield number, line


def test_the_romanian_translations_use_the_comma_below():
    po_file = ROOT / "locale/ro/LC_MESSAGES/django.po"
    assert [(number, line) for number, line in msgstr_lines(po_file) if cedillas(line)] == []


@pytest.mark.parametrize("path", [*template_files(), *demo_modules()], ids=lambda path: str(path.relative_to(ROOT)))
def test_templates_and_demo_data_use_the_comma_below(path):
    assert cedillas(path.read_text(encoding="utf-8")) == []


def test_the_checks_find_a_cedilla(tmp_path):
    po_file = tmp_path / "django.po"
    po_file.write_text(
        'msgid "Tax department"\nmsgstr ""\n"Direc\u0163ia de taxe \u015fi impozite"\n', encoding="utf-8"
    )
    assert [number for number, line in msgstr_lines(po_file) if cedillas(line)] == [3]


@pytest.mark.parametrize(
    ("size", "expected"),
    [(1, "1 octet"), (20, "20 de octeți"), (5, "5 octeți"), (2048, "2,0 KO"), (3 * 1024 * 1024, "3,0 MO")],
)
def test_file_sizes_in_romanian_use_the_comma_below(size, expected):
    with translation.override("ro"):
        assert filesizeformat(size).replace("\xa0", " ") == expected
