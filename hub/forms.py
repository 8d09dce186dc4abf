from django import forms
from django.core.exceptions import ValidationError

from wagtail.admin.forms import WagtailAdminModelForm

from hub.filters import too_long_message
from hub.models import Membership, MembershipRole, MembershipStatus
from hub.models.organisations import Nation, OrganisationKind
from hub.permissions import user_can_manage_members
from hub.search import SEARCH_MAX_LENGTH


def _search_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        error_messages={"max_length": too_long_message("Search", SEARCH_MAX_LENGTH)},
    )


class SiteSearchForm(forms.Form):
    """/search/: one search box."""

    q = _search_field("What problem are you trying to solve?")


class OrganisationFilterForm(forms.Form):
    """The organisations filter panel. An invalid choice drops the filters rather than
    failing; a search longer than any name is a 400 that says so."""

    q = _search_field("Search by name or GSS code")
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any"), *OrganisationKind.choices]
    )
    nation = forms.ChoiceField(
        label="Nation", required=False, choices=[("", "Any"), *Nation.choices]
    )
    type = forms.ChoiceField(label="Council type", required=False, choices=[("", "Any")])
    former = forms.BooleanField(label="Include former councils", required=False)

    def __init__(self, *args, council_types: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", "Any"), *council_types]

    def filters(self) -> dict:
        if not self.is_valid():
            return {"q": "", "kind": "", "nation": "", "council_type": "", "include_former": False}
        data = self.cleaned_data
        return {
            "q": data["q"],
            "kind": data["kind"],
            "nation": data["nation"],
            "council_type": data["type"],
            "include_former": data["former"],
        }


class MembershipDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("reject", "Reject")], widget=forms.HiddenInput
    )
    role = forms.ChoiceField(label="Role", choices=MembershipRole.choices, initial="member")


class MembershipRequestAdminForm(WagtailAdminModelForm):
    """Wagtail's membership admin, adding: a request made for someone starts pending."""

    class Meta:
        model = Membership
        fields = ["user", "organisation"]


class MembershipDecisionAdminForm(WagtailAdminModelForm):
    """Wagtail's membership admin, editing: approve with a role, or reject, a pending request.

    Status and role are never fields here: the decision goes through
    ``hub.services.membership_decide``, as it does on the organisation's page.
    """

    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("reject", "Reject")], widget=forms.RadioSelect
    )
    role = forms.ChoiceField(
        label="Role if approved", choices=MembershipRole.choices, initial=MembershipRole.MEMBER
    )

    class Meta:
        model = Membership
        fields = []

    def clean(self):
        cleaned = super().clean()
        membership = self.instance
        if membership.status != MembershipStatus.PENDING:
            raise ValidationError(
                f"This request has already been decided ({membership.get_status_display()})."
            )
        if not user_can_manage_members(user=self.for_user, organisation=membership.organisation):
            raise ValidationError("Only this organisation's admins or a moderator can decide.")
        return cleaned
