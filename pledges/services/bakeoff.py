"""The bake-off: criteria first, then bids, declarations, scores and the lead's decisions.

Order matters and is enforced here: the lead publishes weighted criteria (while the
campaign is open or funded); bidding opens once it is funded and the criteria are
published; the lead closes bidding; each pledging council declares conflicts of
interest, then scores every bid it is not conflicted on against every criterion, once;
when every council has scored, the lead selects bids for a proof of concept and then one
winner, giving reasons. Nothing is edited after the fact.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from hub.models import Organisation
from pledges.models import (
    Bid,
    BidStatus,
    Campaign,
    CampaignState,
    ConflictDeclaration,
    Criterion,
    Decision,
    DecisionKind,
    Score,
)
from pledges.models.bids import ATTACHMENT_EXTENSIONS, ATTACHMENT_MAX_BYTES
from pledges.models.choices import MAX_SCORE
from pledges.permissions import bid_refusal, score_refusal, user_can_decide, user_can_manage
from pledges.selectors import scoring_complete
from pledges.services.common import clean_money, lock_campaign, refuse, require

TEXT_MAX_LENGTH = 5000
#: What each allowed attachment type starts with (ODT and DOCX are ZIP files).
ATTACHMENT_SIGNATURES = {"pdf": (b"%PDF-",), "odt": (b"PK\x03\x04",), "docx": (b"PK\x03\x04",)}


@dataclass(frozen=True)
class CriterionSpec:
    name: str
    weight: int
    description: str = ""


def _text(value: str, *, field: str, label: str, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: f"Enter {label}."})
    if len(value) > TEXT_MAX_LENGTH:
        raise ValidationError({field: f"Keep {label} to {TEXT_MAX_LENGTH} characters."})
    return value


@transaction.atomic
def criteria_set(*, user, campaign: Campaign, criteria: Iterable[CriterionSpec]) -> list[Criterion]:
    """The lead sets (or replaces) the scoring criteria and weights, until published."""
    campaign = lock_campaign(campaign)
    require(user_can_manage(user=user, campaign=campaign), "Only the lead sets the criteria.")
    if campaign.state not in (CampaignState.OPEN, CampaignState.FUNDED):
        raise ValidationError("Criteria are set while the campaign is open or funded.")
    if campaign.criteria_published_at is not None:
        raise ValidationError("The criteria are published, so they cannot change.")
    specs = list(criteria)
    if not specs:
        raise ValidationError({"criteria": "Give at least one criterion."})
    names = [spec.name.strip() for spec in specs]
    if any(not name for name in names):
        raise ValidationError({"criteria": "Give every criterion a name."})
    if len(set(names)) != len(names):
        raise ValidationError({"criteria": "Give each criterion a different name."})
    if any(not isinstance(s.weight, int) or not 1 <= s.weight <= 100 for s in specs):
        raise ValidationError({"criteria": "Give each criterion a weight from 1 to 100."})
    Criterion.objects.filter(campaign=campaign).delete()
    return [
        Criterion.objects.create(
            campaign=campaign,
            name=name,
            weight=spec.weight,
            description=spec.description.strip(),
            position=position,
        )
        for position, (name, spec) in enumerate(zip(names, specs, strict=True))
    ]


@transaction.atomic
def criteria_publish(*, user, campaign: Campaign, now: datetime | None = None) -> Campaign:
    """The lead publishes the criteria; once the campaign is funded, bidding is open."""
    campaign = lock_campaign(campaign)
    require(user_can_manage(user=user, campaign=campaign), "Only the lead publishes criteria.")
    if campaign.state not in (CampaignState.OPEN, CampaignState.FUNDED):
        raise ValidationError("Criteria are published while the campaign is open or funded.")
    if campaign.criteria_published_at is not None:
        raise ValidationError("The criteria are already published.")
    if not Criterion.objects.filter(campaign=campaign).exists():
        raise ValidationError("Set the criteria before publishing them.")
    campaign.criteria_published_at = now or timezone.now()
    campaign.save(update_fields=["criteria_published_at", "updated_at"])
    return campaign


def check_attachment(upload) -> None:
    """Refuse an attachment that is too large, or whose type or contents are not allowed."""
    if upload is None:
        return
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError({"attachment": "The attachment must be smaller than 5 MB."})
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError({"attachment": "The attachment must be a PDF, ODT, DOCX or TXT."})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if extension == "txt":
        try:
            upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError({"attachment": "A TXT attachment must be UTF-8 text."}) from None
        finally:
            upload.seek(0)
    elif not head.startswith(ATTACHMENT_SIGNATURES[extension]):
        raise ValidationError({"attachment": f"The attachment is not a {extension.upper()} file."})


@transaction.atomic
def bid_submit(
    *,
    user,
    campaign: Campaign,
    vendor: Organisation,
    approach: str,
    price_gbp: Decimal,
    timeline: str,
    team: str,
    attachment=None,
) -> Bid:
    """A member of a vendor bids once per campaign, while bidding is open."""
    campaign = lock_campaign(campaign)
    refuse(bid_refusal(user=user, campaign=campaign, vendor=vendor))
    if Bid.objects.filter(campaign=campaign, vendor=vendor).exists():
        raise ValidationError(f"{vendor.name} has already bid for this campaign.")
    check_attachment(attachment)
    bid = Bid(
        campaign=campaign,
        vendor=vendor,
        submitted_by=user,
        approach=_text(approach, field="approach", label="your approach"),
        price_gbp=clean_money(price_gbp, field="price_gbp", label="price", allow_zero=False),
        timeline=_text(timeline, field="timeline", label="the timeline"),
        team=_text(team, field="team", label="the team"),
    )
    if attachment is not None:
        bid.attachment = attachment
    bid.save()
    return bid


@transaction.atomic
def bidding_close(*, user, campaign: Campaign, now: datetime | None = None) -> Campaign:
    """The lead closes bidding; scoring starts."""
    campaign = lock_campaign(campaign)
    require(user_can_manage(user=user, campaign=campaign), "Only the lead closes bidding.")
    if campaign.state != CampaignState.FUNDED or campaign.criteria_published_at is None:
        raise ValidationError("Bidding is open only on a funded campaign with published criteria.")
    if campaign.bidding_closed_at is not None:
        raise ValidationError("Bidding has already closed.")
    if not Bid.objects.filter(campaign=campaign).exists():
        raise ValidationError("No vendor has bid yet.")
    campaign.bidding_closed_at = now or timezone.now()
    campaign.save(update_fields=["bidding_closed_at", "updated_at"])
    return campaign


@transaction.atomic
def conflict_declare(
    *,
    user,
    campaign: Campaign,
    council: Organisation,
    conflicted_bids: Iterable[Bid] = (),
    details: str = "",
) -> ConflictDeclaration:
    """A pledging council declares its conflicts of interest (or none) before it scores."""
    campaign = lock_campaign(campaign)
    refuse(score_refusal(user=user, campaign=campaign, council=council))
    bids = list(conflicted_bids)
    if any(bid.campaign_id != campaign.pk for bid in bids):
        raise ValidationError({"conflicted_bids": "Choose bids for this campaign."})
    details = _text(details, field="details", label="the conflict", required=bool(bids))
    try:
        with transaction.atomic():
            declaration = ConflictDeclaration.objects.create(
                campaign=campaign, council=council, declared_by=user, details=details
            )
    except IntegrityError:
        raise ValidationError(f"{council.name} has already made its declaration.") from None
    declaration.conflicted_bids.set(bids)
    return declaration


@transaction.atomic
def scores_record(
    *,
    user,
    campaign: Campaign,
    council: Organisation,
    scores: dict[tuple[int, int], tuple[int, str]],
) -> list[Score]:
    """A council scores every bid it is not conflicted on, against every criterion, once.

    ``scores`` maps (bid id, criterion id) to (score, comment).
    """
    campaign = lock_campaign(campaign)
    refuse(score_refusal(user=user, campaign=campaign, council=council))
    declaration = ConflictDeclaration.objects.filter(campaign=campaign, council=council).first()
    if declaration is None:
        raise ValidationError("Declare any conflict of interest before scoring.")
    if Score.objects.filter(bid__campaign=campaign, council=council).exists():
        raise ValidationError(f"{council.name} has already scored the bids.")
    conflicted = set(declaration.conflicted_bids.values_list("pk", flat=True))
    bids = list(Bid.objects.filter(campaign=campaign).values_list("pk", flat=True))
    criteria = list(Criterion.objects.filter(campaign=campaign).values_list("pk", flat=True))
    expected = {(bid, criterion) for bid in bids if bid not in conflicted for criterion in criteria}
    if set(scores) != expected:
        raise ValidationError(
            {"scores": "Score every bid you have no conflict with against every criterion."}
        )
    for value, _comment in scores.values():
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_SCORE:
            raise ValidationError(
                {"scores": f"Give each score as a whole number from 0 to {MAX_SCORE}."}
            )
    return [
        Score.objects.create(
            bid_id=bid,
            criterion_id=criterion,
            council=council,
            scored_by=user,
            score=value,
            comment=_text(comment, field="scores", label="a comment", required=False),
        )
        for (bid, criterion), (value, comment) in sorted(scores.items())
    ]


def _require_decision(user, campaign: Campaign) -> None:
    require(user_can_decide(user=user, campaign=campaign), "Only the lead decides, after bidding.")
    if not scoring_complete(campaign):
        raise ValidationError("Every pledging council must score the bids first.")


@transaction.atomic
def bids_shortlist(
    *, user, campaign: Campaign, bids: Iterable[Bid], reasons: str
) -> list[Decision]:
    """The lead selects one or more bids for a proof of concept, with reasons."""
    campaign = lock_campaign(campaign)
    _require_decision(user, campaign)
    wanted = list(dict.fromkeys(bid.pk for bid in bids))
    if not wanted:
        raise ValidationError({"bids": "Select at least one bid."})
    # Re-read under lock, in one query: the caller's copies may be stale.
    locked = Bid.objects.select_for_update().in_bulk(wanted)
    chosen = [locked[pk] for pk in wanted if pk in locked]
    if len(chosen) != len(wanted) or any(
        bid.campaign_id != campaign.pk or bid.status != BidStatus.SUBMITTED for bid in chosen
    ):
        raise ValidationError({"bids": "Select bids for this campaign not already selected."})
    reasons = _text(reasons, field="reasons", label="your reasons")
    decisions = []
    for bid in chosen:
        Bid.objects.filter(pk=bid.pk).update(status=BidStatus.SHORTLISTED)
        decisions.append(
            Decision.objects.create(
                campaign=campaign,
                bid=bid,
                kind=DecisionKind.SHORTLIST,
                reasons=reasons,
                decided_by=user,
            )
        )
    return decisions


@transaction.atomic
def bid_choose_winner(*, user, campaign: Campaign, bid: Bid, reasons: str) -> Decision:
    """The lead chooses the winner among the selected bids; the others are not selected."""
    campaign = lock_campaign(campaign)
    _require_decision(user, campaign)
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    if bid.campaign_id != campaign.pk or bid.status != BidStatus.SHORTLISTED:
        raise ValidationError({"bid": "Choose one of the bids selected for a proof of concept."})
    reasons = _text(reasons, field="reasons", label="your reasons")
    Bid.objects.filter(campaign=campaign).exclude(pk=bid.pk).update(status=BidStatus.NOT_SELECTED)
    bid.status = BidStatus.WON
    bid.save(update_fields=["status"])
    return Decision.objects.create(
        campaign=campaign, bid=bid, kind=DecisionKind.WINNER, reasons=reasons, decided_by=user
    )
