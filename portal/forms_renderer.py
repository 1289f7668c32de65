"""Django forms rendered as GOV.UK Frontend form groups: `{{ form }}` and `{{ field.as_field_group }}` just work.

The renderer only changes the form and field templates (portal/templates/forms/govuk/) and the bound field class,
which adds read-only helpers for those templates; widget templates and widget attributes stay Django's own, so
forms rendered elsewhere (Wagtail's admin) look exactly as before.
"""

from django.forms import BoundField
from django.forms.boundfield import BoundWidget
from django.forms.renderers import DjangoTemplates
from django.forms.widgets import (
    CheckboxInput,
    CheckboxSelectMultiple,
    ClearableFileInput,
    DateInput,
    FileInput,
    HiddenInput,
    RadioSelect,
    Select,
    SelectMultiple,
    Textarea,
)

# (widget class, kind) from the most specific: CheckboxSelectMultiple is a RadioSelect is a Select.
_KINDS = (
    (HiddenInput, "hidden"),
    (CheckboxSelectMultiple, "checkboxes"),
    (RadioSelect, "radios"),
    (SelectMultiple, "select"),
    (Select, "select"),
    (CheckboxInput, "checkbox"),
    (Textarea, "textarea"),
    (ClearableFileInput, "file"),
    (FileInput, "file"),
    (DateInput, "date"),
)

_WIDGET_CLASSES = {
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "file": "govuk-file-upload",
    "date": "govuk-input govuk-input--width-10",
    "input": "govuk-input",
    "checkbox": "govuk-checkboxes__input",
}
_ERROR_CLASSES = {
    "select": "govuk-select--error",
    "textarea": "govuk-textarea--error",
    "file": "govuk-file-upload--error",
    "date": "govuk-input--error",
    "input": "govuk-input--error",
}


class GovUKBoundField(BoundField):
    """A bound field that knows how GOV.UK Frontend draws it."""

    @property
    def govuk_kind(self):
        widget = self.field.widget
        for widget_class, kind in _KINDS:
            if isinstance(widget, widget_class):
                return kind
        return "input"

    def _widget_attrs(self, kind):
        own = self.field.widget.attrs
        classes = [own.get("class", ""), _WIDGET_CLASSES.get(kind, "")]
        if self.errors:
            classes.append(_ERROR_CLASSES.get(kind, ""))
        # The label is always shown: a placeholder would only repeat it, and vanishes once the person types.
        attrs = {"class": " ".join(c for c in classes if c), "placeholder": False}
        # One-time codes (TOTP, recovery codes) are short and all digits: a narrow box and the phone's numeric keypad.
        if own.get("autocomplete") == "one-time-code":
            attrs["class"] += " govuk-input--width-10"
            attrs.setdefault("inputmode", own.get("inputmode", "numeric"))
        return attrs

    @property
    def govuk_widget(self):
        """The widget's HTML with the GOV.UK classes (Django adds aria-describedby and aria-invalid)."""
        return self.as_widget(attrs=self._widget_attrs(self.govuk_kind))

    @property
    def govuk_items(self):
        """The options of a radio or checkbox group, each input carrying the GOV.UK item class."""
        kind = self.govuk_kind
        input_class = "govuk-radios__input" if kind == "radios" else "govuk-checkboxes__input"
        id_ = self.field.widget.attrs.get("id") or self.auto_id
        attrs = self.build_widget_attrs({"id": id_} if id_ else {})
        attrs["class"] = input_class
        # The group's fieldset carries the description; each required checkbox would demand every box be ticked.
        attrs.pop("aria-describedby", None)
        if kind == "checkboxes":
            attrs.pop("required", None)
        return [
            BoundWidget(self.field.widget, data, self.form.renderer)
            for data in self.field.widget.subwidgets(self.html_name, self.value(), attrs=attrs)
        ]

    @property
    def govuk_optional(self):
        """Whether to mark the label "(optional)", as GOV.UK does instead of starring required fields."""
        return not self.field.required and self.govuk_kind not in ("checkbox", "hidden")


class FilterBoundField(GovUKBoundField):
    """Every filter is optional, so no label says "(optional)"."""

    govuk_optional = False


class GovUKFormRenderer(DjangoTemplates):
    """Django's default renderer with GOV.UK form and field templates (set as FORM_RENDERER)."""

    form_template_name = "forms/govuk/form.html"
    field_template_name = "forms/govuk/field.html"
    bound_field_class = GovUKBoundField
