from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from listings.admin_forms import AdoptionAdminForm
from listings.models import Adoption, Submission, SubmissionStatus
from listings.search.admin import SynonymGroupViewSet


class AdoptionViewSet(SnippetViewSet):
    """Adoptions with their savings evidence inline, edited with revisions."""

    model = Adoption
    icon = "group"
    menu_label = "Adoptions"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["council", "solution", "status", "confirmed", "updated_at"]
    list_filter = ["status", "confirmed"]
    search_fields = ["notes", "contact"]
    edit_handler = ObjectList(Adoption.panels, base_form_class=AdoptionAdminForm)


register_snippet(AdoptionViewSet)
register_snippet(SynonymGroupViewSet)  # listings/search/admin.py


class SubmissionsAwaitingReviewPanel(Component):
    """On the admin dashboard beside Wagtail's "Awaiting your review": where each came from."""

    name = "submissions_awaiting_review"
    order = 95
    template_name = "listings/admin/submissions_awaiting_review_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["submissions"] = list(
            Submission.objects.filter(status=SubmissionStatus.IN_MODERATION)
            .select_related("organisation", "submitted_by", "page", "errors_overridden_by")
            .order_by("submitted_at")[:20]
        )
        context["waiting_count"] = Submission.objects.filter(
            status=SubmissionStatus.IN_MODERATION
        ).count()
        return context


@hooks.register("construct_homepage_panels")
def add_submissions_panel(request, panels):
    if getattr(request.user, "is_moderator", False):
        panels.append(SubmissionsAwaitingReviewPanel(request))
