"""The open data: a CSV and an OC4IDS 0.9 project package, of the published investments and their validated money only.

The JSON's field names and types are those of the OC4IDS 0.9 project schema (schema/project-level/
project-schema.json and project-package-schema.json of open-contracting/infrastructure)."""

import csv
import io
import json

import pytest

from investments import opendata, workflow
from investments.models import Stage
from portal.models import InstitutionSettings
from tests.investments.factories import AmendmentFactory, InvestmentFactory, StageFactory
from tests.investments.public_helpers import (  # noqa: F401 (the fixtures)
    CSV,
    JSON,
    draft_fixture,
    pending_payment,
    published_fixture,
)

pytestmark = pytest.mark.django_db

PROJECT_STATUSES = {
    "identification",
    "preparation",
    "implementation",
    "completion",
    "maintenance",
    "decommissioning",
    "decommissioned",
    "cancelled",
}


def csv_rows(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:]), delimiter=";"))


def package(client):
    response = client.get(JSON)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def project_of(data, code):
    return next(project for project in data["projects"] if project["id"] == code)


def is_value(value):
    return set(value) == {"amount", "currency"} and isinstance(value["amount"], (int, float))


# --- CSV ---------------------------------------------------------------------------------------------------------------


def test_the_csv_has_one_row_per_published_investment_with_its_validated_figures(client, published, draft, settings):
    response = client.get(CSV)
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert [row["code"] for row in rows] == [published.code]
    row = rows[0]
    assert list(row) == opendata.CSV_COLUMNS
    assert row["title_ro"] == "Reabilitare Parcul Central"
    assert row["title_hu"] == "A Központi park felújítása"
    assert row["title_en"] == "Central Park renovation"
    assert row["department"] == "Direcția Urbanism"
    assert (row["latitude"], row["longitude"]) == ("46.769400", "23.580200")
    assert row["current_stage"] == Stage.Kind.CONTRACT
    assert row["current_stage_label"]
    assert (row["planned_start"], row["planned_end"]) == ("2025-06-01", "2027-05-31")
    assert (row["contracted_lei"], row["paid_lei"], row["reimbursed_lei"]) == ("1309000.00", "261800.00", "0.00")
    assert row["physical_progress_percent"] == "35"
    assert row["url"] == f"{settings.SITE_URL.rstrip('/')}/investitii/{published.code}/"


def test_a_pending_payment_is_not_in_the_csv_until_validated(client, published, clerk, head):
    entry = pending_payment(clerk, published, 13_090_000)
    assert csv_rows(client.get(CSV))[0]["paid_lei"] == "261800.00"
    workflow.validate_entry(head, entry)
    assert csv_rows(client.get(CSV))[0]["paid_lei"] == "392700.00"


# --- OC4IDS JSON -------------------------------------------------------------------------------------------------------


def test_the_json_is_an_oc4ids_project_package(client, published, draft):
    InstitutionSettings.objects.update_or_create(pk=InstitutionSettings.load().pk, defaults={"fiscal_code": "4305857"})
    data = package(client)
    assert {"uri", "publishedDate", "version", "projects", "publisher"} <= set(data)
    assert data["version"] == "0.9"
    assert data["uri"].endswith("/investitii/date-deschise.json")
    assert isinstance(data["publisher"]["name"], str) and data["publisher"]["name"]
    assert "T" in data["publishedDate"]
    assert [project["id"] for project in data["projects"]] == [published.code]

    project = data["projects"][0]
    assert project["title"] == "Reabilitare Parcul Central"
    assert project["language"] == "ro"
    assert project["status"] in PROJECT_STATUSES and project["status"] == "implementation"
    assert project["period"] == {"startDate": "2025-06-01T00:00:00+03:00", "endDate": "2027-05-31T00:00:00+03:00"}
    assert project["publicAuthority"] == {"id": "RO-CUI-4305857", "name": InstitutionSettings.load().name}

    (location,) = project["locations"]
    assert location["geometry"] == {"type": "Point", "coordinates": [23.5802, 46.7694]}
    assert location["address"] == {"streetAddress": "Parcul Central, Cluj-Napoca", "countryName": "Romania"}
    assert isinstance(location["id"], str)

    assert project["budget"]["amount"] == {"amount": 1_500_000, "currency": "RON"}
    (breakdowns,) = project["budget"]["budgetBreakdowns"]
    assert isinstance(breakdowns["id"], str)
    (funding,) = breakdowns["budgetBreakdown"]
    assert is_value(funding["amount"]) and isinstance(funding["id"], str) and funding["description"]

    roles = {party["id"]: party["roles"] for party in project["parties"]}
    assert roles["RO-CUI-4305857"] == ["publicAuthority"]
    assert roles["RO-CUI-18547290"] == ["supplier"]


def test_a_contract_is_a_contracting_process_with_its_addenda_as_modifications(client, published):
    project = package(client)["projects"][0]
    (process,) = project["contractingProcesses"]
    assert process["id"] == "12/2025"
    summary = process["summary"]
    assert summary["title"] == "Execuție lucrări"
    assert summary["status"] in {"pre-award", "active", "closed"}
    assert summary["externalReference"].startswith("CN10")
    assert summary["suppliers"] == [{"id": "RO-CUI-18547290", "name": "Peisaj Verde SRL"}]
    # The initial value (with VAT); the addendum is a modification from it to the amended value.
    assert summary["contractValue"] == {"amount": 1_190_000, "currency": "RON"}
    assert summary["contractPeriod"]["durationInDays"] == 365
    (modification,) = summary["modifications"]
    assert modification["id"] == "1"
    assert modification["type"] == "value"
    assert modification["description"] == "Lucrări suplimentare la aleea principală."
    assert modification["date"].startswith("2025-12-01T")
    assert modification["oldContractValue"] == {"amount": 1_190_000, "currency": "RON"}
    assert modification["newContractValue"] == {"amount": 1_309_000, "currency": "RON"}


def test_a_duration_addendum_gives_the_old_and_new_contract_periods(client, published):
    contract = published.contracts.get()
    AmendmentFactory(contract=contract, number="2", kind="duration", duration_change_days=60)
    summary = package(client)["projects"][0]["contractingProcesses"][0]["summary"]
    duration = summary["modifications"][1]
    assert duration["type"] == "duration"
    assert duration["oldContractPeriod"]["durationInDays"] == 365
    assert duration["newContractPeriod"]["durationInDays"] == 425
    assert duration["newContractPeriod"]["endDate"] > duration["oldContractPeriod"]["endDate"]
    assert "oldContractValue" not in duration


def test_the_stages_are_milestones_and_the_final_reception_completes_the_project(client, published):
    StageFactory(investment=published, kind=Stage.Kind.FINAL_RECEPTION, done=True)
    project = package(client)["projects"][0]
    assert project["status"] == "completion"
    assert project["completion"] == {"endDate": "2025-10-15T00:00:00+03:00"}
    milestones = {milestone["id"]: milestone for milestone in project["milestones"]}
    assert milestones["contract"]["status"] == "met" and milestones["contract"]["dateMet"].startswith("2025-10-15")
    assert "status" not in milestones["execution"] and milestones["execution"]["dueDate"].startswith("2027-03-31")


@pytest.mark.parametrize(
    ("stage", "status"),
    [
        (None, "identification"),
        (Stage.Kind.DESIGN_BRIEF, "identification"),
        (Stage.Kind.FEASIBILITY, "preparation"),
        (Stage.Kind.PROCUREMENT, "implementation"),
        (Stage.Kind.RECEPTION, "completion"),
        (Stage.Kind.OPERATION, "maintenance"),
        (Stage.Kind.CANCELLED, "cancelled"),
    ],
)
def test_our_stages_map_onto_the_oc4ids_project_status_codelist(stage, status):
    assert opendata.PROJECT_STATUS[stage] == status
    assert set(opendata.PROJECT_STATUS) == {None, *Stage.Kind.values}
    assert set(opendata.PROJECT_STATUS.values()) <= PROJECT_STATUSES


def test_a_pending_payment_is_not_in_the_json_until_validated(client, published, clerk, head):
    before = package(client)["projects"][0]
    entry = pending_payment(clerk, published, 13_090_000)
    assert package(client)["projects"][0] == before
    workflow.validate_entry(head, entry)
    assert package(client)["projects"][0] != before


def test_unpublished_investments_and_unpublished_sub_objects_are_not_in_the_open_data(client, published, draft):
    InvestmentFactory(department=published.department, parent=published, code="INV-PARC-1B", title="Fântână")
    data = package(client)
    assert "INV-PARC-1B" not in json.dumps(data) and draft.code not in json.dumps(data)
    assert draft.title not in client.get(CSV).content.decode()


def test_the_json_keeps_only_what_the_schema_defines(client, published):
    project = package(client)["projects"][0]
    allowed = {
        "id",
        "updated",
        "language",
        "title",
        "description",
        "status",
        "period",
        "locations",
        "budget",
        "parties",
        "publicAuthority",
        "contractingProcesses",
        "milestones",
        "completion",
    }
    assert set(project) <= allowed
    for party in project["parties"]:
        assert set(party) <= {"id", "name", "roles"}
    for process in project["contractingProcesses"]:
        assert set(process) == {"id", "summary"}
        assert set(process["summary"]) <= {
            "title",
            "status",
            "suppliers",
            "contractValue",
            "contractPeriod",
            "externalReference",
            "modifications",
        }
