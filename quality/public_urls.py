"""The public copy of each procedure in force."""

from django.urls import path

from . import public

app_name = "quality_public"

urlpatterns = [path("proceduri/<str:code>.pdf", public.procedure_pdf, name="procedure_pdf")]
