"""PLACEHOLDER: replaced by the helper that builds these pages."""

from django.http import Http404


def ranking(request, **kwargs):
    raise Http404


def export_matrix(request, **kwargs):
    raise Http404


def export_report(request, **kwargs):
    raise Http404


def project_sheet(request, **kwargs):
    raise Http404


def opendata_csv(request, **kwargs):
    raise Http404
