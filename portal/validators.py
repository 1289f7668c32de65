"""Free text people type (names, addresses) may not carry invisible Unicode controls: a right-to-left override or an
isolate makes "Ion Pop" display as something else in every list, letter and CSV it reaches (CVE-2021-42574, "Trojan
Source"), and the other invisible format characters make two identical-looking names different.

`format_controls` is the pure rule; `validate_no_format_controls` is the Django validator for model and form fields.
Other apps' forms import the validator from here.
"""

import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ZERO_WIDTH_NON_JOINER = "\u200c"
ZERO_WIDTH_JOINER = "\u200d"
# Line breaks and tabs are ordinary in multi-line text; every other C0/C1 control is refused with the format controls.
WHITESPACE_CONTROLS = frozenset("\t\n\r")


def _joins(neighbour: str) -> bool:
    """Whether a joiner next to `neighbour` can be doing its job: between letters (Persian, Indic scripts), their marks,
    or the symbols of an emoji sequence (including the skin-tone modifiers, category Sk)."""
    category = unicodedata.category(neighbour)
    return category[0] in "LM" or category in ("So", "Sk")


def _joining(text: str, index: int) -> bool:
    """Whether `text[index]` is a zero-width (non-)joiner between two characters it may join."""
    return (
        text[index] in (ZERO_WIDTH_JOINER, ZERO_WIDTH_NON_JOINER)
        and 0 < index < len(text) - 1
        and _joins(text[index - 1])
        and _joins(text[index + 1])
    )


def _is_control(text: str, index: int) -> bool:
    category = unicodedata.category(text[index])
    if category == "Cc":
        return text[index] not in WHITESPACE_CONTROLS
    return category == "Cf" and not _joining(text, index)


def format_controls(text: str) -> list[str]:
    """The invisible control characters of `text`, in order: every character of category Cf (bidirectional embeddings,
    overrides and isolates U+202A–U+202E and U+2066–U+2069, direction marks, zero-width spaces, the byte order mark,
    soft hyphens…) and of category Cc other than tab and line breaks. A zero-width joiner or non-joiner is allowed
    between two characters it may join."""
    return [character for index, character in enumerate(text) if _is_control(text, index)]


def validate_no_format_controls(value: str) -> None:
    """Django validator: refuses text with invisible control characters (see `format_controls`)."""
    if value and format_controls(value):
        raise ValidationError(
            _("This text contains invisible control characters. Type it again instead of pasting it."),
            code="format_controls",
        )


def refuse_format_controls(form: Any) -> None:
    """Add the validator to every text field of a form: what people type (names, addresses, subjects, texts)."""
    from django import forms

    for field in form.fields.values():
        if isinstance(field, forms.CharField) and validate_no_format_controls not in field.validators:
            field.validators.append(validate_no_format_controls)
