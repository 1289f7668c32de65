"""The services on the public site: each service page reads its service from the live catalogue, not a copy."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from portal.i18n import TranslatedFieldsMixin

from .. import blocks
from .pages import SitePage
from .search import fold


@register_snippet
class LifeEvent(TranslatedFieldsMixin, models.Model):
    """A moment of life that brings people to the city hall (building a house, a new car, a birth): services by need."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_hu = models.CharField(_("name (Hungarian)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_hu"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("life event")
        verbose_name_plural = _("life events")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.tr.name


class ServiceIndexPage(SitePage):
    """All services, grouped by department or by life event, filtered by a plain form (no JavaScript needed)."""

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.ServicePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("service index")

    def get_context(self, request, *args, **kwargs):
        from ..catalogue import service_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(service_listing(self, request.GET))
        return context


class ServicePage(SitePage):
    """A service as the public sees it: the editor's explanation, then the catalogue's facts, read live."""

    service = models.ForeignKey(
        "services.Service", on_delete=models.PROTECT, related_name="+", verbose_name=_("service")
    )
    life_events = ParentalManyToManyField(LifeEvent, blank=True, related_name="+", verbose_name=_("life events"))
    body = StreamField(blocks.body_blocks(), blank=True, verbose_name=_("more content"))

    content_panels = Page.content_panels + [
        FieldPanel("service"),
        FieldPanel("intro", heading=_("Explanation shown above the catalogue's facts")),
        FieldPanel("life_events", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    search_fields = SitePage.search_fields + [index.FilterField("service_id")]
    parent_page_types = ["cms.ServiceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service page")

    def search_text(self):
        service = self.service
        procedure = service.procedure
        facts = [
            service.title,
            service.title_hu,
            service.title_en,
            service.description,
            service.description_hu,
            service.description_en,
            procedure.code,
            procedure.title,
            procedure.title_hu,
            procedure.title_en,
        ]
        return fold(" ".join([super().search_text(), *facts]))

    def get_context(self, request, *args, **kwargs):
        from ..catalogue import service_facts

        context = super().get_context(request, *args, **kwargs)
        context["facts"] = service_facts(self.service_id)
        return context
