"""The completeness review of a permit file: a verdict per required document, and the completion request that lists
what is missing or invalid (the legal clock stops through the spine until the applicant completes the file)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from services import workflow
from services.calendar import now

from .models import DocumentReview

Verdict = DocumentReview.Verdict


def completion_list(case, reviews):
    """The completion request's text, in the applicant's language: each missing or invalid document and why."""
    lines = []
    with translation.override(case.language):
        for review in reviews:
            if review.verdict == Verdict.ACCEPTED:
                continue
            label = gettext("missing") if review.verdict == Verdict.MISSING else gettext("invalid")
            line = f"- {review.requirement.tr.name} ({label})"
            lines.append(f"{line}: {review.reason}" if review.reason else line)
    return "\n".join(lines)


@transaction.atomic
def review_documents(case, *, by, verdicts, request_completion=False):
    """Record a verdict for each required document (`{requirement: (verdict, reason)}`) and, if asked, request the
    completion of the file with the list of what is missing or invalid."""
    case = workflow.begin(case, "review_documents", by=by)
    required = {r.pk: r for r in case.service.required_documents.all()}
    if {r.pk for r in verdicts} != set(required):
        raise ValidationError(_("Give a verdict for every required document."), code="verdicts")
    for requirement, (verdict, reason) in verdicts.items():
        if verdict not in Verdict.values:
            raise ValidationError(_("Choose accepted, missing or invalid."), code="verdict")
        if verdict == Verdict.INVALID and not reason.strip():
            raise ValidationError(_("Say why “%(name)s” is invalid.") % {"name": requirement.tr.name}, code="reason")
    reviews = []
    for requirement, (verdict, reason) in verdicts.items():
        review, _created = DocumentReview.objects.update_or_create(
            case=case,
            requirement=requirement,
            defaults={"verdict": verdict, "reason": reason.strip(), "reviewed_by": by, "reviewed_at": now()},
        )
        reviews.append(review)
    incomplete = [r for r in reviews if r.verdict != Verdict.ACCEPTED]
    workflow.record_event(
        case,
        by=by,
        action="documents_reviewed",
        data={"accepted": len(reviews) - len(incomplete), "incomplete": len(incomplete)},
    )
    if request_completion:
        if not incomplete:
            raise ValidationError(_("Every document is accepted: there is nothing to complete."), code="complete")
        workflow.request_completion(case, by=by, note=completion_list(case, reviews))
    return case
