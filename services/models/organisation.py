"""Departments of the institution and who works in them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from portal.i18n import TranslatedFieldsMixin


class Department(TranslatedFieldsMixin, ClusterableModel):
    """A department (direcție / serviciu / compartiment) that owns procedures and works their cases."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_hu = models.CharField(_("name (Hungarian)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    panels = [
        FieldPanel("code"),
        MultiFieldPanel([FieldPanel("name"), FieldPanel("name_hu"), FieldPanel("name_en")], heading=_("Name")),
        FieldPanel("email"),
        InlinePanel("memberships", heading=_("Staff"), label=_("member")),
    ]

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]

    def __str__(self):
        return self.tr.name

    @property
    def heads(self):
        return [m.user for m in self.memberships.all() if m.role == Membership.Role.HEAD]


class Membership(models.Model):
    """A staff member's place in a department: clerk or head of department."""

    class Role(models.TextChoices):
        CLERK = "clerk", _("clerk")
        HEAD = "head", _("head of department")

    department = ParentalKey(Department, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
        limit_choices_to={"is_staff": True},
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.CLERK)

    panels = [FieldPanel("user"), FieldPanel("role")]

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["department", "user"], name="unique_membership")]

    def __str__(self):
        return f"{self.user} — {self.department} ({self.get_role_display()})"
