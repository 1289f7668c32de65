"""People of the quality system: a drafter (clerk), the quality manager who verifies, the mayor who approves."""

import datetime

import pytest
from django.core.files.base import ContentFile

from quality import roles
from quality.models import ProcedureVersion
from tests.factories import ProcedureFactory, StaffFactory

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def quality_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english():
    """Rules are called directly here: their messages are read in English (pages follow the request's language)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def groups(db):
    """The quality groups, "Quality managers" with the services' permissions too (seeing every case), as after a
    migrate."""
    from services import roles as service_roles

    service_roles.ensure_groups()
    return roles.ensure_groups()


@pytest.fixture
def drafter(groups):
    user = StaffFactory(first_name="Ioana", last_name="Redactor")
    user.groups.add(groups[roles.QUALITY_MANAGERS])
    return user


@pytest.fixture
def verifier(groups):
    user = StaffFactory(first_name="Mihai", last_name="Calitate")
    user.groups.add(groups[roles.COMMISSION])
    return user


@pytest.fixture
def mayor(groups):
    user = StaffFactory(first_name="Elena", last_name="Primar")
    user.groups.add(groups[roles.INSTITUTION_HEAD])
    return user


@pytest.fixture
def procedure(db):
    return ProcedureFactory(code="PO-DUAT-02", edition=2, revision=1, effective_date=datetime.date(2025, 3, 1))


def pdf(name="procedura.pdf"):
    return ContentFile(PDF, name=name)


@pytest.fixture
def draft(procedure, drafter):
    from quality import workflow

    return workflow.start_version(
        procedure,
        by=drafter,
        function="Consilier",
        component="description",
        change_summary="Pasul 4: verificarea documentației se face în 5 zile.",
        document=pdf(),
    )


def status(version):
    return ProcedureVersion.objects.get(pk=version.pk).status
