"""The choices of the co-funding models, and which of them count as what."""

from django.db import models


class CampaignKind(models.TextChoices):
    PROOF_OF_CONCEPT = "proof_of_concept", "Joint proof of concept"
    CO_DEVELOPMENT = "co_development", "Co-development"


class CampaignState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for approval"
    OPEN = "open", "Open for pledges"
    FUNDED = "funded", "Funded"
    UNSUCCESSFUL = "unsuccessful", "Unsuccessful"
    IN_DELIVERY = "in_delivery", "In delivery"
    DELIVERED = "delivered", "Delivered"
    CANCELLED = "cancelled", "Cancelled"


class FundingModel(models.TextChoices):
    ALL_OR_NOTHING = "all_or_nothing", "All or nothing"
    KEEP_WHAT_IS_PLEDGED = "keep_what_is_pledged", "Keep what is pledged"


class DeliveryStage(models.TextChoices):
    DISCOVERY = "discovery", "Discovery"
    ALPHA = "alpha", "Alpha"
    BETA = "beta", "Beta"
    LIVE = "live", "Live"


class PledgeStatus(models.TextChoices):
    PLEDGED = "pledged", "Pledged"
    WITHDRAWN = "withdrawn", "Withdrawn"
    COMMITTED = "committed", "Committed"
    RELEASED = "released", "Released"


class SignOff(models.TextChoices):
    INDICATIVE = "indicative", "Indicative"
    BUDGET_HOLDER = "budget_holder", "Approved by the budget holder"


class LedgerKind(models.TextChoices):
    PLEDGED = "pledged", "Pledged"
    AMENDED = "amended", "Amended"
    WITHDRAWN = "withdrawn", "Withdrawn"
    COMMITTED = "committed", "Became a commitment"
    RELEASED = "released", "Released"
    ORDER_RAISED = "order_raised", "Purchase order raised"
    INVOICED = "invoiced", "Invoiced"
    PAID = "paid", "Paid"


class CommitmentStatus(models.TextChoices):
    COMMITTED = "committed", "Committed"
    ORDERED = "ordered", "Purchase order raised"
    INVOICED = "invoiced", "Invoiced"
    PAID = "paid", "Paid"
    CANCELLED = "cancelled", "Cancelled"


class BidStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    SHORTLISTED = "shortlisted", "Selected for a proof of concept"
    WON = "won", "Winner"
    NOT_SELECTED = "not_selected", "Not selected"


class DecisionKind(models.TextChoices):
    SHORTLIST = "shortlist", "Selected for a proof of concept"
    WINNER = "winner", "Chosen as the winner"


class ReminderKind(models.TextChoices):
    LEAD_QUIET = "lead_quiet", "No update for 30 days"
    DEADLINE_7_DAYS = "deadline_7", "7 days before the deadline"
    DEADLINE_1_DAY = "deadline_1", "1 day before the deadline"


#: A council's pledge that still counts towards the campaign (at most one per council).
LIVE_PLEDGE_STATUSES = (PledgeStatus.PLEDGED, PledgeStatus.COMMITTED)
#: Campaigns the public lists: those that got past moderation.
PUBLIC_STATES = (
    CampaignState.OPEN,
    CampaignState.FUNDED,
    CampaignState.UNSUCCESSFUL,
    CampaignState.IN_DELIVERY,
    CampaignState.DELIVERED,
    CampaignState.CANCELLED,
)
#: Campaigns whose money was raised: the exports and the bake-off cover these.
FUNDED_STATES = (CampaignState.FUNDED, CampaignState.IN_DELIVERY, CampaignState.DELIVERED)
#: Commitment statuses at or past each step of following the money.
ORDERED_STATUSES = (CommitmentStatus.ORDERED, CommitmentStatus.INVOICED, CommitmentStatus.PAID)
INVOICED_STATUSES = (CommitmentStatus.INVOICED, CommitmentStatus.PAID)
#: Scores run from 0 (does not meet the criterion) to this.
MAX_SCORE = 5
