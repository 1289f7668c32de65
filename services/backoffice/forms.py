"""Forms of the back office: the queue's filters, bulk assignment, and one form per action on a case."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.forms_renderer import GovUKBoundField

from .. import workflow
from ..registry import kinds
from .selectors import (
    ASSIGNEE_ME,
    ASSIGNEE_UNASSIGNED,
    SORT_ASC,
    SORT_DESC,
    SORT_KEYS,
    STATUS_ALL,
    STATUS_CLOSED,
    STATUS_OPEN,
    staff_of_departments,
)


def _staff_choices(staff):
    return [(str(member.pk), member.display_name) for member in staff]


class FilterBoundField(GovUKBoundField):
    """Every filter is optional, so no label says "(optional)"."""

    govuk_optional = False


class QueueFilterForm(forms.Form):
    """The queue's filters, sent with GET so they work without JavaScript and can be bookmarked."""

    bound_field_class = FilterBoundField

    status = forms.ChoiceField(label=_("Status"), required=False)
    service = forms.ChoiceField(label=_("Service"), required=False)
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)
    q = forms.CharField(label=_("Registration number or applicant"), required=False, max_length=100)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    # The column the table is sorted by, set by its headers' links and kept when the filters change; an unknown
    # column or direction is ignored like any invalid filter, so the default order applies.
    sort = forms.ChoiceField(choices=[(key, key) for key in SORT_KEYS], required=False, widget=forms.HiddenInput)
    dir = forms.ChoiceField(
        choices=[(SORT_ASC, SORT_ASC), (SORT_DESC, SORT_DESC)], required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, staff, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (STATUS_OPEN, _("Open cases")),
            (STATUS_CLOSED, _("Closed cases")),
            (STATUS_ALL, _("All cases")),
            (_("One status"), kinds.status_choices()),
        ]
        # The services are read once, for the choices and for the chosen one: no second query to validate it.
        self._services = {str(service.pk): service for service in services}
        self.fields["service"].choices = [("", _("All services"))] + [
            (pk, str(service)) for pk, service in self._services.items()
        ]
        self.fields["assignee"].choices = [
            ("", _("Anyone")),
            (ASSIGNEE_UNASSIGNED, _("Nobody (unassigned)")),
            (ASSIGNEE_ME, _("Me")),
            *_staff_choices(staff),
        ]

    def clean_service(self):
        return self._services.get(self.cleaned_data.get("service") or "")

    def filters(self):
        """The valid filters; an invalid one is ignored rather than emptying the queue."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class CaseIdsField(forms.Field):
    """The primary keys of the cases ticked in the queue's table."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Select the cases to assign."),
        "invalid": _("Select the cases from the list."),
    }

    def to_python(self, value):
        if not value:
            return []
        try:
            return sorted({int(pk) for pk in value})
        except (TypeError, ValueError) as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


class BulkAssignForm(forms.Form):
    cases = CaseIdsField()
    assignee = forms.TypedChoiceField(
        label=_("Assign the selected cases to"),
        coerce=int,
        error_messages={
            "required": _("Choose whom to assign the cases to."),
            "invalid_choice": _("Choose whom to assign the cases to."),
        },
    )

    def __init__(self, *args, staff, **kwargs):
        kwargs.setdefault("auto_id", "bulk_%s")  # the filter form on the same page has its own "assignee"
        super().__init__(*args, **kwargs)
        self._staff = {member.pk: member for member in staff}
        self.fields["assignee"].choices = [("", _("Choose a person")), *_staff_choices(staff)]

    def clean_assignee(self):
        return self._staff[self.cleaned_data["assignee"]]


class CaseActionForm(forms.Form):
    """The form of one action on a case; it knows the case, who acts and their roles for the case (as the page
    already checked them), for choices that depend on them."""

    def __init__(self, *args, case, user, roles=None, **kwargs):
        self.case = case
        self.user = user
        self.roles = roles if roles is not None else workflow.roles_of(user, case)
        super().__init__(*args, **kwargs)


def note_field(label, *, required=True, required_message=None, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": required_message} if required_message else None,
    )


class AssignForm(CaseActionForm):
    assignee = forms.ModelChoiceField(
        label=_("Assign to"),
        queryset=None,
        empty_label=_("Choose a person"),
        error_messages={"required": _("Choose whom to assign the case to.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_of_departments([self.case.department_id])
        if not self.is_bound and self.case.assignee_id:
            self.initial["assignee"] = self.case.assignee_id


class StartReviewForm(CaseActionForm):
    pass


class RequestCompletionForm(CaseActionForm):
    note = note_field(
        _("What must the applicant complete?"),
        required_message=_("Say what the applicant must complete."),
        help_text=_("The applicant is told. The time limit stops until the completion is registered."),
    )


class RecordCompletionForm(CaseActionForm):
    note = note_field(
        _("Note"),
        required=False,
        help_text=_("For example: documents brought to the counter. The time limit runs again."),
    )


class ExtendDeadlineForm(CaseActionForm):
    days = forms.IntegerField(
        label=_("Extend by (days)"),
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={"required": _("Enter the number of days.")},
    )
    reason = note_field(
        _("Reason for the extension"), required_message=_("Give the reason for the extension; the applicant is told.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        maximum = self.case.extension_max_days
        self.fields["days"].max_value = maximum
        self.fields["days"].widget.attrs["max"] = maximum
        self.fields["days"].validators.append(_max_days_validator(maximum))
        self.fields["days"].help_text = _("At most %(max)s days, once, before the initial time limit ends.") % {
            "max": maximum
        }


def _max_days_validator(maximum):
    def validate(value):
        if value > maximum:
            raise ValidationError(
                _("The extension must be between 1 and %(max)s days.") % {"max": maximum}, code="days"
            )

    return validate


class ResolveForm(CaseActionForm):
    outcome = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect, error_messages={"required": _("Choose the decision.")}
    )
    note = note_field(
        _("Decision or answer for the applicant"),
        required_message=_("Write the decision or the answer for the applicant."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [
            (outcome, kinds.status_label(outcome)) for outcome in workflow.outcomes_for(self.case, self.roles)
        ]


class NoteForm(CaseActionForm):
    note = note_field(
        _("Internal note"), required_message=_("The note is empty."), help_text=_("Only staff see internal notes.")
    )


class MessageForm(CaseActionForm):
    message = note_field(
        _("Message"),
        required_message=_("The message is empty."),
        help_text=_("The applicant sees this message and is told by e-mail."),
    )


class ReturnToRegistryForm(CaseActionForm):
    reason = note_field(
        _("Why it is not your department's"),
        required_message=_("Say why this case is not your department's."),
        help_text=_("The registry reads it and distributes the case to the right department."),
    )
