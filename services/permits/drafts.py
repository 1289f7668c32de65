"""Unfinished applications: what a citizen typed and uploaded, saved at every step until they submit it.

A draft belongs to the citizen who started it and to nobody else (not even staff: it is not a request until it is
submitted). Every upload is checked when it arrives, exactly as the files of a registered case are, so a refused file
costs only itself; the draft keeps everything else. A draft expires the institution's number of days after it was
last changed, and a daily task deletes it with its files."""

import datetime
from contextlib import ExitStack

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.models import InstitutionSettings
from services import documents, registry
from services.calendar import now

from . import workflow
from .models import Draft, DraftFile

# Unfinished applications one citizen may keep at once.
MAX_OPEN_DRAFTS = 10
DETAIL_FIELDS = ("subject", "property_address", "cadastral_number", "land_book_number", "purpose")


def _expiry(at):
    return at + datetime.timedelta(days=InstitutionSettings.load().draft_retention_days)


def _touch(draft, step=None):
    draft.updated_at = now()
    draft.expires_at = _expiry(draft.updated_at)
    if step:
        draft.step = step
    draft.save()


def draft_of(user, token) -> Draft:
    """The citizen's own unexpired draft; 404 for anyone else's, or for one that expired."""
    drafts = Draft.objects.select_related("service__procedure__owner_department")
    try:
        return drafts.get(token=token, owner=user, owner__isnull=False, expires_at__gt=now())
    except (Draft.DoesNotExist, ValidationError):
        raise Http404 from None


def drafts_of(user) -> list[registry.Draft]:
    """The citizen's unfinished permit applications, for "My cases"."""
    return [
        registry.Draft(
            title=d.data.get("subject") or d.service.tr.title,
            service=d.service,
            updated_at=d.updated_at,
            expires_at=d.expires_at,
            url=reverse("permits:draft", args=[d.token]),
            delete_url=reverse("permits:delete", args=[d.token]),
        )
        for d in Draft.objects.filter(owner=user, expires_at__gt=now()).select_related("service")
    ]


def start(*, service, user, data, language) -> Draft:
    """Open a draft with what the citizen typed on the first step (valid or not: nothing typed is lost)."""
    if Draft.objects.filter(owner=user, expires_at__gt=now()).count() >= MAX_OPEN_DRAFTS:
        raise ValidationError(
            _(
                "You already have %(count)s unfinished applications. Submit or delete one of them from “My cases” "
                "before you start another."
            ),
            code="too_many_drafts",
            params={"count": MAX_OPEN_DRAFTS},
        )
    at = now()
    return Draft.objects.create(
        owner=user,
        service=service,
        data=_details(data),
        language=language,
        created_at=at,
        updated_at=at,
        expires_at=_expiry(at),
    )


def _details(data):
    return {name: str(data.get(name, "")).strip() for name in DETAIL_FIELDS}


def save_details(draft, data, *, step=None) -> Draft:
    draft.data = _details(data)
    _touch(draft, step)
    return draft


def slots(draft):
    """Each document the service asks for, with the files the draft holds for it."""
    held: dict[int, list[DraftFile]] = {}
    for draft_file in draft.files.all():
        held.setdefault(draft_file.requirement_id, []).append(draft_file)
    return [(requirement, held.get(requirement.pk, [])) for requirement in draft.service.required_documents.all()]


def missing_documents(draft):
    return [requirement for requirement, files in slots(draft) if requirement.mandatory and not files]


@transaction.atomic
def add_file(draft, *, requirement, upload) -> DraftFile:
    """Check an upload and keep it in the draft's slot; a ValidationError (naming the file) when it is refused."""
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    if requirement.service_id != draft.service_id:
        raise ValidationError(_("This document is not one of this service's documents."), code="requirement")
    if draft.files.filter(requirement=requirement).count() >= requirement.max_files:
        raise ValidationError(
            ngettext(
                "“%(document)s” takes at most %(count)s file: remove it before you add another.",
                "“%(document)s” takes at most %(count)s files: remove one before you add another.",
                requirement.max_files,
            ),
            code="too_many_files",
            params={"document": requirement.tr.name, "count": requirement.max_files},
        )
    checked = documents.check_upload(upload, requirement)
    draft_file = DraftFile(
        draft=draft,
        requirement=requirement,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    upload.seek(0)
    draft_file.file.save(checked.name, upload, save=False)
    try:
        draft_file.save()
        _touch(draft, Draft.Step.DOCUMENTS)
    except BaseException:
        draft_file.file.delete(save=False)
        raise
    return draft_file


@transaction.atomic
def remove_file(draft, file_id) -> None:
    draft_file = DraftFile.objects.filter(draft=draft, pk=file_id).first()
    if draft_file is None:
        raise Http404
    name = draft_file.file.name
    storage = draft_file.file.storage
    draft_file.delete()
    _touch(draft, Draft.Step.DOCUMENTS)
    transaction.on_commit(lambda: storage.delete(name))


def _delete_with_files(queryset):
    """Delete drafts and, once that is committed, their files."""
    stored = [(f.file.storage, f.file.name) for f in DraftFile.objects.filter(draft__in=queryset)]
    count = queryset.delete()[1].get(Draft._meta.label, 0)
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in stored])
    return count


@transaction.atomic
def delete(draft) -> None:
    _delete_with_files(Draft.objects.filter(pk=draft.pk))


@transaction.atomic
def purge_expired(at=None) -> int:
    """Delete every draft past its expiry, with its files (the daily Celery task)."""
    return _delete_with_files(Draft.objects.filter(expires_at__lte=at or now()))


def submit(draft, *, by, details):
    """Submit the draft: the case is registered with every file of the draft, and the draft is deleted.

    `details` are the validated fields of the first step. Every file is checked again as it enters the case (the
    virus scanner's database may have learnt something since it was uploaded); when one is refused, nothing is
    registered and the draft stays as it was."""
    missing = missing_documents(draft)
    if missing:
        raise ValidationError(_("Attach “%(name)s”."), code="missing_document", params={"name": missing[0].tr.name})
    with ExitStack() as stack, transaction.atomic():
        draft = Draft.objects.select_for_update().get(pk=draft.pk)
        uploads = {}
        for draft_file in draft.files.select_related("requirement"):
            handle = stack.enter_context(draft_file.file.storage.open(draft_file.file.name, "rb"))
            uploads[f"file_{draft_file.pk}"] = (File(handle, name=draft_file.original_name), draft_file.requirement)
        case = workflow.apply(
            service=draft.service,
            user=by,
            data=details,
            uploads=uploads,
            language=draft.language,
            reference=str(draft.token),
        )
        _delete_with_files(Draft.objects.filter(pk=draft.pk))
    return case
