"""The quality system's indicators and the auditor's export."""

from django.urls import path

from . import reports

app_name = "quality_reports"

urlpatterns = [
    path("birou/indicatori/calitate/", reports.indicators, name="indicators"),
    path("birou/indicatori/calitate/audit.zip", reports.audit_export, name="audit_export"),
]
