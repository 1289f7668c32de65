"""Romanian dates: 23.11.2026 and "23 noiembrie 2026", month names in lower case as Romanian writes them."""

from django.utils.translation import pgettext_lazy

DATE_FORMAT = "j E Y"  # E: the "alt. month" names, which portal.formats.ro words in lower case
DATETIME_FORMAT = "j E Y, H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y, H:i"
YEAR_MONTH_FORMAT = "F Y"

# Django's Romanian catalogue capitalises these ("Decembrie"); ours, which takes precedence, does not.
ALT_MONTH_NAMES = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
