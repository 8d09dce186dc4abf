"""Admin panels that show moderators where a listing came from."""

from wagtail.admin.panels import Panel


class SubmissionSourcePanel(Panel):
    """Read-only: each submission behind this page, its source, repository and problems."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "listings/admin/submission_source_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            submissions = []
            if self.instance and self.instance.pk:
                submissions = list(
                    self.instance.submissions.select_related(
                        "organisation", "submitted_by", "errors_overridden_by"
                    ).order_by("-created_at")[:10]
                )
            context["submissions"] = submissions
            return context
