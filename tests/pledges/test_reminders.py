"""Reminders and digests from ``send_campaign_reminders``: each sent once, to the right people."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from hub.factories import CouncilFactory, MembershipFactory, UserFactory
from listings.factories import SolutionPageFactory
from listings.follows.services import solution_follow
from pledges import notifications
from pledges.factories import CampaignFactory, PledgeFactory, procurement_lead
from pledges.models import CampaignState, ReminderKind, ReminderSent
from pledges.presenters import stale_label
from pledges.services.reminders import (
    deadline_recipients,
    reminders_send,
    updates_digest_for,
)
from pledges.services.tending import campaign_follow, campaign_post_update

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


def recipients(kind=None):
    return sorted(address for message in mail.outbox for address in message.to)


# The quiet lead


def test_a_lead_quiet_for_30_days_is_reminded_once(campaign):
    now = campaign.approved_at + timedelta(days=31)

    first = reminders_send(now=now)
    second = reminders_send(now=now + timedelta(hours=1))

    assert (first.lead_quiet, second.lead_quiet, second.already_sent) == (1, 0, 1)
    (message,) = mail.outbox
    assert message.to == [campaign.lead_user.email]
    assert message.subject == f"No update on “{campaign.title}” for 31 days"
    assert ReminderSent.objects.get().kind == ReminderKind.LEAD_QUIET


def test_a_lead_who_posted_recently_is_not_reminded(campaign):
    campaign_post_update(
        user=campaign.lead_user,
        campaign=campaign,
        text="Three councils are in.",
        now=campaign.approved_at + timedelta(days=25),
    )

    stats = reminders_send(now=campaign.approved_at + timedelta(days=40))

    assert stats.lead_quiet == 0
    assert not [m for m in mail.outbox if m.to == [campaign.lead_user.email]]


def test_a_new_quiet_spell_brings_a_new_reminder(campaign):
    reminders_send(now=campaign.approved_at + timedelta(days=31))
    posted = campaign.approved_at + timedelta(days=32)
    campaign_post_update(user=campaign.lead_user, campaign=campaign, text="News.", now=posted)

    stats = reminders_send(now=posted + timedelta(days=30))

    assert stats.lead_quiet == 1
    assert ReminderSent.objects.filter(kind=ReminderKind.LEAD_QUIET).count() == 2


def test_every_quiet_lead_reminded_and_every_reminder_already_sent_is_counted():
    campaigns = [CampaignFactory(), CampaignFactory()]
    now = campaigns[-1].approved_at + timedelta(days=31)

    first = reminders_send(now=now)
    second = reminders_send(now=now + timedelta(hours=1))

    assert (first.lead_quiet, second.already_sent) == (2, 2)


def test_a_lead_who_posted_recently_does_not_stop_the_next_quiet_lead_being_reminded():
    busy = CampaignFactory(closes_at=timezone.now() + timedelta(days=40))
    quiet = CampaignFactory(closes_at=timezone.now() + timedelta(days=50))
    now = quiet.approved_at + timedelta(days=31)
    campaign_post_update(
        user=busy.lead_user, campaign=busy, text="Two more councils.", now=now - timedelta(days=2)
    )

    reminders_send(now=now)

    assert [message.to for message in mail.outbox] == [[quiet.lead_user.email]]


def test_the_page_says_when_the_lead_has_gone_quiet(campaign):
    assert stale_label(campaign, now=campaign.approved_at + timedelta(days=29)) == ""
    assert (
        stale_label(campaign, now=campaign.approved_at + timedelta(days=34, hours=2))
        == "Last update 34 days ago"
    )


# Before the deadline


@pytest.fixture
def audience(campaign):
    """A follower; a council following the linked solution that has not pledged (a member who
    follows it, and its procurement lead); and one that has pledged."""
    solution = SolutionPageFactory()
    campaign.solution = solution
    campaign.save()
    follower = UserFactory(email="follower@example.org")
    campaign_follow(user=follower, campaign=campaign)
    waiting = CouncilFactory(name="Waitingshire")
    watcher = MembershipFactory(
        organisation=waiting, user=UserFactory(email="watcher@example.org")
    ).user
    solution_follow(user=watcher, solution=solution)
    waiting_lead = procurement_lead(waiting)
    waiting_lead.email = "waiting-lead@example.org"
    waiting_lead.save()
    pledged = CouncilFactory(name="Pledgeshire")
    pledged_watcher = MembershipFactory(
        organisation=pledged, user=UserFactory(email="pledged@example.org")
    ).user
    solution_follow(user=pledged_watcher, solution=solution)
    PledgeFactory(campaign=campaign, council=pledged)
    unrelated = MembershipFactory(organisation=waiting, user=UserFactory(email="other@example.org"))
    assert unrelated
    return {"follower": follower, "watcher": watcher, "waiting_lead": waiting_lead}


def test_deadline_reminders_go_to_followers_and_councils_that_follow_but_have_not_pledged(
    campaign, audience
):
    people = {user.email for user in deadline_recipients(campaign)}

    assert people == {"follower@example.org", "watcher@example.org", "waiting-lead@example.org"}
    assert campaign.lead_user.email not in people


def test_a_council_that_pledged_to_another_campaign_is_still_reminded(campaign, audience):
    other = CouncilFactory(name="Elsewhereshire")
    member = MembershipFactory(organisation=other, user=UserFactory(email="elsewhere@example.org"))
    solution_follow(user=member.user, solution=campaign.solution)
    PledgeFactory(campaign=CampaignFactory(), council=other)

    assert "elsewhere@example.org" in {user.email for user in deadline_recipients(campaign)}


def test_a_member_following_another_solution_is_not_reminded(campaign, audience):
    other = CouncilFactory(name="Othershire")
    member = MembershipFactory(organisation=other, user=UserFactory(email="others@example.org"))
    solution_follow(user=member.user, solution=SolutionPageFactory())

    assert "others@example.org" not in {user.email for user in deadline_recipients(campaign)}


def test_procurement_leads_of_councils_that_follow_nothing_are_not_reminded(campaign, audience):
    quiet_lead = procurement_lead(CouncilFactory(name="Quietshire"))

    assert quiet_lead not in deadline_recipients(campaign)


def test_a_lead_who_follows_their_own_campaign_is_not_reminded(campaign, audience):
    campaign_follow(user=campaign.lead_user, campaign=campaign)

    assert campaign.lead_user not in deadline_recipients(campaign)


def test_seven_days_before_then_one_day_before_each_once(campaign, audience):
    week_before = campaign.closes_at - timedelta(days=6, hours=20)
    day_before = campaign.closes_at - timedelta(hours=20)

    first = reminders_send(now=week_before)
    again = reminders_send(now=week_before + timedelta(hours=2))
    last = reminders_send(now=day_before)
    last_again = reminders_send(now=day_before + timedelta(hours=1))

    assert (first.deadline_7, again.deadline_7, last.deadline_1, last_again.deadline_1) == (
        3,
        0,
        3,
        0,
    )
    subjects = [m.subject for m in mail.outbox if "closes" in m.subject]
    assert subjects.count(f"“{campaign.title}” closes in 7 days") == 3
    assert subjects.count(f"“{campaign.title}” closes tomorrow") == 3
    assert len(subjects) == 6


def test_a_rerun_counts_the_deadline_reminders_already_sent(campaign, audience):
    week_before = campaign.closes_at - timedelta(days=6)
    reminders_send(now=week_before)

    again = reminders_send(now=week_before + timedelta(hours=2))

    assert (again.deadline_7, again.already_sent) == (0, 3)


def test_the_reminder_a_week_before_says_the_campaign_closes_in_7_days(campaign, audience):
    reminders_send(now=campaign.closes_at - timedelta(days=6))

    assert {m.subject for m in mail.outbox} == {f"“{campaign.title}” closes in 7 days"}


def test_a_run_exactly_a_day_before_the_deadline_sends_the_one_day_reminder(campaign, audience):
    stats = reminders_send(now=campaign.closes_at - timedelta(days=1))

    assert (stats.deadline_7, stats.deadline_1) == (0, 3)


def test_a_run_just_over_a_day_before_the_deadline_sends_the_seven_day_reminder(campaign, audience):
    stats = reminders_send(now=campaign.closes_at - timedelta(days=1, seconds=1))

    assert (stats.deadline_7, stats.deadline_1) == (3, 0)


def test_a_campaign_no_longer_open_gets_no_deadline_reminder(campaign, audience):
    campaign.state = CampaignState.FUNDED
    campaign.save()

    stats = reminders_send(now=campaign.closes_at - timedelta(days=6))

    assert (stats.deadline_7, stats.deadline_1) == (0, 0)


def test_a_campaign_that_has_not_opened_yet_gets_no_deadline_reminder(campaign, audience):
    campaign.opens_at = campaign.closes_at - timedelta(days=5)
    campaign.save()

    stats = reminders_send(now=campaign.closes_at - timedelta(days=6))

    assert (stats.deadline_7, stats.deadline_1) == (0, 0)


def test_a_run_inside_the_last_day_sends_only_the_one_day_reminder(campaign, audience):
    stats = reminders_send(now=campaign.closes_at - timedelta(hours=3))

    assert (stats.deadline_7, stats.deadline_1) == (0, 3)


def test_no_deadline_reminder_more_than_a_week_out_or_after_it(campaign, audience):
    early = reminders_send(now=campaign.closes_at - timedelta(days=8))
    late = reminders_send(now=campaign.closes_at + timedelta(minutes=1))

    assert early.deadline_7 == early.deadline_1 == late.deadline_7 == late.deadline_1 == 0


def test_a_moved_deadline_is_a_new_occasion(campaign, audience):
    reminders_send(now=campaign.closes_at - timedelta(days=6))
    campaign.closes_at += timedelta(days=3)
    campaign.save()

    stats = reminders_send(now=campaign.closes_at - timedelta(days=6))

    assert stats.deadline_7 == 3


def test_an_email_that_fails_is_tried_again_next_run(campaign, audience, monkeypatch):
    def broken(**kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("pledges.services.reminders.deadline_email_send", broken)
    with pytest.raises(OSError):
        reminders_send(now=campaign.closes_at - timedelta(days=6))
    assert not ReminderSent.objects.exists()

    monkeypatch.setattr(
        "pledges.services.reminders.deadline_email_send", notifications.deadline_email_send
    )
    assert reminders_send(now=campaign.closes_at - timedelta(days=6)).deadline_7 == 3


# Update digests


def test_followers_get_each_update_once_in_a_digest(campaign):
    follower = UserFactory()
    campaign_follow(user=follower, campaign=campaign)
    campaign_post_update(user=campaign.lead_user, campaign=campaign, text="Six councils are in.")

    first = reminders_send()
    second = reminders_send()
    campaign_post_update(user=campaign.lead_user, campaign=campaign, text="Bake-off next week.")
    third = reminders_send()

    assert (first.digests, second.digests, third.digests) == (1, 0, 1)
    digests = [m for m in mail.outbox if m.to == [follower.email]]
    assert "Six councils are in." in digests[0].body
    assert "Six councils are in." not in digests[1].body
    assert "Bake-off next week." in digests[1].body


def test_a_digest_lists_campaigns_by_title(campaign):
    follower = UserFactory()
    zebra = CampaignFactory(title="Zebra crossings survey")
    apple = CampaignFactory(title="Apple orchard register")
    for followed in (zebra, apple):
        campaign_follow(user=follower, campaign=followed)
        campaign_post_update(user=followed.lead_user, campaign=followed, text="News.")

    reminders_send()

    (digest,) = [m for m in mail.outbox if m.to == [follower.email]]
    assert digest.body.index(apple.title) < digest.body.index(zebra.title)


def test_every_follower_sent_a_digest_is_counted(campaign):
    for _ in range(2):
        campaign_follow(user=UserFactory(), campaign=campaign)
    campaign_post_update(user=campaign.lead_user, campaign=campaign, text="Six councils are in.")

    assert reminders_send().digests == 2


def test_an_inactive_follower_gets_no_digest(campaign):
    follower = UserFactory()
    campaign_follow(user=follower, campaign=campaign)
    follower.is_active = False
    follower.save()
    campaign_post_update(user=campaign.lead_user, campaign=campaign, text="Six councils are in.")

    assert reminders_send().digests == 0


def test_a_digest_lists_updates_by_their_date_oldest_first(campaign):
    campaign_follow(user=UserFactory(), campaign=campaign)
    posted = timezone.now()
    for text, at in (("Pilot starts in March.", posted), ("Route agreed.", posted - HOUR)):
        campaign_post_update(user=campaign.lead_user, campaign=campaign, text=text, now=at)

    reminders_send()

    (digest,) = mail.outbox
    assert digest.body.index("Route agreed.") < digest.body.index("Pilot starts in March.")


def test_a_digest_holds_only_the_new_updates_of_each_campaign():
    follower = UserFactory()
    alpha = CampaignFactory(title="Alpha register")
    beta = CampaignFactory(title="Beta register")
    for followed in (alpha, beta):
        campaign_follow(user=follower, campaign=followed)
    campaign_post_update(user=alpha.lead_user, campaign=alpha, text="Alpha kicked off.")
    updates_digest_for(user=follower)
    campaign_post_update(user=beta.lead_user, campaign=beta, text="Beta kicked off.")
    mail.outbox.clear()

    assert updates_digest_for(user=follower) == 1
    (digest,) = mail.outbox
    assert digest.subject == f"News about “{beta.title}”"
    assert "Alpha kicked off." not in digest.body


def test_updates_before_following_are_not_sent(campaign):
    campaign_post_update(user=campaign.lead_user, campaign=campaign, text="Old news.")
    campaign_follow(user=UserFactory(), campaign=campaign)

    assert reminders_send().digests == 0


def test_the_command_reports_what_it_sent(campaign):
    campaign.approved_at = timezone.now() - timedelta(days=40)
    campaign.save()
    out = StringIO()

    call_command("send_campaign_reminders", stdout=out)

    assert "1 to quiet leads" in out.getvalue()
    assert recipients() == [campaign.lead_user.email]
