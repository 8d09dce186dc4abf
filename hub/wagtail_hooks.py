from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from hub import services
from hub.forms import MembershipDecisionAdminForm, MembershipRequestAdminForm
from hub.models import Membership, Organisation, ServiceArea


class ServiceAreaViewSet(SnippetViewSet):
    model = ServiceArea
    icon = "tag"
    menu_label = "Service areas"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]


class OrganisationAdmin(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    list_display = ["name", "kind", "gss_code", "nation", "region", "is_current"]
    list_filter = ["kind", "nation", "is_current"]
    search_fields = ["name", "gss_code", "local_authority_code"]
    form_fields = [
        "kind",
        "name",
        "official_name",
        "slug",
        "website",
        "description",
        "gss_code",
        "local_authority_code",
        "council_type",
        "council_type_name",
        "nation",
        "region",
        "population",
        "is_current",
        "alternative_names",
    ]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("name"),
                FieldPanel("official_name"),
                FieldPanel("slug"),
            ],
            heading="Organisation",
        ),
        FieldPanel("website"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("gss_code"), FieldPanel("local_authority_code")]),
                FieldRowPanel([FieldPanel("council_type"), FieldPanel("council_type_name")]),
                FieldRowPanel([FieldPanel("nation"), FieldPanel("region")]),
                FieldPanel("population"),
                FieldPanel("is_current"),
                FieldPanel("alternative_names"),
            ],
            heading="Council facts (from the local authority list)",
        ),
    ]


class MembershipCreateView(generic.CreateView):
    def save_instance(self):
        membership = services.membership_request(
            user=self.form.cleaned_data["user"],
            organisation=self.form.cleaned_data["organisation"],
        )
        log(instance=membership, action="wagtail.create", user=self.request.user)
        return membership


class MembershipEditView(generic.EditView):
    def save_instance(self):
        membership = services.membership_decide(
            membership=self.object,
            decided_by=self.request.user,
            approve=self.form.cleaned_data["decision"] == "approve",
            role=self.form.cleaned_data["role"],
        )
        log(instance=membership, action="wagtail.edit", user=self.request.user)
        return membership


class MembershipAdmin(ModelViewSet):
    """Memberships in Wagtail. Role and status change only through ``membership_decide``."""

    model = Membership
    icon = "user"
    menu_label = "Memberships"
    list_display = ["user", "organisation", "role", "status", "requested_at"]
    list_filter = ["status", "role"]
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView

    def get_form_class(self, for_update=False):
        return MembershipDecisionAdminForm if for_update else MembershipRequestAdminForm


class PeopleAndOrganisations(ModelViewSetGroup):
    menu_label = "Organisations"
    menu_icon = "group"
    menu_order = 250
    items = (OrganisationAdmin("organisations"), MembershipAdmin("memberships"))


register_snippet(ServiceAreaViewSet)


@hooks.register("register_admin_viewset")
def register_organisation_viewsets():
    return PeopleAndOrganisations()
