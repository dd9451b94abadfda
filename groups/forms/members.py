"""A group's members: NIK checks with a clear message for every way it can be wrong."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.forms.fields import DateInput, clean_phone
from groups.models import Member, Position, Sex
from groups.validators import nik_birth_date, normalise_nik, validate_nik


class MemberForm(forms.ModelForm):
    # Wider than 16 so that '7271 0110 0585 0001' typed with spaces reaches the NIK check.
    nik = forms.CharField(
        label=_("NIK"),
        max_length=40,
        help_text=_("16 angka sesuai KTP. Spasi boleh, akan dihapus."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = Member
        fields = ["name", "nik", "sex", "birth_year", "position", "phone", "joined_on"]
        widgets = {"joined_on": DateInput()}

    def __init__(self, *args, user, group, check_chair=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.group = group
        # The import checks chairs across the whole file instead (one may hand over to another).
        self.check_chair = check_chair
        self.fields["birth_year"].help_text = _("Kosongkan untuk diambil dari NIK.")

    def clean_nik(self):
        nik = normalise_nik(self.cleaned_data.get("nik", ""))
        validate_nik(nik)
        if self.instance.left_on is not None:
            return nik  # a member who left may share the NIK with an active one
        clash = (
            Member.objects.visible_to(self.user)
            .active()
            .filter(nik=nik)
            .exclude(pk=self.instance.pk)
            .select_related("group")
            .first()
        )
        if clash is not None:
            raise forms.ValidationError(
                _("NIK ini sudah terdaftar pada anggota aktif %(name)s (kelompok %(code)s).")
                % {"name": clash.name, "code": clash.group.code},
                code="nik_duplicate",
            )
        return nik

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone"))

    def clean_joined_on(self):
        joined_on = self.cleaned_data.get("joined_on")
        if joined_on and joined_on > timezone.localdate():
            raise forms.ValidationError(_("Tanggal bergabung tidak boleh di masa depan."))
        return joined_on

    def clean(self):
        data = super().clean()
        nik, sex = data.get("nik"), data.get("sex")
        if nik:
            born, nik_sex = nik_birth_date(nik)
            if born and sex and nik_sex != sex:
                self.add_error(
                    "sex",
                    _(
                        "Menurut NIK (tanggal lahir %(day)s) anggota ini %(nik_sex)s; periksa "
                        "jenis kelamin atau NIK."
                    )
                    % {
                        "day": nik[6:8],
                        "nik_sex": Sex(nik_sex).label.lower(),
                    },
                )
            if born:
                if data.get("birth_year") is None:
                    data["birth_year"] = born.year
                elif data["birth_year"] != born.year:
                    self.add_error(
                        "birth_year",
                        _("Tahun lahir %(year)d tidak cocok dengan NIK (lahir %(nik_year)d).")
                        % {"year": data["birth_year"], "nik_year": born.year},
                    )
        position = data.get("position")
        if self.check_chair and position == Position.CHAIR and self.instance.left_on is None:
            chair = (
                Member.objects.visible_to(self.user)
                .active()
                .filter(group=self.group, position=Position.CHAIR)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if chair is not None:
                self.add_error(
                    "position",
                    _(
                        "Kelompok ini sudah punya ketua aktif (%(name)s). Ubah dulu jabatan "
                        "ketua lama."
                    )
                    % {"name": chair.name},
                )
        return data


class MemberLeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Tanggal keluar"), widget=DateInput())

    def __init__(self, *args, member: Member, **kwargs):
        kwargs.setdefault("initial", {"left_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.member = member

    def clean_left_on(self):
        left_on = self.cleaned_data["left_on"]
        if left_on > timezone.localdate():
            raise forms.ValidationError(_("Tanggal keluar tidak boleh di masa depan."))
        if left_on < self.member.joined_on:
            raise forms.ValidationError(
                _("Tanggal keluar tidak boleh sebelum tanggal bergabung (%(day)s).")
                % {"day": self.member.joined_on.strftime("%d-%m-%Y")}
            )
        return left_on
