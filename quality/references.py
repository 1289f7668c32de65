"""The laws and standards the procedures cite: when one is amended, which procedures are to be revised."""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from services.models import Procedure

from .models import ProcedureVersion

S = ProcedureVersion.Status


@dataclass(frozen=True)
class ToRevise:
    """A procedure citing an amended reference, with its version in force and any revision already under way."""

    procedure: Procedure
    version: ProcedureVersion | None  # None for a procedure whose versions are not kept yet (the catalogue's)
    effective_date: datetime.date
    in_progress: ProcedureVersion | None


def procedures_to_revise(reference):
    """Procedures citing `reference` whose version in force took effect before the reference was last amended.

    A procedure without kept versions is judged by the catalogue's effective date; a withdrawn procedure (versions,
    none in force) is not listed."""
    amended = reference.last_amended_on
    if amended is None:
        return Procedure.objects.none()
    in_force_before = Q(versions__status=S.EFFECTIVE, versions__effective_date__lt=amended)
    never_versioned_before = Q(versions__isnull=True, effective_date__lt=amended)
    return (
        reference.procedures.filter(in_force_before | never_versioned_before)
        .select_related("owner_department")
        .distinct()
        .order_by("code")
    )


def after_amendment(reference) -> list[ToRevise]:
    """What to tell the quality manager after `reference` changed: each procedure to revise, its version in force
    and whether a revision is already being drafted."""
    procedures = list(procedures_to_revise(reference))
    versions = ProcedureVersion.objects.filter(
        procedure__in=procedures, status__in=[S.EFFECTIVE, S.DRAFT, S.IN_VERIFICATION, S.IN_APPROVAL]
    )
    in_force, open_ = {}, {}
    for version in versions:
        (in_force if version.status == S.EFFECTIVE else open_)[version.procedure_id] = version
    rows = []
    for procedure in procedures:
        version = in_force.get(procedure.pk)
        rows.append(
            ToRevise(
                procedure=procedure,
                version=version,
                effective_date=version.effective_date if version else procedure.effective_date,
                in_progress=open_.get(procedure.pk),
            )
        )
    return rows
