"""The co-funding pieces of the Wagtail admin: approving campaigns, and reading them."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from pledges.models import Campaign
from pledges.views import admin as admin_views


@hooks.register("register_admin_urls")
def register_campaign_approval_urls():
    return [
        path("campaigns/approval/", admin_views.approval_list, name="pledges_approval"),
        path(
            "campaigns/approval/<int:pk>/",
            admin_views.approval_decide,
            name="pledges_approval_decide",
        ),
    ]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(getattr(request.user, "is_moderator", False))


@hooks.register("register_admin_menu_item")
def register_campaign_approval_menu_item():
    return ModeratorMenuItem(
        "Campaigns to approve", reverse("pledges_approval"), icon_name="tick", order=230
    )


class CampaignPermissionPolicy(ModelPermissionPolicy):
    """Moderators read campaigns and correct their wording; nobody adds, copies or deletes
    one here (campaigns are proposed on the site, and the ledger keeps them forever)."""

    def user_has_permission(self, user, action):
        if action in ("add", "copy", "delete"):
            return False
        return bool(user.is_active and getattr(user, "is_moderator", False))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Campaign, CampaignPermissionPolicy(Campaign))


class CampaignAdmin(ModelViewSet):
    """Campaigns as moderators read them; states move only through the services."""

    copy_view_enabled = False

    model = Campaign
    icon = "doc-full"
    menu_label = "Campaigns"
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["title", "state", "lead_council", "pledged_gbp", "council_count", "closes_at"]
    list_filter = ["state", "funding_model", "is_demo"]
    search_fields = ["title", "pitch"]
    form_fields = ["title", "pitch", "problem", "outcomes", "business_case", "procurement_route"]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_campaign_viewset():
    return CampaignAdmin("campaigns")
