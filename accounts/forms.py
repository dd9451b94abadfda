import datetime as dt

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import managed_roles, validate_phone
from core import roles
from groups.models import IkmGroup
from marketing.models import Outlet
from mentoring.models import Bank


class LoginForm(AuthenticationForm):
    """Django's login form with plain-spoken labels and messages."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Periksa kembali; huruf besar dan kecil dibedakan."
        ),
        "inactive": _("Akun ini sudah dinonaktifkan. Hubungi petugas program."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Nama pengguna")
        self.fields["password"].label = _("Kata sandi")
        self.fields["username"].widget.attrs.update(
            {"autocapitalize": "none", "autocomplete": "username"}
        )
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"autocomplete": "current-password"}
        )

    def clean_username(self):
        # No account has a longer name; refusing it here keeps it from being authenticated and
        # from the lockout records (a 255-character column that PostgreSQL would overflow).
        username = self.cleaned_data["username"]
        if len(username) > self.fields["username"].max_length:
            raise ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )
        return username


def errors_for_form(form, exc: ValidationError) -> None:
    """Put a service's ``ValidationError`` next to the form's fields (the rest above the form)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields and name != NON_FIELD_ERRORS else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)


class GroupChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.name}"


class OutletChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


# Assignments start and change within this window: earlier is a typing mistake (the program
# began long after), later than a year ahead is one too, and 0001-01-01 would break the
# 'day before' arithmetic of the services.
EARLIEST_SCOPE_DAY = dt.date(2000, 1, 1)
MAX_DAYS_AHEAD = 366


def clean_scope_day(day: dt.date) -> dt.date:
    if day < EARLIEST_SCOPE_DAY:
        raise ValidationError(
            _("Tanggal terlalu jauh ke belakang; paling awal %(day)s.")
            % {"day": EARLIEST_SCOPE_DAY.strftime("%d-%m-%Y")},
            code="too_early",
        )
    if day > timezone.localdate() + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise ValidationError(_("Tanggal paling jauh setahun dari hari ini."), code="too_late")
    return day


def _role_choices(user):
    managed = managed_roles(user)
    return [(role, roles.LABELS[role]) for role in roles.ALL if role in managed]


class ScopeFieldsMixin:
    """Role, bank, groups and outlets, with every choice scoped to what the actor may hand out.

    A Perusda manager only makes clerks: the mentor fields are left out for them.
    """

    def _scope_fields(self, user):
        self.fields["role"].choices = _role_choices(user)
        managed = managed_roles(user)
        if roles.MENTOR in managed:
            self.fields["bank"].queryset = Bank.objects.visible_to(user).filter(is_active=True)
            self.fields["ikm_groups"].queryset = (
                IkmGroup.objects.visible_to(user).active().order_by("code")
            )
        else:
            del self.fields["bank"]
            del self.fields["ikm_groups"]
        if roles.CLERK in managed:
            self.fields["outlets"].queryset = (
                Outlet.objects.visible_to(user).active().order_by("code")
            )
        else:
            del self.fields["outlets"]
        if len(self.fields["role"].choices) == 1:
            self.fields["role"].initial = self.fields["role"].choices[0][0]

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role == roles.MENTOR and "bank" in self.fields and not data.get("bank"):
            self.add_error("bank", _("Pilih bank tempat pendamping bekerja."))
        if self.require_scope and role == roles.MENTOR and not data.get("ikm_groups"):
            self.add_error("ikm_groups", _("Pilih minimal satu kelompok yang didampingi."))
        if self.require_scope and role == roles.CLERK and not data.get("outlets"):
            self.add_error("outlets", _("Pilih minimal satu gerai tempat kasir bertugas."))
        return data

    def scope_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "role": data["role"],
            "bank": data.get("bank"),
            "groups": list(data.get("ikm_groups") or []),
            "outlets": list(data.get("outlets") or []),
        }


def _role_field():
    return forms.ChoiceField(label=_("Peran"), choices=())


def _bank_field():
    return forms.ModelChoiceField(
        label=_("Bank"),
        queryset=None,
        required=False,
        help_text=_("Untuk pendamping: bank tempat ia bekerja."),
    )


def _groups_field():
    return GroupChoiceField(
        label=_("Kelompok yang didampingi"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untuk pendamping: kelompok yang boleh ia lihat dan dampingi."),
    )


def _outlets_field():
    return OutletChoiceField(
        label=_("Gerai"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untuk kasir: gerai tempat ia bertugas."),
    )


class PersonCreateForm(ScopeFieldsMixin, forms.Form):
    """Onboarding in one form: who the person is, their role and what they reach."""

    require_scope = True

    first_name = forms.CharField(label=_("Nama depan"), max_length=150)
    last_name = forms.CharField(label=_("Nama belakang"), max_length=150, required=False)
    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Dipakai untuk masuk. Tanpa spasi, mis. andi.pettalolo."),
        widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("Bila diisi, tautan untuk membuat kata sandi sendiri dikirim ke alamat ini."),
    )
    phone = forms.CharField(
        label=_("Telepon"), max_length=20, required=False, validators=[validate_phone]
    )
    role = _role_field()
    bank = _bank_field()
    ikm_groups = _groups_field()
    outlets = _outlets_field()
    starts_on = forms.DateField(
        label=_("Mulai bertugas"),
        widget=DateInput(),
        help_text=_("Sejak tanggal ini pendamping/kasir bisa melihat kelompok/gerainya."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].initial = timezone.localdate()
        self._scope_fields(user)

    def clean_starts_on(self):
        return clean_scope_day(self.cleaned_data["starts_on"])


class PersonScopeForm(ScopeFieldsMixin, forms.Form):
    """A new role and/or scope from a day on; old assignments end the day before."""

    require_scope = False

    role = _role_field()
    bank = _bank_field()
    ikm_groups = _groups_field()
    outlets = _outlets_field()
    on = forms.DateField(
        label=_("Berlaku mulai"),
        widget=DateInput(),
        help_text=_(
            "Penugasan yang dilepas berakhir sehari sebelumnya; penugasan baru mulai tanggal ini."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        self._scope_fields(user)

    def clean_on(self):
        return clean_scope_day(self.cleaned_data["on"])


class PersonDetailsForm(forms.Form):
    first_name = forms.CharField(label=_("Nama depan"), max_length=150)
    last_name = forms.CharField(label=_("Nama belakang"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(
        label=_("Telepon"), max_length=20, required=False, validators=[validate_phone]
    )


class DeactivateForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mis. pindah tugas, berhenti bekerja di bank."),
    )


class ConfirmForm(forms.Form):
    """No fields: the button is the whole answer (the CSRF token still protects it)."""


class PersonFilterForm(forms.Form):
    """Search and filters of the people list; they narrow the visible accounts, never widen."""

    SORTS = {
        "nama": ("first_name", "last_name", "username"),
        "pengguna": ("username",),
        # Never-logged-in accounts last on every database (PostgreSQL puts NULLs first).
        "masuk": (F("last_login").desc(nulls_last=True), "username"),
    }

    q = forms.CharField(label=_("Cari"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Peran"), required=False)
    bank = forms.ModelChoiceField(
        label=_("Bank"), queryset=None, required=False, empty_label=_("Semua")
    )
    outlet = forms.ModelChoiceField(
        label=_("Gerai"), queryset=None, required=False, empty_label=_("Semua")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua")), ("aktif", _("Aktif")), ("nonaktif", _("Tidak aktif"))],
    )
    urut = forms.ChoiceField(
        label=_("Urutkan"),
        required=False,
        choices=[
            ("nama", _("Nama")),
            ("pengguna", _("Nama pengguna")),
            ("masuk", _("Terakhir masuk")),
        ],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if roles.is_official(user):
            self.fields["role"].choices = [("", _("Semua peran"))] + [
                (role, roles.LABELS[role]) for role in roles.ALL
            ]
            self.fields["bank"].queryset = Bank.objects.visible_to(user)
        else:
            del self.fields["role"]
            del self.fields["bank"]
        self.fields["outlet"].queryset = Outlet.objects.visible_to(user).order_by("code")
        for name, form_field in self.fields.items():
            css = "form-control" if name == "q" else "form-select"
            form_field.widget.attrs["class"] = css
