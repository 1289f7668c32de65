"""The procedures' back office at /birou/proceduri/."""

from django.urls import include, path

from .views import manager, reading

app_name = "quality"

urlpatterns = [
    # The nonconformity register, the actions (corrective and CAF improvement) and their patterns (issue #22).
    path("birou/calitate/neconformitati/", include("quality.nonconformity_urls")),
    path("birou/calitate/actiuni/", include("quality.action_urls")),
    path("birou/calitate/tipare/", include("quality.pattern_urls")),
    # The CAF 2020 self-assessment and its report (issue #19).
    path("birou/calitate/caf/", include("quality.caf_urls")),
    path("birou/calitate/caf/", include("quality.caf_report_urls")),
    path("birou/proceduri/", manager.register, name="register"),
    path("birou/proceduri/de-citit/", reading.to_read, name="to_read"),
    path("birou/proceduri/de-citit/<int:pk>/confirm/", reading.acknowledge, name="acknowledge"),
    path("birou/proceduri/departamentul-meu/", reading.my_department, name="my_department"),
    path("birou/proceduri/versiuni/<int:pk>/document.pdf", reading.version_pdf, name="version_pdf"),
    path("birou/proceduri/<str:code>/", manager.procedure_page, name="procedure"),
    path(
        "birou/proceduri/<str:code>/versiune-noua/",
        manager.procedure_action,
        {"action": "start"},
        name="start_version",
    ),
    path("birou/proceduri/<str:code>/versiuni/<int:pk>/<slug:action>/", manager.procedure_action, name="version_step"),
]
