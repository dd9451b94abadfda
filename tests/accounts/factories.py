"""Factories for the accounts app's own models."""

import factory
from django.utils import timezone

from accounts.models import LoginEvent, Profile
from tests.factories import UserFactory


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    phone = "0812 3456 7890"


class LoginEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LoginEvent

    user = factory.SubFactory(UserFactory)
    at = factory.LazyFunction(timezone.now)
    ip_address = "10.0.0.1"
    user_agent = "Mozilla/5.0 (Linux; Android 12) Chrome/120"
