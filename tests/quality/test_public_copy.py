"""Anyone reads the version in force of the procedure a service follows, stamped as an uncontrolled copy."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader

from quality import workflow

pytestmark = pytest.mark.django_db


@pytest.fixture
def original_pdf():
    from weasyprint import HTML

    return HTML(string="<h1>Procedura operațională</h1><p>Pasul 1.</p>").write_pdf()


def in_force(procedure, drafter, verifier, mayor, original_pdf):
    version = workflow.start_version(
        procedure,
        by=drafter,
        function="Consilier",
        component="description",
        change_summary="Termen nou.",
        document=ContentFile(original_pdf, name="po.pdf"),
    )
    workflow.submit_for_verification(version, by=drafter)
    workflow.verify(version, by=verifier, function="Responsabil")
    return workflow.approve(version, by=mayor, function="Primar", effective_date=datetime.date.today())


def test_a_citizen_downloads_the_version_in_force_as_an_uncontrolled_copy(
    client, procedure, drafter, verifier, mayor, original_pdf
):
    assert client.get("/proceduri/PO-DUAT-02.pdf").status_code == 404  # no version with its PDF yet
    version = in_force(procedure, drafter, verifier, mayor, original_pdf)
    response = client.get("/proceduri/PO-DUAT-02.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"ed{version.edition}-rev{version.revision}" in response["Content-Disposition"]
    pages = PdfReader(io.BytesIO(response.content)).pages
    assert "COPIE NECONTROLATĂ" in pages[-1].extract_text()


def test_the_service_page_links_to_the_controlled_copy_of_the_version_in_force(
    client, procedure, drafter, verifier, mayor, original_pdf
):
    from wagtail.models import Page, Site

    from cms.models import HomePage, ServiceIndexPage, ServicePage
    from tests.factories import ServiceFactory

    service = ServiceFactory(procedure=procedure, slug="autorizatie")
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Acasă", slug="acasa-q"))
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "testserver", "root_page": home})
    index = home.add_child(instance=ServiceIndexPage(title="Servicii", slug="servicii"))
    index.add_child(instance=ServicePage(title="Autorizație", slug="autorizatie", service=service))
    assert 'href="/proceduri/PO-DUAT-02.pdf"' not in client.get("/servicii/autorizatie/").content.decode()
    version = in_force(procedure, drafter, verifier, mayor, original_pdf)
    body = client.get("/servicii/autorizatie/").content.decode()
    assert 'href="/proceduri/PO-DUAT-02.pdf"' in body
    assert f"ediția {version.edition}, revizia {version.revision}" in body
