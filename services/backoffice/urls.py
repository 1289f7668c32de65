"""The clerks' back office: queues, case pages and indicators."""
from django.urls import path

from . import views

app_name = "backoffice"

urlpatterns = [
    path("", views.queue, name="queue"),
]
