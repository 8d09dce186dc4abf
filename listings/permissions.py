"""Who may do what in the catalogue: the predicates services, forms, views, the API and
page context all call, so the rules are written once.

Each is ``user_can_<action>(*, user, <object>)`` (or ``user_is_<role>``) and answers for
an anonymous user without a query. The page models' own context calls them, so this
module imports no page module (a page is passed in), only the models below the pages.
"""

from hub.models import Organisation
from hub.permissions import user_is_approved_member
from listings.models.submissions import Submission


def user_is_council_member(*, user, council: Organisation | None) -> bool:
    """Whether ``user`` is an approved member (any role) of ``council``, a council."""
    if council is None or not council.is_council:
        return False
    return user_is_approved_member(user=user, organisation=council)


def user_can_confirm_adoptions_for(*, user, council: Organisation) -> bool:
    """Members of the council, or a moderator, record its adoptions as confirmed."""
    if user is None or not user.is_authenticated:
        return False
    return bool(user.is_moderator) or user_is_council_member(user=user, council=council)


def user_can_record_adoption_for(*, user, council: Organisation) -> bool:
    """Members of a current council with a GSS code record that it uses a solution."""
    if not (council.is_current and council.gss_code):
        return False
    return user_is_council_member(user=user, council=council)


def user_can_confirm_reported_adoptions_for(*, user, council: Organisation) -> bool:
    """Only the council's own members confirm an adoption someone else reported for it."""
    return user_is_council_member(user=user, council=council)


def user_can_attest_evidence_for(*, user, council: Organisation) -> bool:
    """Only the council's own members attest (or add attested) evidence of its savings."""
    return user_is_council_member(user=user, council=council)


def user_can_submit_for(*, user, organisation: Organisation) -> bool:
    """Approved members submit listings for their organisation; moderators for any."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_moderator:
        return True
    return user_is_approved_member(user=user, organisation=organisation)


def user_can_edit_submission(*, user, submission: Submission) -> bool:
    """Whoever may submit for the submission's organisation may change its answers."""
    return user_can_submit_for(user=user, organisation=submission.organisation)


def user_can_propose_changes(*, user, page) -> bool:
    """Moderators, and members of the organisation that owns a listing, propose changes.

    A listing no organisation owns takes no proposals (they go to the owner's members).
    """
    if user is None or not user.is_authenticated or page.owner_organisation_id is None:
        return False
    if user.is_moderator:
        return True
    return user_can_submit_for(user=user, organisation=page.owner_organisation)
