"""Credit readiness: the ranked list of groups, one group's criteria, and the thresholds.

The list sorts, filters, counts and pages the stored evaluations of the groups the user may see
(``mentoring.readiness.stored``: only stale ones are evaluated again, in a fixed number of
queries), then evaluates the page's rows afresh to show each criterion with its evidence.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core import roles
from core.scoping import role_required
from groups.models import IkmGroup
from mentoring import readiness
from mentoring.forms.readiness import ReadinessFilterForm, ReadinessRuleForm
from mentoring.models import MentorAssignment, ReadinessRule

READERS = (roles.OFFICIAL, roles.MENTOR)
PAGE_SIZE = 25


def _filtered_groups(user, form):
    groups = (
        IkmGroup.objects.visible_to(user)
        .active()
        .select_related("theme", "kelurahan")
        .order_by("code")
    )
    if not form.is_valid():
        return groups.none()
    theme, bank = form.cleaned_data["tema"], form.cleaned_data["bank"]
    if theme:
        groups = groups.filter(theme=theme)
    if bank:
        today = timezone.localdate()
        accompanied = (
            MentorAssignment.objects.visible_to(user)
            .active_on(today)
            .filter(bank=bank)
            .values("group_id")
        )
        groups = groups.filter(pk__in=accompanied)
    return groups


@require_safe
@role_required(*READERS)
def readiness_list(request):
    user = request.user
    form = ReadinessFilterForm(request.GET or None, user=user)
    if not form.is_bound:
        form = ReadinessFilterForm({}, user=user)
    rule = ReadinessRule.current()
    ranked = readiness.stored(_filtered_groups(user, form), rule=rule)
    counts = ranked.aggregate(total=Count("pk"), ready=Count("pk", filter=Q(is_ready=True)))
    ready = form.cleaned_data.get("siap") if form.is_valid() else ""
    total = counts["total"]
    if ready == "ya":
        ranked, total = ranked.filter(is_ready=True), counts["ready"]
    elif ready == "tidak":
        ranked, total = ranked.filter(is_ready=False), counts["total"] - counts["ready"]
    paginator = Paginator(ranked.select_related("group__theme", "group__kelurahan"), PAGE_SIZE)
    paginator.count = total  # known from the counts above: no second COUNT
    page = paginator.get_page(request.GET.get("page"))
    # The page's rows are evaluated afresh, with their evidence in the reader's language.
    shown = [row.group for row in page.object_list]
    evaluated = readiness.evaluate(shown, rule=rule)
    context = {
        "filter": {"form": form},
        "page_obj": page,
        "rows": [evaluated[group.pk] for group in shown],
        "total": total,
        "ready_count": counts["ready"] if ready != "tidak" else 0,
        "criteria": readiness.criteria(),
        "is_official": roles.is_official(user),
        "first_rank": page.start_index(),
    }
    return render(request, "mentoring/readiness/list.html", context)


@require_safe
@role_required(*READERS)
def readiness_group(request, pk):
    queryset = IkmGroup.objects.visible_to(request.user).select_related("theme", "kelurahan")
    group = get_object_or_404(queryset, pk=pk)
    rule = ReadinessRule.current()
    result = readiness.evaluate([group], rule=rule)[group.pk]
    return render(
        request,
        "mentoring/readiness/group.html",
        {"group": group, "readiness": result, "rule": rule},
    )


@require_http_methods(["GET", "POST"])
@role_required(roles.OFFICIAL)
def readiness_rule(request):
    rule = ReadinessRule.objects.visible_to(request.user).order_by("pk").first() or ReadinessRule()
    form = ReadinessRuleForm(request.POST or None, instance=rule, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved._history_user = request.user
        saved.save()
        messages.success(request, _("Aturan kesiapan kredit tersimpan."))
        return redirect("mentoring:readiness_list")
    return render(request, "mentoring/readiness/rule_form.html", {"form": form})
