"""The one writer of the payments audit trail."""

from .models import AuditEvent


def record(action, *, by=None, payment=None, taxpayer=None, link=None, obligation=None, note="", data=None):
    return AuditEvent.objects.create(
        action=action,
        actor=by if by is not None and by.is_authenticated else None,
        payment=payment,
        taxpayer=taxpayer,
        link=link,
        obligation=obligation,
        note=str(note),
        data=data or {},
    )
