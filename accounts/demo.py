"""The demo accounts (password ``palu-ikm-demo``), one per role plus peers for scoping."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.models import Profile
from core import roles

DEMO_PASSWORD = "palu-ikm-demo"

# username: (first name, last name, role or None for the superuser)
ACCOUNTS = {
    "admin": ("Admin", "Sistem", None),
    "pejabat": ("Rahmawati", "Lamasitudju", roles.OFFICIAL),
    "pendamping1": ("Andi", "Pettalolo", roles.MENTOR),
    "pendamping2": ("Nurlela", "Djanggola", roles.MENTOR),
    "kasir1": ("Fitri", "Tombolotutu", roles.CLERK),
    "kasir2": ("Yusuf", "Lasahido", roles.CLERK),
    "perusda": ("Hendra", "Mardjun", roles.PERUSDA),
}


def seed(ctx) -> None:
    User = get_user_model()
    # Fixed numbers, not ctx.rng: the later loaders' random stream stays as it was.
    for index, (username, (first, last, role)) in enumerate(ACCOUNTS.items()):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first, last_name=last)
            user.email = f"{username}@palu-ikm.test"
            user.set_password(DEMO_PASSWORD)
            if role is None:
                user.is_superuser = user.is_staff = True
            user.save()
        if role is not None:
            user.groups.add(Group.objects.get(name=role))
        # Demo passwords are known, so nobody is held at the first-login password change.
        Profile.objects.get_or_create(
            user=user, defaults={"phone": f"0812 4510 {1001 + index:04d}"}
        )
        ctx.users[username] = user
