"""The clerks' back office at /birou/: the queue, its CSV export and bulk assignment, and the case pages."""

from django.urls import path

from . import views

app_name = "backoffice"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("export.csv", views.queue_csv, name="queue_csv"),
    path("exporturi/", views.exports, name="exports"),
    path("exporturi/<uuid:key>/", views.export_download, name="export_download"),
    path("atribuire/", views.assign_cases, name="queue_assign"),
    path("dosar/<str:registration_number>/", views.case_detail, name="case"),
    path("dosar/<str:registration_number>/<slug:action>/", views.case_action, name="case_action"),
]
