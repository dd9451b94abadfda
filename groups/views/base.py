"""What the registry's views share: who may open them and how a child row finds its group."""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.generic import CreateView, UpdateView

from core import roles
from core.scoping import RoleScopedMixin
from groups.forms.fields import apply_errors
from groups.models import IkmGroup

OFFICIALS = frozenset({roles.OFFICIAL})
READERS = frozenset({roles.OFFICIAL, roles.MENTOR})


def form_fields(form) -> dict:
    """The cleaned values of the model fields the form shows (what a service may write)."""
    return {name: form.cleaned_data[name] for name in form._meta.fields if name in form.fields}


class ServiceCreateView(RoleScopedMixin, CreateView):
    """A create page whose parent row comes from the URL, through the user's scope (404).

    Subclasses name the parent (``parent_model``, ``parent_kwarg``) and the service; the page
    gate runs before the parent is looked up, so a wrong role always answers 403.
    """

    allowed_roles = OFFICIALS
    parent_model = IkmGroup
    parent_name = "group"
    success_message = ""

    @cached_property
    def parent(self):
        queryset = self.parent_model.objects.visible_to(self.request.user)
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs[self.parent_name] = self.parent
        kwargs["instance"] = self.model(**{self.parent_name: self.parent})
        return kwargs

    def get_context_data(self, **kwargs):
        kwargs.setdefault(self.parent_name, self.parent)
        return super().get_context_data(**kwargs)

    def save(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


class ServiceUpdateView(RoleScopedMixin, UpdateView):
    """An edit page for a row reached through ``visible_to``; the write goes through a service."""

    allowed_roles = OFFICIALS
    success_message = ""
    # Context names for the rows above this one (e.g. "group", or "handover" then "group"),
    # each reached as an attribute path from the object, for the page's breadcrumbs.
    parents: dict[str, str] = {"group": "group"}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        for name, path in self.parents.items():
            value = self.object
            for part in path.split("."):
                value = getattr(value, part)
            kwargs.setdefault(name, value)
        return super().get_context_data(**kwargs)

    def save(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())
