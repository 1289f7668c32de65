"""The open data of the published investments: a CSV (one row per investment) and a JSON project package in the
Open Contracting for Infrastructure Data Standard (OC4IDS 0.9).

Like the public pages, only published investments and only validated money: the figures come from `selectors`
with `public=True`. Amounts are in lei (the ledger keeps bani). The JSON writes only fields the OC4IDS project schema
defines, with the codes of its codelists (projectStatus, contractingProcessStatus, modificationType, partyRole)."""

import datetime
import json
from dataclasses import replace
from decimal import Decimal

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.models import InstitutionSettings
from portal.spreadsheets import csv_download
from services import calendar

from . import selectors
from .models import Stage
from .public import physical_progress

OC4IDS_VERSION = "0.9"
CURRENCY = "RON"
COUNTRY = "Romania"
DATA_LANGUAGE = "ro"

# Our legal stages on OC4IDS's projectStatus codelist: the decision and the brief identify the project; the studies,
# the approved indicators and the designs prepare it; procurement and works implement it; the receptions complete
# it; "in operation" is OC4IDS's maintenance ("also called operation").
PROJECT_STATUS = {
    None: "identification",
    Stage.Kind.CONCEPT_NOTE: "identification",
    Stage.Kind.DESIGN_BRIEF: "identification",
    Stage.Kind.FEASIBILITY: "preparation",
    Stage.Kind.INDICATORS: "preparation",
    Stage.Kind.PERMIT_PROJECT: "preparation",
    Stage.Kind.EXECUTION_PROJECT: "preparation",
    Stage.Kind.PROCUREMENT: "implementation",
    Stage.Kind.CONTRACT: "implementation",
    Stage.Kind.EXECUTION: "implementation",
    Stage.Kind.RECEPTION: "completion",
    Stage.Kind.FINAL_RECEPTION: "completion",
    Stage.Kind.OPERATION: "maintenance",
    Stage.Kind.CANCELLED: "cancelled",
}

CSV_COLUMNS = [
    "code",
    "title_ro",
    "title_hu",
    "title_en",
    "department",
    "location",
    "latitude",
    "longitude",
    "current_stage",
    "current_stage_label",
    "planned_start",
    "planned_end",
    "contracted_lei",
    "paid_lei",
    "reimbursed_lei",
    "physical_progress_percent",
    "url",
]


def published_rows(*, today=None):
    """The figures of every published investment, sub-objects included, by code."""
    return selectors.figures_for(selectors.published_investments().order_by("code"), today=today, public=True)


def lei(bani):
    """Bani as lei, exact to the ban (a Decimal for the CSV)."""
    return (Decimal(bani) / 100).quantize(Decimal("0.01"))


def page_url(investment):
    return settings.SITE_URL.rstrip("/") + reverse("investments_public:detail", kwargs={"code": investment.code})


def _iso(value):
    return value.isoformat() if value else ""


def csv_row(row):
    investment = row.investment
    physical = physical_progress(row)
    return [
        investment.code,
        investment.title,
        investment.title_hu,
        investment.title_en,
        investment.department.name,
        investment.address,
        "" if investment.latitude is None else f"{investment.latitude:f}",
        "" if investment.longitude is None else f"{investment.longitude:f}",
        row.current_stage or "",
        row.current_stage_label,
        _iso(investment.planned_start),
        _iso(investment.planned_end),
        lei(row.totals.contracted),
        lei(row.totals.paid),
        lei(row.totals.reimbursed),
        "" if physical is None else physical,
        page_url(investment),
    ]


def opendata_csv(request):
    response, writer = csv_download("investitii-date-deschise.csv")
    writer.writerow(CSV_COLUMNS)
    with translation.override(DATA_LANGUAGE):
        writer.writerows(csv_row(row) for row in published_rows())
    return response


# --- OC4IDS --------------------------------------------------------------------------------------------------------


def _moment(day):
    """A legal date as OC4IDS's date-time: the start of that day in Bucharest."""
    if day is None:
        return None
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()), timezone.get_default_timezone())
    return start.isoformat()


def _value(bani):
    amount = Decimal(bani) / 100
    return {"amount": int(amount) if amount == amount.to_integral_value() else float(amount), "currency": CURRENCY}


def _period(start, end, days=None):
    period = {}
    if start:
        period["startDate"] = _moment(start)
    if end:
        period["endDate"] = _moment(end)
    if days is not None:
        period["durationInDays"] = days
    return period


def _cui(value):
    value = (value or "").strip().upper()
    return value[2:].strip() if value.startswith("RO") else value


def supplier_id(cui):
    return f"RO-CUI-{_cui(cui)}"


def project_id(investment):
    """OC4IDS asks for a registered project identifier prefix; a deployment sets its own (OC4IDS_PROJECT_PREFIX)."""
    return f"{getattr(settings, 'OC4IDS_PROJECT_PREFIX', '')}{investment.code}"


def public_authority(institution):
    cui = _cui(institution.fiscal_code)
    return {"id": f"RO-CUI-{cui}" if cui else "public-authority", "name": institution.name}


def _modifications(contract_row):
    """Each addendum with the contract's value (with VAT) or period before and after it."""
    contract = contract_row.contract
    terms = contract_row.terms
    found = []
    for index, amendment in enumerate(contract_row.amendments):
        before = replace(terms, amendments=terms.amendments[:index])
        after = replace(terms, amendments=terms.amendments[: index + 1])
        modification = {
            "id": amendment.number,
            "date": _moment(amendment.signed_on),
            "description": amendment.description,
            "type": amendment.kind,
        }
        if amendment.value_change_bani or amendment.vat_change_bani:
            modification["oldContractValue"] = _value(before.current_value_with_vat)
            modification["newContractValue"] = _value(after.current_value_with_vat)
        if amendment.duration_change_days:
            modification["oldContractPeriod"] = _period(
                contract.starts_on, before.ends_on, before.current_duration_days
            )
            modification["newContractPeriod"] = _period(contract.starts_on, after.ends_on, after.current_duration_days)
        found.append(modification)
    return found


def _contracting_process(contract_row, today):
    contract = contract_row.contract
    terms = contract_row.terms
    initial = replace(terms, amendments=())
    summary = {
        "title": contract.subject,
        "status": "closed" if terms.ends_on < today else "active",
        "suppliers": [{"id": supplier_id(contract.contractor_cui), "name": contract.contractor_name}],
        "contractValue": _value(initial.current_value_with_vat),
        "contractPeriod": _period(contract.starts_on, initial.ends_on, initial.current_duration_days),
    }
    if contract.procurement_reference:
        summary["externalReference"] = contract.procurement_reference
    modifications = _modifications(contract_row)
    if modifications:
        summary["modifications"] = modifications
    return {"id": contract.number, "summary": summary}


def _location(investment):
    location = {"id": "1"}
    if investment.address:
        location["description"] = investment.address
        location["address"] = {"streetAddress": investment.address, "countryName": COUNTRY}
    else:
        location["address"] = {"countryName": COUNTRY}
    if investment.latitude is not None and investment.longitude is not None:
        location["geometry"] = {
            "type": "Point",
            "coordinates": [float(investment.longitude), float(investment.latitude)],
        }
    return location


def _milestones(row):
    milestones = []
    for stage in row.stages:
        if not (stage.planned or stage.done):
            continue
        milestone = {"id": stage.kind, "title": str(stage.label)}
        if stage.planned:
            milestone["dueDate"] = _moment(stage.planned)
        if stage.done:
            milestone["dateMet"] = _moment(stage.actual)
            milestone["status"] = "met"
        milestones.append(milestone)
    return milestones


def oc4ids_project(row, *, authority, today, updated=None):
    investment = row.investment
    project = {
        "id": project_id(investment),
        "language": DATA_LANGUAGE,
        "title": investment.title,
        "status": PROJECT_STATUS[row.current_stage],
        "publicAuthority": authority,
    }
    if updated:
        project["updated"] = timezone.localtime(updated).isoformat()
    if investment.description:
        project["description"] = investment.description
    period = _period(investment.planned_start, investment.planned_end)
    if period:
        project["period"] = period
    if investment.address or investment.latitude is not None:
        project["locations"] = [_location(investment)]
    if row.funding:
        project["budget"] = {
            "amount": _value(row.approved),
            "budgetBreakdowns": [
                {
                    "id": "funding-sources",
                    "description": str(_("Approved funding sources")),
                    "budgetBreakdown": [
                        {
                            "id": str(funding.source.pk),
                            "description": str(funding.source),
                            "amount": _value(funding.source.approved_bani),
                        }
                        for funding in row.funding
                    ],
                }
            ],
        }
    parties = [{**authority, "roles": ["publicAuthority"]}]
    suppliers = {}
    for contract_row in row.contracts:
        contract = contract_row.contract
        suppliers.setdefault(
            supplier_id(contract.contractor_cui),
            {"id": supplier_id(contract.contractor_cui), "name": contract.contractor_name, "roles": ["supplier"]},
        )
    parties.extend(suppliers.values())
    project["parties"] = parties
    if row.contracts:
        project["contractingProcesses"] = [_contracting_process(c, today) for c in row.contracts]
    milestones = _milestones(row)
    if milestones:
        project["milestones"] = milestones
    final = next((s for s in row.stages if s.kind == Stage.Kind.FINAL_RECEPTION and s.done), None)
    if final is not None:
        project["completion"] = {"endDate": _moment(final.actual)}
    return project


def oc4ids_package(*, today=None):
    """The package, in Romanian (the data's language, whatever the reader's)."""
    with translation.override(DATA_LANGUAGE):
        return _package(today or calendar.today())


def last_public_change(row):
    """When what the public sees of an investment last changed: the investment itself, a stage, a contract or an
    addendum, a validated ledger entry or progress report. Pending entries are not public, so they do not count."""
    investment = row.investment
    moments = [investment.updated_at, investment.published_at]
    moments += [stage.stage.updated_at for stage in row.stages if stage.stage is not None]
    for contract_row in row.contracts:
        moments.append(contract_row.contract.created_at)
        moments += [amendment.created_at for amendment in contract_row.amendments]
    moments += [entry.decided_at for entry in investment.validated_ledger]
    moments += [report.decided_at for report in investment.validated_progress]
    return max(moment for moment in moments if moment is not None)


def _package(today):
    institution = InstitutionSettings.load()
    authority = public_authority(institution)
    rows = published_rows(today=today)
    updated = {row.investment.pk: last_public_change(row) for row in rows}
    published = max(updated.values()) if updated else timezone.now()
    return {
        "uri": settings.SITE_URL.rstrip("/") + reverse("investments_public:opendata_json"),
        "publishedDate": timezone.localtime(published).isoformat(),
        "publisher": {"name": institution.name},
        "version": OC4IDS_VERSION,
        "projects": [
            oc4ids_project(row, authority=authority, today=today, updated=updated[row.investment.pk]) for row in rows
        ],
    }


def opendata_json(request):
    body = json.dumps(oc4ids_package(), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="investitii-date-deschise.json"'
    return response
