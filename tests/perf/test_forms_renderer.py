"""The fast select renderer writes exactly what Django's templates write."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from core.forms_renderer import FastSelectRenderer
from groups.models import IkmGroup
from tests import factories

CHOICES = [
    ("", "Semua"),
    ("a", 'Tanda "kutip" & <b>'),
    ("Grup <1>", [(1, "satu"), (2, "dua")]),
    (3, "tiga"),
]


class Sample(forms.Form):
    plain = forms.ChoiceField(choices=CHOICES)
    many = forms.MultipleChoiceField(choices=CHOICES)
    flagged = forms.ChoiceField(
        choices=CHOICES, widget=forms.Select(attrs={"class": "form-select", "data-x": True})
    )


@pytest.mark.parametrize(
    "data", [None, {"plain": "a", "many": ["1", "3"], "flagged": "2"}, {"plain": "zzz"}]
)
def test_same_markup_as_the_templates(data):
    for name in ("plain", "many", "flagged"):
        slow = Sample(data, renderer=DjangoTemplates())[name]
        fast = Sample(data, renderer=FastSelectRenderer())[name]
        assert str(fast) == str(slow)
        assert str(fast.as_widget(attrs={"disabled": True})) == str(
            slow.as_widget(attrs={"disabled": True})
        )


@pytest.mark.django_db
def test_model_choices_and_other_widgets_unchanged():
    factories.IkmGroupFactory(name="Kelompok <Satu>")

    class GroupForm(forms.Form):
        group = forms.ModelChoiceField(queryset=IkmGroup.objects.all())
        note = forms.CharField()
        agree = forms.BooleanField()

    slow, fast = GroupForm(renderer=DjangoTemplates()), GroupForm(renderer=FastSelectRenderer())
    for name in ("group", "note", "agree"):
        assert str(fast[name]) == str(slow[name])


def test_the_site_uses_it(settings):
    assert settings.FORM_RENDERER == "core.forms_renderer.FastSelectRenderer"
