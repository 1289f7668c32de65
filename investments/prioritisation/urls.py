"""The prioritisation rounds' back office at /birou/prioritizare/ (namespace "prioritisation")."""

from django.urls import path

from .views import results, scoring, setup

app_name = "prioritisation"

R = "birou/prioritizare/<int:pk>/"

urlpatterns = [
    path("birou/prioritizare/", setup.round_list, name="round_list"),
    path("birou/prioritizare/nou/", setup.round_create, name="round_create"),
    path(R, setup.round_detail, name="round_detail"),
    path(R + "editare/", setup.round_edit, name="round_edit"),
    path(R + "criterii/nou/", setup.criterion_add, name="criterion_add"),
    path(R + "criterii/<int:criterion_pk>/", setup.criterion_edit, name="criterion_edit"),
    path(R + "criterii/<int:criterion_pk>/stergere/", setup.criterion_delete, name="criterion_delete"),
    path(R + "ponderi/", setup.weights, name="weights"),
    path(R + "blocare/", setup.lock, name="lock"),
    path(R + "etapa-urmatoare/", setup.advance, name="advance"),
    path(R + "candidati/nou/", setup.candidate_add, name="candidate_add"),
    path(R + "candidati/<int:candidate_pk>/", setup.candidate_edit, name="candidate_edit"),
    path(R + "candidati/<int:candidate_pk>/stergere/", setup.candidate_remove, name="candidate_remove"),
    path(R + "date/", setup.values, name="values"),
    path(R + "evaluatori/", setup.evaluators, name="evaluators"),
    path(R + "evaluatori/<int:evaluator_pk>/stergere/", setup.evaluator_remove, name="evaluator_remove"),
    path(R + "evaluare/", scoring.my_scoring, name="my_scoring"),
    path(R + "evaluare/<int:candidate_pk>/", scoring.score_sheet, name="score_sheet"),
    path(R + "evaluare/<int:candidate_pk>/conflict/", scoring.declare_conflict, name="declare_conflict"),
    path(R + "consolidare/", scoring.consolidation, name="consolidation"),
    path(R + "consolidare/<int:candidate_pk>/<int:criterion_pk>/", scoring.agree, name="agree"),
    path(R + "consolidare/mediane/", scoring.accept_medians, name="accept_medians"),
    path(R + "publicare/", scoring.publish, name="publish"),
    path(R + "clasament/", results.ranking, name="ranking"),
    path(R + "export/matrice.xlsx", results.export_matrix, name="export_matrix"),
    path(R + "export/raport.pdf", results.export_report, name="export_report"),
    path(R + "export/fisa-<int:candidate_pk>.pdf", results.project_sheet, name="project_sheet"),
]
