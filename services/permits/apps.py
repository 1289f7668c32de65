"""App configuration of the permits kind: urbanism certificates, building and demolition permits and the like.

A signed-in citizen applies online with the property's identifiers and one file per required document; the case is
numbered, queued, completed and decided through the spine like any other."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PermitsConfig(AppConfig):
    name = "services.permits"
    label = "permits"
    verbose_name = _("Permits and certificates")

    def ready(self):
        from services.lifecycle import UNDER_WAY, EventType, Role, Status, row
        from services.registry import CaseAction, Kind, kinds

        from .forms import DecideForm, ReviewForm

        kinds.register(
            Kind(
                name="permit",
                label=_("permit or certificate"),
                filing_url="permits:apply",
                detail_template="permits/_application.html",
                citizen_template="permits/_application.html",
                case_related=("permit_application", "permit_decision"),
                drafts="services.permits.drafts.drafts_of",
                transitions=(
                    row("review_documents", UNDER_WAY, [Role.WORKER]),
                    row("decide", UNDER_WAY, [Role.WORKER], [Status.APPROVED, Status.REJECTED]),
                    # A file left incomplete can only be refused; the suspension ends on the day of the decision.
                    row("decide", [Status.AWAITING_APPLICANT], [Role.WORKER], [Status.REJECTED]),
                ),
                # The decision carries the issued document or the reasoned refusal: the shared resolution has none.
                withheld=frozenset({"resolve"}),
                event_types=(EventType("documents_reviewed", _("documents reviewed")),),
                doors={
                    "review_documents": "services.permits.review.review_documents",
                    "decide": "services.permits.decision.decide",
                },
                staff_actions=(
                    CaseAction(
                        slug="review-documents",
                        label=_("Review the documents"),
                        form_class=ReviewForm,
                        action="review_documents",
                        arguments=lambda data: {
                            "verdicts": data["verdicts"],
                            "request_completion": data["request_completion"],
                        },
                        available=lambda ctx: ctx.case.service.required_documents.exists(),
                        success_message=_("The review of the documents is recorded."),
                        button_class="govuk-button govuk-button--secondary",
                    ),
                    CaseAction(
                        slug="decide",
                        label=_("Issue or refuse"),
                        form_class=DecideForm,
                        action="decide",
                        arguments=lambda data: {
                            "outcome": data["outcome"],
                            "text": data["text"],
                            "reasons": data["reasons"],
                            "upload": data["document"],
                        },
                        success_message=_("The decision is recorded and sent to the applicant."),
                    ),
                ),
                outcomes=(Status.APPROVED, Status.REJECTED),
            )
        )
