"""The nonconformity register at /birou/calitate/neconformitati/, in the `quality` namespace."""

from django.urls import path

from .views import nonconformities

urlpatterns = [
    path("", nonconformities.register, name="nonconformities"),
    path("deschide/", nonconformities.open_nonconformity, name="open_nonconformity"),
    path("<str:number>/", nonconformities.nonconformity, name="nonconformity"),
    path("<str:number>/<slug:step>/", nonconformities.nonconformity_step, name="nonconformity_step"),
]
