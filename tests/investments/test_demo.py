"""The demo's investments: a dozen objectives in every state the register and the public pages show, recorded through
the workflow (history, four eyes, evidence), loaded once however often the demo command runs."""

import datetime

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail

from cms import roles as cms_roles
from investments import demo, selectors
from investments.models import Amendment, Change, Follower, Investment, LedgerEntry, ProgressReport, Stage
from portal import demo as portal_demo
from portal.identifiers import is_valid_cui
from services.models import Membership

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 30)


@pytest.fixture
def staff():
    staff, _citizens = portal_demo.load_accounts()
    editors, _reviewers = cms_roles.ensure_groups()
    staff["editor"].groups.add(editors)
    return staff


@pytest.fixture
def loaded(staff):
    assert demo.load_investments(staff, today=TODAY) == len(demo.INVESTMENTS)
    return staff


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Investment, Stage, LedgerEntry, ProgressReport, Amendment, Change, Follower, Membership)
    }


def test_loading_twice_creates_the_dozen_once_and_sends_no_mail(loaded):
    first = counts()
    assert demo.load_investments(loaded, today=TODAY) == 0
    assert counts() == first
    assert 12 <= first["Investment"] <= 14
    assert not mail.outbox


def test_the_investments_department_has_a_head_and_a_clerk_who_can_sign_in_with_two_factors(loaded):
    head, clerk = loaded["head_investments"], loaded["clerk_investments"]
    department = Investment.objects.first().department
    assert set(department.memberships.values_list("user", "role")) == {
        (head.pk, Membership.Role.HEAD),
        (clerk.pk, Membership.Role.CLERK),
    }
    for user in (head, clerk):
        assert user.is_staff and user.check_password(portal_demo.DEMO_PASSWORD)
        assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        assert user.totp_secret and user.recovery_code


def test_the_head_finds_late_stages_reimbursements_awaited_and_contracts_ending(loaded):
    head = loaded["head_investments"]

    def codes(**filters):
        return {row.investment.code for row in selectors.dashboard_rows(head, filters, today=TODAY)}

    assert {"INV-01.2", "INV-04", "INV-08"} <= codes(late=True)
    assert {"INV-02", "INV-03", "INV-04"} <= codes(awaiting=True)
    assert {"INV-05", "INV-10"} <= codes(ending=True)
    assert codes(stage=Stage.Kind.CANCELLED) == {"INV-11"}
    assert codes(stage=Stage.Kind.OPERATION) == {"INV-12"}
    assert "INV-09" in codes(stage=Stage.Kind.DESIGN_BRIEF)  # the feasibility study is being written
    assert "INV-11" not in codes(late=True)  # a cancelled investment has nothing late


def test_the_head_has_entries_and_progress_reports_waiting_and_one_rejected_with_its_reason(loaded):
    entries, reports = selectors.pending_for(loaded["head_investments"])
    assert entries.count() >= 5 and reports.count() >= 2
    rejected = LedgerEntry.objects.get(status=LedgerEntry.Status.REJECTED)
    assert rejected.rejection_reason and rejected.decided_by == loaded["head_investments"]


def test_no_entry_or_report_is_decided_by_the_person_who_entered_it(loaded):
    for model in (LedgerEntry, ProgressReport):
        decided = model.objects.exclude(status=model.Status.PENDING)
        assert decided.exists()
        for row in decided:
            assert row.decided_by_id and row.decided_by_id != row.entered_by_id


def test_every_done_stage_has_its_evidence_document(loaded):
    done = Stage.objects.filter(actual_date__isnull=False)
    assert done.count() > 40
    for stage in done:
        assert stage.done and stage.evidence_name.endswith(".pdf") and len(stage.evidence_sha256) == 64
        with stage.evidence.open("rb") as document:
            assert document.read(5) == b"%PDF-"


def test_the_road_is_a_parent_whose_progress_is_weighted_by_its_lots(loaded):
    road = selectors.investment_figures(Investment.objects.get(code="INV-01"), today=TODAY)
    assert [child.investment.code for child in road.children] == ["INV-01.1", "INV-01.2"]
    assert road.weighted_physical is not None and 41 < road.weighted_physical < 100
    assert road.combined.paid > road.ledger.paid


def test_the_money_figures_show_amendments_an_ineligible_amount_and_every_funding_kind(loaded):
    kinds = list(Amendment.objects.values_list("kind", flat=True))
    assert kinds.count(Amendment.Kind.VALUE) >= 2
    assert {Amendment.Kind.DURATION, Amendment.Kind.SCOPE} <= set(kinds)
    hospital = selectors.investment_figures(Investment.objects.get(code="INV-02"), today=TODAY)
    assert hospital.ledger.ineligible > 0 and hospital.ledger.awaiting_over_watch_days > 0
    assert hospital.contracts[0].terms.current_value > hospital.contracts[0].contract.value_bani
    rows = selectors.dashboard_rows(loaded["head_investments"], {}, today=TODAY)
    totals = {total.kind for total in selectors.funding_totals(rows)}
    assert totals == {"local_budget", "state_budget", "eu_funds", "pnrr", "loan"}


def test_about_nine_are_published_and_a_citizen_follows_two_of_them(loaded):
    published = set(selectors.published_investments().values_list("code", flat=True))
    assert 8 <= len(published) <= 10
    assert Investment.objects.filter(published=False).exists()
    followed = Follower.objects.filter(user__email=demo.FOLLOWER_EMAIL).values_list("investment__code", flat=True)
    assert set(followed) == set(demo.FOLLOWED) <= published


def test_every_investment_has_its_history_and_every_contractor_a_valid_fiscal_code(loaded):
    for investment in Investment.objects.prefetch_related("contracts"):
        assert investment.changes.exists(), investment.code
        for contract in investment.contracts.all():
            assert is_valid_cui(contract.contractor_cui), contract.contractor_cui
