"""The registry desk at /birou/registratura/ and the general register at /birou/registru/."""

from django.urls import path

from . import views

app_name = "desk"

urlpatterns = [
    path("registratura/", views.register_request, name="register_request"),
    path("registratura/de-repartizat/", views.to_distribute, name="to_distribute"),
    path("registratura/posta/", views.post, name="post"),
    path("registratura/<str:registration_number>/repartizare/", views.distribute, name="distribute"),
    path("registratura/<str:registration_number>/", views.receipt, name="receipt"),
    path("registratura/<str:registration_number>/recipisa.pdf", views.receipt_pdf, name="receipt_pdf"),
    path("registru/", views.register, name="register"),
    path("registru/export.csv", views.register_csv, name="register_csv"),
    path("registru/registru.pdf", views.register_pdf, name="register_pdf"),
]
