"""The demo site's home page."""

from wagtail.models import Locale, Page, Site

from .models import HomePage

INTRO = (
    "<p>Depuneți cereri, urmăriți-vă dosarele și aflați termenul legal de soluționare, fără drum la ghișeu. "
    "Toate serviciile sunt disponibile în limba română, maghiară și engleză.</p>"
)


def load_home_page(institution_name):
    locale, _created = Locale.objects.get_or_create(language_code="ro")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(title="Acasă", slug="acasa", intro=INTRO, locale=locale))
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.site_name, site.root_page = "localhost", 80, institution_name, home
    site.save()
    # Wagtail's own placeholder page is not part of the portal.
    Page.objects.filter(depth=2, content_type__model="page").exclude(pk=home.pk).delete()
    for code in ("hu", "en"):
        Locale.objects.get_or_create(language_code=code)
    return home
