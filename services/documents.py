"""Documents of a case: checking an upload (name, size, sniffed type, PDF and Office contents, optional virus scan)
and attaching it."""

import hashlib
import mimetypes
import os
import re
import unicodedata
from dataclasses import dataclass

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from . import officecheck, pdfcheck, virusscan, workflow
from .models import Case, CaseDocument, CaseEvent, RequiredDocument, Status

DEFAULT_ACCEPTED_TYPES = ("application/pdf", "image/jpeg", "image/png")
# The extensions a file of each type may carry; other types fall back to the mimetypes table.
EXTENSIONS = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    officecheck.DOCX: (".docx",),
    officecheck.XLSX: (".xlsx",),
    officecheck.ODT: (".odt",),
}
# Names whose last extension runs a program on Windows, macOS or Linux, refused before the content is looked at.
EXECUTABLE_EXTENSIONS = frozenset(
    {
        ".app", ".appx", ".apk", ".bat", ".cmd", ".com", ".command", ".cpl", ".deb", ".dll", ".exe", ".gadget",
        ".hta", ".inf", ".ins", ".isp", ".jar", ".js", ".jse", ".ksh", ".lnk", ".msc", ".msi", ".msix", ".msp",
        ".mst", ".pif", ".pl", ".ps1", ".ps2", ".psc1", ".psm1", ".py", ".pyw", ".reg", ".rpm", ".run", ".scf",
        ".scr", ".sct", ".sh", ".shb", ".sys", ".url", ".vb", ".vbe", ".vbs", ".ws", ".wsc", ".wsf", ".wsh",
    }
)  # fmt: skip
# SVG drawings can carry scripts that run when the file is opened in a browser.
SVG = "image/svg+xml"
SVG_EXTENSIONS = (".svg", ".svgz")
# A zip archive's type is decided from what it contains (officecheck), not from libmagic's look at its first entries.
ZIP = "application/zip"
TYPE_LABELS = dict(RequiredDocument.FileType.choices)
MAX_NAME_LENGTH = 200
SNIFF_BYTES = 2048


@dataclass(frozen=True)
class CheckedUpload:
    """What the checks found out about an upload; the content itself stays in the uploaded file."""

    name: str
    content_type: str
    size: int
    sha256: str


def size_limit(requirement=None):
    return requirement.max_size_mb * 1024 * 1024 if requirement else settings.UPLOAD_MAX_BYTES


def slot_limits(service):
    """The size limit of each upload slot of a service's application (`document_<pk>`), for the upload handler."""
    return {f"document_{r.pk}": size_limit(r) for r in service.required_documents.all()}


def accepted_types(requirement=None):
    return requirement.accepted_type_list if requirement else list(DEFAULT_ACCEPTED_TYPES)


def extensions_for(content_type):
    return EXTENSIONS.get(content_type) or tuple(mimetypes.guess_all_extensions(content_type))


def type_labels(types):
    return ", ".join(TYPE_LABELS.get(t, t) for t in types)


# Control, format (bidi overrides, zero-width), surrogate, private-use and unassigned characters.
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
WINDOWS_RESERVED = re.compile(r'[<>:"/\\|?*]')


def clean_name(name):
    """The name the person gave the file, kept for people — diacritics and spaces included — without a path, control
    or format characters (a right-to-left override can disguise "plan<U+202E>fdp.exe" as "planexe.pdf"), characters Windows
    refuses in names, or leading dots; at most 200 characters, its extension kept. Files are stored under a random
    key, so the name is only ever shown and offered on download."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/")).rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch) not in UNSAFE_CATEGORIES)
    base = " ".join(WINDOWS_RESERVED.sub("_", base).split()).lstrip(". ")
    cleaned = base or "document"
    if len(cleaned) > MAX_NAME_LENGTH:
        stem, ext = os.path.splitext(cleaned)
        ext = ext[:20]
        cleaned = stem[: MAX_NAME_LENGTH - len(ext)].rstrip() + ext
    return cleaned


def _chunks(upload):
    upload.seek(0)
    yield from upload.chunks()
    upload.seek(0)


def check_upload(upload, requirement=None):
    """Check an uploaded file against the requirement (or the defaults); raise a ValidationError naming the file."""
    name = clean_name(upload.name or "")
    types = accepted_types(requirement)
    _check_name(name, types)
    limit = size_limit(requirement)
    if not upload.size:
        raise ValidationError(_("“%(name)s” is empty."), code="empty", params={"name": name})
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is larger than %(limit)s, the most a file may have."),
            code="too_large",
            params={"name": name, "limit": filesizeformat(limit)},
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    content_type = magic.from_buffer(head, mime=True)
    if content_type == SVG:
        raise _svg_refused(name, types)
    if head.startswith(officecheck.ZIP_SIGNATURE):
        content_type = _check_office(upload, name, types) or ZIP
    if content_type not in types:
        raise ValidationError(
            _("“%(name)s” is not an accepted type of file: upload %(types)s."),
            code="type",
            params={"name": name, "types": type_labels(types)},
        )
    extension = os.path.splitext(name)[1].lower()
    if extension not in extensions_for(content_type):
        raise ValidationError(
            _("“%(name)s” is a %(type)s file, but its name does not end in %(extensions)s."),
            code="extension",
            params={
                "name": name,
                "type": type_labels([content_type]),
                "extensions": " / ".join(extensions_for(content_type)),
            },
        )
    if content_type == "application/pdf":
        _check_pdf(upload, name)
    digest = hashlib.sha256()
    for chunk in _chunks(upload):
        digest.update(chunk)
    if settings.CLAMAV_SOCKET:
        try:
            clean = virusscan.clamd_scan(_chunks(upload), settings.CLAMAV_SOCKET)
        except virusscan.ScannerUnavailable:
            raise ValidationError(
                _("“%(name)s” could not be checked for viruses just now. Please try again later."),
                code="scanner_unavailable",
                params={"name": name},
            ) from None
        if not clean:
            raise ValidationError(
                _("“%(name)s” contains a virus and was refused."), code="virus", params={"name": name}
            )
    return CheckedUpload(name=name, content_type=content_type, size=upload.size, sha256=digest.hexdigest())


def _check_name(name, types):
    """Refuse, before the content is looked at, a name that says the file is a program, a macro-enabled Office file
    or an SVG drawing: a person or a program downloading it would trust its extension."""
    extension = os.path.splitext(name)[1].lower()
    if extension in EXECUTABLE_EXTENSIONS:
        raise ValidationError(
            _("“%(name)s” is a program, which is not accepted: upload %(types)s."),
            code="executable",
            params={"name": name, "types": type_labels(types)},
        )
    if extension in SVG_EXTENSIONS:
        raise _svg_refused(name, types)
    try:
        officecheck.check_name(name)
    except officecheck.MacroEnabledName:
        raise ValidationError(
            _(
                "“%(name)s” is an Office file with macros, which is not accepted: save it without macros and upload "
                "%(types)s."
            ),
            code="office_macro_format",
            params={"name": name, "types": type_labels(types)},
        ) from None


def _svg_refused(name, types):
    return ValidationError(
        _("“%(name)s” is an SVG drawing, which is not accepted because it can carry scripts: upload %(types)s."),
        code="svg",
        params={"name": name, "types": type_labels(types)},
    )


# Why officecheck refused an Office document, as the person who uploaded it is told.
OFFICE_REFUSALS = {
    officecheck.TooLarge: (
        "office_too_large",
        _(
            "“%(name)s” unpacks to more data than a document may hold (at most %(limit)s in %(entries)s parts), "
            "which is not accepted: save it again and upload %(types)s."
        ),
    ),
    officecheck.Encrypted: (
        "office_encrypted",
        _("“%(name)s” is protected by a password: send the document without protection."),
    ),
    officecheck.Embedded: (
        "office_embedded",
        _(
            "“%(name)s” has another file packed inside it (an archive or an object from another program), which is "
            "not accepted: remove it and upload %(types)s."
        ),
    ),
    officecheck.Macros: (
        "office_macros",
        _(
            "“%(name)s” contains macros or other code that runs when it is opened, which is not accepted: save it "
            "without them and upload %(types)s."
        ),
    ),
    officecheck.Unreadable: (
        "office_unreadable",
        _("“%(name)s” is damaged and cannot be opened: save it again and upload %(types)s."),
    ),
}


def _check_office(upload, name, types):
    """The Office type of a zip archive (None when it is no Office document), or a ValidationError saying why the
    document is refused."""
    try:
        return officecheck.inspect(upload)
    except officecheck.Refused as refusal:
        code, message = OFFICE_REFUSALS[type(refusal)]
        raise ValidationError(
            message,
            code=code,
            params={
                "name": name,
                "types": type_labels(types),
                "limit": filesizeformat(officecheck.LIMITS.total_size),
                "entries": officecheck.LIMITS.entries,
            },
        ) from None


def _check_pdf(upload, name):
    upload.seek(0)
    try:
        found = pdfcheck.active_content(upload)
    except pdfcheck.Encrypted:
        raise ValidationError(
            _("“%(name)s” is protected by a password: send the PDF without protection."),
            code="pdf_encrypted",
            params={"name": name},
        ) from None
    except (pdfcheck.Unreadable, pdfcheck.TooComplex):
        raise ValidationError(
            _("“%(name)s” cannot be opened as a PDF. Save it again as PDF and upload it once more."),
            code="pdf_unreadable",
            params={"name": name},
        ) from None
    finally:
        upload.seek(0)
    if found:
        raise ValidationError(
            _(
                "“%(name)s” contains active content (scripts, embedded files or actions run on opening), which is "
                "not accepted. Print it to PDF again, or scan it, and upload the new file."
            ),
            code="pdf_active",
            params={"name": name},
        )


def check_uploads(uploads):
    """Check every upload of `{key: (upload, requirement)}`; one ValidationError mapping each refused key to its
    messages, so a form can show them by the field and nothing is kept."""
    errors = {}
    for key, (upload, requirement) in uploads.items():
        try:
            check_upload(upload, requirement)
        except ValidationError as error:
            errors[key] = error
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def attach_document(case, *, by, upload, requirement=None, visible_to_applicant=True) -> CaseDocument:
    """Attach a file to a case: the applicant while asked to complete the file, or staff of the case's department.

    The file is stored under a random key in private storage before the row is written; when this runs inside a
    larger transaction that rolls back, the caller removes the stored file (see submit_completion)."""
    case = workflow.begin(
        case,
        "attach_document",
        by=by,
        refusal=_("You can add documents only when the institution asks you to complete your file."),
    )
    return store_document(case, by=by, upload=upload, requirement=requirement, visible=visible_to_applicant)


def store_document(case, *, by, upload, requirement=None, visible=True) -> CaseDocument:
    """Check and store a file of a case and write its event. The caller has locked the case and checked the table:
    `attach_document` for a file added to a case, registration for the files filed with the request."""
    if requirement is not None and requirement.service_id != case.service_id:
        raise ValidationError(_("This document is not one of this service's documents."), code="requirement")
    checked = check_upload(upload, requirement)
    document = CaseDocument(
        case=case,
        requirement=requirement,
        uploaded_by=by if by and by.is_authenticated else None,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        visible_to_applicant=visible,
    )
    upload.seek(0)
    document.file.save(checked.name, upload, save=False)
    try:
        document.save()
        workflow.record_event(
            case,
            by=by,
            action=CaseEvent.Action.DOCUMENT_ADDED,
            visible=visible,
            data={"document": document.pk, "name": checked.name},
            notify=False,
        )
    except BaseException:
        document.file.delete(save=False)
        raise
    return document


def signed_download_url(document):
    """A short-lived signed URL of the file in object storage that makes the browser save it under its name."""
    return document.file.storage.url(
        document.file.name,
        parameters={
            "ResponseContentDisposition": content_disposition_header(True, document.original_name),
            "ResponseContentType": document.content_type,
        },
    )


def submit_completion(case, *, by, uploads, note=""):
    """The applicant's completion of the file: attach every upload, then let the clock run again — all or nothing.

    `uploads` maps a key (a form field's name) to `(upload, requirement or None)`. When any file is refused nothing
    is attached and a ValidationError maps each refused key to its messages, so a form can show them by the field."""
    attached = []
    try:
        with transaction.atomic():
            if Case.objects.select_for_update().get(pk=case.pk).status != Status.AWAITING_APPLICANT:
                raise workflow.TransitionNotAllowed(
                    _("No completion was requested for this case."), code="not_suspended"
                )
            errors = {}
            for key, (upload, requirement) in uploads.items():
                try:
                    with transaction.atomic():
                        attached.append(attach_document(case, by=by, upload=upload, requirement=requirement))
                except ValidationError as error:
                    errors[key] = error
            if errors:
                raise ValidationError(errors)
            workflow.record_completion(case, by=by, note=note)
    except BaseException:
        for document in attached:
            document.file.delete(save=False)
        raise
    return attached
