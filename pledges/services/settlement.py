"""Settlement: at the deadline an open campaign becomes funded or unsuccessful, once.

* All-or-nothing (the default): funded when the councils' money reaches the target *and*
  enough councils pledged; otherwise unsuccessful and every pledge is released.
* Keep-what-is-pledged: funded at whatever was pledged, if anything was.
* Funded: every live pledge becomes a commitment (to raise a purchase order) for what it
  pledged; a match funder's share (1:1 up to its cap) is counted now, and only now.

Settling is idempotent: it takes the campaign's row lock and does nothing unless the
campaign is still open and past its deadline, so cron may run ``settle_campaigns`` as
often as it likes, even twice at once. Every pledging council is emailed after commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pledges.models import (
    Campaign,
    CampaignState,
    Commitment,
    FundingModel,
    LedgerKind,
    Pledge,
    PledgeStatus,
)
from pledges.notifications import settlement_emails_send
from pledges.permissions import user_can_manage
from pledges.services.common import lock_campaign, require
from pledges.services.ledger import ledger_append
from pledges.services.lifecycle import campaign_move, release_live_pledges


def reaches_target(campaign: Campaign) -> bool:
    """Whether the campaign, settled now, would be funded."""
    if campaign.funding_model == FundingModel.KEEP_WHAT_IS_PLEDGED:
        return campaign.council_count > 0
    return (
        campaign.pledged_gbp >= campaign.target_gbp
        and campaign.council_count >= campaign.min_councils
    )


def match_amount(campaign: Campaign):
    """The match funder's share: 1:1 with the councils' money, up to its cap."""
    if campaign.match_funder_id is None or campaign.match_cap_gbp is None:
        return None
    return min(campaign.match_cap_gbp, campaign.pledged_gbp)


def _commit_live_pledges(campaign: Campaign, *, now: datetime) -> int:
    pledges = list(
        Pledge.objects.select_for_update().filter(campaign=campaign, status=PledgeStatus.PLEDGED)
    )
    for pledge in pledges:
        pledge.status = PledgeStatus.COMMITTED
        pledge.save(update_fields=["status", "updated_at"])
        Commitment.objects.create(
            pledge=pledge,
            campaign=campaign,
            council_id=pledge.council_id,
            amount_gbp=pledge.amount_gbp,
            staff_days=pledge.staff_days,
        )
        ledger_append(
            campaign=campaign,
            pledge=pledge,
            kind=LedgerKind.COMMITTED,
            amount_before=pledge.amount_gbp,
            amount_after=pledge.amount_gbp,
            staff_days_before=pledge.staff_days,
            staff_days_after=pledge.staff_days,
            actor=None,
            reason="The campaign was funded: the pledge became a commitment.",
            now=now,
        )
    return len(pledges)


@dataclass
class Settlement:
    campaign: Campaign
    #: False: nothing to do (not open, or its deadline has not passed).
    settled: bool
    funded: bool = False
    pledges: int = 0
    notified_councils: list[int] = field(default_factory=list)


@transaction.atomic
def campaign_settle(*, campaign: Campaign | int, now: datetime | None = None) -> Settlement:
    """Settle one campaign if it is open and past its deadline; otherwise change nothing."""
    now = now or timezone.now()
    campaign = lock_campaign(campaign)
    if campaign.state != CampaignState.OPEN or now < campaign.closes_at:
        return Settlement(campaign=campaign, settled=False)
    funded = reaches_target(campaign)
    campaign.settled_at = now
    campaign.settled_gbp = campaign.pledged_gbp
    campaign.settled_council_count = campaign.council_count
    councils = list(
        Pledge.objects.live().filter(campaign=campaign).values_list("council_id", flat=True)
    )
    if funded:
        campaign.match_gbp = match_amount(campaign)
        count = _commit_live_pledges(campaign, now=now)
        campaign_move(campaign, CampaignState.FUNDED)
    else:
        count = release_live_pledges(
            campaign,
            actor=None,
            reason="The campaign did not reach its target by the deadline: the pledge is released.",
            now=now,
        )
        campaign_move(campaign, CampaignState.UNSUCCESSFUL)
    campaign.save(update_fields=["settled_at", "settled_gbp", "settled_council_count", "match_gbp"])
    campaign_id = campaign.pk
    transaction.on_commit(lambda: settlement_emails_send(campaign_id=campaign_id))
    return Settlement(
        campaign=campaign, settled=True, funded=funded, pledges=count, notified_councils=councils
    )


@transaction.atomic
def campaign_close_early(*, user, campaign: Campaign, now: datetime | None = None) -> Settlement:
    """The lead closes pledging before the deadline; the campaign is settled at once."""
    now = now or timezone.now()
    campaign = lock_campaign(campaign)
    require(user_can_manage(user=user, campaign=campaign), "Only the lead can close the campaign.")
    if campaign.state != CampaignState.OPEN:
        raise ValidationError("Only an open campaign can be closed.")
    if now <= campaign.opens_at:
        raise ValidationError("It has not opened yet: cancel it instead.")
    campaign.closes_at = min(campaign.closes_at, now)
    campaign.save(update_fields=["closes_at", "updated_at"])
    return campaign_settle(campaign=campaign, now=now)


@dataclass
class SettleStats:
    due: int = 0
    funded: int = 0
    unsuccessful: int = 0
    skipped: int = 0


def campaigns_settle_due(*, now: datetime | None = None, progress=None) -> SettleStats:
    """Settle every open campaign past its deadline, one transaction each."""
    now = now or timezone.now()
    due = list(
        Campaign.objects.filter(state=CampaignState.OPEN, closes_at__lte=now)
        .order_by("closes_at", "pk")
        .values_list("pk", flat=True)
    )
    stats = SettleStats(due=len(due))
    for pk in progress(due) if progress else due:
        result = campaign_settle(campaign=pk, now=now)
        if not result.settled:
            stats.skipped += 1  # another run got there first
        elif result.funded:
            stats.funded += 1
        else:
            stats.unsuccessful += 1
    return stats
