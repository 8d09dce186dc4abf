"""Nudges, run from cron (``manage.py send_campaign_reminders``), each sent once.

* A lead who has posted nothing for 30 days (since approval or their last update) is
  reminded once per quiet spell.
* 7 days and 1 day before the deadline, an open campaign's followers, and members of
  councils that follow the linked solution but have not pledged (those members who follow
  it, and the council's procurement leads), are reminded; a run that starts inside the
  last day sends only the 1-day reminder.
* Followers get a digest of the lead's new updates.

Every reminder is recorded in ``ReminderSent`` (unique per campaign, person, kind and
occasion) in the same transaction as its email, and the digest moves each follow's
cursor, so reruns and overlapping runs never send anything twice. An email that fails to
send rolls its record back, so the next run tries again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from hub.models import Membership, MembershipRole, User
from hub.models.organisations import OrganisationKind
from listings.models import SolutionFollow
from pledges.models import (
    Campaign,
    CampaignFollow,
    CampaignState,
    CampaignUpdate,
    Pledge,
    ReminderKind,
    ReminderSent,
)
from pledges.notifications import (
    deadline_email_send,
    lead_quiet_email_send,
    updates_digest_send,
)

QUIET_DAYS = 30
TENDED_STATES = (CampaignState.OPEN, CampaignState.FUNDED, CampaignState.IN_DELIVERY)


@dataclass
class ReminderStats:
    lead_quiet: int = 0
    deadline_7: int = 0
    deadline_1: int = 0
    digests: int = 0
    already_sent: int = 0


def last_activity(campaign: Campaign) -> datetime | None:
    """When the lead last said something: their last update, or the approval."""
    return campaign.last_update_at or campaign.approved_at


def _send_once(*, campaign: Campaign, user, kind: str, occasion: str, send) -> bool:
    """Record the reminder and send it in one transaction; False if it was already sent."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(campaign=campaign, user=user, kind=kind, occasion=occasion)
            send()
    except IntegrityError:
        return False
    return True


def _remind_quiet_leads(now: datetime, stats: ReminderStats) -> None:
    for campaign in Campaign.objects.filter(state__in=TENDED_STATES).select_related("lead_user"):
        since = last_activity(campaign)
        if since is None or now - since < timedelta(days=QUIET_DAYS):
            continue
        days = (now - since).days
        sent = _send_once(
            campaign=campaign,
            user=campaign.lead_user,
            kind=ReminderKind.LEAD_QUIET,
            occasion=since.isoformat(),
            send=lambda c=campaign, d=days: lead_quiet_email_send(campaign=c, days=d),
        )
        if sent:
            stats.lead_quiet += 1
        else:
            stats.already_sent += 1


def deadline_recipients(campaign: Campaign) -> list[User]:
    """Followers of the campaign, and people at councils that follow its solution but have
    not pledged: the members who follow it and the council's procurement leads."""
    people = {
        follow.user
        for follow in CampaignFollow.objects.filter(campaign=campaign).select_related("user")
    }
    if campaign.solution_id is not None:
        pledged = Pledge.objects.live().filter(campaign=campaign, council=OuterRef("organisation"))
        following = SolutionFollow.objects.filter(
            solution_id=campaign.solution_id, user=OuterRef("user")
        )
        memberships = (
            Membership.objects.approved()
            .filter(organisation__kind=OrganisationKind.COUNCIL)
            .annotate(pledged=Exists(pledged), follows=Exists(following))
            .filter(pledged=False)
            .select_related("user")
        )
        followers = list(memberships.filter(follows=True))
        councils = {m.organisation_id for m in followers}
        people |= {m.user for m in followers}
        people |= {
            m.user
            for m in memberships.filter(
                organisation_id__in=councils, role=MembershipRole.PROCUREMENT_LEAD
            )
        }
    people.discard(campaign.lead_user)
    return sorted(people, key=lambda user: user.pk)


def _remind_before_deadlines(now: datetime, stats: ReminderStats) -> None:
    campaigns = Campaign.objects.filter(
        state=CampaignState.OPEN,
        opens_at__lte=now,
        closes_at__gt=now,
        closes_at__lte=now + timedelta(days=7),
    ).select_related("lead_user", "solution")
    for campaign in campaigns:
        left = campaign.closes_at - now
        kind = (
            ReminderKind.DEADLINE_1_DAY
            if left <= timedelta(days=1)
            else ReminderKind.DEADLINE_7_DAYS
        )
        days_left = 1 if kind == ReminderKind.DEADLINE_1_DAY else 7
        for user in deadline_recipients(campaign):
            sent = _send_once(
                campaign=campaign,
                user=user,
                kind=kind,
                occasion=campaign.closes_at.isoformat(),
                send=lambda c=campaign, u=user, d=days_left: deadline_email_send(
                    campaign=c, user=u, days_left=d
                ),
            )
            if not sent:
                stats.already_sent += 1
            elif kind == ReminderKind.DEADLINE_1_DAY:
                stats.deadline_1 += 1
            else:
                stats.deadline_7 += 1


@transaction.atomic
def updates_digest_for(*, user) -> int:
    """Email ``user`` the new updates of the campaigns they follow; returns how many."""
    follows = list(
        CampaignFollow.objects.select_for_update(of=("self",))
        .filter(user=user)
        .select_related("campaign")
        .order_by("campaign__title", "pk")
    )
    if not follows or not user.is_active or not user.email:
        return 0
    updates = list(
        CampaignUpdate.objects.filter(
            campaign_id__in=[f.campaign_id for f in follows],
            pk__gt=min(f.last_update_sent_id for f in follows),
        ).order_by("created_at", "pk")
    )
    sections, moved = [], []
    for follow in follows:
        new = [
            u
            for u in updates
            if u.campaign_id == follow.campaign_id and u.pk > follow.last_update_sent_id
        ]
        if new:
            sections.append((follow.campaign, new))
            follow.last_update_sent_id = max(u.pk for u in new)
            moved.append(follow)
    if not sections:
        return 0
    updates_digest_send(user=user, sections=sections)
    CampaignFollow.objects.bulk_update(moved, ["last_update_sent_id"])
    return sum(len(new) for _, new in sections)


def reminders_send(*, now: datetime | None = None) -> ReminderStats:
    """Send every reminder and digest that is due; safe to run as often as cron likes."""
    now = now or timezone.now()
    stats = ReminderStats()
    _remind_quiet_leads(now, stats)
    _remind_before_deadlines(now, stats)
    for user in User.objects.filter(campaign_follows__isnull=False).distinct().order_by("pk"):
        if updates_digest_for(user=user):
            stats.digests += 1
    return stats
