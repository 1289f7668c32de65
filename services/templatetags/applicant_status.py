"""Status labels as the applicant reads them: the shared labels are the staff's wording."""

from django import template
from django.utils.translation import gettext_lazy as _

from ..lifecycle import Status

register = template.Library()

# Where the applicant is addressed directly rather than spoken about.
APPLICANT_LABELS = {
    Status.AWAITING_APPLICANT: _("awaiting your documents"),
}


@register.filter
def status_for_applicant(status, label):
    """`{{ case.status|status_for_applicant:case.get_status_display }}`: the applicant's label, else the shared one."""
    return APPLICANT_LABELS.get(status, label)
