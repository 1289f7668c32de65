"""The patterns of delays and blockages and the nonconformities' audit export, at /birou/calitate/tipare/ (issue #22)."""

from django.urls import path

from .views import patterns

urlpatterns = [
    path("", patterns.patterns_page, name="patterns"),
    path("export.zip", patterns.nonconformity_export_zip, name="nonconformity_export_zip"),
    path("export.pdf", patterns.nonconformity_export_pdf, name="nonconformity_export_pdf"),
]
