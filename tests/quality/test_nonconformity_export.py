"""The auditor's export of the nonconformities: the CSV tables in a ZIP, the PDF that names no applicant, and who may
download them."""

import csv
import datetime
import io
import zipfile

import pytest
from django.utils import timezone
from pypdf import PdfReader

from quality import nonconformity_export
from quality.models import Action, ActionEvidence, Nonconformity, NonconformityCause, ProcedureVersion
from services.calendar import clock_at
from services.models import Membership
from tests.factories import (
    CaseFactory,
    DepartmentFactory,
    MembershipFactory,
    ProcedureFactory,
    ServiceFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)
ZIP_URL = "/birou/calitate/tipare/export.zip"
PDF_URL = "/birou/calitate/tipare/export.pdf"
PERIOD = {"start": "2026-01", "end": "2026-03"}


@pytest.fixture
def register(db):
    """A nonconformity about a case of Ștefan Mureșan, analysed, decided, with a corrective action and its evidence;
    and one detected after the period."""
    department = DepartmentFactory(name="Direcția Urbanism și Amenajarea Teritoriului", name_en="", name_hu="")
    procedure = ProcedureFactory(owner_department=department, code="PO-DUAT-02", edition=2, revision=1)
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        edition=2,
        revision=2,
        status=ProcedureVersion.Status.DRAFT,
        component="description",
        change_summary="Verificarea completitudinii la registratură.",
    )
    at = timezone.make_aware(datetime.datetime(2026, 1, 5, 9, 0))
    with clock_at(datetime.date(2026, 1, 5)):
        case = CaseFactory(
            service=ServiceFactory(procedure=procedure),
            applicant=None,
            applicant_name="Ștefan Mureșan",
            applicant_email="stefan.muresan@example.ro",
            applicant_cnp="1800101221144",
            registered_at=at,
        )
    cause = NonconformityCause.objects.create(name="Dosar incomplet neobservat la înregistrare")
    owner = StaffFactory(first_name="Ioana", last_name="Țăranu")
    nc = Nonconformity.objects.create(
        number="NC-2026-0001",
        source=Nonconformity.Source.CLOSED_LATE,
        status=Nonconformity.Status.ACTION,
        case=case,
        procedure=procedure,
        department=department,
        detected_on=datetime.date(2026, 2, 10),
        description="Dosarul lui Ștefan Mureșan (CNP 1800101221144) a fost închis cu 12 zile întârziere.",
        cause=cause,
        cause_detail="Lipsea extrasul de carte funciară; STEFAN.MURESAN@example.ro nu a răspuns.",
        correction="Dosarul a fost soluționat.",
        action_needed=True,
        decision_note="Se repetă în fiecare trimestru.",
    )
    action = Action.objects.create(
        number="AC-2026-0001",
        origin=Action.Origin.NONCONFORMITY,
        nonconformity=nc,
        title="Lista de verificare la registratură",
        department=department,
        owner=owner,
        due_date=datetime.date(2026, 4, 30),
        procedure=procedure,
        procedure_version=version,
        indicator="on_time_rate",
    )
    ActionEvidence.objects.create(
        action=action,
        note="Instruire ținută pe 3 martie.",
        file_name="proces-verbal_ședință.pdf",
        link="https://intranet.example.ro/instruire",
        added_by=owner,
    )
    Nonconformity.objects.create(
        number="NC-2026-0099",
        source=Nonconformity.Source.AUDIT,
        department=department,
        detected_on=datetime.date(2026, 4, 2),
        description="Constatare de audit din aprilie.",
    )
    return {"nc": nc, "case": case, "department": department}


def tables(content):
    archive = zipfile.ZipFile(io.BytesIO(content))
    found = {}
    for name in archive.namelist():
        raw = archive.read(name)
        assert raw.startswith("\ufeff".encode()), name
        found[name] = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    return found


def test_the_zip_holds_one_csv_per_table_with_diacritics_intact(register):
    found = tables(nonconformity_export.export_zip(START, END, language="en"))
    assert set(found) == {"registru_neconformitati.csv", "cauze.csv", "actiuni.csv", "dovezi.csv"}
    header, *rows = found["registru_neconformitati.csv"]
    assert header[:5] == ["Number", "Source", "Status", "Department", "Procedure"]
    assert len(rows) == 1  # April's is outside the period
    row = dict(zip(header, rows[0], strict=True))
    assert row["Number"] == "NC-2026-0001"
    assert row["Department"] == "Direcția Urbanism și Amenajarea Teritoriului"
    assert (row["Procedure"], row["Edition"], row["Revision"]) == ("PO-DUAT-02", "2", "1")
    assert row["Case"] == register["case"].registration_number
    assert row["Cause"] == "Dosar incomplet neobservat la înregistrare"
    assert row["Detected on"] == "2026-02-10"
    assert row["Decision"] == "corrective action needed — Se repetă în fiecare trimestru."
    assert found["cauze.csv"][1] == ["Dosar incomplet neobservat la înregistrare", "yes", "1"]
    action_header, action = found["actiuni.csv"]
    action = dict(zip(action_header, action, strict=True))
    assert action["Person responsible"] == "Ioana Țăranu"
    assert action["Procedure version that carries the change"] == "PO-DUAT-02 edition 2, revision 2"
    assert action["Indicator it should move"] == "cases closed on time"
    assert action["Nonconformity"] == "NC-2026-0001"
    evidence = dict(zip(*found["dovezi.csv"], strict=True))
    assert evidence["File"] == "proces-verbal_ședință.pdf"
    assert evidence["Added by"] == "Ioana Țăranu"


def test_the_free_texts_mask_the_applicants_name_email_and_cnp(register):
    header, row = tables(nonconformity_export.export_zip(START, END, language="en"))["registru_neconformitati.csv"]
    row = dict(zip(header, row, strict=True))
    assert row["What happened"] == "Dosarul lui [applicant] (CNP [applicant]) a fost închis cu 12 zile întârziere."
    assert "MURESAN" not in row["The cause in detail"].upper()


def test_the_export_keeps_to_the_departments_asked_for(register):
    found = tables(nonconformity_export.export_zip(START, END, departments=[DepartmentFactory()], language="en"))
    assert len(found["registru_neconformitati.csv"]) == 1  # the header alone
    assert len(found["actiuni.csv"]) == 1


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_lists_the_register_and_names_no_applicant(register):
    text = pdf_text(nonconformity_export.export_pdf(START, END, language="en"))
    flat = " ".join(text.split())
    assert "NC-2026-0001" in flat and "AC-2026-0001" in flat
    assert register["case"].registration_number in flat
    assert "Register of nonconformities" in flat
    assert "NC-2026-0099" not in flat
    for private in ("Mureșan", "Muresan", "MURESAN", "stefan.muresan", "1800101221144"):
        assert private.lower() not in flat.lower()


# --- who may download -------------------------------------------------------------------------------------------


def test_the_quality_manager_downloads_the_zip_and_the_pdf(client, quality_manager, register):
    client.force_login(quality_manager)
    response = client.get(ZIP_URL, PERIOD)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert 'filename="neconformitati-2026-01-2026-03.zip"' in response["Content-Disposition"]
    assert "registru_neconformitati.csv" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    response = client.get(PDF_URL, PERIOD)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "NC-2026-0001" in pdf_text(response.content)


def test_heads_clerks_and_citizens_may_not_download_the_export(client, register):
    head = StaffFactory()
    MembershipFactory(user=head, department=register["department"], role=Membership.Role.HEAD)
    for person in (head, StaffFactory(), UserFactory()):
        client.force_login(person)
        assert client.get(ZIP_URL, PERIOD).status_code == 403
        assert client.get(PDF_URL, PERIOD).status_code == 403


def test_a_period_the_wrong_way_round_is_refused(client, quality_manager):
    client.force_login(quality_manager)
    assert client.get(ZIP_URL, {"start": "2026-05", "end": "2026-03"}).status_code == 400
