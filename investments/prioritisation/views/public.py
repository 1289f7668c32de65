"""PLACEHOLDER: replaced by the helper that builds these pages."""

from django.http import Http404


def round_list(request, **kwargs):
    raise Http404


def round_detail(request, **kwargs):
    raise Http404


def vote(request, **kwargs):
    raise Http404


def comment(request, **kwargs):
    raise Http404
