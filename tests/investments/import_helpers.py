"""Helpers of the spreadsheet tests: English pages, a small register across two departments, files to upload, and
the downloads read back into rows."""

import csv
import datetime
import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from investments.models import Change, ImportJob, Investment, LedgerEntry, Stage
from tests.factories import MembershipFactory
from tests.investments.factories import (
    ContractFactory,
    InvestmentFactory,
    LedgerEntryFactory,
    StageFactory,
)

EXPORT_CSV = reverse("investments:export_csv")
EXPORT_XLSX = reverse("investments:export_xlsx")
UPLOAD = reverse("investments:import_upload")
FORMULA_TITLE = '=HYPERLINK("http://rau.example/","Click")'


@pytest.fixture(autouse=True)
def _english_pages(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture(name="register")
def register_fixture(department, head, other_department_clerk):
    """Two investments of urbanism (where `clerk` and `head` work) and one of the other department (taxe)."""
    street = InvestmentFactory(
        department=department,
        code="INV-STRADA",
        title="Modernizare strada Avram Iancu",
        title_hu="Avram Iancu utca korszerűsítése",
        responsible=head,
        latitude="46.770439",
        longitude="23.591423",
        planned_start=datetime.date(2025, 6, 1),
        planned_end=datetime.date(2027, 5, 31),
    )
    StageFactory(investment=street, kind=Stage.Kind.FEASIBILITY, planned_date=datetime.date(2025, 9, 30))
    contract = ContractFactory(investment=street, value_bani=100_000_00, vat_bani=19_000_00)
    LedgerEntryFactory(
        investment=street, contract=contract, kind=LedgerEntry.Kind.PAID, amount_bani=1_234_56, validated=True
    )
    school = InvestmentFactory(
        department=department,
        code="INV-SCOALA",
        title=FORMULA_TITLE,
        description="Acoperiș nou.\nFațadă izolată.",
        parent=street,
    )
    elsewhere = InvestmentFactory(
        department=other_department_clerk.memberships.get().department, code="TAX-SEDIU", title="Sediul taxelor"
    )
    return SimpleNamespace(street=street, school=school, elsewhere=elsewhere)


def member_of(user, department):
    MembershipFactory(user=user, department=department)
    return type(user).objects.get(pk=user.pk)


# --- reading downloads ---------------------------------------------------------------------------------------------


def csv_rows(content: bytes) -> list[dict]:
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


def xlsx_sheet(content: bytes, index=0):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(content)).worksheets[index]


def xlsx_rows(content: bytes) -> list[dict]:
    rows = list(xlsx_sheet(content).iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def codes(rows) -> list[str]:
    return [row["code"] for row in rows]


# --- files to upload -----------------------------------------------------------------------------------------------


def csv_bytes(rows: list[dict], header=None) -> bytes:
    header = header or list(rows[0])
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(key, "") for key in header])
    return "\ufeff".encode() + buffer.getvalue().encode()


def csv_upload(rows: list[dict], header=None, name="investitii.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_bytes(rows, header), content_type="text/csv")


def new_row(**values) -> dict:
    """A new investment of urbanism, as a clerk types it into the file."""
    return {
        "code": "INV-PARC",
        "title": "Parcul central",
        "department": "urbanism",
        "planned_start": "2026-03-01",
        "planned_end": "2026-12-31",
        **values,
    }


def upload(client, file):
    return client.post(UPLOAD, {"file": file})


def uploaded_job(client, file) -> ImportJob:
    response = upload(client, file)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportJob.objects.get(pk=int(response.url.rstrip("/").rsplit("/", 1)[-1]))


def preview_url(job):
    return reverse("investments:import_preview", kwargs={"job_pk": job.pk})


def apply_url(job):
    return reverse("investments:import_apply", kwargs={"job_pk": job.pk})


def register_state():
    """Everything an import may change, to prove that a dry run or a refused file changed nothing."""
    return (
        list(Investment.objects.order_by("pk").values()),
        list(Stage.objects.order_by("pk").values("investment_id", "kind", "planned_date")),
        Change.objects.count(),
    )


def errors_at(job, line, column) -> list[str]:
    return [error["message"] for error in job.errors if error["line"] == line and error["column"] == column]
