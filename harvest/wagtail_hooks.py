"""The harvester in Wagtail's admin: sources to manage, and a report of every run.

Both are for moderators (``harvest.permissions``). Sources are disabled rather than
deleted: their repositories, and the listings drafted from them, keep their history.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.views.generic import TemplateView

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from harvest.models import HarvestRun, HarvestSource
from harvest.permissions import HarvestModeratorsPolicy, user_can_manage_harvest
from harvest.selectors import recent_runs

register_permission_policy(HarvestSource, HarvestModeratorsPolicy(HarvestSource))


class HarvestSourceViewSet(ModelViewSet):
    model = HarvestSource
    icon = "download"
    menu_label = "Harvest sources"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["__str__", "kind", "enabled", "organisation", "publisher_kind", "updated_at"]
    list_filter = ["kind", "enabled", "publisher_kind"]
    search_fields = ["value", "name", "note"]
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("value")]),
                FieldPanel("name"),
                FieldPanel("enabled"),
                FieldPanel("api_url"),
            ],
            heading="Where to look",
        ),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("publisher_kind")],
            heading="Who publishes there",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("skip_forks"),
                        FieldPanel("skip_empty"),
                        FieldPanel("skip_templates"),
                        FieldPanel("skip_archived"),
                    ]
                ),
                FieldPanel("require_topics"),
                FieldPanel("exclude_topics"),
                FieldPanel("min_stars"),
            ],
            heading="Rules for new listings",
        ),
        FieldPanel("note"),
    ]


def _requests(run: HarvestRun) -> str:
    return _requests_text(run.requests)


def _requests_text(requests: dict) -> str:
    return ", ".join(f"{status}: {count}" for status, count in requests.items()) or "none"


def _errors_text(errors: list) -> str:
    return "; ".join(f"{error['repository']}: {error['message']}" for error in errors)


class _ModeratorsOnly:
    def dispatch(self, request, *args, **kwargs):
        if not user_can_manage_harvest(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class HarvestRunsReportView(_ModeratorsOnly, ReportView):
    """Every run: its counts, requests by HTTP status, the rate limit left, errors."""

    page_title = "Harvest runs"
    header_icon = "download"
    index_url_name = "harvest_runs_report"
    index_results_url_name = "harvest_runs_report_results"
    paginate_by = 25
    no_results_message = "No harvest has run yet. Run manage.py harvest (see the README)."
    columns = [
        TitleColumn(
            "started_at",
            label="Started",
            get_url=lambda run: reverse("harvest_run_detail", args=[run.pk]),
        ),
        Column("get_status_display", label="Status"),
        Column("seen", label="Seen"),
        Column("new", label="New"),
        Column("changed", label="Changed"),
        Column("unchanged", label="Unchanged"),
        Column("skipped", label="Skipped"),
        Column("failed", label="Failed"),
        Column("requests", label="Requests by status", accessor=_requests),
        Column("rate_limit_remaining", label="Rate limit left"),
    ]
    list_export = [
        "started_at",
        "finished_at",
        "status",
        "seen",
        "new",
        "changed",
        "unchanged",
        "skipped",
        "failed",
        "requests",
        "rate_limit_remaining",
        "stopped_early",
        "errors",
    ]

    custom_field_preprocess = {
        "requests": {"csv": _requests_text, "xlsx": _requests_text},
        "errors": {"csv": _errors_text, "xlsx": _errors_text},
    }

    def get_queryset(self):
        return recent_runs()


class HarvestRunDetailView(_ModeratorsOnly, TemplateView):
    template_name = "harvest/admin/harvest_run.html"

    def get_context_data(self, **kwargs):
        run = get_object_or_404(recent_runs(), pk=self.kwargs["pk"])
        return {**super().get_context_data(**kwargs), "run": run, "requests": _requests(run)}


class HarvestRunsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_manage_harvest(user=request.user)


@hooks.register("register_admin_viewset")
def register_harvest_sources():
    return HarvestSourceViewSet("harvest_sources")


@hooks.register("register_admin_urls")
def register_harvest_report_urls():
    return [
        path("reports/harvest-runs/", HarvestRunsReportView.as_view(), name="harvest_runs_report"),
        path(
            "reports/harvest-runs/results/",
            HarvestRunsReportView.as_view(results_only=True),
            name="harvest_runs_report_results",
        ),
        path(
            "reports/harvest-runs/<int:pk>/",
            HarvestRunDetailView.as_view(),
            name="harvest_run_detail",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_harvest_runs_menu_item():
    return HarvestRunsMenuItem(
        "Harvest runs", reverse("harvest_runs_report"), icon_name="download", order=800
    )
