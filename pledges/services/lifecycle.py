"""A campaign's life: proposed, submitted, approved (open), then cancelled if need be.

Settlement (open → funded or unsuccessful) is in ``settlement``, delivery (funded → in
delivery → delivered) in ``delivery``. Every move goes through :func:`campaign_move`,
which checks :data:`TRANSITIONS` under the campaign's row lock; the database refuses
any state not in ``CampaignState``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify

from hub.models import Organisation, ServiceArea
from hub.permissions import user_is_approved_member
from listings.follows.services import solution_update_record
from listings.models import SolutionPage, SolutionUpdateKind
from pledges.models import (
    Campaign,
    CampaignKind,
    CampaignState,
    Commitment,
    CommitmentStatus,
    FundingModel,
    LedgerKind,
    Pledge,
    PledgeStatus,
)
from pledges.money import ZERO, ZERO_DAYS
from pledges.notifications import moderation_email_send
from pledges.permissions import (
    user_can_approve,
    user_can_cancel,
    user_can_edit_draft,
    user_can_propose,
)
from pledges.services.common import lock_campaign, require
from pledges.services.ledger import ledger_append

S = CampaignState
#: Every allowed move; anything else is refused.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.CANCELLED}),
    S.SUBMITTED: frozenset({S.OPEN, S.DRAFT, S.CANCELLED}),
    S.OPEN: frozenset({S.FUNDED, S.UNSUCCESSFUL, S.CANCELLED}),
    S.FUNDED: frozenset({S.IN_DELIVERY, S.CANCELLED}),
    S.UNSUCCESSFUL: frozenset({S.CANCELLED}),
    S.IN_DELIVERY: frozenset({S.DELIVERED, S.CANCELLED}),
    S.DELIVERED: frozenset(),
    S.CANCELLED: frozenset(),
}


def check_transition(campaign: Campaign, to: str) -> None:
    """Refuse (ValidationError) a move :data:`TRANSITIONS` does not allow.

    Services call it before asking who is acting, so a move that cannot happen is
    explained as such, whoever asks.
    """
    if to not in TRANSITIONS.get(campaign.state, ()):
        raise ValidationError(
            f"A campaign that is {campaign.get_state_display().lower()} cannot become "
            f"{CampaignState(to).label.lower()}."
        )


def campaign_move(campaign: Campaign, to: str) -> Campaign:
    """Move a locked campaign to state ``to``, if :data:`TRANSITIONS` allows it."""
    check_transition(campaign, to)
    campaign.state = to
    campaign.save(update_fields=["state", "updated_at"])
    return campaign


#: Addresses under /campaigns/ that are pages, not campaigns.
RESERVED_SLUGS = frozenset({"propose", "waiting"})


def unique_campaign_slug(title: str) -> str:
    base = slugify(title)[:100] or "campaign"
    slug, suffix = base, 2
    while slug in RESERVED_SLUGS or Campaign.objects.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug


def _check_people(*, council: Organisation, lead_user, solution: SolutionPage | None) -> None:
    if not user_is_approved_member(user=lead_user, organisation=council):
        raise ValidationError(
            {"lead_user": f"The lead must be an approved member of {council.name}."}
        )
    if solution is not None and not solution.live:
        raise ValidationError({"solution": "Link a published listing."})


@transaction.atomic
def campaign_propose(
    *,
    user,
    council: Organisation,
    title: str,
    pitch: str,
    problem: str,
    outcomes: str,
    business_case: str,
    procurement_route: str,
    budget_year: str,
    target_gbp: Decimal,
    min_councils: int,
    opens_at: datetime,
    closes_at: datetime,
    lead_user=None,
    kind: str = CampaignKind.PROOF_OF_CONCEPT,
    funding_model: str = FundingModel.ALL_OR_NOTHING,
    solution: SolutionPage | None = None,
    service_areas: Iterable[ServiceArea] = (),
    min_pledge_gbp: Decimal | None = None,
    max_pledge_gbp: Decimal | None = None,
    max_total_gbp: Decimal | None = None,
    match_funder: Organisation | None = None,
    match_cap_gbp: Decimal | None = None,
    is_demo: bool = False,
) -> Campaign:
    """A procurement lead of ``council`` proposes a campaign: a draft, not yet public."""
    require(
        user_can_propose(user=user, council=council),
        f"Only approved procurement leads of {council.name} can propose campaigns for it.",
    )
    lead_user = lead_user or user
    _check_people(council=council, lead_user=lead_user, solution=solution)
    campaign = Campaign(
        slug=unique_campaign_slug(title),
        title=title.strip(),
        kind=kind,
        pitch=pitch.strip(),
        problem=problem.strip(),
        outcomes=outcomes.strip(),
        business_case=business_case.strip(),
        procurement_route=procurement_route.strip(),
        budget_year=budget_year,
        target_gbp=target_gbp,
        min_councils=min_councils,
        min_pledge_gbp=min_pledge_gbp,
        max_pledge_gbp=max_pledge_gbp,
        max_total_gbp=max_total_gbp,
        funding_model=funding_model,
        opens_at=opens_at,
        closes_at=closes_at,
        lead_council=council,
        lead_user=lead_user,
        proposed_by=user,
        match_funder=match_funder,
        match_cap_gbp=match_cap_gbp,
        solution=solution,
        is_demo=is_demo,
    )
    campaign.full_clean()
    if closes_at <= timezone.now():
        raise ValidationError({"closes_at": "The deadline must be in the future."})
    campaign.save()
    campaign.service_areas.set(list(service_areas))
    return campaign


#: What a proposer may change in a draft (everything ``campaign_propose`` sets but the
#: council, the proposer and the demo flag).
REVISABLE_FIELDS = (
    "title",
    "kind",
    "pitch",
    "problem",
    "outcomes",
    "business_case",
    "procurement_route",
    "budget_year",
    "target_gbp",
    "min_councils",
    "min_pledge_gbp",
    "max_pledge_gbp",
    "max_total_gbp",
    "funding_model",
    "opens_at",
    "closes_at",
    "lead_user",
    "solution",
    "match_funder",
    "match_cap_gbp",
)


@transaction.atomic
def campaign_revise(
    *, user, campaign: Campaign, service_areas: Iterable[ServiceArea] = (), **fields
) -> Campaign:
    """The proposer or lead changes a draft (one a moderator sent back, say)."""
    unknown = sorted(set(fields) - set(REVISABLE_FIELDS))
    if unknown:
        raise TypeError(f"Not revisable: {', '.join(unknown)}")
    campaign = lock_campaign(campaign)
    require(
        user_can_edit_draft(user=user, campaign=campaign),
        "Only the proposer or the lead can change this draft.",
    )
    for name, value in fields.items():
        setattr(campaign, name, value.strip() if isinstance(value, str) else value)
    _check_people(
        council=campaign.lead_council, lead_user=campaign.lead_user, solution=campaign.solution
    )
    campaign.full_clean()
    if campaign.closes_at <= timezone.now():
        raise ValidationError({"closes_at": "The deadline must be in the future."})
    campaign.save()
    campaign.service_areas.set(list(service_areas))
    return campaign


@transaction.atomic
def campaign_submit(*, user, campaign: Campaign, now: datetime | None = None) -> Campaign:
    """The proposer or lead sends a draft to the moderators for approval."""
    campaign = lock_campaign(campaign)
    check_transition(campaign, CampaignState.SUBMITTED)
    require(
        user_can_edit_draft(user=user, campaign=campaign),
        "Only the proposer or the lead can send this draft for approval.",
    )
    campaign_move(campaign, CampaignState.SUBMITTED)
    campaign.submitted_at = now or timezone.now()
    campaign.save(update_fields=["submitted_at"])
    return campaign


@transaction.atomic
def campaign_approve(*, user, campaign: Campaign, now: datetime | None = None) -> Campaign:
    """A moderator approves: the campaign is public and takes pledges from its opening date.

    Followers of a linked solution hear about it in their next digest.
    """
    now = now or timezone.now()
    campaign = lock_campaign(campaign)
    check_transition(campaign, CampaignState.OPEN)
    require(user_can_approve(user=user, campaign=campaign), "Only moderators approve campaigns.")
    if campaign.closes_at <= now:
        raise ValidationError(
            "Its deadline has passed: send it back so the proposer can set a new one."
        )
    campaign_move(campaign, CampaignState.OPEN)
    campaign.approved_at, campaign.approved_by, campaign.moderator_comment = now, user, ""
    campaign.save(update_fields=["approved_at", "approved_by", "moderator_comment"])
    campaign_id = campaign.pk
    transaction.on_commit(lambda: moderation_email_send(campaign_id=campaign_id, approved=True))
    if campaign.solution_id is not None:
        deadline = date_format(timezone.localtime(campaign.closes_at), "j F Y")
        solution_update_record(
            solution=campaign.solution,
            kind=SolutionUpdateKind.NEW_CAMPAIGN,
            text=(
                f"{campaign.lead_council.name} is leading a co-funding campaign, "
                f"“{campaign.title}”: councils can pledge until {deadline}."
            ),
        )
    return campaign


@transaction.atomic
def campaign_send_back(*, user, campaign: Campaign, comment: str) -> Campaign:
    """A moderator returns a campaign to draft with what to change."""
    campaign = lock_campaign(campaign)
    check_transition(campaign, CampaignState.DRAFT)
    require(user_can_approve(user=user, campaign=campaign), "Only moderators send campaigns back.")
    if not comment.strip():
        raise ValidationError({"comment": "Say what the proposer should change."})
    campaign_move(campaign, CampaignState.DRAFT)
    campaign.moderator_comment = comment.strip()
    campaign.save(update_fields=["moderator_comment"])
    campaign_id = campaign.pk
    transaction.on_commit(lambda: moderation_email_send(campaign_id=campaign_id, approved=False))
    return campaign


def release_live_pledges(campaign: Campaign, *, actor, reason: str, now: datetime) -> int:
    """Release every live pledge of a locked campaign (the ledger takes their money off)."""
    pledges = list(Pledge.objects.live().select_for_update().filter(campaign=campaign))
    for pledge in pledges:
        pledge.status = PledgeStatus.RELEASED
        pledge.save(update_fields=["status", "updated_at"])
        ledger_append(
            campaign=campaign,
            pledge=pledge,
            kind=LedgerKind.RELEASED,
            amount_before=pledge.amount_gbp,
            amount_after=ZERO,
            staff_days_before=pledge.staff_days,
            staff_days_after=ZERO_DAYS,
            actor=actor,
            reason=reason,
            now=now,
        )
    return len(pledges)


@transaction.atomic
def campaign_cancel(
    *, user, campaign: Campaign, reason: str, now: datetime | None = None
) -> Campaign:
    """The lead or a moderator cancels a campaign before it is delivered.

    Live pledges are released and unpaid commitments cancelled; paid ones stay as paid.
    """
    now = now or timezone.now()
    campaign = lock_campaign(campaign)
    check_transition(campaign, CampaignState.CANCELLED)
    require(
        user_can_cancel(user=user, campaign=campaign),
        "Only the lead or a moderator can cancel this campaign.",
    )
    if not reason.strip():
        raise ValidationError({"reason": "Say why the campaign is cancelled."})
    campaign_move(campaign, CampaignState.CANCELLED)
    campaign.cancelled_at, campaign.cancel_reason = now, reason.strip()
    campaign.save(update_fields=["cancelled_at", "cancel_reason"])
    Commitment.objects.filter(campaign=campaign).exclude(status=CommitmentStatus.PAID).update(
        status=CommitmentStatus.CANCELLED
    )
    release_live_pledges(
        campaign, actor=user, reason=f"Campaign cancelled: {campaign.cancel_reason}", now=now
    )
    return campaign
