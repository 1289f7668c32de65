"""The communications staff's groups: editors write and publish the public site; reviewers approve under moderation.

Both groups see pages, images, documents, life events, the menus and translations, and nothing of cases, payments,
petitions, the institution's settings or accounts. Running these functions again puts the permissions back as
written here (what is granted on the page tree's root covers every language's tree).
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from portal.groups import make_permissions

EDITORS_GROUP = "Editori"
# Romanian for "senior editors": the editors who approve what others submit when moderation is on.
REVIEWERS_GROUP = "Editori-șefi"

MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    *[("cms", f"{verb}_lifeevent") for verb in ("add", "change", "delete", "view")],
    ("cms", "change_navigationsettings"),
    ("wagtail_localize", "submit_translation"),
    # The public site shows an investment once an editor publishes it (investments.admin_views).
    ("investments", "publish_investment"),
]
PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
PUBLISH_PERMISSION = "publish_page"
COLLECTION_PERMISSIONS = [
    (app_label, f"{verb}_{model}")
    for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for verb in ("add", "change", "choose", "delete")
]


def _permissions(pairs):
    found = Permission.objects.filter(
        content_type__app_label__in={app_label for app_label, _codename in pairs},
        codename__in={codename for _app_label, codename in pairs},
    ).select_related("content_type")
    wanted = set(pairs)
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


def _page_permissions(codenames):
    return list(Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames))


def _group(name, *, publishes):
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.set(_permissions(MODEL_PERMISSIONS))

    root = Page.get_first_root_node()
    if root is not None:
        codenames = PAGE_PERMISSIONS + ([PUBLISH_PERMISSION] if publishes else [])
        wanted = _page_permissions(codenames)
        GroupPagePermission.objects.filter(group=group).exclude(page=root, permission__in=wanted).delete()
        for permission in wanted:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)

    collection = Collection.get_first_root_node()
    if collection is not None:
        wanted = _permissions(COLLECTION_PERMISSIONS)
        GroupCollectionPermission.objects.filter(group=group).exclude(
            collection=collection, permission__in=wanted
        ).delete()
        for permission in wanted:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
    return group


def editors_group():
    """The "Editori" group: edits and translates pages, images and documents; publishes unless moderation is on."""
    from .moderation import moderation_enabled

    return _group(EDITORS_GROUP, publishes=not moderation_enabled())


def reviewers_group():
    """The senior editors: what editors may do, and always publish (they approve the editors' pages)."""
    return _group(REVIEWERS_GROUP, publishes=True)


def ensure_groups(**kwargs):
    """Both groups, with their permissions as written above (usable as a post_migrate receiver)."""
    make_permissions(**kwargs)
    return editors_group(), reviewers_group()
