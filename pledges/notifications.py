"""The co-funding emails: who gets them and what they say (templates/pledges/email/).

Sending is plain Django mail (the console backend by default, SMTP via ``EMAIL_URL``).
Who is told what, and never twice, is decided by the services that call these.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from hub.formatting import format_gbp
from hub.models import Membership, MembershipRole, Organisation
from pledges.models import Campaign, CampaignState, CampaignUpdate, Pledge, PledgeStatus


def absolute_url(path: str) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def _addresses(users: Iterable) -> list[str]:
    seen, addresses = set(), []
    for user in users:
        if user is None or not user.is_active or not user.email:
            continue
        if user.email.lower() not in seen:
            seen.add(user.email.lower())
            addresses.append(user.email)
    return addresses


def council_procurement_leads(council: Organisation) -> list:
    return [
        membership.user
        for membership in Membership.objects.approved()
        .filter(organisation=council, role=MembershipRole.PROCUREMENT_LEAD)
        .select_related("user")
        .order_by("user__email")
    ]


def _send(*, subject: str, template: str, context: dict, to: list[str]) -> int:
    if not to:
        return 0
    body = render_to_string(template, {**context, "site_name": settings.WAGTAIL_SITE_NAME})
    EmailMessage(subject=subject, body=body, to=to).send()
    return 1


def settlement_emails_send(*, campaign_id: int) -> int:
    """Tell every council that pledged how its campaign settled; returns emails sent.

    Each council's email goes to its procurement leads and whoever made the pledge.
    """
    campaign = Campaign.objects.select_related("lead_council").get(pk=campaign_id)
    funded = campaign.state != CampaignState.UNSUCCESSFUL
    status = PledgeStatus.COMMITTED if funded else PledgeStatus.RELEASED
    sent = 0
    pledges = (
        Pledge.objects.filter(campaign=campaign, status=status)
        .select_related("council", "created_by")
        .order_by("council__name")
    )
    for pledge in pledges:
        recipients = _addresses([*council_procurement_leads(pledge.council), pledge.created_by])
        sent += _send(
            subject=(
                f"Funded: “{campaign.title}” — please raise your purchase order"
                if funded
                else f"Not funded: “{campaign.title}” — your pledge is released"
            ),
            template="pledges/email/settled.txt",
            context={
                "campaign": campaign,
                "pledge": pledge,
                "funded": funded,
                "amount": format_gbp(pledge.amount_gbp),
                "total": format_gbp(campaign.settled_gbp),
                "target": format_gbp(campaign.target_gbp),
                "url": absolute_url(campaign.get_absolute_url()),
                "pledges_url": absolute_url("/account/pledges/"),
            },
            to=recipients,
        )
    return sent


def lead_quiet_email_send(*, campaign: Campaign, days: int) -> int:
    return _send(
        subject=f"No update on “{campaign.title}” for {days} days",
        template="pledges/email/lead_quiet.txt",
        context={
            "campaign": campaign,
            "days": days,
            "url": absolute_url(campaign.get_absolute_url()),
            "manage_url": absolute_url(f"{campaign.get_absolute_url()}manage/"),
        },
        to=_addresses([campaign.lead_user]),
    )


def deadline_email_send(*, campaign: Campaign, user, days_left: int) -> int:
    when = "tomorrow" if days_left <= 1 else f"in {days_left} days"
    return _send(
        subject=f"“{campaign.title}” closes {when}",
        template="pledges/email/deadline.txt",
        context={
            "campaign": campaign,
            "when": when,
            "pledged": format_gbp(campaign.pledged_gbp),
            "target": format_gbp(campaign.target_gbp),
            "url": absolute_url(campaign.get_absolute_url()),
            "deadline": timezone.localtime(campaign.closes_at),
        },
        to=_addresses([user]),
    )


def updates_digest_send(*, user, sections: list[tuple[Campaign, list[CampaignUpdate]]]) -> int:
    if len(sections) == 1:
        subject = f"News about “{sections[0][0].title}”"
    else:
        subject = f"News about {len(sections)} campaigns you follow"
    return _send(
        subject=subject,
        template="pledges/email/updates_digest.txt",
        context={
            "sections": [
                (campaign, absolute_url(campaign.get_absolute_url()), updates)
                for campaign, updates in sections
            ],
        },
        to=_addresses([user]),
    )


def moderation_email_send(*, campaign_id: int, approved: bool) -> int:
    """Tell the lead and the proposer that a moderator approved or sent back their campaign."""
    campaign = Campaign.objects.select_related("lead_user", "proposed_by").get(pk=campaign_id)
    return _send(
        subject=(
            f"Approved: “{campaign.title}” is open for pledges"
            if approved
            else f"Changes asked for: “{campaign.title}”"
        ),
        template="pledges/email/moderated.txt",
        context={
            "campaign": campaign,
            "approved": approved,
            "url": absolute_url(campaign.get_absolute_url()),
            "revise_url": absolute_url(f"{campaign.get_absolute_url()}revise/"),
        },
        to=_addresses([campaign.lead_user, campaign.proposed_by]),
    )
