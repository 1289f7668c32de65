"""The two-step answer: a clerk drafts it, the head of department approves it or returns it
with comments; on approval the case is resolved and the answer goes out by e-mail with its PDF.

A petition filed in Hungarian, or by a citizen whose language is Hungarian, is answered in Romanian and Hungarian
(Administrative Code, OUG 57/2019, keeping the rule of L 215/2001): approval is refused while the Hungarian text
is missing."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.models import InstitutionSettings
from services import documents, notifications, register, workflow
from services.calendar import institution_calendar, now, today
from services.deadlines import due_date
from services.models import Channel

from .models import Answer, Petition
from .models import Channel as AnswerChannel

BILINGUAL_LANGUAGES = ("hu",)


def needs_hungarian(case):
    return case.language in BILINGUAL_LANGUAGES


def _answer(case):
    return Answer.objects.filter(case=case).first()


def pending_answer(case):
    """The draft waiting for the head's decision, or None."""
    answer = _answer(case)
    return answer if answer and answer.state == Answer.State.SUBMITTED else None


@transaction.atomic
def draft_answer(case, *, by, text, text_hu="", outcome=Answer.Outcome.ANSWERED):
    """Write (or rewrite, after it was returned) the answer and submit it to the head of department."""
    case = workflow.begin(case, "draft_answer", by=by)
    if not text.strip():
        raise ValidationError(_("Write the answer in Romanian."), code="text")
    if outcome not in workflow.kinds.outcomes(case.kind):
        raise ValidationError(_("Choose one of the kinds of answer offered."), code="outcome")
    answer = _answer(case) or Answer(case=case)
    if answer.state == Answer.State.APPROVED:
        raise ValidationError(_("The answer has already been approved and sent."), code="approved")
    answer.text, answer.text_hu, answer.outcome = text, text_hu, outcome
    answer.state, answer.drafted_by, answer.drafted_at = Answer.State.SUBMITTED, by, now()
    answer.reviewed_by, answer.reviewed_at = None, None
    answer.save()
    workflow.record_event(case, by=by, action="answer_drafted", data={"outcome": outcome})
    return case


@transaction.atomic
def return_answer(case, *, by, comment):
    """The head sends the draft back to the clerk with what to change."""
    case = workflow.begin(case, "return_answer", by=by)
    answer = pending_answer(case)
    if answer is None:
        raise ValidationError(_("There is no draft answer waiting for approval."), code="no_draft")
    if not comment.strip():
        raise ValidationError(_("Say what must change in the answer."), code="comment")
    answer.state, answer.review_comment = Answer.State.RETURNED, comment
    answer.reviewed_by, answer.reviewed_at = by, now()
    answer.save()
    workflow.record_event(case, by=by, action="answer_returned", note=comment)
    return case


@transaction.atomic
def approve_answer(case, *, by):
    """The head approves the draft: the case is resolved, the answer's PDF is kept with the case and e-mailed."""
    case = workflow.begin(case, "approve_answer", by=by)
    answer = pending_answer(case)
    if answer is None:
        raise ValidationError(_("There is no draft answer waiting for approval."), code="no_draft")
    if needs_hungarian(case) and not answer.text_hu.strip():
        raise ValidationError(
            _("This petitioner is answered in Romanian and Hungarian: the Hungarian text is missing."),
            code="hungarian_missing",
        )
    answer.state, answer.reviewed_by, answer.reviewed_at = Answer.State.APPROVED, by, now()
    workflow.close(
        case,
        answer.outcome,
        by=by,
        transition="approve_answer",
        action=workflow.Action.RESOLVED,
        note=answer.text,
        data={"answer": answer.pk},
        judged_against=refusal_due(case) if _is_refusal(case, answer) else None,
        notify=False,  # the answer's own e-mail below carries the text and the PDF
    )
    pdf = render_pdf(case, answer)
    upload = ContentFile(pdf, name=f"raspuns-{case.registration_number}.pdf")
    answer.document = documents.store_document(case, by=by, upload=upload)
    answer.save()
    petition = Petition.objects.filter(case=case).first()
    by_post = petition is not None and petition.channel == AnswerChannel.POST
    register.record_outgoing(
        case,
        by=by,
        summary=f"Răspuns: {case.subject}",
        document=answer.document,
        channel=Channel.POST if by_post else None,
        address=petition.postal_address if by_post else "",
    )
    if case.applicant_email:
        transaction.on_commit(lambda: send_answer(answer.pk))
    return case


# A refusal of public information is reasoned and told within 5 days of registration (L 544/2001 art. 7).
REFUSAL_DAYS = 5


def _is_refusal(case, answer):
    return case.kind == "information" and answer.outcome == Answer.Outcome.REJECTED


def refusal_due(case):
    periods = [(p.started_on, p.ended_on or today()) for p in case.suspensions.all()]
    return due_date(case.registered_on, REFUSAL_DAYS, "calendar", calendar=institution_calendar(), suspensions=periods)


def _context(case, answer):
    return {
        "case": case,
        "answer": answer,
        "institution": InstitutionSettings.load(),
        "bilingual": needs_hungarian(case),
        "today": timezone.localdate(answer.reviewed_at),
    }


def render_pdf(case, answer):
    """The answer as a PDF, in Romanian (and Hungarian, for a Hungarian petitioner), rendered by WeasyPrint."""
    from weasyprint import HTML

    with translation.override("ro"):
        html = render_to_string("petitions/answer_pdf.html", _context(case, answer))
    return HTML(string=html).write_pdf()


def send_answer(answer_id):
    answer = Answer.objects.select_related("case__service", "document").get(pk=answer_id)
    case = answer.case
    institution = InstitutionSettings.load()
    with translation.override(case.language):
        text = render_to_string("petitions/email/answer.txt", _context(case, answer))
        subject = " ".join(render_to_string("petitions/email/answer_subject.txt", _context(case, answer)).split())
    notifications.send_document(case, subject=subject, body=text, document=answer.document, institution=institution)
