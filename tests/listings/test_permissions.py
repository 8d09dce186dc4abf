"""listings.permissions: one test per predicate, and the page agreeing with the services."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

import pytest

from hub.factories import CouncilFactory, MembershipFactory, UserFactory, VendorFactory
from hub.models import MembershipStatus
from listings.factories import SolutionPageFactory
from listings.models import Submission
from listings.permissions import (
    user_can_attest_evidence_for,
    user_can_confirm_adoptions_for,
    user_can_confirm_reported_adoptions_for,
    user_can_edit_submission,
    user_can_propose_changes,
    user_can_record_adoption_for,
    user_can_submit_for,
    user_is_council_member,
)
from listings.presenters.solution_page import solution_page_context
from listings.submissions.services import submission_propose_changes

pytestmark = pytest.mark.django_db


def member_of(organisation, **fields):
    return MembershipFactory(organisation=organisation, **fields).user


def test_user_is_council_member():
    council, vendor = CouncilFactory(), VendorFactory()
    assert user_is_council_member(user=member_of(council), council=council)
    assert not user_is_council_member(
        user=member_of(council, status=MembershipStatus.PENDING), council=council
    )
    assert not user_is_council_member(user=member_of(vendor), council=vendor)
    assert not user_is_council_member(user=AnonymousUser(), council=council)
    assert not user_is_council_member(user=UserFactory(), council=None)


def test_user_can_confirm_adoptions_for(moderator):
    council = CouncilFactory()
    assert user_can_confirm_adoptions_for(user=member_of(council), council=council)
    assert user_can_confirm_adoptions_for(user=moderator, council=council)
    assert not user_can_confirm_adoptions_for(user=UserFactory(), council=council)
    assert not user_can_confirm_adoptions_for(user=AnonymousUser(), council=council)


def test_user_can_record_adoption_for(moderator):
    council = CouncilFactory()
    assert user_can_record_adoption_for(user=member_of(council), council=council)
    assert not user_can_record_adoption_for(user=moderator, council=council)
    assert not user_can_record_adoption_for(user=UserFactory(), council=council)
    assert not user_can_record_adoption_for(user=AnonymousUser(), council=council)


def test_user_can_record_adoption_for_only_a_current_council_with_a_gss_code():
    former = CouncilFactory(is_current=False)
    uncoded = CouncilFactory(gss_code="")
    assert not user_can_record_adoption_for(user=member_of(former), council=former)
    assert not user_can_record_adoption_for(user=member_of(uncoded), council=uncoded)


def test_user_can_confirm_reported_adoptions_for(moderator):
    council = CouncilFactory()
    assert user_can_confirm_reported_adoptions_for(user=member_of(council), council=council)
    # Someone else's report is confirmed by the council itself, not by a moderator.
    assert not user_can_confirm_reported_adoptions_for(user=moderator, council=council)
    assert not user_can_confirm_reported_adoptions_for(user=UserFactory(), council=council)
    assert not user_can_confirm_reported_adoptions_for(
        user=member_of(council, status=MembershipStatus.PENDING), council=council
    )


def test_user_can_attest_evidence_for(moderator):
    council = CouncilFactory()
    assert user_can_attest_evidence_for(user=member_of(council), council=council)
    # Attesting is the council's own word: a moderator verifies instead.
    assert not user_can_attest_evidence_for(user=moderator, council=council)
    assert not user_can_attest_evidence_for(user=UserFactory(), council=council)


def test_user_can_submit_for(moderator):
    vendor = VendorFactory()
    assert user_can_submit_for(user=member_of(vendor), organisation=vendor)
    assert user_can_submit_for(user=moderator, organisation=vendor)
    assert not user_can_submit_for(user=member_of(VendorFactory()), organisation=vendor)
    assert not user_can_submit_for(user=AnonymousUser(), organisation=vendor)


def test_user_can_edit_submission(moderator):
    vendor = VendorFactory()
    submission = Submission(organisation=vendor)
    assert user_can_edit_submission(user=member_of(vendor), submission=submission)
    assert user_can_edit_submission(user=moderator, submission=submission)
    assert not user_can_edit_submission(user=UserFactory(), submission=submission)


def test_user_can_propose_changes(moderator):
    vendor = VendorFactory()
    owned = SolutionPageFactory(owner_organisation=vendor)
    unowned = SolutionPageFactory()
    assert user_can_propose_changes(user=member_of(vendor), page=owned)
    assert user_can_propose_changes(user=moderator, page=owned)
    assert not user_can_propose_changes(user=member_of(VendorFactory()), page=owned)
    assert not user_can_propose_changes(user=AnonymousUser(), page=owned)
    assert not user_can_propose_changes(user=moderator, page=unowned)


def _page_offers_propose_changes(*, user, page) -> bool:
    request = RequestFactory().get(page.url)
    request.user = user
    return solution_page_context(solution=page, user=user, request=request)["can_propose_changes"]


def _service_takes_proposal(*, user, page) -> bool:
    try:
        submission_propose_changes(page=page, user=user)
    except PermissionDenied:
        return False
    return True


def test_the_page_offers_propose_changes_exactly_when_the_service_takes_it(moderator):
    vendor = VendorFactory()
    owned = SolutionPageFactory(owner_organisation=vendor)
    for user in (member_of(vendor), moderator, member_of(VendorFactory()), UserFactory()):
        assert _page_offers_propose_changes(user=user, page=owned) == _service_takes_proposal(
            user=user, page=owned
        ), user
    # The moderator case is the one the page used to get wrong.
    assert _page_offers_propose_changes(user=moderator, page=owned)
