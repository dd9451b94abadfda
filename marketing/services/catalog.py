"""Writes for the outlets and the price list (Perusda manager; outlets also officials).

Prices are never edited: a change is a new row valid from a day on, so the history stays and
a sale keeps the prices of its moment (they are copied onto its lines).
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from marketing.models import Outlet, OutletPrice, ProductPrice

OUTLET_FIELDS = ("code", "name", "regency", "address", "phone", "opened_on")


def can_manage_outlets(user) -> bool:
    return roles.is_official(user) or roles.is_perusda(user)


def can_manage_prices(user) -> bool:
    return roles.is_perusda(user) or (user.is_superuser and user.is_active)


def _outlet_values(values: dict) -> dict:
    unknown = set(values) - set(OUTLET_FIELDS)
    if unknown:
        raise TypeError(f"unknown outlet fields: {sorted(unknown)}")
    if values.get("code"):
        values["code"] = values["code"].strip().upper()
    return values


@transaction.atomic
def outlet_create(*, by, **values) -> Outlet:
    """Open a new outlet (its code is unique, upper case)."""
    if not can_manage_outlets(by):
        raise PermissionDenied
    outlet = Outlet(**_outlet_values(values))
    outlet.full_clean()
    outlet.save()
    return outlet


@transaction.atomic
def outlet_update(*, outlet: Outlet, by, **values) -> Outlet:
    if not can_manage_outlets(by):
        raise PermissionDenied
    outlet = Outlet.objects.select_for_update().get(pk=outlet.pk)
    for name, value in _outlet_values(values).items():
        setattr(outlet, name, value)
    outlet.full_clean()
    outlet.save()
    return outlet


@transaction.atomic
def outlet_set_active(*, outlet: Outlet, active: bool, by) -> Outlet:
    """Close an outlet (or reopen it). Nothing is deleted: its sales and stock stay on record."""
    if not can_manage_outlets(by):
        raise PermissionDenied
    outlet = Outlet.objects.select_for_update().get(pk=outlet.pk)
    if outlet.is_active != active:
        outlet.is_active = active
        outlet.save(update_fields=["is_active"])
    return outlet


def _check_day(valid_from: dt.date, today: dt.date) -> None:
    if valid_from < today:
        raise ValidationError(
            {"valid_from": _("Harga baru berlaku mulai hari ini atau nanti, tidak mundur.")}
        )


def current_consignment_price(product, day: dt.date) -> Decimal | None:
    row = ProductPrice.objects.filter(product=product, valid_from__lte=day).first()
    return row.consignment_price if row else None


@transaction.atomic
def price_set(
    *,
    product,
    consignment_price: Decimal,
    retail_price: Decimal,
    valid_from: dt.date,
    by,
) -> ProductPrice:
    """A new price for a product from ``valid_from`` (today or later) on."""
    if not can_manage_prices(by):
        raise PermissionDenied
    _check_day(valid_from, timezone.localdate())
    if ProductPrice.objects.filter(product=product, valid_from=valid_from).exists():
        raise ValidationError(
            {"valid_from": _("Produk ini sudah punya harga yang berlaku mulai tanggal itu.")}
        )
    price = ProductPrice(
        product=product,
        consignment_price=consignment_price,
        retail_price=retail_price,
        valid_from=valid_from,
        recorded_by=by,
    )
    price.full_clean()
    price.save()
    return price


@transaction.atomic
def outlet_price_set(
    *, outlet: Outlet, product, retail_price: Decimal, valid_from: dt.date, by
) -> OutletPrice:
    """An outlet's own retail price for a product from ``valid_from`` on.

    It must cover the consignment price in force that day: the group is always owed its price.
    """
    if not can_manage_prices(by):
        raise PermissionDenied
    _check_day(valid_from, timezone.localdate())
    consignment = current_consignment_price(product, valid_from)
    if consignment is None:
        raise ValidationError(
            {"product": _("Tetapkan dulu harga titip dan harga jual umum produk ini.")}
        )
    if retail_price < consignment:
        raise ValidationError(
            {
                "retail_price": _("Harga jual gerai tidak boleh di bawah harga titip (%(price)s).")
                % {"price": f"Rp {consignment:,.0f}".replace(",", ".")}
            }
        )
    if OutletPrice.objects.filter(outlet=outlet, product=product, valid_from=valid_from).exists():
        raise ValidationError(
            {"valid_from": _("Gerai ini sudah punya harga produk ini mulai tanggal itu.")}
        )
    price = OutletPrice(
        outlet=outlet,
        product=product,
        retail_price=retail_price,
        valid_from=valid_from,
        recorded_by=by,
    )
    price.full_clean()
    price.save()
    return price
