"""The CAF exercise's improvement plan and report at /birou/calitate/caf/, in the `quality` namespace (issue #19)."""

from django.urls import path

from .views import caf_plan

urlpatterns = [
    path("<int:pk>/plan/", caf_plan.plan_page, name="caf_plan"),
    path("<int:pk>/raport/", caf_plan.report_page, name="caf_report"),
    path("<int:pk>/raport.pdf", caf_plan.report_pdf, name="caf_report_pdf"),
    path("<int:pk>/raport.xlsx", caf_plan.report_xlsx, name="caf_report_xlsx"),
]
