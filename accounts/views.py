"""People pages (officials and the Perusda manager), the own profile, and password pages."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, ListView, TemplateView

from accounts import reset_throttle, services
from accounts.emails import welcome_email_send
from accounts.forms import (
    ConfirmForm,
    DeactivateForm,
    PersonCreateForm,
    PersonDetailsForm,
    PersonFilterForm,
    PersonScopeForm,
    errors_for_form,
)
from accounts.middleware import SESSION_KEY
from accounts.models import LoginEvent, Person, Profile, holders_of, managed_roles
from audit.models import AuditEvent
from audit.services import REDACTED
from core import roles
from core.scoping import RoleScopedMixin
from core.security import client_ip
from groups.models import IkmGroup
from marketing.models import OutletStaff
from mentoring.models import MentorAssignment

PEOPLE_ROLES = frozenset({roles.OFFICIAL, roles.PERUSDA})
# The one-time password waits here between the POST that made it and the page that shows it.
# A session key name, not a password (bandit B105 is a false positive here).
TEMP_PASSWORD_KEY = "accounts_temporary_password"  # nosec B105


def _remember_password(request, new_account) -> None:
    request.session[TEMP_PASSWORD_KEY] = {
        "user": new_account.user.pk,
        "password": new_account.temporary_password,
    }


class PersonListView(RoleScopedMixin, ListView):
    """Everyone an official may see (a Perusda manager: clerks), searched and filtered."""

    model = Person
    allowed_roles = PEOPLE_ROLES
    paginate_by = 25

    def get_queryset(self):
        user = self.request.user
        queryset = super().get_queryset()
        self.filter_form = PersonFilterForm(self.request.GET or None, user=user)
        self.filter_form.is_valid()
        data = getattr(self.filter_form, "cleaned_data", {})
        for word in (data.get("q") or "").split():
            queryset = queryset.filter(
                Q(username__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
        if data.get("role"):
            queryset = queryset.filter(pk__in=holders_of([data["role"]]))
        today = timezone.localdate()
        if data.get("bank"):
            mentors = (
                MentorAssignment.objects.visible_to(user)
                .active_on(today)
                .filter(bank=data["bank"])
                .values("mentor_id")
            )
            queryset = queryset.filter(Q(profile__bank=data["bank"]) | Q(pk__in=mentors))
        if data.get("outlet"):
            clerks = (
                OutletStaff.objects.visible_to(user)
                .active_on(today)
                .filter(outlet=data["outlet"])
                .values("user_id")
            )
            queryset = queryset.filter(pk__in=clerks)
        if data.get("status") == "aktif":
            queryset = queryset.filter(is_active=True)
        elif data.get("status") == "nonaktif":
            queryset = queryset.filter(is_active=False)
        order = PersonFilterForm.SORTS.get(data.get("urut") or "nama")
        return queryset.with_scope(today).order_by(*order, "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["can_create"] = bool(managed_roles(self.request.user))
        return context


FIELD_LABELS = {
    "username": gettext_lazy("Nama pengguna"),
    "name": gettext_lazy("Nama"),
    "first_name": gettext_lazy("Nama depan"),
    "last_name": gettext_lazy("Nama belakang"),
    "email": gettext_lazy("Email"),
    "phone": gettext_lazy("Telepon"),
    "role": gettext_lazy("Peran"),
    "bank": gettext_lazy("Bank"),
    "groups": gettext_lazy("Kelompok"),
    "outlets": gettext_lazy("Gerai"),
    "starts_on": gettext_lazy("Mulai bertugas"),
    "on": gettext_lazy("Berlaku mulai"),
    "is_active": gettext_lazy("Aktif"),
    "password": gettext_lazy("Kata sandi"),
}


def _show(field: str, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if field == "role" and value in roles.LABELS:
        return str(roles.LABELS[value])
    return str(value)


def change_rows(changes: dict) -> list[tuple[str, str, str]]:
    """An audit event's changes as (what, before, after) rows for people to read."""
    flat = {}
    for field, values in changes.items():
        if values == REDACTED:
            flat[field] = (None, _("(diganti)"))
            continue
        old, new = values if isinstance(values, list) and len(values) == 2 else (None, values)
        if isinstance(new, dict) or isinstance(old, dict):
            for key in sorted(set(old or {}) | set(new or {})):
                flat[key] = ((old or {}).get(key), (new or {}).get(key))
        else:
            flat[field] = (old, new)
    return [
        (str(FIELD_LABELS.get(field, field)), _show(field, old), _show(field, new))
        for field, (old, new) in flat.items()
    ]


@method_decorator(never_cache, name="dispatch")
class PersonDetailView(RoleScopedMixin, DetailView):
    """One account: who, role and scope, logins and (for officials) its change history."""

    model = Person
    allowed_roles = PEOPLE_ROLES

    def get_queryset(self):
        return super().get_queryset().with_scope()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, person = self.request.user, self.object
        context["can_manage"] = (
            Person.objects.visible_to(user).manageable_by(user).filter(pk=person.pk).exists()
        )
        context["assignments"] = (
            MentorAssignment.objects.visible_to(user)
            .filter(mentor=person)
            .select_related("group", "bank")
            .order_by("-starts_on", "group__code")[:50]
        )
        context["posts"] = (
            OutletStaff.objects.visible_to(user)
            .filter(user=person)
            .select_related("outlet")
            .order_by("-starts_on", "outlet__code")[:50]
        )
        context["logins"] = LoginEvent.objects.visible_to(user).filter(user=person)[:10]
        history = list(
            AuditEvent.objects.visible_to(user)
            .filter(app_label="auth", model="user", object_id=str(person.pk))
            .select_related("actor")[:50]
        )
        for event in history:
            event.rows = change_rows(event.changes)
        context["history"] = history
        context["show_history"] = roles.is_official(user)
        shown = self.request.session.get(TEMP_PASSWORD_KEY)
        if shown and shown.get("user") == person.pk:
            # Shown once: gone from the session as soon as this page has it.
            context["temporary_password"] = shown["password"]
            del self.request.session[TEMP_PASSWORD_KEY]
        return context


class PersonCreateView(RoleScopedMixin, FormView):
    """Onboarding in one form; the temporary password is shown once on the next page."""

    allowed_roles = PEOPLE_ROLES
    form_class = PersonCreateForm
    template_name = "accounts/person_form.html"

    def test_func(self):
        return super().test_func() and bool(managed_roles(self.request.user))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            new_account = services.account_create(
                actor=self.request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                username=data["username"],
                email=data["email"],
                phone=data["phone"],
                starts_on=data["starts_on"],
                **form.scope_kwargs(),
            )
        except ValidationError as exc:
            errors_for_form(form, exc)
            return self.form_invalid(form)
        _remember_password(self.request, new_account)
        user = new_account.user
        messages.success(
            self.request,
            _("Akun %(name)s dibuat.") % {"name": services.full_name(user)},
        )
        if user.email:
            sent = welcome_email_send(
                user=user, domain=self.request.get_host(), use_https=self.request.is_secure()
            )
            if sent:
                messages.info(
                    self.request,
                    _("Tautan untuk membuat kata sandi sendiri dikirim ke %(email)s.")
                    % {"email": user.email},
                )
            else:
                messages.warning(
                    self.request,
                    _("Email ke %(email)s gagal dikirim; berikan kata sandi sementara langsung.")
                    % {"email": user.email},
                )
        return redirect("accounts:person_detail", pk=user.pk)


class ManagePersonMixin(RoleScopedMixin):
    """Pages that change an account: reached only through ``manageable_by`` (404 otherwise),
    so nobody opens them for their own account or for a role above what they manage."""

    allowed_roles = PEOPLE_ROLES

    def get_person(self):
        if not hasattr(self, "person"):
            user = self.request.user
            queryset = Person.objects.visible_to(user).manageable_by(user)
            self.person = get_object_or_404(queryset, pk=self.kwargs["pk"])
        return self.person

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "person": self.get_person()}

    def done(self):
        return redirect("accounts:person_detail", pk=self.get_person().pk)


class PersonUpdateView(ManagePersonMixin, FormView):
    form_class = PersonDetailsForm
    template_name = "accounts/person_details_form.html"

    def get_initial(self):
        person = self.get_person()
        profile = Profile.objects.filter(user=person).first()
        return {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "phone": profile.phone if profile else "",
        }

    def form_valid(self, form):
        try:
            services.account_update(
                actor=self.request.user, user=self.get_person(), **form.cleaned_data
            )
        except ValidationError as exc:
            errors_for_form(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Data diri disimpan."))
        return self.done()


class PersonScopeView(ManagePersonMixin, FormView):
    """Change role, bank, groups or outlets from a day on."""

    form_class = PersonScopeForm
    template_name = "accounts/person_scope_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        scope = services.current_scope(self.get_person())
        return {
            "role": scope.role,
            "bank": scope.bank,
            "ikm_groups": scope.groups,
            "outlets": scope.outlets,
        }

    def form_valid(self, form):
        try:
            services.account_change_scope(
                actor=self.request.user,
                user=self.get_person(),
                on=form.cleaned_data["on"],
                **form.scope_kwargs(),
            )
        except ValidationError as exc:
            errors_for_form(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Peran dan cakupan disimpan."))
        return self.done()


class PersonDeactivateView(ManagePersonMixin, FormView):
    form_class = DeactivateForm
    template_name = "accounts/person_deactivate.html"

    def get(self, request, *args, **kwargs):
        if not self.get_person().is_active:
            messages.info(request, _("Akun ini sudah tidak aktif."))
            return self.done()
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.account_deactivate(
                actor=self.request.user, user=self.get_person(), reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            errors_for_form(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Akun dinonaktifkan. %(name)s tidak bisa masuk lagi; catatannya tetap tersimpan.")
            % {"name": services.full_name(self.get_person())},
        )
        return self.done()


class PersonReactivateView(ManagePersonMixin, FormView):
    form_class = ConfirmForm
    template_name = "accounts/person_reactivate.html"

    def get(self, request, *args, **kwargs):
        if self.get_person().is_active:
            messages.info(request, _("Akun ini sudah aktif."))
            return self.done()
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.account_reactivate(actor=self.request.user, user=self.get_person())
        except ValidationError as exc:
            errors_for_form(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Akun diaktifkan kembali. Atur peran dan cakupannya bila perlu."),
        )
        return self.done()


class PersonPasswordView(ManagePersonMixin, FormView):
    """Give a new temporary password (for a person who forgot theirs and has no email)."""

    form_class = ConfirmForm
    template_name = "accounts/person_password.html"

    def form_valid(self, form):
        try:
            new_account = services.account_password_reset(
                actor=self.request.user, user=self.get_person()
            )
        except ValidationError as exc:
            errors_for_form(form, exc)
            return self.form_invalid(form)
        _remember_password(self.request, new_account)
        messages.success(self.request, _("Kata sandi sementara baru dibuat."))
        return self.done()


class ProfileView(TemplateView):
    """The signed-in person's own page: role, scope, password and recent logins."""

    template_name = "accounts/profile.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        role = roles.primary_role(user)
        context["role"] = role
        context["profile"] = Profile.objects.filter(user=user).select_related("bank").first()
        if role == roles.MENTOR:
            context["assignments"] = (
                MentorAssignment.objects.visible_to(user)
                .filter(mentor=user)
                .active_on()
                .select_related("group__theme", "bank")
                .order_by("group__code")
            )
        if role == roles.CLERK:
            context["posts"] = (
                OutletStaff.objects.visible_to(user)
                .filter(user=user)
                .active_on()
                .select_related("outlet__regency")
                .order_by("outlet__code")
            )
        if role == roles.OFFICIAL:
            context["group_count"] = IkmGroup.objects.visible_to(user).active().count()
        context["logins"] = LoginEvent.objects.visible_to(user).filter(user=user)[:10]
        return context


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, which also meets the first-login requirement."""

    def form_valid(self, form):
        response = super().form_valid(form)
        forced = self.request.session.pop(SESSION_KEY, False)
        services.password_changed(user=form.user)
        if forced:
            messages.success(
                self.request, _("Kata sandi baru Anda sudah disimpan. Selamat datang!")
            )
            return redirect("home")
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset_email.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # The same answer whether or not the address has an account: only the count differs.
        if not reset_throttle.allow(form.cleaned_data["email"], client_ip(self.request)):
            form.add_error(
                None,
                _(
                    "Terlalu banyak permintaan atur ulang sandi. Periksa kotak masuk (dan folder "
                    "spam) email Anda, atau coba lagi satu jam lagi."
                ),
            )
            return self.form_invalid(form)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=form.user, how=_("Kata sandi dibuat lewat tautan email."))
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "login_url": reverse("login")}
