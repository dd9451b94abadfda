"""Members and products of a group: officials add and correct them; nobody deletes them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.scoping import role_required
from groups import services
from groups.forms.fields import apply_errors
from groups.forms.members import MemberForm, MemberLeaveForm
from groups.forms.records import ProductForm
from groups.models import Member, Product
from groups.views.base import OFFICIALS, ServiceCreateView, ServiceUpdateView, form_fields


def _profile(group, anchor: str) -> str:
    return reverse("groups:group_detail", args=[group.pk]) + anchor


class MemberCreateView(ServiceCreateView):
    model = Member
    form_class = MemberForm

    def save(self, form):
        return services.member_create(group=self.parent, **form_fields(form))

    def get_success_url(self):
        messages.success(
            self.request, _("Anggota %(name)s ditambahkan.") % {"name": self.object.name}
        )
        return _profile(self.parent, "#anggota")


class MemberUpdateView(ServiceUpdateView):
    model = Member
    form_class = MemberForm
    success_message = gettext_lazy("Data anggota tersimpan.")

    def get_queryset(self):
        return super().get_queryset().select_related("group")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "group": self.object.group}

    def save(self, form):
        return services.member_update(member=self.object, **form_fields(form))

    def get_success_url(self):
        return _profile(self.object.group, "#anggota")


@role_required(*OFFICIALS)
def member_leave(request, pk):
    """Record that a member left the group (the row stays, with the date)."""
    queryset = Member.objects.visible_to(request.user).select_related("group")
    member = get_object_or_404(queryset, pk=pk, left_on__isnull=True)
    form = MemberLeaveForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_leave(member=member, left_on=form.cleaned_data["left_on"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s dicatat keluar dari kelompok.") % {"name": member.name}
            )
            return redirect(_profile(member.group, "#anggota"))
    return render(request, "groups/member_leave.html", {"member": member, "form": form})


class ProductCreateView(ServiceCreateView):
    model = Product
    form_class = ProductForm

    def save(self, form):
        return services.product_create(group=self.parent, **form_fields(form))

    def get_success_url(self):
        messages.success(
            self.request, _("Produk %(name)s ditambahkan.") % {"name": self.object.name}
        )
        return _profile(self.parent, "#produk")


class ProductUpdateView(ServiceUpdateView):
    model = Product
    form_class = ProductForm
    success_message = gettext_lazy("Data produk tersimpan.")

    def get_queryset(self):
        return super().get_queryset().select_related("group")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "group": self.object.group}

    def save(self, form):
        return services.product_update(product=self.object, **form_fields(form))

    def get_success_url(self):
        return _profile(self.object.group, "#produk")
