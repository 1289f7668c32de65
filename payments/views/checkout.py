"""The provider's side: the webhook every provider event arrives at, and the demo provider's checkout page."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..models import DemoCheckout, Payment
from ..providers import demo, registry
from ..webhooks import receive


@csrf_exempt
@require_POST
def webhook(request, provider):
    """Stripe's rules: verify, store once, answer at once. The body is capped before it is read."""
    if provider not in registry:
        raise Http404
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.PAYMENTS_WEBHOOK_MAX_BYTES:
        return HttpResponse("too large", status=413, content_type="text/plain")
    body = request.body
    if len(body) > settings.PAYMENTS_WEBHOOK_MAX_BYTES:
        return HttpResponse("too large", status=413, content_type="text/plain")
    result = receive(provider, body, request.META.get("HTTP_STRIPE_SIGNATURE"))
    return HttpResponse(result.message, status=result.status, content_type="text/plain")


@never_cache
@login_required
def demo_checkout(request, session_id):
    """The demo provider's payment page: pay, a declined card, or go back. Only the payer reaches it."""
    if settings.PAYMENTS_PROVIDER != "demo" and not settings.DEBUG:
        raise Http404
    session = get_object_or_404(DemoCheckout, session_id=session_id)
    payment = get_object_or_404(Payment, token=session.metadata.get("payment"), payer=request.user, provider="demo")
    declined = False
    if request.method == "POST" and session.status == "open":
        outcome = request.POST.get("outcome")
        if outcome == "pay":
            demo.complete(session, "pay")
            return HttpResponseRedirect(session.success_url)
        if outcome == "decline":
            demo.complete(session, "decline")
            declined = True
        if outcome == "back":
            return HttpResponseRedirect(session.cancel_url)
    lines = payment.allocations.filter(refund=None).select_related("obligation", "obligation__taxpayer")
    return render(
        request,
        "payments/demo_checkout.html",
        {"session": session, "payment": payment, "lines": lines, "declined": declined},
    )
