"""The roles of Palu IKM and who holds them.

A role is a Django auth Group (created by a data migration in ``accounts``); the *scope* of a role
(which groups a mentor accompanies, which outlets a clerk staffs) comes from assignment rows and is
applied by each model's ``visible_to(user)``. This module imports no app.
"""

from django.utils.translation import gettext_lazy as _

OFFICIAL = "pejabat"
MENTOR = "pendamping"
CLERK = "kasir"
PERUSDA = "perusda"

ALL = (OFFICIAL, MENTOR, CLERK, PERUSDA)

LABELS = {
    OFFICIAL: _("Pejabat kota"),
    MENTOR: _("Pendamping bank"),
    CLERK: _("Kasir gerai"),
    PERUSDA: _("Manajer Perusda"),
}

# Model permissions each role holds, as "app_label.codename". Views gate by role; these
# permissions keep Django's own permission system (and the admin, for staff) consistent with it.
PERMISSIONS = {
    OFFICIAL: (
        "groups.view_theme",
        "groups.view_kecamatan",
        "groups.view_kelurahan",
        "groups.add_ikmgroup",
        "groups.change_ikmgroup",
        "groups.view_ikmgroup",
        "groups.add_member",
        "groups.change_member",
        "groups.view_member",
        "groups.add_product",
        "groups.change_product",
        "groups.view_product",
        "groups.add_legaldocument",
        "groups.change_legaldocument",
        "groups.view_legaldocument",
        "groups.add_handover",
        "groups.change_handover",
        "groups.view_handover",
        "groups.add_equipment",
        "groups.change_equipment",
        "groups.view_equipment",
        "groups.add_equipmentcheck",
        "groups.view_equipmentcheck",
        "mentoring.view_bank",
        "mentoring.add_mentorassignment",
        "mentoring.change_mentorassignment",
        "mentoring.view_mentorassignment",
        "mentoring.view_mentoringsession",
        "mentoring.change_mentoringsession",
        "mentoring.view_followup",
        "mentoring.change_followup",
        "mentoring.view_sessionattachment",
        "mentoring.change_sessionattachment",
        "mentoring.view_bookkeepingreport",
        "mentoring.change_bookkeepingreport",
        "mentoring.add_bank",
        "mentoring.change_bank",
        "mentoring.add_banktheme",
        "mentoring.change_banktheme",
        "mentoring.view_banktheme",
        "mentoring.add_training",
        "mentoring.change_training",
        "mentoring.view_training",
        "mentoring.add_trainingevent",
        "mentoring.change_trainingevent",
        "mentoring.view_trainingevent",
        "mentoring.add_trainingparticipant",
        "mentoring.change_trainingparticipant",
        "mentoring.delete_trainingparticipant",
        "mentoring.view_trainingparticipant",
        "mentoring.add_apprenticeship",
        "mentoring.change_apprenticeship",
        "mentoring.view_apprenticeship",
        "mentoring.view_creditscheme",
        "mentoring.add_creditapplication",
        "mentoring.change_creditapplication",
        "mentoring.view_creditapplication",
        "mentoring.view_readinessrule",
        "mentoring.change_readinessrule",
        "marketing.view_regency",
        "marketing.add_outlet",
        "marketing.change_outlet",
        "marketing.view_outlet",
        "marketing.add_outletstaff",
        "marketing.change_outletstaff",
        "marketing.view_outletstaff",
        "marketing.view_productprice",
        "marketing.view_outletprice",
        "marketing.view_delivery",
        "marketing.view_deliveryline",
        "marketing.view_stock",
        "marketing.view_stockentry",
        "marketing.view_sale",
        "marketing.view_saleline",
        "marketing.view_dailyclosing",
        "marketing.view_stockreturn",
        "marketing.view_stockreturnline",
        "marketing.view_settlement",
        "marketing.view_settlementline",
        "accounts.add_person",
        "accounts.change_person",
        "accounts.view_person",
        "accounts.view_profile",
        "accounts.view_loginevent",
        "program.add_programtarget",
        "program.change_programtarget",
        "program.delete_programtarget",
        "program.view_programtarget",
    ),
    MENTOR: (
        "groups.view_theme",
        "groups.view_kelurahan",
        "groups.view_ikmgroup",
        "groups.view_member",
        "groups.view_product",
        "groups.view_legaldocument",
        "groups.view_handover",
        "groups.view_equipment",
        "groups.view_equipmentcheck",
        "mentoring.view_bank",
        "mentoring.view_mentorassignment",
        "mentoring.add_mentoringsession",
        "mentoring.change_mentoringsession",
        "mentoring.view_mentoringsession",
        "mentoring.add_followup",
        "mentoring.change_followup",
        "mentoring.view_followup",
        "mentoring.add_sessionattachment",
        "mentoring.change_sessionattachment",
        "mentoring.view_sessionattachment",
        "mentoring.add_bookkeepingreport",
        "mentoring.change_bookkeepingreport",
        "mentoring.view_bookkeepingreport",
        "mentoring.view_creditscheme",
        "mentoring.add_creditapplication",
        "mentoring.change_creditapplication",
        "mentoring.view_creditapplication",
        "mentoring.view_readinessrule",
        "marketing.view_productprice",
        "marketing.view_delivery",
        "marketing.view_deliveryline",
        "marketing.view_saleline",
        "marketing.view_stockreturn",
        "marketing.view_settlement",
    ),
    CLERK: (
        "groups.view_product",
        "marketing.view_outlet",
        "marketing.view_regency",
        "marketing.view_productprice",
        "marketing.view_outletprice",
        "marketing.view_delivery",
        "marketing.change_delivery",
        "marketing.view_deliveryline",
        "marketing.change_deliveryline",
        "marketing.view_stock",
        "marketing.view_stockentry",
        "marketing.add_stockentry",
        "marketing.add_sale",
        "marketing.view_sale",
        "marketing.change_sale",
        "marketing.view_saleline",
        "marketing.add_dailyclosing",
        "marketing.view_dailyclosing",
        "marketing.add_stockreturn",
        "marketing.view_stockreturn",
        "marketing.view_stockreturnline",
    ),
    PERUSDA: (
        "groups.view_ikmgroup",
        "groups.view_product",
        "marketing.view_regency",
        "marketing.add_outlet",
        "marketing.change_outlet",
        "marketing.view_outlet",
        "marketing.add_outletstaff",
        "marketing.change_outletstaff",
        "marketing.view_outletstaff",
        "marketing.add_productprice",
        "marketing.change_productprice",
        "marketing.view_productprice",
        "marketing.add_outletprice",
        "marketing.change_outletprice",
        "marketing.view_outletprice",
        "marketing.add_delivery",
        "marketing.change_delivery",
        "marketing.view_delivery",
        "marketing.add_deliveryline",
        "marketing.change_deliveryline",
        "marketing.view_deliveryline",
        "marketing.add_stockreturn",
        "marketing.change_stockreturn",
        "marketing.view_stockreturn",
        "marketing.add_stockreturnline",
        "marketing.change_stockreturnline",
        "marketing.view_stockreturnline",
        "marketing.add_settlement",
        "marketing.change_settlement",
        "marketing.view_settlement",
        "marketing.view_stock",
        "marketing.view_stockentry",
        "marketing.view_sale",
        "marketing.view_saleline",
        "marketing.view_dailyclosing",
        "marketing.view_settlementline",
        "accounts.add_person",
        "accounts.change_person",
        "accounts.view_person",
    ),
}


def role_names(user) -> frozenset[str]:
    """The role names the user holds, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_palu_role_names", None)
    if cached is None:
        cached = frozenset(n for n in user.groups.values_list("name", flat=True) if n in ALL)
        user._palu_role_names = cached
    return cached


def has_role(user, role: str) -> bool:
    return role in role_names(user)


def has_any(user, allowed: frozenset[str] | set[str] | tuple[str, ...]) -> bool:
    """True when the user holds one of the allowed roles; superusers pass every gate."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return bool(role_names(user) & set(allowed))


def is_official(user) -> bool:
    """Officials and superusers see the whole program."""
    return bool(getattr(user, "is_superuser", False) and user.is_active) or has_role(user, OFFICIAL)


def is_mentor(user) -> bool:
    return has_role(user, MENTOR)


def sees_bank_account(user) -> bool:
    """A group's bank account is read by officials, who record it, and by the Perusda manager,
    who pays the group's settlements into it. Mentors and clerks never see it: wherever it is
    shown (the profile, the group export, the payout slip, the credit dossier) this decides."""
    return is_official(user) or is_perusda(user)


def is_clerk(user) -> bool:
    return has_role(user, CLERK)


def is_perusda(user) -> bool:
    return has_role(user, PERUSDA)


def primary_role(user) -> str | None:
    """The role a user's home page is made for (officials first, then the narrower roles)."""
    if is_official(user):
        return OFFICIAL
    for role in (PERUSDA, MENTOR, CLERK):
        if has_role(user, role):
            return role
    return None


def label(user) -> str:
    role = primary_role(user)
    if getattr(user, "is_superuser", False):
        return str(_("Administrator sistem"))
    return str(LABELS[role]) if role else str(_("Tanpa peran"))
