"""The controlled copy: an OSGG 600 cover (sign-offs, editions, distribution) and a stamp on every original page."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader, PdfWriter

from quality import workflow
from quality.cover import controlled_pdf
from quality.distribution import acknowledge, distribute
from quality.models import Purpose
from tests.factories import DepartmentFactory, MembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 30)
DOWNLOADED = datetime.date(2026, 12, 2)
ORIGINAL_PAGES = 3


@pytest.fixture(scope="module")
def original():
    """A real three-page procedure: A4 portrait, an A5 page, and an A4 page turned landscape by /Rotate."""
    from weasyprint import HTML

    html = """<html><head><style>
      @page { size: A4; } @page small { size: A5; }
      .small { page: small; } section { break-after: page; }
    </style></head><body>
      <section><h1>Procedura PO-DUAT-02</h1><p>Pagina întâi: scopul procedurii.</p></section>
      <section class="small"><p>Pagina a doua: domeniul de aplicare.</p></section>
      <section><p>Pagina a treia: descrierea procedurii.</p></section>
    </body></html>"""
    reader = PdfReader(io.BytesIO(HTML(string=html).write_pdf()))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.pages[2].rotate(90)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def start(procedure, drafter, document, summary="Pasul 4: verificarea documentației se face în 5 zile."):
    return workflow.start_version(
        procedure,
        by=drafter,
        function="Consilier",
        component="description",
        change_summary=summary,
        document=ContentFile(document, name="procedura.pdf"),
    )


def bring_into_force(version, *, drafter, verifier, mayor):
    workflow.submit_for_verification(version, by=drafter)
    workflow.verify(version, by=verifier, function="Președinte comisie monitorizare")
    return workflow.approve(version, by=mayor, function="Primar", effective_date=TODAY, today=TODAY)


@pytest.fixture
def real_draft(procedure, drafter, original):
    return start(procedure, drafter, original)


@pytest.fixture
def effective(real_draft, drafter, verifier, mayor):
    return bring_into_force(real_draft, drafter=drafter, verifier=verifier, mayor=mayor)


def pages(data):
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def split(data):
    """(cover text, [text of each original page]): the cover is what precedes the original's pages."""
    texts = pages(data)
    cover_pages = len(texts) - ORIGINAL_PAGES
    assert 1 <= cover_pages <= 2
    return " ".join(texts[:cover_pages]), texts[cover_pages:]


def test_the_copy_is_the_cover_followed_by_every_original_page(effective):
    data = controlled_pdf(effective, today=DOWNLOADED)
    cover_text, originals = split(data)
    assert "Procedură operațională" in cover_text and "Pagina" not in cover_text
    assert "Pagina întâi" in originals[0]
    assert "Pagina a doua" in originals[1]
    assert "Pagina a treia" in originals[2]


def test_the_cover_names_who_drafted_verified_and_approved_with_their_functions(effective):
    cover_text, _originals = split(controlled_pdf(effective, today=DOWNLOADED))
    assert "Elaborat Ioana Redactor Consilier" in cover_text
    assert "Verificat Mihai Calitate Președinte comisie monitorizare" in cover_text
    assert "Aprobat Elena Primar Primar" in cover_text
    assert "PO-DUAT-02" in cover_text and "Ediția 2, revizia 2" in cover_text
    assert "Kidolgozta" not in cover_text


def test_the_cover_lists_every_edition_and_revision_up_to_this_one(effective, procedure, drafter, original):
    later = start(procedure, drafter, original, summary="Formularul F2 actualizat.")
    cover_of_effective, _ = split(controlled_pdf(effective, today=DOWNLOADED))
    cover_of_later, _ = split(controlled_pdf(later, today=DOWNLOADED))
    assert "2 1 întreaga procedură (ediție nouă)" in cover_of_effective
    assert "2 2 descrierea procedurii Pasul 4: verificarea documentației se face în 5 zile. 30.11.2026" in (
        cover_of_effective
    )
    assert "Formularul F2" not in cover_of_effective
    assert "2 3 descrierea procedurii Formularul F2 actualizat." in cover_of_later
    assert "2 1 întreaga procedură" in cover_of_later and "2 2 descrierea procedurii Pasul 4" in cover_of_later


def test_the_cover_lists_the_recipients_and_who_acknowledged_when(real_draft, drafter, verifier, mayor):
    department = DepartmentFactory(name="Direcția urbanism")
    clerk = StaffFactory(first_name="Andrei", last_name="Arhitect")
    MembershipFactory(department=department, user=clerk)
    distribute(real_draft, by=drafter, department=department, purpose=Purpose.APPLY)
    distribute(real_draft, by=drafter, person=verifier, purpose=Purpose.INFORMATION)
    version = bring_into_force(real_draft, drafter=drafter, verifier=verifier, mayor=mayor)
    acknowledge(
        version.acknowledgements.get(person=clerk),
        by=clerk,
        now=datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC),
    )
    cover_text, _ = split(controlled_pdf(version, today=DOWNLOADED))
    assert "Direcția urbanism aplicare Andrei Arhitect — 01.12.2026" in cover_text
    assert "Mihai Calitate informare Mihai Calitate — neconfirmat" in cover_text


def test_every_page_of_the_version_in_force_is_stamped_uncontrolled_copy_with_the_download_date(effective):
    _cover, originals = split(controlled_pdf(effective, today=DOWNLOADED))
    for text in originals:
        assert "COPIE NECONTROLATĂ" in text
        assert "02.12.2026" in text
        assert "ANULATĂ" not in text and "PROIECT" not in text


def test_a_superseded_version_is_stamped_cancelled(effective, procedure, drafter, verifier, mayor, original):
    later = start(procedure, drafter, original, summary="Formularul F2 actualizat.")
    bring_into_force(later, drafter=drafter, verifier=verifier, mayor=mayor)
    effective.refresh_from_db()
    cover_text, originals = split(controlled_pdf(effective, today=DOWNLOADED))
    assert "ANULATĂ — ÎNLOCUITĂ" in cover_text
    assert all("ANULATĂ — ÎNLOCUITĂ" in text and "NECONTROLATĂ" not in text for text in originals)


def test_a_withdrawn_version_is_stamped_withdrawn(effective, mayor):
    withdrawn = workflow.withdraw(effective, by=mayor, function="Primar", reason="Activitatea a încetat.", today=TODAY)
    _cover, originals = split(controlled_pdf(withdrawn, today=DOWNLOADED))
    assert all("RETRASĂ" in text for text in originals)


def test_a_version_not_yet_in_force_is_stamped_draft(real_draft, drafter, verifier):
    workflow.submit_for_verification(real_draft, by=drafter)
    in_approval = workflow.verify(real_draft, by=verifier, function="Președinte comisie monitorizare")
    cover_text, originals = split(controlled_pdf(in_approval, today=DOWNLOADED))
    assert all("PROIECT" in text and "NECONTROLATĂ" not in text for text in originals)
    assert "Verificat Mihai Calitate" in cover_text
    assert "Aprobat — — —" in cover_text


def test_a_return_to_draft_voids_the_verification_on_the_cover(real_draft, drafter, verifier, mayor):
    workflow.submit_for_verification(real_draft, by=drafter)
    workflow.verify(real_draft, by=verifier, function="Președinte comisie monitorizare")
    returned = workflow.return_to_draft(real_draft, by=mayor, function="Primar", comment="Completați pasul 5.")
    cover_text, _ = split(controlled_pdf(returned, today=DOWNLOADED))
    assert "Verificat — — —" in cover_text


def test_pages_of_any_size_and_rotation_keep_their_displayed_size(effective, original):
    source = PdfReader(io.BytesIO(original)).pages
    copy = PdfReader(io.BytesIO(controlled_pdf(effective, today=DOWNLOADED))).pages[-ORIGINAL_PAGES:]
    for before, after in zip(source, copy, strict=True):
        turned = before.rotation % 180 == 90
        displayed = (
            (before.mediabox.height, before.mediabox.width)
            if turned
            else (before.mediabox.width, before.mediabox.height)
        )
        shown = (
            (after.mediabox.width, after.mediabox.height)
            if after.rotation % 180 == 0
            else (after.mediabox.height, after.mediabox.width)
        )
        assert shown == pytest.approx(displayed, abs=0.5)


def test_in_hungarian_the_cover_and_stamp_are_bilingual_romanian_first(effective):
    cover_text, originals = split(controlled_pdf(effective, language="hu", today=DOWNLOADED))
    for label in ("Elaborat / Kidolgozta", "Verificat / Ellenőrizte", "Aprobat / Jóváhagyta"):
        assert label in cover_text
    assert "Ediția 2, revizia 2 / 2. kiadás, 2. változat" in cover_text
    assert "în vigoare / hatályos" in cover_text
    assert all("COPIE NECONTROLATĂ / NEM ELLENŐRZÖTT PÉLDÁNY" in text for text in originals)


def test_every_fixed_label_exists_in_romanian_and_hungarian():
    from quality import cover

    for table in (cover.WORDS, cover.STAMPS, cover.STATUSES, cover.COMPONENTS, cover.PURPOSES):
        for romanian, hungarian in table.values():
            assert romanian and hungarian and romanian != hungarian
    assert set(cover.STATUSES) == set(cover.S.values)
    assert set(cover.PURPOSES) == set(Purpose.values)


def test_an_unreadable_pdf_is_refused_with_a_clear_error(procedure, drafter):
    broken = start(procedure, drafter, b"%PDF-1.4 this is not a PDF at all")
    with pytest.raises(ValueError, match="cannot be read"):
        controlled_pdf(broken)
