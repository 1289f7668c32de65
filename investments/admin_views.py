"""The editors' publication page in the Wagtail admin: every investment, published or not, with Publish and Unpublish.

Publishing only puts on the public site what the public pages already restrict to validated figures; the editors see
no money here and change nothing else. The change goes through `workflow.publish` / `unpublish` (history kept)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import roles, selectors, workflow
from .models import Investment

PAGE_SIZE = 50


class PublicationView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "investments/admin/publication.html"
    page_title = gettext_lazy("Public investments")
    header_icon = "site"
    breadcrumbs_items = []

    def dispatch(self, request, *args, **kwargs):
        if not roles.may_publish(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = (self.request.GET.get("q") or "").strip()[:100]
        investments = Investment.objects.select_related("department").order_by("code")
        if query:
            investments = investments.filter(
                Q(code__icontains=query)
                | Q(title__icontains=query)
                | Q(title_hu__icontains=query)
                | Q(title_en__icontains=query)
            )
        page = Paginator(investments, PAGE_SIZE).get_page(self.request.GET.get("p"))
        # The stage reached is derived from the stages' dates and evidence; public=True: no pending counts needed.
        rows = selectors.figures_for(list(page), public=True)
        context.update(
            {
                "rows": rows,
                "page": page,
                "query": query,
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        investment = get_object_or_404(Investment, pk=request.POST.get("investment") or 0)
        action = request.POST.get("action")
        if action not in ("publish", "unpublish"):
            return redirect("investments_admin:publication")
        try:
            if action == "publish":
                workflow.publish(request.user, investment)
                messages.success(request, _("“%(title)s” is on the public site.") % {"title": investment.tr.title})
            else:
                workflow.unpublish(request.user, investment)
                messages.success(
                    request, _("“%(title)s” is no longer on the public site.") % {"title": investment.tr.title}
                )
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        # Back to the same page of the same search.
        kept = {name: request.POST[name] for name in ("q", "p") if request.POST.get(name)}
        back = reverse("investments_admin:publication")
        return redirect(f"{back}?{urlencode(kept)}" if kept else back)
