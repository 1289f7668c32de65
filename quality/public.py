"""The public copy of a procedure: the version in force, with its cover and "uncontrolled copy" on every page."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from services.models import Procedure

from .models import ProcedureVersion


def effective_version(procedure):
    return procedure.versions.filter(status=ProcedureVersion.Status.EFFECTIVE).exclude(document="").first()


def procedure_pdf(request, code):
    """Anyone may read the procedure a service follows (the service page links here); only the version in force."""
    procedure = get_object_or_404(Procedure, code=code)
    version = effective_version(procedure)
    if version is None:
        raise Http404
    from .cover import controlled_pdf

    response = HttpResponse(controlled_pdf(version, language=get_language()), content_type="application/pdf")
    filename = f"{procedure.code}-ed{version.edition}-rev{version.revision}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
