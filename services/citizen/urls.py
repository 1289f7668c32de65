"""The citizen's pages: my cases, a case, documents, the inbox, and the public status lookup."""

from django.urls import path

from . import views

app_name = "services"

urlpatterns = [
    path("dosarele-mele/", views.my_cases, name="my_cases"),
    path("dosarele-mele/adauga/", views.claim, name="claim"),
    path("cerere-noua/", views.new_request, name="new_request"),
    path("dosarele-mele/<str:registration_number>/", views.case_detail, name="case"),
    path("dosarele-mele/<str:registration_number>/actiune/<slug:action>/", views.case_action, name="case_action"),
    path("dosarele-mele/<str:registration_number>/confirmare/", views.receipt, name="receipt"),
    path("dosarele-mele/<str:registration_number>/recipisa.pdf", views.receipt_pdf, name="receipt_pdf"),
    path("dosarele-mele/<str:registration_number>/retragere/", views.withdraw, name="withdraw"),
    path("dosarele-mele/<str:registration_number>/completare/", views.complete, name="complete"),
    path("documente/<int:pk>/", views.document, name="document"),
    path("verifica-dosar/", views.lookup, name="lookup"),
    path("mesaje/", views.inbox, name="inbox"),
    path("mesaje/<int:pk>/", views.message, name="message"),
]
