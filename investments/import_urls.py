"""The register's spreadsheet: exports and the import back in (included by investments.urls, namespace
"investments")."""

from django.urls import path

from . import import_views

urlpatterns = [
    path("birou/investitii/export.csv", import_views.export_csv, name="export_csv"),
    path("birou/investitii/export.xlsx", import_views.export_xlsx, name="export_xlsx"),
    path("birou/investitii/import/", import_views.import_upload, name="import_upload"),
    path("birou/investitii/import/<int:job_pk>/", import_views.import_preview, name="import_preview"),
    path("birou/investitii/import/<int:job_pk>/aplicare/", import_views.import_apply, name="import_apply"),
]
