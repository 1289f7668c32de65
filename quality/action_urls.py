"""The actions (corrective and CAF improvement) at /birou/calitate/actiuni/, in the `quality` namespace."""

from django.urls import path

from .views import actions

urlpatterns = [
    path("", actions.action_list, name="actions"),
    path("<str:number>/", actions.action_page, name="action"),
    path("<str:number>/dovezi/<int:pk>/", actions.action_evidence_file, name="action_evidence_file"),
    path("<str:number>/<slug:step>/", actions.action_step, name="action_step"),
]
