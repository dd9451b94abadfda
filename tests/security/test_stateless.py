"""The app keeps no state of its own in the process: two servers can share one database.

Proven end to end by ``scripts/drills/two_servers.py`` (run by CI); these are the settings it
rests on, so that a change to one of them fails here first.
"""

from django.conf import settings


def test_sessions_live_in_the_database_only():
    # Not "cache" or "cached_db": a per-process cache would keep a signed-out session alive
    # on the other server.
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_messages_travel_with_the_session():
    assert settings.MESSAGE_STORAGE == "django.contrib.messages.storage.session.SessionStorage"


def test_login_throttling_counts_in_the_database():
    handler = getattr(settings, "AXES_HANDLER", "axes.handlers.database.AxesDatabaseHandler")
    assert handler == "axes.handlers.database.AxesDatabaseHandler"


def test_uploads_go_to_a_configurable_shared_folder():
    assert settings.STORAGES["default"]["BACKEND"] == (
        "django.core.files.storage.FileSystemStorage"
    )
    assert settings.MEDIA_ROOT  # DJANGO_MEDIA_ROOT: the same folder (or share) for every server
