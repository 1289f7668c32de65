"""The Wagtail admin's hooks that keep a round's methodology page exactly as the lock generated it: no editor edits,
copies, moves, deletes or unpublishes it, nor deletes or unpublishes (with its descendants or translations) a page
that holds one. The model refuses a change of what the page shows anyway; these hooks stop the editor before the
admin's form, with a message saying why, and send them back to the parent page's listing."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from ..models import MethodologyPage


def is_methodology(page):
    return issubclass(page.specific_class or type(page), MethodologyPage)


def holds_methodology(page):
    """The page is a methodology page, or one is below it or below one of its translations."""
    if is_methodology(page):
        return True
    paths = [page.path, *Page.objects.filter(translation_key=page.translation_key).values_list("path", flat=True)]
    below = Q()
    for path in paths:
        below |= Q(path__startswith=path)
    return MethodologyPage.objects.filter(below).exists()


def refuse(request, page):
    messages.error(
        request,
        _(
            "The methodology of a locked prioritisation round cannot be edited, copied, moved, unpublished or "
            "deleted: it was fixed when the round was locked. A new method needs a new round."
        ),
    )
    parent = page.get_parent()
    return redirect("wagtailadmin_explore", parent.pk if parent is not None else page.pk)


@hooks.register("before_edit_page")
def refuse_edit(request, page):
    if is_methodology(page):
        return refuse(request, page)
    return None


@hooks.register("before_copy_page")
def refuse_copy(request, page):
    # Copying a page above one with its subpages would copy the methodology as well.
    with_subpages = request.method == "POST" and request.POST.get("copy_subpages")
    if is_methodology(page) or (with_subpages and holds_methodology(page)):
        return refuse(request, page)
    return None


@hooks.register("before_move_page")
def refuse_move(request, page, destination):
    if is_methodology(page):
        return refuse(request, page)
    return None


@hooks.register("before_delete_page")
def refuse_delete(request, page):
    if holds_methodology(page):
        return refuse(request, page)
    return None


@hooks.register("before_unpublish_page")
def refuse_unpublish(request, page):
    if is_methodology(page) or (request.POST.get("include_descendants") and holds_methodology(page)):
        return refuse(request, page)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk(request, action_type, objects, action_class_instance):
    if action_type not in ("delete", "move", "unpublish"):
        return None
    for page in objects:
        if not isinstance(page, Page):
            continue
        if is_methodology(page) or (action_type == "delete" and holds_methodology(page)):
            return refuse(request, page)
    return None
