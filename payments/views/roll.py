"""The tax department's roll pages: importing the tax roll from the CSV export, deciding the citizens' requests to
link a taxpayer, finding a taxpayer and revoking a link."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.uploads import refusal_errors, with_upload_limits

from .. import linking, taxroll
from ..models import AuditEvent, Taxpayer, TaxpayerLink
from ..roles import masked, tax_staff_required

MAX_ROLL_BYTES = 50 * 1024 * 1024
PAGE_SIZE = 25
RECENT_IMPORTS = 10


# --- the roll import ------------------------------------------------------------------------------------------


class RollUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("The tax roll export (CSV)"),
        help_text=gettext_lazy(
            "UTF-8 or Windows-1250, columns separated by ';' or ','. At most 50 MB. A file with any wrong row "
            "imports nothing."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    check_only = forms.BooleanField(label=gettext_lazy("Check only (import nothing)"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise ValidationError(_("Choose a CSV file (.csv)."), code="not_csv")
        if upload.size > MAX_ROLL_BYTES:
            raise ValidationError(_("The file must be at most 50 MB."), code="too_large")
        return upload


@never_cache
@tax_staff_required
@with_upload_limits({"file": MAX_ROLL_BYTES})
def roll_import(request):
    if not request.user.has_perm("payments.add_obligation"):
        raise PermissionDenied
    form = RollUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST":
        for name, errors in refusal_errors(request).items():
            form.add_error(name if name in form.fields else None, errors)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = taxroll.import_roll(
                upload, by=request.user, file_name=upload.name, dry_run=form.cleaned_data["check_only"]
            )
            if result.ok and not result.dry_run:
                messages.success(request, _("The tax roll was imported."))
    recent = AuditEvent.objects.filter(action="tax_roll_imported").select_related("actor").order_by("-at", "-pk")
    return render(
        request,
        "payments/roll/import.html",
        {"form": form, "result": result, "recent": recent[:RECENT_IMPORTS]},
    )


# --- link requests ----------------------------------------------------------------------------------------------


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note (kept with the request)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TaxpayerSearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Find a taxpayer by role number or CNP/CUI"), required=False, max_length=30)


def _link_row(link):
    return {"link": link, "identifier": masked(link.taxpayer.identifier)}


def _found_taxpayer(query):
    value = "".join(query.split()).upper()
    if not value:
        return None
    identifier = value[2:] if value.startswith("RO") else value
    return Taxpayer.objects.filter(Q(role_number=value) | Q(identifier=identifier)).first()


@never_cache
@tax_staff_required
def link_requests(request):
    pending = (
        TaxpayerLink.objects.filter(status=TaxpayerLink.Status.PENDING)
        .select_related("user", "taxpayer")
        .order_by("requested_at", "pk")
    )
    page = Paginator(pending, PAGE_SIZE).get_page(request.GET.get("page"))
    search = TaxpayerSearchForm(request.GET or None)
    found, active = None, []
    if search.is_valid() and search.cleaned_data["q"]:
        found = _found_taxpayer(search.cleaned_data["q"])
        if found is not None:
            active = list(
                found.links.filter(status=TaxpayerLink.Status.ACTIVE).select_related("user").order_by("-decided_at")
            )
    return render(
        request,
        "payments/roll/links.html",
        {
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "rows": [_link_row(link) for link in page],
            "decision_form": DecisionForm(),
            "search": search,
            "searched": search.is_bound and bool(search.data.get("q", "").strip()),
            "found": found,
            "found_identifier": masked(found.identifier) if found else "",
            "active": active,
        },
    )


def _back(request, fallback):
    target = request.POST.get("next", "")
    return target if target.startswith("/birou/") and "//" not in target else fallback


@require_POST
@tax_staff_required
def decide_link(request, pk):
    link = get_object_or_404(TaxpayerLink.objects.select_related("taxpayer", "user"), pk=pk)
    form = DecisionForm(request.POST)
    approve = request.POST.get("decision") == "approve"
    if request.POST.get("decision") not in ("approve", "refuse") or not form.is_valid():
        messages.error(request, _("Choose to approve or to refuse the request; the note is at most 1000 characters."))
        return redirect("payments:link_requests")
    try:
        linking.decide(link, by=request.user, approve=approve, note=form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        name = link.user.get_full_name() or link.user.email
        if approve:
            messages.success(
                request,
                _("%(user)s may now see and pay for %(taxpayer)s.") % {"user": name, "taxpayer": link.taxpayer.name},
            )
        else:
            messages.success(request, _("The request of %(user)s was refused.") % {"user": name})
    return redirect("payments:link_requests")


@require_POST
@tax_staff_required
def revoke_link(request, pk):
    link = get_object_or_404(TaxpayerLink.objects.select_related("taxpayer", "user"), pk=pk)
    if not linking.can_decide(request.user):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    linking.revoke(link, by=request.user, note=note)
    messages.success(
        request,
        _("%(user)s no longer sees %(taxpayer)s.")
        % {"user": link.user.get_full_name() or link.user.email, "taxpayer": link.taxpayer.name},
    )
    fallback = f"{reverse('payments:link_requests')}?{urlencode({'q': link.taxpayer.role_number})}"
    return redirect(_back(request, fallback))


urlpatterns = [
    path("birou/rol-fiscal/", roll_import, name="roll_import"),
    path("birou/contribuabili/asocieri/", link_requests, name="link_requests"),
    path("birou/contribuabili/asocieri/<int:pk>/decizie/", decide_link, name="link_decide"),
    path("birou/contribuabili/asocieri/<int:pk>/revocare/", revoke_link, name="link_revoke"),
]
