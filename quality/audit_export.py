"""The auditor's export: one ZIP with the register of procedures, every version, the sign-off log and the
acknowledgement matrix, as CSV files Romanian and Hungarian Excel open as they are, plus the register as a PDF."""

import csv
import datetime
import io
import zipfile

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from portal.models import InstitutionSettings
from portal.spreadsheets import DELIMITER, neutralised
from services.models import Procedure

from .models import Acknowledgement, ProcedureVersion, ReviewPolicy, SignOff

REGISTER = "registru_proceduri.csv"
VERSIONS = "istoric_versiuni.csv"
SIGN_OFFS = "jurnal_semnaturi.csv"
MATRIX = "matrice_luare_la_cunostinta.csv"
REGISTER_PDF = "registru_proceduri.pdf"


def _day(value):
    return value.isoformat() if value else ""


def _moment(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def csv_bytes(header, rows) -> bytes:
    """UTF-8 with a byte-order mark, `;`-separated, text that would be a formula kept as text."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=DELIMITER)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralised(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def register_rows(today: datetime.date):
    """One row per procedure: its version in force (else its latest version, else the catalogue's record)."""
    versions = ProcedureVersion.objects.order_by("-edition", "-revision")
    procedures = (
        Procedure.objects.select_related("owner_department")
        .prefetch_related(Prefetch("versions", queryset=versions))
        .order_by("code")
    )
    next_reviews = dict(ReviewPolicy.objects.values_list("procedure_id", "next_review_on"))
    rows = []
    for procedure in procedures:
        kept = list(procedure.versions.all())
        version = next((v for v in kept if v.status == ProcedureVersion.Status.EFFECTIVE), None)
        version = version or (kept[0] if kept else None)
        next_review = next_reviews.get(procedure.pk)
        in_force = version is None or version.status == ProcedureVersion.Status.EFFECTIVE
        rows.append(
            [
                procedure.code,
                procedure.tr.title,
                procedure.owner_department.tr.name,
                version.edition if version else procedure.edition,
                version.revision if version else procedure.revision,
                version.get_status_display() if version else ProcedureVersion.Status.EFFECTIVE.label,
                _day(version.effective_date if version else procedure.effective_date),
                _day(next_review) if in_force else "",
                _("overdue") if in_force and next_review and next_review < today else "",
            ]
        )
    return rows


def _register_header():
    return [
        _("Code"),
        _("Title"),
        _("Owner department"),
        _("Edition"),
        _("Revision"),
        _("Status"),
        _("Effective date"),
        _("Next review"),
        _("Review overdue"),
    ]


def _versions_csv():
    header = [
        _("Code"),
        _("Edition"),
        _("Revision"),
        _("Status"),
        _("Component changed"),
        _("What changed and how"),
        _("Planned effective date"),
        _("Effective date"),
        _("Superseded or withdrawn on"),
        _("Reason for the withdrawal"),
        _("Drafted by"),
        _("SHA-256 of the PDF"),
    ]
    versions = ProcedureVersion.objects.select_related("procedure", "drafted_by").order_by(
        "procedure__code", "edition", "revision"
    )
    rows = (
        [
            v.procedure.code,
            v.edition,
            v.revision,
            v.get_status_display(),
            v.get_component_display(),
            v.change_summary,
            _day(v.planned_effective_date),
            _day(v.effective_date),
            _day(v.superseded_on),
            v.withdrawal_reason,
            v.drafted_by.display_name if v.drafted_by else "",
            v.sha256,
        ]
        for v in versions
    )
    return csv_bytes(header, rows)


def _sign_offs_csv():
    header = [_("Code"), _("Edition"), _("Revision"), _("Step"), _("Name"), _("Function"), _("Date"), _("Comment")]
    sign_offs = SignOff.objects.select_related("version", "version__procedure").order_by(
        "version__procedure__code", "version__edition", "version__revision", "at", "pk"
    )
    rows = (
        [
            s.version.procedure.code,
            s.version.edition,
            s.version.revision,
            s.get_step_display(),
            s.name,
            s.function,
            _moment(s.at),
            s.comment,
        ]
        for s in sign_offs
    )
    return csv_bytes(header, rows)


def _matrix_csv():
    header = [
        _("Code"),
        _("Edition"),
        _("Revision"),
        _("Person"),
        _("E-mail"),
        _("Purpose"),
        _("Requested at"),
        _("Document opened at"),
        _("Acknowledged at"),
    ]
    acknowledgements = Acknowledgement.objects.select_related("version", "version__procedure", "person").order_by(
        "version__procedure__code", "version__edition", "version__revision", "person__last_name", "person__first_name"
    )
    rows = (
        [
            a.version.procedure.code,
            a.version.edition,
            a.version.revision,
            a.person.display_name,
            a.person.email,
            a.get_purpose_display(),
            _moment(a.requested_at),
            _moment(a.opened_at),
            _moment(a.acknowledged_at),
        ]
        for a in acknowledgements
    )
    return csv_bytes(header, rows)


PDF_STYLE = (
    "@page { size: A4 landscape; margin: 12mm; @bottom-right { content: counter(page) ' / ' counter(pages); } }"
    " body { font-family: sans-serif; font-size: 8.5pt; }"
    " table { border-collapse: collapse; width: 100%; }"
    " th, td { border: 0.5pt solid #555; padding: 2pt 4pt; text-align: left; vertical-align: top; }"
    " thead th { background: #eee; } h1 { font-size: 14pt; }"
)


def register_pdf(today: datetime.date) -> bytes:
    from weasyprint import HTML

    header = format_html_join("", "<th scope='col'>{}</th>", ((cell,) for cell in _register_header()))
    body = format_html_join(
        "",
        "<tr>{}</tr>",
        ((format_html_join("", "<td>{}</td>", ((cell,) for cell in row)),) for row in register_rows(today)),
    )
    html = format_html(
        "<!DOCTYPE html><html lang='{}'><head><meta charset='utf-8'><title>{}</title><style>{}</style></head>"
        "<body><h1>{}</h1><p>{} — {}</p><table><thead><tr>{}</tr></thead><tbody>{}</tbody></table></body></html>",
        translation.get_language(),
        _("Register of procedures"),
        PDF_STYLE,
        _("Register of procedures"),
        InstitutionSettings.load().localized_name,
        today.strftime("%d.%m.%Y"),
        header,
        body,
    )
    return HTML(string=html).write_pdf()


def audit_zip(today: datetime.date, *, language: str | None = None) -> bytes:
    """The auditor's ZIP, headers and labels in `language` (the institution's language by default)."""
    buffer = io.BytesIO()
    with (
        translation.override(language or settings.LANGUAGE_CODE),
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        archive.writestr(REGISTER, csv_bytes(_register_header(), register_rows(today)))
        archive.writestr(VERSIONS, _versions_csv())
        archive.writestr(SIGN_OFFS, _sign_offs_csv())
        archive.writestr(MATRIX, _matrix_csv())
        archive.writestr(REGISTER_PDF, register_pdf(today))
    return buffer.getvalue()
