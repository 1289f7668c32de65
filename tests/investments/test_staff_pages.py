"""The investments' back office through the test client: who reaches which page, the register's filters and its
pinned queries, an investment's page and its forms (stages with their evidence, addenda, ledger entries), and the
history of what changed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from investments.models import Change, Investment, LedgerEntry, Stage
from tests.factories import PDF, DepartmentFactory, StaffFactory
from tests.investments.factories import (
    VALID_CUI,
    ContractFactory,
    FundingSourceFactory,
    InvestmentFactory,
    LedgerEntryFactory,
    StageFactory,
    disguised_upload,
)
from tests.investments.staff_helpers import (  # noqa: F401 (the fixtures)
    DASHBOARD,
    _english_pages,
    codes,
    days_ago,
    in_days,
    investment_fixture,
    messages_of,
    observer_fixture,
    text,
    url,
)

pytestmark = pytest.mark.django_db

# Session, user, authenticator, own and groups' permissions, memberships; the register's rows with their stages,
# contracts, addenda, funding sources, validated ledger, validated progress and sub-objects (8); the pending counts
# (2); the sub-objects' own figures (7); the department's count for the pagination; institution settings (read, and
# written the first time), navigation, the filter's departments: never per investment.
DASHBOARD_QUERIES = 27


def money(response, figure):
    """The text of one figure of the detail page's financial progress, such as "11,900.00 lei" (English pages)."""
    page = text(response)
    marker = f'data-figure="{figure}">'
    start = page.index(marker, page.index('id="financial-figures"')) + len(marker)
    return page[start : page.index("</dd>", start)].split("<")[0].strip()


# --- who reaches what ------------------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_citizen_cannot_reach_the_register(client, citizen, investment):
    client.force_login(citizen)
    assert client.get(DASHBOARD).status_code == 403
    assert client.get(url("detail", investment)).status_code == 403


def test_staff_without_a_department_cannot_reach_the_register(client, investment):
    client.force_login(StaffFactory())
    response = client.get(DASHBOARD)
    assert response.status_code == 403
    assert "You cannot see this page" in text(response)


FORMS = [
    ("detail", {}),
    ("edit", {}),
    ("stage", {"kind": "procurement"}),
    ("funding_add", {}),
    ("contract_add", {}),
    ("ledger_add", {}),
    ("progress_add", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), FORMS)
def test_a_clerk_of_another_department_gets_404_on_an_investment(
    client, other_department_clerk, investment, name, kwargs
):
    client.force_login(other_department_clerk)
    assert client.get(url(name, investment, **kwargs)).status_code == 404


def test_a_clerk_of_another_department_gets_404_on_an_addendum_and_an_evidence(
    client, other_department_clerk, investment
):
    contract = ContractFactory(investment=investment)
    stage = StageFactory(investment=investment, done=True)
    client.force_login(other_department_clerk)
    assert client.get(url("amendment_add", investment, contract_pk=contract.pk)).status_code == 404
    assert client.get(reverse("investments:evidence", kwargs={"stage_pk": stage.pk})).status_code == 404


def test_a_clerk_of_another_department_cannot_post_a_payment(client, other_department_clerk, investment):
    client.force_login(other_department_clerk)
    response = client.post(
        url("ledger_add", investment),
        {"kind": "paid", "amount": "100,00", "on_date": "2025-10-01", "document": "OP 1"},
    )
    assert response.status_code == 404
    assert not LedgerEntry.objects.exists()


def test_a_clerk_sees_only_their_departments_investments(client, clerk, investment):
    InvestmentFactory(code="INV-TAXE-1", department=DepartmentFactory(code="taxe"))
    client.force_login(clerk)
    response = client.get(DASHBOARD)
    assert codes(response) == ["INV-STRADA-1"]
    assert "INV-TAXE-1" not in text(response)


def test_an_observer_sees_every_investment_but_changes_none(client, observer, investment):
    client.force_login(observer)
    assert codes(client.get(DASHBOARD)) == ["INV-STRADA-1"]
    page = client.get(url("detail", investment))
    assert page.status_code == 200
    assert url("ledger_add", investment) not in text(page)
    assert client.get(url("ledger_add", investment)).status_code == 403
    assert client.get(url("edit", investment)).status_code == 403


# --- the register ----------------------------------------------------------------------------------------------------


def test_the_register_says_so_when_there_is_no_investment(client, clerk):
    client.force_login(clerk)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert "There are no investments yet." in text(response)


@pytest.fixture
def register(department):
    """Four investments of the department, each singled out by one filter."""
    in_procurement = InvestmentFactory(department=department, code="A-PROCUREMENT")
    StageFactory(investment=in_procurement, kind=Stage.Kind.PROCUREMENT, done=True)
    late = InvestmentFactory(department=department, code="B-LATE")
    StageFactory(investment=late, kind=Stage.Kind.EXECUTION, planned_date=days_ago(10))
    awaiting = InvestmentFactory(department=department, code="C-AWAITING")
    source = FundingSourceFactory(investment=awaiting, kind="pnrr", cofinancing_rate=0)
    LedgerEntryFactory(investment=awaiting, funding_source=source, on_date=days_ago(120), validated=True)
    local = InvestmentFactory(department=department, code="D-LOCAL")
    FundingSourceFactory(investment=local, kind="local_budget", cofinancing_rate=100)
    ending = InvestmentFactory(department=department, code="E-ENDING")
    ContractFactory(investment=ending, starts_on=days_ago(100), signed_on=days_ago(101), duration_days=110)
    return department


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["A-PROCUREMENT", "B-LATE", "C-AWAITING", "D-LOCAL", "E-ENDING"]),
        ({"stage": "procurement"}, ["A-PROCUREMENT"]),
        ({"late": "on"}, ["B-LATE"]),
        ({"awaiting": "on"}, ["C-AWAITING"]),
        ({"funding": "local_budget"}, ["D-LOCAL"]),
        ({"funding": "pnrr"}, ["C-AWAITING"]),
        ({"ending": "on"}, ["E-ENDING"]),
        ({"q": "late"}, ["B-LATE"]),
    ],
)
def test_the_register_filters(client, clerk, register, query, expected):
    client.force_login(clerk)
    assert codes(client.get(DASHBOARD, query)) == expected


def test_the_register_flags_late_stages_awaiting_reimbursements_and_contracts_ending(client, clerk, register):
    client.force_login(clerk)
    page = text(client.get(DASHBOARD))
    assert "1 late stage" in page
    assert "over 90 days" in page
    assert "ends within 30 days" in page


def test_a_filter_matching_nothing_says_so(client, clerk, register):
    client.force_login(clerk)
    response = client.get(DASHBOARD, {"stage": "operation"})
    assert codes(response) == []
    assert "No investments match these filters." in text(response)


def test_the_register_totals_each_funding_source(client, clerk, register):
    client.force_login(clerk)
    totals = {total.kind: total for total in client.get(DASHBOARD).context["totals"]}
    assert totals["pnrr"].paid == 1_000_000
    assert totals["pnrr"].awaiting == 1_000_000
    assert totals["local_budget"].approved == 500_000_000


def test_the_register_links_the_exports_with_its_filters(client, clerk, register):
    client.force_login(clerk)
    page = text(client.get(DASHBOARD, {"late": "on"}))
    for name in ("export_csv", "export_xlsx"):
        assert f"{reverse(f'investments:{name}')}?late=on" in page


def _fill(department, count):
    for n in range(count):
        investment = InvestmentFactory(department=department)
        StageFactory(investment=investment, done=True)
        source = FundingSourceFactory(investment=investment)
        contract = ContractFactory(investment=investment)
        LedgerEntryFactory(investment=investment, funding_source=source, contract=contract, validated=True)
        LedgerEntryFactory(investment=investment)
        if n % 2:
            InvestmentFactory(department=department, parent=investment)


@pytest.mark.parametrize("count", [3, 10])
def test_the_registers_queries_do_not_grow_with_the_investments(
    client, clerk, department, django_assert_max_num_queries, count
):
    _fill(department, count)
    client.force_login(clerk)
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = client.get(DASHBOARD)
    assert len(response.context["rows"]) == count + count // 2


# --- an investment: creation and editing -----------------------------------------------------------------------------

NEW = {
    "code": "INV-2026-7",
    "title": "Grădinița nr. 7",
    "title_hu": "7. számú óvoda",
    "title_en": "",
    "description": "Extindere cu două săli de grupă.",
    "address": "Strada Lalelelor 3",
    "latitude": "46.770920",
    "longitude": "23.589920",
    "council_decision": "HCL nr. 45/2026",
    "council_decision_date": "2026-02-26",
    "planned_start": "2026-06-01",
    "planned_end": "2027-09-30",
}


def test_a_clerk_creates_an_investment_of_their_department(client, clerk, department):
    client.force_login(clerk)
    response = client.post(reverse("investments:create"), {**NEW, "department": department.pk})
    created = Investment.objects.get(code="INV-2026-7")
    assert response.status_code == 302
    assert response["Location"] == url("detail", created)
    assert created.department == department
    page = client.get(response["Location"])
    assert "The investment was created." in messages_of(page)
    assert "https://www.openstreetmap.org/?mlat=46.770920&amp;mlon=23.589920" in text(page)


def test_a_clerk_cannot_create_an_investment_of_another_department(client, clerk, department):
    other = DepartmentFactory(code="taxe")
    client.force_login(clerk)
    response = client.post(reverse("investments:create"), {**NEW, "department": other.pk})
    assert response.status_code == 200
    assert response.context["form"].has_error("department")
    assert not Investment.objects.exists()


def test_a_map_point_needs_both_coordinates(client, clerk, department):
    client.force_login(clerk)
    response = client.post(reverse("investments:create"), {**NEW, "department": department.pk, "longitude": ""})
    assert "Give both the latitude and the longitude of the map point, or neither." in text(response)
    assert 'value="Grădinița nr. 7"' in text(response)  # what was typed stays
    assert not Investment.objects.exists()


def test_editing_an_investment_keeps_the_change_in_its_history(client, clerk, investment):
    client.force_login(clerk)
    data = {**NEW, "code": investment.code, "department": investment.department_id, "title": "Strada Avram Iancu"}
    response = client.post(url("edit", investment), data)
    assert response.status_code == 302
    investment.refresh_from_db()
    assert investment.title == "Strada Avram Iancu"
    change = Change.objects.get(investment=investment, field="title")
    assert (change.old_value, change.new_value) == ("Modernizare strada Avram Iancu", "Strada Avram Iancu")


# --- stages and their evidence ---------------------------------------------------------------------------------------


def test_a_stage_with_an_actual_date_and_no_evidence_is_refused_and_nothing_is_saved(client, clerk, investment):
    client.force_login(clerk)
    response = client.post(
        url("stage", investment, kind="procurement"),
        {"planned_date": "2025-09-01", "actual_date": "2025-09-20", "note": "Anunț SEAP publicat"},
    )
    assert response.status_code == 200
    assert "A stage is done only with its evidence document" in text(response)
    assert 'value="Anunț SEAP publicat"' in text(response)
    assert not Stage.objects.exists()


def test_a_stage_with_its_pdf_evidence_is_saved_and_shown_done(client, clerk, investment):
    client.force_login(clerk)
    response = client.post(
        url("stage", investment, kind="procurement"),
        {
            "planned_date": "2025-09-01",
            "actual_date": "2025-09-20",
            "evidence": SimpleUploadedFile("anunt.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    stage = Stage.objects.get(investment=investment, kind="procurement")
    assert stage.done and stage.evidence_name == "anunt.pdf"
    page = client.get(url("detail", investment))
    row = text(page).split('id="stage-procurement"')[1].split("</tr>")[0]
    assert "done" in row
    assert "anunt.pdf" in row
    assert page.context["figures"].current_stage == "procurement"


def test_a_refused_stage_asks_to_choose_the_file_again(client, clerk, investment):
    client.force_login(clerk)
    response = client.post(
        url("stage", investment, kind="procurement"),
        {
            "actual_date": in_days(5).isoformat(),
            "evidence": SimpleUploadedFile("anunt.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 200
    assert "The actual date cannot be in the future." in text(response)
    assert "choose the evidence document again" in text(response)
    assert not Stage.objects.exists()


def test_an_evidence_that_is_not_what_its_name_says_is_refused(client, clerk, investment):
    client.force_login(clerk)
    response = client.post(
        url("stage", investment, kind="procurement"),
        {"actual_date": "2025-09-20", "evidence": disguised_upload("anunt.pdf")},
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("evidence")
    assert not Stage.objects.exists()


def test_the_stored_evidence_stays_when_only_the_note_changes(client, clerk, investment):
    stage = StageFactory(investment=investment, kind=Stage.Kind.PROCUREMENT, done=True)
    client.force_login(clerk)
    form = client.get(url("stage", investment, kind="procurement"))
    assert "proces-verbal.pdf" in text(form)
    response = client.post(
        url("stage", investment, kind="procurement"),
        {"planned_date": "2025-09-30", "actual_date": "2025-10-15", "note": "Contestație respinsă"},
    )
    assert response.status_code == 302
    stage.refresh_from_db()
    assert stage.done and stage.note == "Contestație respinsă"


def test_an_unknown_stage_is_404(client, clerk, investment):
    client.force_login(clerk)
    assert client.get(url("stage", investment, kind="demolition")).status_code == 404


def test_the_evidence_is_served_to_who_sees_the_investment(client, observer, investment):
    stage = StageFactory(investment=investment, done=True)
    client.force_login(observer)
    response = client.get(reverse("investments:evidence", kwargs={"stage_pk": stage.pk}))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'attachment; filename="proces-verbal.pdf"' in response["Content-Disposition"]


# --- money: contracts, addenda, the ledger ---------------------------------------------------------------------------


def test_a_contract_via_the_form_counts_in_the_contracted_total(client, clerk, investment):
    client.force_login(clerk)
    response = client.post(
        url("contract_add", investment),
        {
            "number": "12/2025",
            "subject": "Execuție lucrări",
            "contractor_name": "Construcții Someș SRL",
            "contractor_cui": f"RO{VALID_CUI}",
            "value": "100.000,00",
            "vat": "19.000,00",
            "signed_on": "2025-07-01",
            "starts_on": "2025-07-15",
            "duration_days": "365",
        },
    )
    assert response.status_code == 302
    assert money(client.get(url("detail", investment)), "contracted") == "119,000.00\xa0lei"


def test_an_addendum_via_the_form_changes_the_contracted_total(client, clerk, investment):
    contract = ContractFactory(investment=investment, value_bani=10_000_000, vat_bani=1_900_000)
    client.force_login(clerk)
    assert money(client.get(url("detail", investment)), "contracted") == "119,000.00\xa0lei"
    response = client.post(
        url("amendment_add", investment, contract_pk=contract.pk),
        {
            "number": "1",
            "signed_on": "2025-12-01",
            "kind": "value",
            "description": "Lucrări suplimentare la canalizare.",
            "value_change": "10.000,00",
            "vat_change": "1.900,00",
        },
    )
    assert response.status_code == 302
    page = client.get(url("detail", investment))
    assert money(page, "contracted") == "130,900.00\xa0lei"
    assert "Lucrări suplimentare la canalizare." in text(page)


def test_an_addendum_may_lower_the_value(client, clerk, investment):
    contract = ContractFactory(investment=investment, value_bani=10_000_000, vat_bani=1_900_000)
    client.force_login(clerk)
    client.post(
        url("amendment_add", investment, contract_pk=contract.pk),
        {
            "number": "2",
            "signed_on": "2025-12-01",
            "kind": "value",
            "description": "Renunțare",
            "value_change": "-1.000",
        },
    )
    assert money(client.get(url("detail", investment)), "contracted") == "118,000.00\xa0lei"


def test_a_value_addendum_without_a_value_is_refused_with_what_was_typed(client, clerk, investment):
    contract = ContractFactory(investment=investment)
    client.force_login(clerk)
    response = client.post(
        url("amendment_add", investment, contract_pk=contract.pk),
        {"number": "3", "signed_on": "2025-12-01", "kind": "value", "description": "Fără sumă"},
    )
    assert response.status_code == 200
    assert "An addendum of value changes the contract&#x27;s value." in text(response)
    assert "Fără sumă" in text(response)
    assert not contract.amendments.exists()


def test_a_payment_recorded_by_a_clerk_is_pending_and_not_in_the_paid_figure(client, clerk, investment):
    ContractFactory(investment=investment)
    client.force_login(clerk)
    response = client.post(
        url("ledger_add", investment),
        {"kind": "paid", "amount": "25.000,50", "on_date": "2025-10-01", "document": "OP 418"},
    )
    assert response.status_code == 302
    entry = LedgerEntry.objects.get()
    assert (entry.status, entry.amount_bani, entry.entered_by) == ("pending", 2_500_050, clerk)
    page = client.get(url("detail", investment))
    assert money(page, "paid") == "0.00\xa0lei"
    row = text(page).split(f'id="entry-{entry.pk}"')[1].split("</tr>")[0]
    assert "waiting for validation" in row
    assert "25,000.50" in row


def test_a_ledger_entry_offers_only_this_investments_contracts(client, clerk, investment):
    mine = ContractFactory(investment=investment, number="1/2025")
    other = ContractFactory(investment=InvestmentFactory(department=investment.department), number="99/2025")
    client.force_login(clerk)
    response = client.post(
        url("ledger_add", investment),
        {"kind": "paid", "amount": "10", "on_date": "2025-10-01", "document": "OP 1", "contract": other.pk},
    )
    assert response.context["form"].has_error("contract")
    assert list(response.context["form"].fields["contract"].queryset) == [mine]
    assert not LedgerEntry.objects.exists()


def test_a_funding_source_and_a_progress_report_via_their_forms(client, clerk, investment):
    client.force_login(clerk)
    assert (
        client.post(
            url("funding_add", investment),
            {"kind": "eu_funds", "programme": "PR Nord-Vest", "approved": "2.000.000", "cofinancing_rate": "2"},
        ).status_code
        == 302
    )
    assert (
        client.post(url("progress_add", investment), {"year": "2025", "quarter": "4", "percent": "35"}).status_code
        == 302
    )
    page = text(client.get(url("detail", investment)))
    assert "PR Nord-Vest" in page
    assert "2,000,000.00" in page
    assert "35\xa0%" in page or "35&nbsp;%" in page


# --- the history -----------------------------------------------------------------------------------------------------


def test_the_history_lists_the_changes(client, clerk, investment):
    client.force_login(clerk)
    client.post(url("stage", investment, kind="feasibility"), {"planned_date": "2025-05-30"})
    client.post(
        url("ledger_add", investment),
        {"kind": "invoiced", "amount": "1.500", "on_date": "2025-10-01", "document": "F 7"},
    )
    history = text(client.get(url("detail", investment))).split('id="changes"')[1]
    assert "Stage: feasibility study or DALI" in history
    assert "2025-05-30" in history
    assert "F 7" in history
    assert "1,500.00" in history
    assert "Ioana Referent" in history


def test_the_pages_read_in_romanian_with_romanian_amounts(client, clerk, head, investment, settings):
    contract = ContractFactory(investment=investment, value_bani=10_000_000, vat_bani=1_900_000)
    StageFactory(investment=investment, done=True)
    LedgerEntryFactory(investment=investment, entered_by=clerk, contract=contract)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ro"
    client.force_login(head)
    detail = client.get(url("detail", investment))
    assert money(detail, "contracted") == "119.000,00\xa0lei"
    assert detail.context["LANGUAGE_CODE"] == "ro"
    for page in (DASHBOARD, reverse("investments:validation_queue"), url("stage", investment, kind="procurement")):
        assert client.get(page).status_code == 200
