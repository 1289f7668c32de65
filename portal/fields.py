"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .money import parse_lei


class LeiField(forms.CharField):
    """An amount in lei as people type it (`12,50`, `1.234,56`, `12.5`), cleaned to an int of bani."""

    default_error_messages = {"invalid": _("Enter an amount in lei, such as 12,50.")}

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > 20:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return parse_lei(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
