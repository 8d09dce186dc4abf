"""The lead's updates and following a campaign (``pledges.services.tending``)."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from hub.factories import UserFactory
from listings.factories import SolutionPageFactory
from listings.models import SolutionUpdate, SolutionUpdateKind
from pledges.factories import CampaignFactory
from pledges.models import CampaignFollow, CampaignUpdate
from pledges.services.tending import campaign_follow, campaign_post_update, campaign_unfollow

pytestmark = pytest.mark.django_db


def test_only_the_lead_posts_updates_and_anyone_else_is_told_so(campaign):
    with pytest.raises(PermissionDenied) as refused:
        campaign_post_update(user=UserFactory(), campaign=campaign, text="News.")

    assert str(refused.value) == "Only the campaign's lead posts updates, while it is running."
    assert not CampaignUpdate.objects.filter(campaign=campaign).exists()


def test_an_anonymous_visitor_is_asked_to_sign_in_to_follow(campaign):
    with pytest.raises(PermissionDenied) as refused:
        campaign_follow(user=AnonymousUser(), campaign=campaign)

    assert str(refused.value) == "Sign in to follow a campaign."


def test_unfollowing_stops_only_that_persons_follow_of_that_campaign(campaign):
    follower, other = UserFactory(), UserFactory()
    elsewhere = CampaignFactory()
    for user, followed in ((follower, campaign), (other, campaign), (follower, elsewhere)):
        campaign_follow(user=user, campaign=followed)

    assert campaign_unfollow(user=follower, campaign=campaign) is True
    assert campaign_unfollow(user=follower, campaign=campaign) is False

    assert set(CampaignFollow.objects.values_list("user", "campaign")) == {
        (other.pk, campaign.pk),
        (follower.pk, elsewhere.pk),
    }


def test_a_leads_update_is_stored_as_written_and_tells_the_solutions_followers(campaign):
    campaign.solution = SolutionPageFactory()
    campaign.save()

    update = campaign_post_update(
        user=campaign.lead_user, campaign=campaign, text="  Six councils are in.  "
    )

    update.refresh_from_db()
    campaign.refresh_from_db()
    assert (update.text, update.stage, update.author) == (
        "Six councils are in.",
        "",
        campaign.lead_user,
    )
    assert campaign.last_update_at == update.created_at
    news = SolutionUpdate.objects.get(solution=campaign.solution)
    assert news.kind == SolutionUpdateKind.NEW_CAMPAIGN
    assert news.text == (
        f"Update on the co-funding campaign “{campaign.title}”: Six councils are in."
    )


def test_an_update_with_no_text_is_refused_on_its_field(campaign):
    with pytest.raises(ValidationError) as refused:
        campaign_post_update(user=campaign.lead_user, campaign=campaign, text=None)

    assert refused.value.message_dict == {"text": ["Write the update."]}
    assert not CampaignUpdate.objects.filter(campaign=campaign).exists()


def test_an_update_longer_than_2000_characters_is_refused_and_2000_are_kept(campaign):
    with pytest.raises(ValidationError) as refused:
        campaign_post_update(user=campaign.lead_user, campaign=campaign, text="x" * 2001)
    update = campaign_post_update(user=campaign.lead_user, campaign=campaign, text="x" * 2000)

    assert refused.value.message_dict == {"text": ["Keep the update to 2000 characters."]}
    assert list(CampaignUpdate.objects.filter(campaign=campaign)) == [update]
