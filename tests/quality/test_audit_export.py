"""The auditor's ZIP: the register, every version, the sign-off log, the acknowledgement matrix, and a PDF."""

import csv
import datetime
import io
import zipfile

import pytest
from django.utils import translation

from quality import workflow
from quality.audit_export import audit_zip
from quality.distribution import acknowledge, distribute
from quality.models import ProcedureVersion
from services.models import Membership
from tests.factories import MembershipFactory, ProcedureFactory, StaffFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 30)


@pytest.fixture
def history(procedure, draft, drafter, verifier, mayor):
    """PO-DUAT-02: edition 2 revision 1 superseded by revision 2 on 2026-11-02, acknowledged by one of two clerks."""
    clerks = [
        StaffFactory(first_name="Ioana", last_name="Pop"),
        StaffFactory(first_name="Levente", last_name="Kovács"),
    ]
    for clerk in clerks:
        MembershipFactory(department=procedure.owner_department, user=clerk, role=Membership.Role.CLERK)
    workflow.submit_for_verification(draft, by=drafter)
    workflow.verify(draft, by=verifier, function="Responsabil calitate")
    distribute(draft, by=drafter, department=procedure.owner_department)
    version = workflow.approve(
        draft, by=mayor, function="Primar", effective_date=datetime.date(2026, 11, 2), today=datetime.date(2026, 11, 2)
    )
    acknowledge(version.acknowledgements.get(person=clerks[0]), by=clerks[0])
    ProcedureFactory(code="PO-RU-01", title="Recrutarea personalului", effective_date=datetime.date(2024, 5, 1))
    return version, clerks


def read(archive, name):
    raw = archive.read(name)
    assert raw.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def archive(history):
    return zipfile.ZipFile(io.BytesIO(audit_zip(TODAY, language="ro")))


def test_the_zip_holds_the_four_tables_and_the_pdf(archive):
    assert sorted(archive.namelist()) == [
        "istoric_versiuni.csv",
        "jurnal_semnaturi.csv",
        "matrice_luare_la_cunostinta.csv",
        "registru_proceduri.csv",
        "registru_proceduri.pdf",
    ]
    assert archive.read("registru_proceduri.pdf").startswith(b"%PDF-")


def test_the_register_has_a_row_per_procedure_with_its_version_in_force_and_next_review(archive):
    header, *rows = read(archive, "registru_proceduri.csv")
    assert len(header) == 9
    by_code = {row[0]: row for row in rows}
    assert set(by_code) == {"PO-DUAT-02", "PO-RU-01"}
    with translation.override("ro"):
        in_force = str(ProcedureVersion.Status.EFFECTIVE.label)
    assert by_code["PO-DUAT-02"][3:9] == ["2", "2", in_force, "2026-11-02", "2027-11-02", ""]
    # A procedure whose versions are not kept yet is listed as the catalogue knows it.
    assert by_code["PO-RU-01"][3:5] == ["1", "0"]
    assert by_code["PO-RU-01"][6] == "2024-05-01"


def test_the_version_history_lists_every_version(archive):
    _header, *rows = read(archive, "istoric_versiuni.csv")
    assert [(row[0], row[1], row[2]) for row in rows] == [("PO-DUAT-02", "2", "1"), ("PO-DUAT-02", "2", "2")]
    assert rows[0][8] == "2026-11-02"  # superseded on
    assert len(rows[1][11]) == 64


def test_the_sign_off_log_has_each_step_with_name_and_function(archive, history):
    _header, *rows = read(archive, "jurnal_semnaturi.csv")
    revision_2 = [row for row in rows if row[2] == "2"]
    assert [(row[4], row[5]) for row in revision_2] == [
        ("Ioana Redactor", "Consilier"),
        ("Mihai Calitate", "Responsabil calitate"),
        ("Elena Primar", "Primar"),
        (revision_2[3][4], ""),
    ]
    assert len(rows) == len(revision_2) + 2  # revision 1: recorded in force, then superseded


def test_the_matrix_shows_who_has_acknowledged_and_who_has_not(archive):
    _header, *rows = read(archive, "matrice_luare_la_cunostinta.csv")
    by_person = {row[3]: row for row in rows if row[2] == "2"}
    assert set(by_person) == {"Ioana Pop", "Levente Kovács"}
    assert by_person["Ioana Pop"][8] != ""
    assert by_person["Levente Kovács"][8] == ""
    assert all(row[6] for row in by_person.values())  # requested


def test_a_formula_in_a_name_is_kept_as_text(history, procedure):
    version, clerks = history
    clerks[1].first_name = "=HYPERLINK(1)"
    clerks[1].save()
    archive = zipfile.ZipFile(io.BytesIO(audit_zip(TODAY)))
    _header, *rows = read(archive, "matrice_luare_la_cunostinta.csv")
    assert any(row[3].startswith("'=HYPERLINK") for row in rows)
