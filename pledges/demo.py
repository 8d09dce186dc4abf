"""Load the demo campaigns (``pledges/data/demo_campaigns.yaml``) through the real services.

Each campaign is proposed by a demo procurement lead of its real lead council, approved by
a moderator, pledged to by demo procurement leads of real councils, and, as its
``outcome`` says, settled, run through its bake-off and delivered: so the demo shows what
the code does, not rows typed into tables. Demo people have ``@example.com`` addresses
and no usable password; the emails the services send while loading are not delivered.

Idempotent: a campaign whose slug exists is left as it is (a second run creates nothing).
The demo admin (``hub.demo``) is made a procurement lead of Islington, which pledges to
nothing in the demo, so whoever runs ``make run`` can pledge to the open campaign.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

import yaml

from hub.demo import DEMO_ADMIN_EMAIL
from hub.models import Membership, MembershipRole, MembershipStatus, Organisation, ServiceArea, User
from listings.models import SolutionPage
from pledges.models import Campaign, Commitment, CommitmentStatus, Criterion
from pledges.services import bakeoff, commitments, delivery, lifecycle, pledging, settlement
from pledges.services.tending import campaign_post_update

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo_campaigns.yaml"
DEMO_EMAIL_DOMAIN = "example.com"
#: The council the demo admin leads procurement for (it pledges to nothing in the demo).
DEMO_ADMIN_COUNCIL = "Islington"
#: Emails sent while the demo loads go nowhere.
QUIET_EMAIL = "django.core.mail.backends.dummy.EmailBackend"


class DemoCampaignsError(Exception):
    """The demo campaigns cannot be loaded (councils or the demo catalogue are missing)."""


@dataclass
class DemoCampaignStats:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    admin_council: str = ""


def demo_campaign_specs(path: Path = DEMO_FILE) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["campaigns"]


def _money(value) -> Decimal | None:
    return Decimal(str(value)) if value is not None else None


class _Demo:
    """Lookups and demo people, made once per load."""

    def __init__(self, specs: list[dict]):
        names = {spec["lead_council"] for spec in specs} | {
            pledge["council"] for spec in specs for pledge in spec.get("pledges", [])
        }
        names.add(DEMO_ADMIN_COUNCIL)
        self.councils = {
            council.name: council
            for council in Organisation.objects.councils()
            .current()
            .filter(name__in=names, gss_code__isnull=False)
        }
        if missing := sorted(names - self.councils.keys()):
            raise DemoCampaignsError(
                f"Councils not loaded: {', '.join(missing)}. Run `manage.py load_councils`."
            )
        slugs = {spec["solution"] for spec in specs if spec.get("solution")}
        self.solutions = {s.slug: s for s in SolutionPage.objects.live().filter(slug__in=slugs)}
        if missing := sorted(slugs - self.solutions.keys()):
            raise DemoCampaignsError(
                f"Demo listings missing: {', '.join(missing)}. Run `manage.py load_demo_catalogue`."
            )
        self.moderator = self._moderator()

    @staticmethod
    def _moderator() -> User:
        admin = User.objects.filter(is_superuser=True).order_by("pk").first()
        if admin is not None:
            return admin
        user = _demo_user("demo-moderator", "Demo moderator")
        user.groups.add(Group.objects.get(name="Moderators"))
        return user

    def lead_of(self, council: Organisation) -> User:
        user = _demo_user(
            f"demo-procurement-{council.slug}", f"Demo procurement lead, {council.name}"
        )
        _approve(user, council, MembershipRole.PROCUREMENT_LEAD)
        return user

    def member_of(self, vendor: Organisation) -> User:
        user = _demo_user(f"demo-bids-{vendor.slug}", f"Demo bid manager, {vendor.name}")
        _approve(user, vendor, MembershipRole.MEMBER)
        return user


def _demo_user(local_part: str, full_name: str) -> User:
    email = f"{local_part}@{DEMO_EMAIL_DOMAIN}"
    user, created = User.objects.get_or_create(
        email=email, defaults={"username": email, "full_name": full_name}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _approve(user: User, organisation: Organisation, role: str) -> None:
    Membership.objects.update_or_create(
        user=user,
        organisation=organisation,
        defaults={"role": role, "status": MembershipStatus.APPROVED, "decided_at": timezone.now()},
    )


def _propose(spec: dict, demo: _Demo) -> Campaign:
    council = demo.councils[spec["lead_council"]]
    lead = demo.lead_of(council)
    now = timezone.now()
    campaign = lifecycle.campaign_propose(
        user=lead,
        council=council,
        title=spec["title"],
        kind=spec["kind"],
        pitch=spec["pitch"],
        problem=spec["problem"],
        outcomes=spec["outcomes"],
        business_case=spec["business_case"],
        procurement_route=spec["procurement_route"],
        budget_year=spec["budget_year"],
        target_gbp=_money(spec["target_gbp"]),
        min_councils=spec["min_councils"],
        min_pledge_gbp=_money(spec.get("min_pledge_gbp")),
        max_pledge_gbp=_money(spec.get("max_pledge_gbp")),
        max_total_gbp=_money(spec.get("max_total_gbp")),
        funding_model=spec["funding_model"],
        opens_at=now - timedelta(days=spec["opens_days_ago"]),
        closes_at=now + timedelta(days=spec["closes_in_days"]),
        solution=demo.solutions.get(spec.get("solution")),
        service_areas=ServiceArea.objects.filter(slug__in=spec.get("service_areas", [])),
        match_funder=Organisation.objects.get(slug=spec["match_funder"])
        if spec.get("match_funder")
        else None,
        match_cap_gbp=_money(spec.get("match_cap_gbp")),
        is_demo=True,
    )
    Campaign.objects.filter(pk=campaign.pk).update(slug=spec["slug"])
    campaign.slug = spec["slug"]
    lifecycle.campaign_submit(user=lead, campaign=campaign)
    return lifecycle.campaign_approve(user=demo.moderator, campaign=campaign)


def _pledge(spec: dict, campaign: Campaign, demo: _Demo) -> None:
    for pledge in spec.get("pledges", []):
        council = demo.councils[pledge["council"]]
        pledging.pledge_create(
            user=demo.lead_of(council),
            campaign=campaign,
            council=council,
            amount_gbp=_money(pledge["amount_gbp"]),
            staff_days=_money(pledge.get("staff_days", "0")),
            sign_off=pledge["sign_off"],
            conditions=pledge.get("conditions", ""),
            budget_year=spec["budget_year"],
            reason="Demo pledge: illustrative, not a claim about this council.",
        )


def _bake_off(spec: dict, campaign: Campaign, demo: _Demo, *, decide: bool) -> None:
    lead = campaign.lead_user
    plan = spec["bake_off"]
    bakeoff.criteria_set(
        user=lead,
        campaign=campaign,
        criteria=[
            bakeoff.CriterionSpec(c["name"], c["weight"], c.get("description", ""))
            for c in plan["criteria"]
        ],
    )
    bakeoff.criteria_publish(user=lead, campaign=campaign)
    bids = {}
    for bid in plan["bids"]:
        vendor = Organisation.objects.get(slug=bid["vendor"])
        bids[bid["vendor"]] = bakeoff.bid_submit(
            user=demo.member_of(vendor),
            campaign=campaign,
            vendor=vendor,
            approach=bid["approach"],
            price_gbp=_money(bid["price_gbp"]),
            timeline=bid["timeline"],
            team=bid["team"],
        )
    if not decide:
        return
    bakeoff.bidding_close(user=lead, campaign=campaign)
    criteria = list(Criterion.objects.filter(campaign=campaign).order_by("position"))
    for commitment in Commitment.objects.filter(campaign=campaign).select_related("council"):
        council = commitment.council
        scorer = demo.lead_of(council)
        bakeoff.conflict_declare(user=scorer, campaign=campaign, council=council)
        scores = {
            (bids[bid["vendor"]].pk, criterion.pk): (value, "Demo score.")
            for bid in plan["bids"]
            for criterion, value in zip(criteria, bid["scores"], strict=True)
        }
        bakeoff.scores_record(user=scorer, campaign=campaign, council=council, scores=scores)
    bakeoff.bids_shortlist(
        user=lead, campaign=campaign, bids=list(bids.values()), reasons=plan["shortlist_reasons"]
    )
    bakeoff.bid_choose_winner(
        user=lead, campaign=campaign, bid=bids[plan["winner"]], reasons=plan["winner_reasons"]
    )


def _deliver(spec: dict, campaign: Campaign, demo: _Demo) -> None:
    lead = campaign.lead_user
    delivery.campaign_start_delivery(user=lead, campaign=campaign)
    for gate in spec["stages"]:
        delivery.campaign_pass_stage_gate(
            user=lead, campaign=campaign, stage=gate["stage"], text=gate["text"]
        )
    for order in spec.get("orders", []):
        council = demo.councils[order["council"]]
        commitment = Commitment.objects.get(campaign=campaign, council=council)
        payer = demo.lead_of(council)
        commitments.commitment_raise_order(
            user=payer, commitment=commitment, po_number=order["po_number"]
        )
        if order.get("invoiced"):
            commitments.commitment_invoice(
                user=lead, commitment=commitment, invoice_reference=order["invoiced"]
            )
        if order.get("paid"):
            commitments.commitment_pay(user=payer, commitment=commitment)
    delivery.campaign_deliver(user=lead, campaign=campaign)


def _campaign_create(spec: dict, demo: _Demo) -> Campaign:
    campaign = _propose(spec, demo)
    _pledge(spec, campaign, demo)
    for text in spec.get("updates", []):
        campaign_post_update(user=campaign.lead_user, campaign=campaign, text=text)
    outcome = spec["outcome"]
    if outcome != "open":
        settlement.campaign_close_early(user=campaign.lead_user, campaign=campaign)
    if outcome in ("funded", "delivered"):
        _bake_off(spec, campaign, demo, decide=outcome == "delivered")
    if outcome == "delivered":
        _deliver(spec, campaign, demo)
    campaign.refresh_from_db()
    return campaign


def demo_campaigns_load(*, path: Path = DEMO_FILE) -> DemoCampaignStats:
    """Create whichever demo campaigns are missing; all or nothing."""
    specs = demo_campaign_specs(path)
    stats = DemoCampaignStats()
    with override_settings(EMAIL_BACKEND=QUIET_EMAIL), transaction.atomic():
        demo = _Demo(specs)
        existing = set(
            Campaign.objects.filter(slug__in=[s["slug"] for s in specs]).values_list(
                "slug", flat=True
            )
        )
        for spec in specs:
            if spec["slug"] in existing:
                stats.existing.append(spec["title"])
            else:
                _campaign_create(spec, demo)
                stats.created.append(spec["title"])
        admin = User.objects.filter(email=DEMO_ADMIN_EMAIL).first()
        if admin is not None:
            _approve(admin, demo.councils[DEMO_ADMIN_COUNCIL], MembershipRole.PROCUREMENT_LEAD)
            stats.admin_council = DEMO_ADMIN_COUNCIL
    return stats


def demo_commitment_statuses() -> dict[str, int]:
    """How far the demo's commitments got (for the command's summary)."""
    return {
        status.label: Commitment.objects.filter(campaign__is_demo=True, status=status).count()
        for status in CommitmentStatus
    }
