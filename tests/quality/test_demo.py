"""The demo register: a few dozen procedures with history, loaded twice without duplicates."""

import datetime

import pytest
from django.core import mail

from payments import demo as payments_demo
from petitions import demo as petitions_demo
from portal import demo as portal_demo
from quality import demo
from quality.models import Acknowledgement, ExternalReference, ProcedureVersion, Review, ReviewPolicy, SignOff
from services import demo as services_demo
from services.models import Procedure
from services.permits import demo as permits_demo

pytestmark = pytest.mark.django_db
S = ProcedureVersion.Status
TODAY = datetime.date(2026, 11, 30)


@pytest.fixture
def staff(quality_media):
    staff, _citizens = portal_demo.load_accounts()
    services_demo.load_catalogue(staff, (permits_demo, payments_demo, petitions_demo))
    return staff


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Procedure, ProcedureVersion, SignOff, Acknowledgement, ReviewPolicy, Review, ExternalReference)
    }


def test_the_register_loads_and_a_second_run_changes_nothing(staff):
    assert demo.load_register(staff, today=TODAY) == len(demo.REGISTER)
    first = counts()
    assert demo.load_register(staff, today=TODAY) == 0
    assert counts() == first
    assert first["Procedure"] >= 29
    assert first["ExternalReference"] == 6
    assert not mail.outbox


def test_every_procedure_has_exactly_one_version_in_force_and_an_older_superseded_one(staff):
    demo.load_register(staff, today=TODAY)
    for procedure in Procedure.objects.filter(code__in=[entry[0] for entry in demo.REGISTER]):
        assert procedure.versions.filter(status=S.EFFECTIVE).count() == 1, procedure.code
        assert procedure.versions.filter(status=S.SUPERSEDED).count() == 1, procedure.code
        current = procedure.versions.get(status=S.EFFECTIVE)
        assert (procedure.edition, procedure.revision) == (current.edition, current.revision)
        assert [s.step for s in current.sign_offs.all()] == ["drafted", "verified", "approved", "effective"]
        assert current.document and len(current.sha256) == 64
        assert current.document.read(5) == b"%PDF-"


def test_the_register_has_versions_in_progress_overdue_reviews_and_pending_acknowledgements(staff):
    demo.load_register(staff, today=TODAY)
    in_progress = set(
        ProcedureVersion.objects.exclude(status__in=[S.EFFECTIVE, S.SUPERSEDED]).values_list("status", flat=True)
    )
    assert in_progress == {S.DRAFT, S.IN_VERIFICATION, S.IN_APPROVAL, S.APPROVED}
    assert ReviewPolicy.objects.filter(next_review_on__lt=TODAY).count() >= 4
    assert Review.objects.filter(outcome="revise").exists()
    ack = Acknowledgement.objects.filter(version__status=S.EFFECTIVE)
    assert ack.filter(acknowledged_at__isnull=False).exists()
    assert ack.filter(acknowledged_at__isnull=True).exists()
    assert all(a.requested_at <= a.acknowledged_at for a in ack.exclude(acknowledged_at=None))


def test_an_amended_law_lists_procedures_to_revise(staff):
    from quality.references import procedures_to_revise

    demo.load_register(staff, today=TODAY)
    law = ExternalReference.objects.get(title__startswith="Legea nr. 50/1991")
    assert "PO-DUAT-02" in {p.code for p in procedures_to_revise(law)}
