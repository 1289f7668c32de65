"""The public site's pages: home, standard pages, news, contact, and the privacy and cookie notices."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from .. import blocks
from ..cookies import portal_cookies
from .search import fold, stream_text

NEWS_PER_PAGE = 10
LATEST_NEWS = 3


class SitePage(Page):
    """What every page of the public site has: an introduction, a search text without diacritics, its translations."""

    intro = RichTextField(_("introduction"), blank=True, features=blocks.TEXT_FEATURES)

    search_fields = Page.search_fields + [index.SearchField("search_text")]

    class Meta:
        abstract = True

    def body_text(self):
        return stream_text(getattr(self, "body", None))

    def get_context(self, request, *args, **kwargs):
        from ..languages import page_languages

        context = super().get_context(request, *args, **kwargs)
        context["page_languages"] = page_languages(self, request)
        context["breadcrumbs"] = (
            self.get_ancestors().filter(depth__gt=2).live().specific(defer=True) if self.depth > 3 else []
        )
        return context

    def search_text(self):
        return fold(" ".join([self.title, self.search_description or "", self.intro or "", self.body_text()]))


class HomePage(SitePage):
    """The portal's front page: the institution's welcome, the doors to the online services, the latest news."""

    hero_title = models.CharField(
        _("heading"), max_length=120, blank=True, help_text=_("Leave empty to show the institution's name.")
    )
    quick_links = StreamField(
        [("link", blocks.CallToActionBlock())],
        blank=True,
        verbose_name=_("quick links"),
        help_text=_("The main things people come for: pay local taxes, apply for a permit, file a petition."),
    )
    body = StreamField(blocks.body_blocks(), blank=True, verbose_name=_("more content"))

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("intro"),
        FieldPanel("quick_links"),
        InlinePanel("highlights", heading=_("Highlighted services"), label=_("service"), max_num=6),
        FieldPanel("body"),
    ]
    subpage_types = [
        "cms.StandardPage",
        "cms.NewsIndexPage",
        "cms.ServiceIndexPage",
        "cms.ContactPage",
        "cms.PrivacyPage",
        "cms.CookiePage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from ..links import resolve

        context = super().get_context(request, *args, **kwargs)
        [context["quick_links"]] = resolve([self.quick_links], request, get_language())
        highlights = self.highlights.select_related("service_page__service").order_by("sort_order")
        context["highlighted_services"] = [h.service_page for h in highlights if h.service_page.live]
        context["latest_news"] = NewsPage.objects.live().descendant_of(self).order_by("-date", "-pk")[:LATEST_NEWS]
        return context


class HomePageHighlight(TranslatableMixin, Orderable):
    """A service the home page puts forward; a translation of the home page points to the translated service page."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="highlights")
    service_page = models.ForeignKey(
        "cms.ServicePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("service page")
    )

    panels = [FieldPanel("service_page")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass


class StandardPage(SitePage):
    """A page of text: headings, text, images, documents, calls to action, accordions and tables."""

    body = StreamField(blocks.body_blocks(), blank=True, verbose_name=_("content"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class NewsIndexPage(RoutablePageMixin, SitePage):
    """The news: the latest first, ten a page, filtered by tag, with an RSS feed."""

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def news(self):
        return NewsPage.objects.live().child_of(self).select_related("image").order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.news()
        tag = request.GET.get("eticheta", "").strip()
        if tag:
            items = items.filter(tags__slug=tag)
        paginator = Paginator(items, NEWS_PER_PAGE)
        try:
            news_page = paginator.page(request.GET.get("pagina", 1))
        except PageNotAnInteger:
            news_page = paginator.page(1)
        except EmptyPage:
            news_page = paginator.page(paginator.num_pages)
        context.update(news_page=news_page, paginator=paginator, tag=tag)
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("rss/")
    def feed(self, request):
        from ..feeds import NewsFeed

        return NewsFeed(self)(request)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("cms.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPage(SitePage):
    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences shown in lists and in the RSS feed.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    image_alt = models.CharField(
        _("text alternative of the image"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Leave empty if it is only decoration."),
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    body = StreamField(blocks.body_blocks(), blank=True, verbose_name=_("content"))

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("tags")], heading=_("News item")),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
    ]
    search_fields = SitePage.search_fields + [index.FilterField("date")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def search_text(self):
        return fold(" ".join([super().search_text(), self.summary]))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A news item's parent is always the news index (parent_page_types): its URL is this one's, a level up.
        url = self.get_url(request=request) or ""
        context["index_url"] = url.rstrip("/").rsplit("/", 1)[0] + "/"
        return context


class ContactPage(SitePage):
    """How to reach the institution: its data (from the institution settings), each office and its opening hours."""

    map_url = models.URLField(_("map link"), blank=True, help_text=_("A link to the institution on a map."))
    body = StreamField(blocks.body_blocks(), blank=True, verbose_name=_("more content"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("map_url"),
        InlinePanel("offices", heading=_("Offices"), label=_("office")),
        FieldPanel("body"),
    ]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["offices"] = list(self.offices.all())
        return context


class ContactOffice(TranslatableMixin, Orderable):
    """An office of the institution; translated with its page (its name, address and opening hours)."""

    page = ParentalKey(ContactPage, on_delete=models.CASCADE, related_name="offices")
    name = models.CharField(_("name"), max_length=120)
    address = models.CharField(_("address"), max_length=250, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    opening_hours = StreamField([("hours", blocks.OpeningHoursBlock())], blank=True, verbose_name=_("opening hours"))

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("map_url"),
        FieldPanel("opening_hours"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass


class PrivacyPage(SitePage):
    """The privacy notice a public institution must publish (GDPR art. 13 and 14)."""

    dpo_name = models.CharField(_("data protection officer"), max_length=120)
    dpo_email = models.EmailField(_("data protection officer's e-mail"))
    dpo_phone = models.CharField(_("data protection officer's phone"), max_length=40, blank=True)
    processing = StreamField(
        [("activity", blocks.ProcessingActivityBlock())], verbose_name=_("what the portal processes")
    )
    rights = RichTextField(_("your rights"), features=blocks.TEXT_FEATURES)
    body = StreamField(blocks.body_blocks(), blank=True, verbose_name=_("more content"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("dpo_name"), FieldPanel("dpo_email"), FieldPanel("dpo_phone")],
            heading=_("Data protection officer"),
        ),
        FieldPanel("processing"),
        FieldPanel("rights"),
        FieldPanel("body"),
    ]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("privacy notice")

    def body_text(self):
        return " ".join([stream_text(self.processing), self.rights or "", super().body_text()])


class CookiePage(SitePage):
    """The cookie notice: the table of cookies is read from the portal's settings, so it lists what is really set."""

    body = StreamField(blocks.body_blocks(), blank=True, verbose_name=_("more content"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("cookie notice")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cookies"] = portal_cookies()
        return context
