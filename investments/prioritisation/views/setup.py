"""PLACEHOLDER: replaced by the helper that builds these pages."""

from django.http import Http404


def round_list(request, **kwargs):
    raise Http404


def round_create(request, **kwargs):
    raise Http404


def round_detail(request, **kwargs):
    raise Http404


def round_edit(request, **kwargs):
    raise Http404


def criterion_add(request, **kwargs):
    raise Http404


def criterion_edit(request, **kwargs):
    raise Http404


def criterion_delete(request, **kwargs):
    raise Http404


def weights(request, **kwargs):
    raise Http404


def lock(request, **kwargs):
    raise Http404


def advance(request, **kwargs):
    raise Http404


def candidate_add(request, **kwargs):
    raise Http404


def candidate_edit(request, **kwargs):
    raise Http404


def candidate_remove(request, **kwargs):
    raise Http404


def values(request, **kwargs):
    raise Http404


def evaluators(request, **kwargs):
    raise Http404


def evaluator_remove(request, **kwargs):
    raise Http404
