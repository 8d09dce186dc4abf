from django import forms

from hub.models import MembershipRole
from hub.models.organisations import Nation, OrganisationKind


class OrganisationFilterForm(forms.Form):
    """The organisations filter panel; invalid values are dropped, never an error page."""

    q = forms.CharField(label="Search by name or GSS code", required=False, max_length=100)
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
