"""The year-format rule: a year is written 2026, never 2.026 (nor 2,026 in English).

``USE_THOUSAND_SEPARATOR`` groups every integer a template prints; a year printed without
``|year`` (or a choice label built from an int) comes out as "2.026". The pages that show years
are rendered as an official (and each dashboard as its role) with records in every year from
2019 to 2028, and every page, its option labels and its chart data are searched for a year
written with a separator.
"""

import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from groups.models import IkmGroup, Stage
from mentoring.certificates import certificate_html
from mentoring.models import TrainingParticipant
from program.models import Metric, ProgramTarget
from tests import factories
from tests.groups.factories import EquipmentFactory, HandoverFactory
from tests.mentoring.factories_sessions import BookkeepingReportFactory
from tests.mentoring.factories_training import (
    ApprenticeshipFactory,
    PassedParticipantFactory,
    TrainingEventFactory,
)

pytestmark = pytest.mark.django_db

YEARS = range(2019, 2029)
# 2.019 … 2.028 (Indonesian) or 2,019 … 2,028 (English), but not a part of a bigger number such
# as Rp 2.025.000 or 12.019.
SEPARATED_YEAR = re.compile(r"(?<![\d.,])2[.,\u00a0\u202f]0[12]\d(?![.,\u00a0\u202f]?\d)")


def separated_years(html: str) -> list[str]:
    """Each year written with a separator, with a little of the text around it (icons' SVG
    paths are numbers, not text: left out)."""
    text = unescape(re.sub(r"(?s)<svg.*?</svg>", "", html))
    return [text[max(0, m.start() - 40) : m.end() + 20] for m in SEPARATED_YEAR.finditer(text)]


def option_labels(html: str) -> list[str]:
    return [unescape(label).strip() for label in re.findall(r"<option[^>]*>([^<]*)<", html)]


def test_the_rule_itself_finds_a_separated_year_and_ignores_money():
    assert separated_years("<h1>Target dan capaian 2.026</h1>")
    assert separated_years("<option value='2019'>2,019</option>")
    assert not separated_years("Rp 2.025.000 · 12.019 unit · 2026 · 2.02 · 02.026")


@pytest.fixture
def years_world(world):
    """The world with targets, equipment, members, trainings, books and apprenticeships in
    every year from 2019 to 2028 (future years where the program plans ahead)."""
    group = world.group
    today = timezone.localdate()
    for year in YEARS:
        ProgramTarget.objects.create(
            year=year, metric=Metric.GROUPS_MANDIRI, value=year - 2015, set_by=world.official
        )
        handed_over = min(dt.date(year, 6, 1), today)
        handover = HandoverFactory(group=group, handed_over_on=handed_over, budget_year=year)
        EquipmentFactory(handover=handover, name=f"Mesin tahun {year}")
        member = factories.MemberFactory(group=group, birth_year=year - 40)
        event = TrainingEventFactory(
            starts_on=dt.date(year, 3, 4),
            ends_on=dt.date(year, 3, 6),
            training__title=f"Pembukuan {year}",
        )
        if dt.date(year, 3, 6) <= today:
            PassedParticipantFactory(
                event=event, member=member, certificate_issued_on=dt.date(year, 3, 6)
            )
            ApprenticeshipFactory(
                member=member, starts_on=dt.date(year, 8, 1), ends_on=dt.date(year, 8, 14)
            )
            BookkeepingReportFactory(group=group, month=dt.date(year, 1, 1))
    IkmGroup.objects.filter(pk=group.pk).update(stage=Stage.MENTORED)
    group.refresh_from_db()
    group.name = "Kelompok Satu Berganti Nama"
    group.save()  # a history entry for the group's history page
    return world


def official_pages(w) -> list[str]:
    group = w.group
    handover = group.handovers.order_by("-budget_year").first()
    equipment = handover.items.first()
    participant = TrainingParticipant.objects.filter(passed=True).order_by("pk").first()
    member = participant.member
    period = "?start=2019-01&end=" + timezone.localdate().strftime("%Y-%m")
    pages = [
        reverse("target_list"),
        *(f"{reverse('target_list')}?tahun={year}" for year in (2019, 2026, 2028)),
        reverse("dashboard"),
        reverse("dashboard") + period,
        reverse("reports:index"),
        *(
            reverse("reports:report", args=[slug]) + period
            for slug in ("tema", "kelurahan", "bank", "gerai", "kabupaten", "pelatihan")
        ),
        reverse("reports:report", args=["peralatan"]) + period,
        reverse("groups:group_detail", args=[group.pk]),
        reverse("groups:record_history", args=["ikmgroup", group.pk]),
        reverse("groups:record_history", args=["handover", handover.pk]),
        reverse("groups:handover_detail", args=[handover.pk]),
        reverse("groups:equipment_detail", args=[equipment.pk]),
        reverse("groups:equipment_list"),
        reverse("groups:equipment_list") + "?tahun=2026",
        reverse("mentoring:report_list"),
        reverse("mentoring:report_list") + "?tahun=2026",
        reverse("mentoring:group_statements", args=[group.pk]),
        reverse("mentoring:training_list"),
        reverse("mentoring:training_detail", args=[participant.event.training_id]),
        reverse("mentoring:event_list"),
        reverse("mentoring:event_detail", args=[participant.event.pk]),
        reverse("mentoring:event_results", args=[participant.event.pk]),
        reverse("mentoring:member_record", args=[member.pk]),
        reverse("mentoring:apprenticeship_list"),
        reverse("reports:group_dossier", args=[group.pk]) + "?format=html",
        reverse("audit:event_list") + "?target=program.programtarget",  # "tahun: 2026"
        reverse("audit:event_list") + "?target=groups.handover",
    ]
    return pages


def test_no_page_writes_a_year_with_a_thousands_separator(client, years_world):
    w = years_world
    client.force_login(w.official)
    found = {}
    for url in official_pages(w):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        bad = separated_years(html) + [
            label for label in option_labels(html) if SEPARATED_YEAR.search(label)
        ]
        if bad:
            found[url] = bad[:3]
    assert not found, "\n".join(f"{url}: {bad}" for url, bad in found.items())


def test_the_target_page_names_its_year_and_offers_2019_to_2028(client, years_world):
    client.force_login(years_world.official)
    html = client.get(reverse("target_list"), {"tahun": 2026}).content.decode()
    assert "Target dan capaian 2026" in html and "Tetapkan target 2026" in html
    labels = option_labels(html)
    assert [str(year) for year in YEARS] == [label for label in labels if label.isdigit()]


def test_the_audit_trail_writes_recorded_years_plainly(client, years_world):
    client.force_login(years_world.official)
    html = client.get(reverse("audit:event_list"), {"target": "groups.handover"}).content.decode()
    assert "<strong>tahun anggaran</strong>: 2026</div>" in html
    html = client.get(reverse("audit:event_list"), {"target": "program.programtarget"})
    assert "<strong>tahun</strong>: 2028</div>" in html.content.decode()


@pytest.mark.parametrize("role", ["mentor", "perusda", "clerk"])
def test_every_role_dashboard_writes_years_plainly(client, years_world, role):
    client.force_login(getattr(years_world, role))
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert not separated_years(response.content.decode())


def test_certificates_and_their_public_check_write_years_plainly(client, years_world):
    participants = TrainingParticipant.objects.filter(passed=True).select_related(
        "event__training", "member__group"
    )
    assert participants.count() >= 8
    for participant in participants:
        html = certificate_html(participant, verify_url="http://testserver/verifikasi/x/")
        assert not separated_years(html), participant.event
        response = client.get(
            reverse("mentoring:certificate_verify", args=[participant.certificate_code])
        )
        assert response.status_code == 200
        assert not separated_years(response.content.decode())


def test_the_admin_lists_write_years_plainly(client, years_world):
    client.force_login(years_world.superuser)
    for name in ("admin:program_programtarget_changelist", "admin:groups_handover_changelist"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert not separated_years(response.content.decode()), name


def test_a_year_label_rendered_alone_keeps_its_digits():
    html = render_to_string("reports/_cell.html", {"cell": {"value": 2026, "kind": "year"}}).strip()
    assert html == "2026"


TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
BLOCK = re.compile(
    r"(?s){%\s*blocktranslate(?P<head>[^%]*)%}(?P<body>.*?){%\s*endblocktranslate\s*%}"
)
# A variable whose name says it is a year: ``year``, ``x.year``, ``budget_year``, ``birth_year``.
YEAR_VARIABLE = re.compile(r"{{\s*(?P<path>[\w.]*year)\s*(?P<filters>(?:\|[^}]*)?)}}")
YEAR_BINDING = re.compile(r"(?P<name>\w+)=(?P<path>[\w.]*year)(?P<filters>(?:\|\S+)*)")


def test_templates_print_every_year_through_the_year_filter():
    """The rendering test covers the pages above; this covers every template, new ones too."""
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(TEMPLATES)
        for block in BLOCK.finditer(source):
            bound = set()
            for binding in YEAR_BINDING.finditer(block["head"]):
                bound.add(binding["name"])
                if "|year" not in binding["filters"]:
                    offenders.append(f"{name}: {binding.group(0)}")
            for variable in YEAR_VARIABLE.finditer(block["body"]):
                if variable["path"] not in bound:
                    offenders.append(f"{name}: {variable.group(0)} (bind it with |year)")
        for variable in YEAR_VARIABLE.finditer(BLOCK.sub("", source)):
            if "|year" not in variable["filters"]:
                offenders.append(f"{name}: {variable.group(0)}")
    assert not offenders, offenders
