"""The decision on a permit application: the certificate or permit issued, or a reasoned refusal.

The issued document is the PDF the clerk uploads (signed and scanned, or exported from the institution's own system),
or one generated from the service's template: `permits/decision/<service slug>.html` when the institution has written
one for the service, else `permits/decision/default.html`. A refusal states its reasons and gets a generated letter
unless the clerk uploads one. Either way the document is kept with the case, shown to the applicant on the case page
and sent by e-mail; the case is closed through the spine, so the on-time rate and the timeline count it."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string, select_template
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.models import InstitutionSettings
from services import documents, notifications, register, workflow
from services.calendar import now

from .models import Decision

Outcome = Decision.Outcome
ISSUED_TYPES = ("application/pdf",)


@transaction.atomic
def decide(case, *, by, outcome, reasons="", text="", upload=None):
    """Issue or refuse: close the case with the outcome and keep the decision's document with it.

    `text` is what the generated document says (the permit's object and conditions); `reasons` justify a refusal
    and are required for one. `upload`, when given, is the PDF issued instead of a generated one."""
    case = workflow.begin(case, "decide", by=by)
    if outcome not in Outcome.values or outcome not in workflow.targets(case, "decide", workflow.roles_of(by, case)):
        raise ValidationError(_("Choose whether the permit is issued or refused."), code="outcome")
    reasons, text = reasons.strip(), text.strip()
    if outcome == Outcome.REJECTED and not reasons:
        raise ValidationError(_("Give the reasons for the refusal: the applicant is told them."), code="reasons")
    if outcome == Outcome.APPROVED and upload is None and not text:
        raise ValidationError(
            _("Upload the issued document, or write its text so that it is generated from the service's template."),
            code="document",
        )
    if upload is not None and documents.check_upload(upload).content_type not in ISSUED_TYPES:
        raise ValidationError(
            _("“%(name)s” is not a PDF: the issued document is uploaded as PDF."),
            code="not_pdf",
            params={"name": documents.clean_name(upload.name or "")},
        )
    decision = Decision(case=case, outcome=outcome, reasons=reasons, decided_by=by, decided_at=now())
    workflow.close(
        case,
        outcome,
        by=by,
        transition="decide",
        action=workflow.Action.RESOLVED,
        note=reasons or text,
        data={"decision": outcome},
        notify=False,  # the decision's own e-mail below carries the document
    )
    if upload is None:
        upload = ContentFile(render_pdf(case, decision, text), name=_file_name(case, outcome))
    decision.document = documents.store_document(case, by=by, upload=upload)
    decision.save()
    register.record_outgoing(case, by=by, summary=_summary(case, outcome), document=decision.document)
    if case.applicant_email:
        transaction.on_commit(lambda: send_decision(decision.pk))
    return case


def _summary(case, outcome):
    with translation.override("ro"):
        what = gettext("Issued") if outcome == Outcome.APPROVED else gettext("Reasoned refusal")
        return f"{what}: {case.service.title} — {case.subject}"


def _file_name(case, outcome):
    prefix = "autorizatie" if outcome == Outcome.APPROVED else "refuz"
    return f"{prefix}-{case.registration_number}.pdf"


def template_for(service):
    return select_template([f"permits/decision/{service.slug}.html", "permits/decision/default.html"])


def render_pdf(case, decision, text):
    """The decision as a PDF in Romanian, the language of the administrative act, rendered by WeasyPrint."""
    from weasyprint import HTML

    context = {
        "case": case,
        "decision": decision,
        "text": text,
        "application": getattr(case, "permit_application", None),
        "institution": InstitutionSettings.load(),
        "day": timezone.localdate(decision.decided_at),
    }
    with translation.override("ro"):
        html = template_for(case.service).render(context)
    return HTML(string=html).write_pdf()


def send_decision(decision_id):
    """E-mail the applicant the decision, in their language, with its document attached."""
    decision = Decision.objects.select_related("case__service", "document").get(pk=decision_id)
    case = decision.case
    institution = InstitutionSettings.load()
    context = {"case": case, "decision": decision, "institution": institution, **notifications.case_links(case)}
    with translation.override(case.language):
        subject = " ".join(render_to_string("permits/email/decision_subject.txt", context).split())
        body = render_to_string("permits/email/decision.txt", context)
    notifications.send_document(case, subject=subject, body=body, document=decision.document, institution=institution)
