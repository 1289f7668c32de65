"""The registration receipt as a PDF: what the citizen keeps as proof that the request was registered and when.

Rendered by WeasyPrint in the case's language, from the same words as the receipt page and e-mail. Documents filed
with the request are listed with their SHA-256, so the receipt also proves what was filed."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from portal.models import InstitutionSettings

from .models import Case


def file_name(case: Case) -> str:
    return f"recipisa-{case.registration_number}.pdf"


def render_pdf(case: Case, *, narrow: bool = False) -> bytes:
    """A4, or `narrow` for the 80 mm receipt printer at the registry desk."""
    from weasyprint import HTML

    context = {
        "narrow": narrow,
        "case": case,
        "institution": InstitutionSettings.load(),
        "documents": list(case.documents.filter(visible_to_applicant=True)),
        "lookup_url": settings.SITE_URL.rstrip("/") + reverse("services:lookup"),
    }
    with translation.override(case.language):
        html = render_to_string("services/receipt_pdf.html", context)
    return HTML(string=html).write_pdf()
