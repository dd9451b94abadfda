from core import navigation as nav
from core import roles


def navigation(request):
    """Menu sections and the role label for the signed-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": [], "nav_menus": [], "user_role": None}
    return {
        "nav_sections": nav.sections_for(user),
        "nav_menus": nav.menus_for(user),
        "user_role": roles.primary_role(user),
        "user_role_label": roles.label(user),
    }
