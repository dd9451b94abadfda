"""Forms of mentoring sessions: the phone-first record form, follow-ups, review and filters."""

import django_filters as df
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.forms.fields import DateInput
from groups.models import IkmGroup, Member
from groups.pickers import GroupPickFilter
from groups.validators import UploadValidator
from mentoring.models import FollowUp, MentoringSession, SessionTopic, Topic
from mentoring.services.sessions import MAX_ATTACHMENTS, FollowUpInput


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several photos or PDFs at once, each checked like a document scan."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf", "multiple": True}),
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("Paling banyak %(n)d lampiran per sesi.") % {"n": MAX_ATTACHMENTS}
            )
        validator = UploadValidator()
        cleaned = []
        for upload in files:
            upload = super().clean(upload, initial)
            if upload:
                validator(upload)
                cleaned.append(upload)
        return cleaned


class AttendeeCheckboxes(forms.CheckboxSelectMultiple):
    """Each checkbox carries its member's group, so the page can show the chosen group's only."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-group"] = instance.group_id
        option["attrs"]["class"] = "form-check-input"
        return option


class AttendeeField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, member):
        return member.name


class SessionForm(forms.ModelForm):
    """Group, date, topics, what was done, who was there, attachments: one screen on a phone.

    Every member of the mentor's groups is a checkbox, marked with its group; the page's script
    shows only the chosen group's members. A member of another group is a form error.
    """

    topics = forms.MultipleChoiceField(
        label=_("Topik"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )
    attendees = AttendeeField(
        label=_("Anggota yang hadir"),
        queryset=Member.objects.visible_to(AnonymousUser()),
        required=False,
        widget=AttendeeCheckboxes,
    )
    files = MultipleFileField(
        label=_("Lampiran"), help_text=_("Foto buku atau PDF, paling besar 5 MB per berkas.")
    )

    class Meta:
        model = MentoringSession
        fields = ["group", "held_on", "topics", "summary", "attendees"]
        widgets = {
            "held_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        today = timezone.localdate()
        self.fields["held_on"].widget.attrs["max"] = today.isoformat()
        groups = IkmGroup.objects.visible_to(user).active().order_by("code")
        members = (
            Member.objects.visible_to(user)
            .filter(group__in=groups.values("pk"))
            .select_related("group")
            .order_by("group__code", "name")
        )
        if self.instance.pk:
            # The group of a recorded session stays; members who left since stay ticked.
            del self.fields["group"]
            group = self.instance.group
            members = members.filter(
                Q(left_on__isnull=True) | Q(pk__in=self.instance.attendees.values("pk")),
                group=group,
            )
            self.initial.setdefault(
                "topics", list(self.instance.topics.values_list("topic", flat=True))
            )
        else:
            self.fields["group"].queryset = groups
            self.fields["group"].empty_label = _("— pilih kelompok —")
            members = members.filter(left_on__isnull=True)
        self.fields["attendees"].queryset = members
        self.member_groups = {m.pk: m.group_id for m in members}

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("Tanggal sesi tidak boleh di masa depan."))
        return held_on

    def clean(self):
        data = super().clean()
        group = data.get("group") if "group" in self.fields else self.instance.group
        attendees = data.get("attendees") or []
        if group is not None:
            foreign = [m for m in attendees if m.group_id != group.pk]
            if foreign:
                self.add_error(
                    "attendees",
                    _("%(names)s bukan anggota kelompok yang dipilih.")
                    % {"names": ", ".join(m.name for m in foreign)},
                )
        return data


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["action", "due_on"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].required = False
        self.fields["due_on"].required = False

    def clean(self):
        data = super().clean()
        action, due_on = (data.get("action") or "").strip(), data.get("due_on")
        if action and not due_on:
            self.add_error("due_on", _("Isi tenggat tindak lanjut."))
        if due_on and not action:
            self.add_error("action", _("Tulis tindak lanjutnya."))
        return data


FollowUpFormSet = forms.inlineformset_factory(
    MentoringSession, FollowUp, form=FollowUpForm, extra=2, can_delete=True, max_num=20
)


def follow_up_inputs(formset) -> list[FollowUpInput]:
    """What the service writes: filled rows, and existing rows marked for deletion."""
    rows = []
    for form in formset.forms:
        if not hasattr(form, "cleaned_data"):
            continue
        data = form.cleaned_data
        pk = form.instance.pk
        delete = bool(data.get("DELETE"))
        action = (data.get("action") or "").strip()
        if not action and pk is None:
            continue
        if not action:
            delete = True
        rows.append(FollowUpInput(action=action, due_on=data.get("due_on"), pk=pk, delete=delete))
    return rows


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan untuk pendamping"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class ApproveForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan (opsional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


# --- filters ----------------------------------------------------------------------------------


def _groups(request):
    return IkmGroup.objects.visible_to(request.user).for_choices()


def _mentors(request):
    from django.contrib.auth import get_user_model

    User = get_user_model()  # noqa: N806
    visible = MentoringSession.objects.visible_to(request.user).values("mentor")
    return User.objects.filter(pk__in=visible).order_by("first_name", "username")


class MonthFilter(df.CharFilter):
    """``bulan=2024-05``: sessions held in that month."""

    def filter(self, qs, value):
        if not value:
            return qs
        try:
            year, month = (int(part) for part in value.split("-", 1))
        except ValueError:
            return qs.none()
        return qs.filter(held_on__year=year, held_on__month=month)


class SessionFilter(df.FilterSet):
    kelompok = GroupPickFilter(
        label=_("Kelompok"), field_name="group", queryset=_groups, empty_label=_("Semua")
    )
    pendamping = df.ModelChoiceFilter(
        label=_("Pendamping"), field_name="mentor", queryset=_mentors, empty_label=_("Semua")
    )
    bulan = MonthFilter(
        label=_("Bulan"), widget=forms.TextInput(attrs={"type": "month", "placeholder": "2024-05"})
    )
    status = df.ChoiceFilter(
        label=_("Status"), choices=MentoringSession.Status.choices, empty_label=_("Semua")
    )
    topik = df.ChoiceFilter(
        label=_("Topik"), choices=Topic.choices, empty_label=_("Semua"), method="filter_topic"
    )

    class Meta:
        model = MentoringSession
        fields = []

    def filter_topic(self, queryset, name, value):

        return queryset.filter(pk__in=SessionTopic.objects.filter(topic=value).values("session"))
