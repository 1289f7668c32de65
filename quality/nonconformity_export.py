"""The auditor's export of the nonconformities of a period: the register, the causes, the actions and their evidence,
as CSV files (one per table, in a ZIP, that Romanian and Hungarian Excel open as they are) and as one PDF.

Neither names an applicant: a case is named by its registration number, and the free texts (what happened, the
cause, the correction, the notes) have the case's applicant's name, e-mail, phone and any CNP masked, since a clerk
may have copied them from the case."""

import datetime
import io
import re
import zipfile

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from portal.models import InstitutionSettings

from .audit_export import PDF_STYLE, csv_bytes
from .indicators import CATALOGUE
from .models import Action, ActionEvidence, Nonconformity, NonconformityCause

REGISTER = "registru_neconformitati.csv"
CAUSES = "cauze.csv"
ACTIONS = "actiuni.csv"
EVIDENCE = "dovezi.csv"

# A CNP: 13 digits, the first 1–9 (sex and century).
CNP = re.compile(r"\b[1-9]\d{12}\b")


def _day(value):
    return value.isoformat() if value else ""


def _moment(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _masked(text, names):
    """`text` with every CNP and each of `names` (the applicant's name, e-mail, phone) replaced by a marker."""
    if not text:
        return ""
    marker = _("[applicant]")
    for name in sorted({n.strip() for n in names if n and len(n.strip()) > 2}, key=len, reverse=True):
        text = re.sub(re.escape(name), marker, text, flags=re.IGNORECASE)
    return CNP.sub(marker, text)


def _yes_no(value, yes, no):
    return "" if value is None else (yes if value else no)


def _scoped(queryset, departments, field_name="department"):
    return queryset if departments is None else queryset.filter(**{f"{field_name}__in": departments})


def nonconformities(start: datetime.date, end: datetime.date, departments=None):
    """The nonconformities detected in the period, in the register's order (oldest first)."""
    return (
        _scoped(Nonconformity.objects.filter(detected_on__range=(start, end)), departments)
        .select_related("department", "procedure", "version", "cause", "case", "rating__case")
        .order_by("detected_on", "number")
    )


def actions(start: datetime.date, end: datetime.date, departments=None):
    """The corrective actions of those nonconformities and the improvement actions opened in the period."""
    opened = Q(created_at__date__range=(start, end), origin=Action.Origin.SELF_ASSESSMENT)
    of_period = Q(nonconformity__detected_on__range=(start, end))
    return (
        _scoped(Action.objects.filter(opened | of_period), departments)
        .select_related("nonconformity", "department", "owner", "procedure", "procedure_version__procedure")
        .order_by("number")
    )


def _register_header():
    return [
        _("Number"),
        _("Source"),
        _("Status"),
        _("Department"),
        _("Procedure"),
        _("Edition"),
        _("Revision"),
        _("Case"),
        _("Detected on"),
        _("What happened"),
        _("Cause"),
        _("The cause in detail"),
        _("Correction made"),
        _("Decision"),
        _("Verification of effectiveness"),
        _("Closed on"),
    ]


def _edition(nc):
    """The procedure's edition and revision the nonconformity is about: the version named, else the case's rule."""
    if nc.version_id:
        return nc.version.edition, nc.version.revision
    if nc.case_id:
        return nc.case.procedure_edition, nc.case.procedure_revision
    if nc.procedure_id:
        return nc.procedure.edition, nc.procedure.revision
    return "", ""


def _applicant_names(nc):
    case = nc.case if nc.case_id else (nc.rating.case if nc.rating_id else None)
    if case is None:
        return ()
    return (case.applicant_name, case.applicant_email, case.applicant_phone, case.applicant_cnp)


def register_rows(start: datetime.date, end: datetime.date, departments=None) -> list[list]:
    rows = []
    for nc in nonconformities(start, end, departments):
        names = _applicant_names(nc)
        edition, revision = _edition(nc)
        decision = _yes_no(nc.action_needed, _("corrective action needed"), _("no corrective action needed"))
        verification = _yes_no(nc.effective, _("effective"), _("not effective"))
        rows.append(
            [
                nc.number,
                nc.get_source_display(),
                nc.get_status_display(),
                nc.department.tr.name,
                nc.procedure.code if nc.procedure_id else "",
                edition,
                revision,
                nc.case.registration_number if nc.case_id else "",
                _day(nc.detected_on),
                _masked(nc.description, names),
                nc.cause.tr.name if nc.cause_id else "",
                _masked(nc.cause_detail, names),
                _masked(nc.correction, names),
                " — ".join(filter(None, [decision, _masked(nc.decision_note, names)])),
                " — ".join(filter(None, [verification, _masked(nc.verification_note, names)])),
                _day(nc.closed_on),
            ]
        )
    return rows


def _causes_header():
    return [_("Cause"), _("Offered"), _("Nonconformities in the period")]


def cause_rows(start: datetime.date, end: datetime.date, departments=None) -> list[list]:
    """Every cause on the list, with the nonconformities of the period it explains."""
    in_period = Q(nonconformities__detected_on__range=(start, end))
    if departments is not None:
        in_period &= Q(nonconformities__department__in=departments)
    causes = NonconformityCause.objects.annotate(found=Count("nonconformities", filter=in_period)).order_by(
        "order", "name"
    )
    return [[cause.tr.name, _("yes") if cause.active else _("no"), cause.found] for cause in causes]


def _actions_header():
    return [
        _("Number"),
        _("Origin"),
        _("Nonconformity"),
        _("Action"),
        _("Owner department"),
        _("Person responsible"),
        _("Due date"),
        _("Status"),
        _("Closed on"),
        _("Procedure version that carries the change"),
        _("Indicator it should move"),
    ]


def _version_label(action):
    version = action.procedure_version
    if version is None:
        return action.procedure.code if action.procedure_id else ""
    return _("%(code)s edition %(edition)s, revision %(revision)s") % {
        "code": version.procedure.code,
        "edition": version.edition,
        "revision": version.revision,
    }


def action_rows(start: datetime.date, end: datetime.date, departments=None) -> list[list]:
    return [
        [
            action.number,
            action.get_origin_display(),
            action.nonconformity.number if action.nonconformity_id else "",
            action.title,
            action.department.tr.name,
            action.owner.display_name if action.owner_id else "",
            _day(action.due_date),
            action.get_status_display(),
            _day(action.closed_on),
            _version_label(action),
            str(CATALOGUE.get(action.indicator, action.indicator)),
        ]
        for action in actions(start, end, departments)
    ]


def _evidence_header():
    return [_("Action"), _("What was done"), _("File"), _("Link"), _("Added by"), _("Added at")]


def evidence_rows(start: datetime.date, end: datetime.date, departments=None) -> list[list]:
    evidence = (
        ActionEvidence.objects.filter(action__in=actions(start, end, departments).values("pk"))
        .select_related("action", "added_by")
        .order_by("action__number", "added_at", "pk")
    )
    return [
        [item.action.number, item.note, item.file_name, item.link, item.added_by.display_name, _moment(item.added_at)]
        for item in evidence
    ]


def _tables(start, end, departments):
    """(file name, title, header, rows) of each table, in the order the auditor reads them."""
    return [
        (REGISTER, _("Register of nonconformities"), _register_header(), register_rows(start, end, departments)),
        (CAUSES, _("Causes"), _causes_header(), cause_rows(start, end, departments)),
        (ACTIONS, _("Actions"), _actions_header(), action_rows(start, end, departments)),
        (EVIDENCE, _("Evidence"), _evidence_header(), evidence_rows(start, end, departments)),
    ]


def export_zip(start: datetime.date, end: datetime.date, *, departments=None, language: str | None = None) -> bytes:
    """One CSV per table (UTF-8 with a byte-order mark, `;`-separated), headers and labels in `language`."""
    buffer = io.BytesIO()
    with (
        translation.override(language or settings.LANGUAGE_CODE),
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for name, _title, header, rows in _tables(start, end, departments):
            archive.writestr(name, csv_bytes(header, rows))
    return buffer.getvalue()


def _table_html(title, header, rows):
    head = format_html_join("", "<th scope='col'>{}</th>", ((cell,) for cell in header))
    body = format_html_join(
        "", "<tr>{}</tr>", ((format_html_join("", "<td>{}</td>", ((cell,) for cell in row)),) for row in rows)
    )
    if not rows:
        body = format_html("<tr><td colspan='{}'>{}</td></tr>", len(header), _("None in this period."))
    return format_html("<h2>{}</h2><table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>", title, head, body)


def export_pdf(start: datetime.date, end: datetime.date, *, departments=None, language: str | None = None) -> bytes:
    """The same tables as one PDF (A4 landscape, numbered pages), in `language`."""
    from weasyprint import HTML

    with translation.override(language or settings.LANGUAGE_CODE):
        tables = format_html_join(
            "",
            "{}",
            ((_table_html(title, header, rows),) for _name, title, header, rows in _tables(start, end, departments)),
        )
        html = format_html(
            "<!DOCTYPE html><html lang='{}'><head><meta charset='utf-8'><title>{}</title><style>{}</style></head>"
            "<body><h1>{}</h1><p>{} — {}</p>{}</body></html>",
            translation.get_language(),
            _("Nonconformities and actions"),
            PDF_STYLE + " h2 { font-size: 11pt; margin-top: 12pt; }",
            _("Nonconformities and actions"),
            InstitutionSettings.load().localized_name,
            _("from %(start)s to %(end)s") % {"start": start.strftime("%d.%m.%Y"), "end": end.strftime("%d.%m.%Y")},
            tables,
        )
    return HTML(string=html).write_pdf()
