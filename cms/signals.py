"""What clears the public pages' cache and keeps the search index true to the catalogue."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import cache as page_cache
from . import renditions, routing


def reindex_service_pages(sender, instance, **kwargs):
    """A service page's search text holds its service's and procedure's words: change them, change the index."""
    from wagtail.search import index

    from .models import ServicePage

    pages = ServicePage.objects.live()
    if sender._meta.model_name == "service":
        pages = pages.filter(service=instance)
    elif sender._meta.model_name == "procedure":
        pages = pages.filter(service__procedure=instance)
    else:
        return
    for page in pages:
        index.insert_or_update_object(page)


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):  # each page type is its own sender
        page_cache.bump()


def _settings_saved(sender, instance, created, **kwargs):
    if not created:  # settings are created empty on their first reading, which changes no page
        page_cache.bump()


def connect():
    from portal.models import InstitutionSettings
    from services.models import Department, Procedure, RequiredDocument, Service

    from .models import LifeEvent, NavigationSettings

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(page_cache.bump, dispatch_uid=f"cms-cache-{signal}")
    page_published.connect(renditions.prepare_on_publish, dispatch_uid="cms-renditions")
    post_save.connect(_settings_saved, sender=InstitutionSettings, dispatch_uid="cms-cache-save-institution")
    catalogue = (Service, Procedure, RequiredDocument, Department, LifeEvent, NavigationSettings)
    for model in (PageViewRestriction, *catalogue):
        post_save.connect(page_cache.bump, sender=model, dispatch_uid=f"cms-cache-save-{model.__name__}")
        post_delete.connect(page_cache.bump, sender=model, dispatch_uid=f"cms-cache-delete-{model.__name__}")
    post_delete.connect(_page_deleted, dispatch_uid="cms-cache-page-deleted")
    for signal in (post_save, post_delete):
        signal.connect(routing.forget_sites, sender=Site, dispatch_uid=f"cms-sites-{signal}")
        signal.connect(
            routing.forget_restrictions, sender=PageViewRestriction, dispatch_uid=f"cms-restrictions-{signal}"
        )
        signal.connect(page_cache.bump, sender=Site, dispatch_uid=f"cms-cache-site-{signal}")
    for model in (Service, Procedure):
        post_save.connect(reindex_service_pages, sender=model, dispatch_uid=f"cms-reindex-{model.__name__}")
