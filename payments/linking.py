"""Linking a user to a taxpayer, safely: the tax notice's role number and access code with the CNP/CUI, a clerk's
approval, or a CNP that ROeID verified. A user sees and pays only for linked taxpayers."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import audit
from .models import Taxpayer, TaxpayerLink

log = logging.getLogger(__name__)
L = TaxpayerLink


def _normalise(identifier: str) -> str:
    value = "".join(str(identifier).split()).upper()
    return value[2:] if value.startswith("RO") else value


def find_taxpayer(identifier, role_number):
    return Taxpayer.objects.filter(
        identifier=_normalise(identifier), role_number="".join(str(role_number).split())
    ).first()


def _activate(user, taxpayer, method, *, by=None, note=""):
    link = L.objects.filter(user=user, taxpayer=taxpayer, status__in=(L.Status.PENDING, L.Status.ACTIVE)).first()
    if link is not None and link.status == L.Status.ACTIVE:
        return link, False
    if link is None:
        link = L(user=user, taxpayer=taxpayer)
    link.method, link.status, link.note = method, L.Status.ACTIVE, note or link.note
    link.decided_at, link.decided_by = timezone.now(), by
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError:  # the same link made at the same moment by another request
        return L.objects.get(user=user, taxpayer=taxpayer, status=L.Status.ACTIVE), False
    audit.record("taxpayer_linked", by=by or user, taxpayer=taxpayer, link=link, data={"method": method})
    return link, True


WRONG = _("These details do not match a taxpayer on the roll. Check them against your tax notice.")


@transaction.atomic
def link_with_notice(*, user, identifier, role_number, access_code):
    """The three things printed on the tax notice. The same message for any mismatch, so the form tells nobody
    which CNP is on the roll."""
    taxpayer = find_taxpayer(identifier, role_number)
    if taxpayer is None or not taxpayer.check_access_code(str(access_code).strip()):
        audit.record(
            "taxpayer_link_refused",
            by=user,
            taxpayer=taxpayer,
            data={"role_number": str(role_number)[:30]},
        )
        raise ValidationError(WRONG, code="no_match")
    return _activate(user, taxpayer, L.Method.NOTICE)[0]


@transaction.atomic
def request_link(*, user, identifier, role_number, note):
    """Without the access code: a clerk of the tax department checks and decides. The citizen learns nothing
    about the roll until then."""
    taxpayer = find_taxpayer(identifier, role_number)
    if taxpayer is None:
        raise ValidationError(WRONG, code="no_match")
    if L.objects.filter(user=user, taxpayer=taxpayer, status__in=(L.Status.PENDING, L.Status.ACTIVE)).exists():
        raise ValidationError(_("You have already asked for this taxpayer."), code="duplicate")
    link = L.objects.create(user=user, taxpayer=taxpayer, method=L.Method.CLERK, note=note)
    audit.record("taxpayer_link_requested", by=user, taxpayer=taxpayer, link=link)
    return link


def can_decide(user):
    return user.is_authenticated and user.has_perm("payments.change_taxpayerlink")


@transaction.atomic
def decide(link, *, by, approve, note=""):
    if not can_decide(by):
        raise PermissionDenied
    link = L.objects.select_for_update().get(pk=link.pk)
    if link.status != L.Status.PENDING:
        raise ValidationError(_("This request has already been decided."), code="decided")
    link.status = L.Status.ACTIVE if approve else L.Status.REFUSED
    link.decided_at, link.decided_by = timezone.now(), by
    if note:
        link.note = f"{link.note}\n{note}".strip()
    link.save()
    audit.record(
        "taxpayer_link_approved" if approve else "taxpayer_link_refused",
        by=by,
        taxpayer=link.taxpayer,
        link=link,
        note=note,
    )
    return link


@transaction.atomic
def revoke(link, *, by, note=""):
    link = L.objects.select_for_update().get(pk=link.pk)
    if link.status != L.Status.ACTIVE:
        return link
    link.status, link.decided_at, link.decided_by = L.Status.REVOKED, timezone.now(), by
    link.save()
    audit.record("taxpayer_link_revoked", by=by, taxpayer=link.taxpayer, link=link, note=note)
    return link


def link_verified_cnp(*, user, cnp, **kwargs):
    """ROeID vouched for this CNP: the person on the roll under it is linked at once."""
    taxpayer = Taxpayer.objects.filter(kind=Taxpayer.Kind.PERSON, identifier=cnp).first()
    if taxpayer is None:
        return None
    with transaction.atomic():
        return _activate(user, taxpayer, L.Method.ROEID)[0]
