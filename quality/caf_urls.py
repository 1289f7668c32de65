"""The CAF 2020 self-assessment's pages, at /birou/calitate/caf/ (issue #19)."""

from django.urls import path

from .views import caf

urlpatterns = [
    path("", caf.exercises, name="caf_exercises"),
    path("nou/", caf.new_exercise, name="caf_new"),
    path("<int:pk>/", caf.exercise, name="caf_exercise"),
    path("<int:pk>/grup/", caf.members, name="caf_members"),
    path("<int:pk>/start/", caf.start, name="caf_start"),
    path("<int:pk>/evaluare/<str:code>/", caf.score, name="caf_score"),
    path("<int:pk>/trimite/", caf.submit, name="caf_submit"),
    path("<int:pk>/consens/", caf.consensus, name="caf_consensus"),
    path("<int:pk>/minuta/", caf.minutes, name="caf_minutes"),
    path("<int:pk>/incheie-consensul/", caf.finish, name="caf_finish"),
]
