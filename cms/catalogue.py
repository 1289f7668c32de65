"""What the public pages read from the live service catalogue: a service's facts and the grouped service list."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quality.models import ProcedureVersion
from services.citizen.selectors import filing_url
from services.models import DeadlineUnit, Service


@dataclass
class ServiceFacts:
    service: object
    procedure: object
    department: object
    deadline: str
    deadline_notes: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    start_url: str | None = None
    procedure_pdf_url: str | None = None


def deadline_in_words(procedure):
    """The legal time limit as a citizen reads it: "30 calendar days from registration"."""
    days = procedure.deadline_days
    if procedure.deadline_unit == DeadlineUnit.WORKING:
        text = ngettext("%(days)s working day from registration", "%(days)s working days from registration", days)
    else:
        text = ngettext("%(days)s calendar day from registration", "%(days)s calendar days from registration", days)
    return text % {"days": days}


def deadline_notes(procedure):
    notes = []
    if procedure.suspension_allowed:
        notes.append(_("The time limit stops while the institution waits for you to complete the file."))
    if procedure.extension_allowed:
        notes.append(
            ngettext(
                "It may be extended once, by at most %(days)s day, and you are told why.",
                "It may be extended once, by at most %(days)s days, and you are told why.",
                procedure.extension_max_days,
            )
            % {"days": procedure.extension_max_days}
        )
    return notes


def service_facts(service_id):
    """The facts a service page shows, read from the catalogue as it is now (two queries)."""
    controlled = ProcedureVersion.objects.filter(
        procedure=OuterRef("procedure"), status=ProcedureVersion.Status.EFFECTIVE
    ).exclude(document="")
    service = (
        Service.objects.select_related("procedure__owner_department", "procedure__document")
        .prefetch_related("required_documents")
        .annotate(controlled_pdf=Exists(controlled))
        .get(pk=service_id)
    )
    procedure = service.procedure
    document = procedure.document
    if service.controlled_pdf:  # the version in force, with its cover, from the quality system
        pdf_url = reverse("quality_public:procedure_pdf", kwargs={"code": procedure.code})
    else:
        pdf_url = document.url if document is not None else None
    return ServiceFacts(
        service=service,
        procedure=procedure,
        department=procedure.owner_department,
        deadline=deadline_in_words(procedure),
        deadline_notes=deadline_notes(procedure),
        documents=list(service.required_documents.all()),
        start_url=filing_url(service),
        procedure_pdf_url=pdf_url,
    )


GROUP_BY_DEPARTMENT = "departament"
GROUP_BY_LIFE_EVENT = "eveniment"


def service_listing(index_page, params):
    """The service pages under `index_page`, filtered and grouped as the visitor's form asks.

    Parameters (all optional, from a GET form): `grupare` (departament | eveniment), `departament` (a department's
    code), `eveniment` (a life event's slug). Returns the groups [(heading, [service pages])] and the choices: the
    departments and life events that have services. Two queries, however many services: the catalogue holds
    hundreds, so the filtering is done here."""
    from .models import ServicePage

    every_page = list(
        ServicePage.objects.live()
        .child_of(index_page)
        .filter(service__active=True)
        .select_related("service__procedure__owner_department")
        .prefetch_related("life_events")
        .order_by("title")
    )
    group_by = params.get("grupare") if params.get("grupare") in (GROUP_BY_DEPARTMENT, GROUP_BY_LIFE_EVENT) else ""
    group_by = group_by or GROUP_BY_DEPARTMENT
    department = params.get("departament", "").strip()
    life_event = params.get("eveniment", "").strip()
    departments = {p.service.procedure.owner_department.code: p.service.procedure.owner_department for p in every_page}
    life_events = {event.slug: event for p in every_page for event in p.life_events.all()}
    pages = [
        p
        for p in every_page
        if (not department or p.service.procedure.owner_department.code == department)
        and (not life_event or any(event.slug == life_event for event in p.life_events.all()))
    ]
    groups = {}
    if group_by == GROUP_BY_LIFE_EVENT:
        other = _("Other services")
        for page in pages:
            events = [e for e in page.life_events.all() if not life_event or e.slug == life_event]
            for event in events or [None]:
                key = (event.sort_order, event.tr.name) if event else (10**6, other)
                groups.setdefault(key, []).append(page)
    else:
        for page in pages:
            groups.setdefault((0, page.service.procedure.owner_department.tr.name), []).append(page)
    return {
        "groups": [(heading, items) for (_order, heading), items in sorted(groups.items())],
        "group_by": group_by,
        "selected_department": department,
        "selected_life_event": life_event,
        "departments": sorted(departments.values(), key=lambda d: str(d.tr.name)),
        "life_events": sorted(life_events.values(), key=lambda e: (e.sort_order, str(e.tr.name))),
        "result_count": len(pages),
    }
