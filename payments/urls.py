"""Local taxes and payments: the citizen's pages, the provider's webhook and checkout, the tax department's pages."""

from django.urls import path

from .views import checkout, citizen, refunds, roll, staff

app_name = "payments"

urlpatterns = [
    path("impozite/", citizen.my_taxes, name="my_taxes"),
    path("impozite/asociere/", citizen.link, name="link"),
    path("impozite/plata/", citizen.pay, name="pay"),
    path("impozite/plata/<uuid:token>/", citizen.payment_status, name="payment"),
    path("impozite/plati/", citizen.my_payments, name="my_payments"),
    path("impozite/taxa/<slug:service>/", citizen.pay_fee, name="pay_fee"),
    path("plati/demo/<str:session_id>/", checkout.demo_checkout, name="demo_checkout"),
    path("plati/webhook/<str:provider>/", checkout.webhook, name="webhook"),
    *staff.urlpatterns,
    *roll.urlpatterns,
    *refunds.urlpatterns,
]
