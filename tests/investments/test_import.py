"""The register's spreadsheet brought back in: a dry run that lists every change and writes nothing, errors named by
line and column, a file with any error refused as a whole, the uploader's confirmation applied once through the
workflow (so with history), and large files applied by the background job."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from investments import import_tasks, importing
from investments.models import Change, ImportJob, Investment, Stage
from tests.factories import PNG, DepartmentFactory
from tests.investments.factories import InvestmentFactory, staff_of
from tests.investments.import_helpers import (  # noqa: F401 (the fixtures)
    EXPORT_CSV,
    EXPORT_XLSX,
    UPLOAD,
    _english_pages,
    apply_url,
    csv_bytes,
    csv_rows,
    csv_upload,
    errors_at,
    new_row,
    preview_url,
    register_fixture,
    register_state,
    upload,
    uploaded_job,
)

pytestmark = pytest.mark.django_db
Status = ImportJob.Status
# Session, user, permissions (own and groups), memberships, the institution's settings, the site's navigation, the
# job (or the user's latest jobs): never per row.
PAGE_QUERIES = 8


def exported(client, changes=None, added=()):
    """The register's CSV export as the clerk downloads it, with some cells changed and some rows added."""
    rows = csv_rows(client.get(EXPORT_CSV).content)
    for row in rows:
        row.update((changes or {}).get(row["code"], {}))
    return csv_bytes([*rows, *added], header=list(rows[0]))


def actions(job):
    return {change["code"]: change["action"] for change in job.changes}


# --- the dry run ---------------------------------------------------------------------------------------------------


def test_an_exported_csv_brought_back_unchanged_changes_nothing(client, clerk, register):
    client.force_login(clerk)
    job = uploaded_job(client, SimpleUploadedFile("investitii.csv", exported(client)))
    assert job.errors == []
    assert job.status == Status.PREVIEWED
    assert actions(job) == {"INV-SCOALA": "unchanged", "INV-STRADA": "unchanged"}


def test_an_exported_xlsx_brought_back_unchanged_changes_nothing(client, clerk, register):
    client.force_login(clerk)
    content = client.get(EXPORT_XLSX).content
    job = uploaded_job(client, SimpleUploadedFile("investitii.xlsx", content))
    assert job.errors == []
    assert actions(job) == {"INV-SCOALA": "unchanged", "INV-STRADA": "unchanged"}
    response = client.get(preview_url(job))
    assert "2 rows are the same as in the register" in response.content.decode()
    assert 'id="apply-import"' not in response.content.decode()


def test_the_dry_run_lists_every_change_and_writes_nothing_but_the_job(client, clerk, register):
    client.force_login(clerk)
    content = exported(
        client,
        changes={"INV-STRADA": {"title": "Strada Avram Iancu, etapa I", "stage_feasibility_planned": "2025-11-30"}},
        added=[new_row()],
    )
    before = register_state()

    job = uploaded_job(client, SimpleUploadedFile("investitii.csv", content))

    assert register_state() == before
    assert job.status == Status.PREVIEWED
    assert actions(job) == {"INV-SCOALA": "unchanged", "INV-STRADA": "update", "INV-PARC": "create"}
    street = next(change for change in job.changes if change["code"] == "INV-STRADA")
    assert [(f["field"], f["old"], f["new"]) for f in street["fields"]] == [
        ("title", "Modernizare strada Avram Iancu", "Strada Avram Iancu, etapa I"),
        ("stage_feasibility_planned", "2025-09-30", "2025-11-30"),
    ]
    park = next(change for change in job.changes if change["code"] == "INV-PARC")
    assert {f["field"]: f["new"] for f in park["fields"]}["department"] == "urbanism"

    page = client.get(preview_url(job)).content.decode()
    assert "Strada Avram Iancu, etapa I" in page
    assert "new investment" in page
    assert 'id="apply-import"' in page


def test_every_row_error_is_named_by_its_line_and_column(client, clerk, citizen, register):
    DepartmentFactory(code="cultura")
    client.force_login(clerk)
    rows = [
        new_row(),  # line 2: good
        new_row(code="NEW-1", department="inexistent"),
        new_row(code="NEW-2", responsible=citizen.email),
        new_row(code="NEW-3", responsible="nimeni@primarie.ro"),
        new_row(code="NEW-4", planned_start="31.02.2026"),
        new_row(code="NEW-5", latitude="patruzeci", longitude="23.5"),
        new_row(code="NEW-6", latitude="46.5"),
        new_row(code="NEW-7", parent="NU-EXISTA"),
        new_row(code="NEW-8", parent="INV-PARC"),  # line 10: a parent created in the same file is allowed
        new_row(),
        new_row(code="NEW-9", planned_start="2026-05-01", planned_end="2026-01-01"),
        new_row(code="NEW-10", department="cultura"),
        new_row(code="TAX-SEDIU", title="Sediul taxelor"),
        new_row(code="NEW-11", title=""),
        new_row(code=""),
        new_row(code="NEW-12", stage_feasibility_planned="mâine"),
    ]
    header = [*new_row(), "responsible", "latitude", "longitude", "parent", "stage_feasibility_planned"]
    before = register_state()

    job = uploaded_job(client, csv_upload(rows, header))

    assert job.status == Status.INVALID
    assert register_state() == before
    expected = {
        (3, "department"): "No department has the code “inexistent”.",
        (4, "responsible"): "No staff member has the e-mail address “ana.popescu@example.ro”.",
        (5, "responsible"): "No staff member has the e-mail address “nimeni@primarie.ro”.",
        (6, "planned_start"): "“31.02.2026” is not a date: write it as 2025-03-31.",
        (7, "latitude"): "“patruzeci” is not a number.",
        (8, "longitude"): "Give both the latitude and the longitude of the map point, or neither.",
        (9, "parent"): "No investment has the code NU-EXISTA, neither in the register nor in this file.",
        (11, "code"): "The code INV-PARC is also on line 2: each investment comes once.",
        (12, "planned_end"): "The planned end cannot come before the planned start.",
        (13, "department"): "You are not a member of the department cultura: you may import only your departments' "
        "investments.",
        (14, "code"): "TAX-SEDIU is an investment of taxe: you may change only your departments' investments.",
        (15, "title"): "Fill in the title: it is required.",
        (16, "code"): "Fill in the code: it is required.",
        (17, "stage_feasibility_planned"): "“mâine” is not a date: write it as 2025-03-31.",
    }
    for (line, column), message in expected.items():
        assert errors_at(job, line, column) == [message], (line, column, job.errors)
    assert {error["line"] for error in job.errors} == {line for line, _column in expected}


def test_a_file_without_a_required_column_or_with_an_unknown_one_is_refused_at_its_header(client, clerk, register):
    client.force_login(clerk)
    job = uploaded_job(client, csv_upload([{"code": "INV-PARC", "title": "Parcul central", "planed_start": "2026"}]))
    assert job.status == Status.INVALID
    assert errors_at(job, 1, "department") == ["The column “department” is missing: it is required."]
    assert errors_at(job, 1, "planed_start") == [
        "Unknown column “planed_start”: keep the names of the exported file's first row."
    ]


def test_a_file_with_one_bad_row_is_refused_whole_and_says_so(client, clerk, register):
    client.force_login(clerk)
    before = register_state()
    job = uploaded_job(client, csv_upload([new_row(), new_row(code="INV-LAC", planned_end="31 decembrie")]))

    assert job.status == Status.INVALID
    assert errors_at(job, 3, "planned_end") == ["“31 decembrie” is not a date: write it as 2025-03-31."]
    page = client.get(preview_url(job)).content.decode()
    assert "The file was refused: nothing will be imported" in page
    assert 'id="apply-import"' not in page

    client.post(apply_url(job))
    job.refresh_from_db()
    assert job.status == Status.INVALID
    assert register_state() == before
    assert not Investment.objects.filter(code="INV-PARC").exists()


# --- applying ------------------------------------------------------------------------------------------------------


def test_applying_creates_and_updates_through_the_workflow_with_history(client, clerk, register):
    client.force_login(clerk)
    content = exported(
        client,
        changes={"INV-STRADA": {"title": "Strada Avram Iancu, etapa I", "stage_feasibility_planned": "2025-11-30"}},
        added=[new_row(parent="INV-STRADA", stage_procurement_planned="2026-01-15")],
    )
    job = uploaded_job(client, SimpleUploadedFile("investitii.csv", content))

    response = client.post(apply_url(job))

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Status.APPLIED
    assert job.applied_by == clerk
    street = register.street
    street.refresh_from_db()
    assert street.title == "Strada Avram Iancu, etapa I"
    assert street.stages.get(kind=Stage.Kind.FEASIBILITY).planned_date == datetime.date(2025, 11, 30)
    park = Investment.objects.get(code="INV-PARC")
    assert (park.department.code, park.parent, park.planned_end) == (
        "urbanism",
        street,
        datetime.date(2026, 12, 31),
    )
    assert park.stages.get(kind=Stage.Kind.PROCUREMENT).planned_date == datetime.date(2026, 1, 15)
    assert Change.objects.filter(investment=street, actor=clerk, new_value="Strada Avram Iancu, etapa I").exists()
    assert Change.objects.filter(investment=street, actor=clerk, new_value="2025-11-30").exists()
    assert Change.objects.filter(investment=park, actor=clerk).exists()
    assert not Change.objects.filter(investment=register.school).exists()
    assert "were applied" in client.get(preview_url(job)).content.decode()


def test_a_second_apply_of_the_same_job_is_refused(client, clerk, register):
    client.force_login(clerk)
    job = uploaded_job(client, csv_upload([new_row()]))
    client.post(apply_url(job))
    changes = Change.objects.count()

    response = client.post(apply_url(job), follow=True)

    assert "already applied or refused" in response.content.decode()
    assert Change.objects.count() == changes
    assert Investment.objects.filter(code="INV-PARC").count() == 1


def test_only_the_uploader_may_see_and_apply_an_import(client, clerk, department, register):
    client.force_login(clerk)
    job = uploaded_job(client, csv_upload([new_row()]))
    colleague = staff_of(department)
    client.force_login(colleague)

    assert client.post(apply_url(job)).status_code == 404
    assert client.get(preview_url(job)).status_code == 404
    job.refresh_from_db()
    assert job.status == Status.PREVIEWED
    assert not Investment.objects.filter(code="INV-PARC").exists()


def test_the_register_is_checked_again_when_the_import_is_applied(client, clerk, department, register):
    gone = InvestmentFactory(department=department, code="INV-VECHI")
    client.force_login(clerk)
    job = uploaded_job(client, csv_upload([new_row(parent="INV-VECHI")]))
    assert job.status == Status.PREVIEWED
    gone.delete()

    client.post(apply_url(job))

    job.refresh_from_db()
    assert job.status == Status.INVALID
    assert errors_at(job, 2, "parent") == [
        "No investment has the code INV-VECHI, neither in the register nor in this file."
    ]
    assert not Investment.objects.filter(code="INV-PARC").exists()


def test_a_large_file_is_applied_by_the_background_job(
    client, clerk, register, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(importing, "IMPORT_INLINE_ROWS", 2)
    client.force_login(clerk)
    job = uploaded_job(client, csv_upload([new_row(code=f"INV-PARC-{n}") for n in range(3)]))

    with django_capture_on_commit_callbacks() as callbacks:
        client.post(apply_url(job))
    job.refresh_from_db()
    assert job.status == Status.QUEUED
    assert not Investment.objects.filter(code__startswith="INV-PARC").exists()
    assert "being applied in the background" in client.get(preview_url(job)).content.decode()

    for callback in callbacks:
        callback()  # Celery runs eagerly in tests

    job.refresh_from_db()
    assert job.status == Status.APPLIED
    assert Investment.objects.filter(code__startswith="INV-PARC").count() == 3


def test_a_background_import_that_breaks_is_marked_failed(clerk, register, monkeypatch):
    job = ImportJob.objects.create(
        file_name="investitii.csv", sha256="0" * 64, uploaded_by=clerk, status=Status.QUEUED, rows=300
    )

    def broken(job_pk):
        raise RuntimeError("database gone")

    monkeypatch.setattr(importing, "apply_queued", broken)
    import_tasks.apply_import.delay(job.pk)
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert "database gone" in job.failure


# --- the file ------------------------------------------------------------------------------------------------------


def test_a_picture_named_like_a_csv_is_refused_and_not_kept(client, clerk, register):
    client.force_login(clerk)
    response = upload(client, SimpleUploadedFile("investitii.csv", PNG, content_type="text/csv"))
    assert response.status_code == 200
    assert (
        "“investitii.csv” is not a spreadsheet the import reads: upload a CSV file (UTF-8) or an XLSX workbook."
        in response.content.decode()
    )
    assert not ImportJob.objects.exists()


def test_a_file_over_5_mb_is_refused_before_it_is_read(client, clerk, register):
    client.force_login(clerk)
    content = csv_bytes([new_row(description="x" * (5 * 1024 * 1024))])
    response = upload(client, SimpleUploadedFile("investitii.csv", content, content_type="text/csv"))
    assert response.status_code == 200
    assert "“investitii.csv” is larger than 5.0\xa0MB, the most a file may have." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_staff_outside_every_department_may_not_import(client, quality_manager, register):
    client.force_login(quality_manager)
    assert client.get(UPLOAD).status_code == 403


def test_the_import_pages_read_a_fixed_number_of_rows(client, clerk, register, django_assert_max_num_queries):
    client.force_login(clerk)
    jobs = [uploaded_job(client, csv_upload([new_row(code=f"INV-{n}")])) for n in range(3)]
    client.get(UPLOAD)  # the institution's settings, created once on the first page
    with django_assert_max_num_queries(PAGE_QUERIES):
        client.get(UPLOAD)
    with django_assert_max_num_queries(PAGE_QUERIES):
        client.get(preview_url(jobs[0]))
