"""The investments' back office at /birou/investitii/ (included by investments.urls, namespace "investments")."""

from django.urls import path

from .views import entries, register, validation

urlpatterns = [
    path("birou/investitii/", register.dashboard, name="dashboard"),
    path("birou/investitii/nou/", register.create, name="create"),
    path("birou/investitii/validare/", validation.validation_queue, name="validation_queue"),
    path("birou/investitii/registru/<int:entry_pk>/validare/", validation.entry_validate, name="entry_validate"),
    path("birou/investitii/registru/<int:entry_pk>/respingere/", validation.entry_reject, name="entry_reject"),
    path("birou/investitii/progres/<int:report_pk>/validare/", validation.progress_validate, name="progress_validate"),
    path("birou/investitii/progres/<int:report_pk>/respingere/", validation.progress_reject, name="progress_reject"),
    path("birou/investitii/etape/<int:stage_pk>/dovada/", register.evidence, name="evidence"),
    path("birou/investitii/<int:pk>/", register.detail, name="detail"),
    path("birou/investitii/<int:pk>/editare/", register.edit, name="edit"),
    path("birou/investitii/<int:pk>/etape/<slug:kind>/", entries.stage, name="stage"),
    path("birou/investitii/<int:pk>/finantare/noua/", entries.funding_add, name="funding_add"),
    path("birou/investitii/<int:pk>/contracte/nou/", entries.contract_add, name="contract_add"),
    path(
        "birou/investitii/<int:pk>/contracte/<int:contract_pk>/acte-aditionale/nou/",
        entries.amendment_add,
        name="amendment_add",
    ),
    path("birou/investitii/<int:pk>/registru/nou/", entries.ledger_add, name="ledger_add"),
    path("birou/investitii/<int:pk>/progres/nou/", entries.progress_add, name="progress_add"),
]
