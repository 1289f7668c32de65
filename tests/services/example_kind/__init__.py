"""A tiny request kind defined only in the tests: a residential parking permit with a site inspection.

It registers what a real kind does — a filing flow, a staff action, a citizen action, an extra status and event
types — and no code in `services/` names it. `PARKING` is registered for a test with `kinds.temporarily(PARKING)`."""

from importlib import import_module

from django import forms
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

from services import registration, workflow
from services.backoffice.forms import CaseActionForm
from services.lifecycle import UNDER_WAY, EventType, Role, Status, StatusDef, Tone, row
from services.models import Service
from services.registry import CaseAction, Kind

INSPECTION = "inspection"


@transaction.atomic
def schedule_inspection(case, *, by, on):
    case = workflow.begin(case, "schedule_inspection", by=by)
    workflow.move(
        case,
        INSPECTION,
        by=by,
        transition="schedule_inspection",
        action="inspection_scheduled",
        data={"on": on.isoformat()},
    )
    return case


@transaction.atomic
def confirm_inspection(case, *, by):
    case = workflow.begin(case, "confirm_inspection", by=by)
    workflow.record_event(case, by=by, action="inspection_confirmed", visible=True)
    return case


class ScheduleForm(CaseActionForm):
    on = forms.DateField(label="Inspection day")


class ConfirmForm(CaseActionForm):
    pass


class ApplyForm(forms.Form):
    plate = forms.CharField(label="Plate number", max_length=12)


@login_required
def apply(request, service):
    service = get_object_or_404(Service, slug=service, kind="parking")
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = registration.register_case(
            service=service,
            subject=f"Parking for {form.cleaned_data['plate']}",
            applicant=request.user,
            details=form.cleaned_data["plate"],
        )
        return redirect("services:case", registration_number=case.registration_number)
    return render(request, "example_kind/apply.html", {"form": form, "service": service})


PARKING = Kind(
    name="parking",
    label="residential parking permit",
    filing_url="example_kind_apply",
    detail_template="example_kind/detail.html",
    citizen_template="example_kind/citizen.html",
    statuses=(StatusDef(INSPECTION, "site inspection scheduled", open=True, tone=Tone.ORANGE),),
    event_types=(
        EventType("inspection_scheduled", "site inspection scheduled"),
        EventType("inspection_confirmed", "inspection day confirmed"),
    ),
    transitions=(
        row("schedule_inspection", UNDER_WAY, [Role.WORKER], [INSPECTION]),
        row("confirm_inspection", [INSPECTION], [Role.APPLICANT]),
        row("resolve", [INSPECTION], [Role.WORKER], [Status.APPROVED, Status.REJECTED]),
    ),
    doors={
        "schedule_inspection": "tests.services.example_kind.schedule_inspection",
        "confirm_inspection": "tests.services.example_kind.confirm_inspection",
    },
    staff_actions=(
        CaseAction(
            slug="schedule-inspection",
            label="Schedule the site inspection",
            form_class=ScheduleForm,
            action="schedule_inspection",
            arguments=lambda data: {"on": data["on"]},
            success_message="The inspection is scheduled.",
        ),
    ),
    citizen_actions=(
        CaseAction(
            slug="confirm-inspection",
            label="Confirm the inspection day",
            form_class=ConfirmForm,
            action="confirm_inspection",
            success_message="You confirmed the inspection day.",
        ),
    ),
    outcomes=(Status.APPROVED, Status.REJECTED),
)

urlpatterns = [
    path("parcare/<slug:service>/", apply, name="example_kind_apply"),
]
urlpatterns += import_module("portal.urls").urlpatterns  # i18n_patterns inside cannot be include()d
