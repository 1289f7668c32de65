"""PLACEHOLDER: replaced by the helper that builds these pages."""

from django.http import Http404


def my_scoring(request, **kwargs):
    raise Http404


def score_sheet(request, **kwargs):
    raise Http404


def declare_conflict(request, **kwargs):
    raise Http404


def consolidation(request, **kwargs):
    raise Http404


def agree(request, **kwargs):
    raise Http404


def accept_medians(request, **kwargs):
    raise Http404


def publish(request, **kwargs):
    raise Http404
