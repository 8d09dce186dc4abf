"""Settlement at the deadline, by service and through ``manage.py settle_campaigns``."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

import pytest

from hub.factories import CouncilFactory, VendorFactory
from pledges.factories import CampaignFactory, PledgeFactory, procurement_lead
from pledges.models import (
    CampaignState,
    Commitment,
    CommitmentStatus,
    FundingModel,
    LedgerEntry,
    LedgerKind,
    PledgeStatus,
)
from pledges.selectors import ledger_totals, live_pledge_totals
from pledges.services.pledging import pledge_withdraw
from pledges.services.settlement import (
    campaign_close_early,
    campaign_settle,
    campaigns_settle_due,
    match_amount,
)

pytestmark = pytest.mark.django_db
money = Decimal


def campaign_with(amounts, **kwargs):
    kwargs.setdefault("target_gbp", Decimal("30000"))
    kwargs.setdefault("min_councils", 2)
    campaign = CampaignFactory(**kwargs)
    pledges = [PledgeFactory(campaign=campaign, amount_gbp=Decimal(a)) for a in amounts]
    campaign.refresh_from_db()
    return campaign, pledges


def settle(campaign):
    return campaign_settle(campaign=campaign, now=campaign.closes_at + timedelta(seconds=1))


def test_reaching_both_targets_funds_it_and_pledges_become_commitments():
    campaign, _ = campaign_with(["10000", "20000"])

    result = settle(campaign)

    assert result.settled and result.funded and result.pledges == 2
    assert result.campaign.state == CampaignState.FUNDED
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.FUNDED
    assert (campaign.settled_gbp, campaign.settled_council_count) == (Decimal("30000"), 2)
    assert campaign.pledged_gbp == Decimal("30000")  # commitments still count
    commitments = Commitment.objects.filter(campaign=campaign).order_by("amount_gbp")
    assert [c.amount_gbp for c in commitments] == [Decimal("10000"), Decimal("20000")]
    assert {c.status for c in commitments} == {CommitmentStatus.COMMITTED}
    assert {p.status for p in campaign.pledges.all()} == {PledgeStatus.COMMITTED}
    committed = LedgerEntry.objects.filter(campaign=campaign, kind=LedgerKind.COMMITTED)
    assert committed.count() == 2 and all(e.actor is None for e in committed)
    assert ledger_totals(campaign) == live_pledge_totals(campaign)


def test_enough_money_but_too_few_councils_is_unsuccessful():
    campaign, _ = campaign_with(["30000"])

    result = settle(campaign)

    assert result.settled and not result.funded
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.UNSUCCESSFUL


def test_enough_councils_but_too_little_money_releases_every_pledge():
    campaign, _ = campaign_with(["10000", "19999.99"])

    assert settle(campaign).pledges == 2
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.UNSUCCESSFUL
    assert (campaign.settled_gbp, campaign.settled_council_count) == (Decimal("29999.99"), 2)
    assert campaign.pledged_gbp == 0 and campaign.council_count == 0
    assert {p.status for p in campaign.pledges.all()} == {PledgeStatus.RELEASED}
    assert LedgerEntry.objects.filter(campaign=campaign, kind=LedgerKind.RELEASED).count() == 2
    assert not Commitment.objects.exists()
    assert ledger_totals(campaign) == live_pledge_totals(campaign)


def test_keep_what_is_pledged_is_funded_at_what_was_pledged():
    campaign, _ = campaign_with(["5000"], funding_model=FundingModel.KEEP_WHAT_IS_PLEDGED)

    result = settle(campaign)

    assert result.funded
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.FUNDED
    assert campaign.settled_gbp == Decimal("5000")
    assert Commitment.objects.get().amount_gbp == Decimal("5000")


def test_keep_what_is_pledged_with_nothing_pledged_is_unsuccessful():
    campaign, _ = campaign_with([], funding_model=FundingModel.KEEP_WHAT_IS_PLEDGED)

    assert not settle(campaign).funded


def test_withdrawn_pledges_are_not_committed():
    campaign, pledges = campaign_with(["10000", "20000", "5000"])
    pledge_withdraw(user=pledges[2].created_by, pledge=pledges[2], reason="No budget")

    settle(campaign)

    assert Commitment.objects.count() == 2
    assert not Commitment.objects.filter(pledge=pledges[2]).exists()


def test_settling_before_the_deadline_does_nothing():
    campaign, _ = campaign_with(["10000", "20000"])

    result = campaign_settle(campaign=campaign, now=campaign.closes_at - timedelta(seconds=1))

    assert (result.campaign, result.settled) == (campaign, False)
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.OPEN


def test_settling_at_the_deadline_itself_settles_it():
    campaign, _ = campaign_with(["10000", "20000"])

    result = campaign_settle(campaign=campaign, now=campaign.closes_at)

    assert (result.settled, result.funded) == (True, True)


def test_a_settled_campaign_records_when_it_was_settled():
    campaign, _ = campaign_with(["10000", "20000"])
    now = campaign.closes_at + timedelta(hours=5)

    campaign_settle(campaign=campaign, now=now)

    campaign.refresh_from_db()
    assert campaign.settled_at == now


def test_the_settlement_names_every_council_that_had_a_live_pledge():
    campaign, pledges = campaign_with(["100", "200", "300"])
    pledge_withdraw(user=pledges[2].created_by, pledge=pledges[2], reason="No budget")

    result = settle(campaign)

    assert sorted(result.notified_councils) == sorted(p.council_id for p in pledges[:2])


def test_a_commitment_carries_the_staff_days_pledged():
    campaign = CampaignFactory(target_gbp=Decimal("10000"), min_councils=1)
    PledgeFactory(campaign=campaign, amount_gbp=Decimal("10000"), staff_days=Decimal("12.5"))

    settle(campaign)

    assert Commitment.objects.get().staff_days == Decimal("12.5")


def test_the_ledger_says_why_each_pledge_became_a_commitment():
    campaign, _ = campaign_with(["10000", "20000"])

    settle(campaign)

    reasons = LedgerEntry.objects.filter(kind=LedgerKind.COMMITTED).values_list("reason", flat=True)
    assert list(reasons) == ["The campaign was funded: the pledge became a commitment."] * 2


def test_the_ledger_says_why_each_pledge_was_released():
    campaign, _ = campaign_with(["100", "200"])

    settle(campaign)

    reasons = LedgerEntry.objects.filter(kind=LedgerKind.RELEASED).values_list("reason", flat=True)
    assert (
        list(reasons)
        == ["The campaign did not reach its target by the deadline: the pledge is released."] * 2
    )


def test_settling_twice_changes_nothing_the_second_time():
    campaign, _ = campaign_with(["10000", "20000"])
    settle(campaign)
    entries = LedgerEntry.objects.count()
    mail.outbox.clear()

    again = settle(campaign)

    assert not again.settled
    assert LedgerEntry.objects.count() == entries
    assert Commitment.objects.count() == 2
    assert mail.outbox == []


def test_a_match_funder_counts_only_if_it_succeeds_up_to_its_cap():
    funder = VendorFactory(name="Demo Match Fund", kind="public_body")
    capped, _ = campaign_with(
        ["10000", "25000"], match_funder=funder, match_cap_gbp=Decimal("20000")
    )
    matched, _ = campaign_with(
        ["10000", "25000"], match_funder=funder, match_cap_gbp=Decimal("50000")
    )
    failed, _ = campaign_with(["100"], match_funder=funder, match_cap_gbp=Decimal("50000"))

    for campaign in (capped, matched, failed):
        settle(campaign)
        campaign.refresh_from_db()

    assert capped.match_gbp == Decimal("20000")
    assert matched.match_gbp == Decimal("35000")
    assert failed.match_gbp is None
    assert capped.pledged_gbp == Decimal("35000")  # the match is shown apart, never added


def test_match_amount_without_a_funder_is_none(campaign):
    assert match_amount(campaign) is None


def test_settlement_emails_go_after_commit_to_each_council(django_capture_on_commit_callbacks):
    campaign, pledges = campaign_with(["10000", "20000"])
    colleague = procurement_lead(pledges[0].council)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        settle(campaign)
        assert mail.outbox == []  # nothing is sent before the settlement commits

    assert len(mail.outbox) == 2
    first = next(m for m in mail.outbox if pledges[0].created_by.email in m.to)
    assert colleague.email in first.to
    assert first.subject.startswith("Funded:")
    assert "raise a purchase order" in first.body
    assert "£10,000.00" in first.body


def test_an_unsuccessful_campaign_tells_councils_their_pledge_is_released(
    django_capture_on_commit_callbacks,
):
    campaign, _ = campaign_with(["100", "200"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        settle(campaign)

    assert len(mail.outbox) == 2
    assert all(m.subject.startswith("Not funded:") for m in mail.outbox)
    assert all("released" in m.body for m in mail.outbox)


def test_the_lead_may_close_early_and_it_settles_at_once():
    campaign, _ = campaign_with(["10000", "20000"])
    now = timezone.now()

    result = campaign_close_early(user=campaign.lead_user, campaign=campaign, now=now)

    assert result.funded
    campaign.refresh_from_db()
    assert campaign.closes_at == now
    assert campaign.state == CampaignState.FUNDED


def test_closing_early_settles_the_campaign_at_the_moment_it_closed():
    campaign, _ = campaign_with(["10000", "20000"])
    closed = campaign.opens_at + timedelta(hours=2)

    campaign_close_early(user=campaign.lead_user, campaign=campaign, now=closed)

    campaign.refresh_from_db()
    assert (campaign.closes_at, campaign.settled_at) == (closed, closed)


def test_closing_early_before_it_opens_is_refused():
    campaign = CampaignFactory(opens_at=timezone.now() + timedelta(days=1))

    with pytest.raises(ValidationError) as error:
        campaign_close_early(user=campaign.lead_user, campaign=campaign)

    assert error.value.messages == ["It has not opened yet: cancel it instead."]


def test_closing_early_at_the_very_moment_it_opens_is_refused():
    campaign = CampaignFactory()

    with pytest.raises(ValidationError):
        campaign_close_early(user=campaign.lead_user, campaign=campaign, now=campaign.opens_at)
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.OPEN


def test_only_the_lead_may_close_early():
    campaign, _ = campaign_with(["10000", "20000"])

    with pytest.raises(PermissionDenied) as error:
        campaign_close_early(user=procurement_lead(campaign.lead_council), campaign=campaign)

    assert str(error.value) == "Only the lead can close the campaign."
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.OPEN


def test_only_an_open_campaign_can_be_closed_early():
    campaign = CampaignFactory(state=CampaignState.FUNDED)

    with pytest.raises(ValidationError) as error:
        campaign_close_early(user=campaign.lead_user, campaign=campaign)

    assert error.value.messages == ["Only an open campaign can be closed."]


def test_settle_due_settles_only_campaigns_past_their_deadline():
    due, _ = campaign_with(["10000", "20000"])
    failing, _ = campaign_with(["1"])
    running, _ = campaign_with(["10000", "20000"], closes_at=timezone.now() + timedelta(days=3))
    now = max(due.closes_at, failing.closes_at) + timedelta(seconds=1)
    running.closes_at = now + timedelta(days=3)
    running.save()

    stats = campaigns_settle_due(now=now)

    assert (stats.due, stats.funded, stats.unsuccessful, stats.skipped) == (2, 1, 1, 0)
    running.refresh_from_db()
    assert running.state == CampaignState.OPEN


def test_the_command_settles_reports_and_is_idempotent():
    campaign, _ = campaign_with(["10000", "20000"], closes_at=timezone.now() + timedelta(days=1))
    campaign.opens_at = timezone.now() - timedelta(days=10)
    campaign.closes_at = timezone.now() - timedelta(minutes=1)
    campaign.save()
    out = StringIO()

    call_command("settle_campaigns", stdout=out)
    call_command("settle_campaigns", stdout=out)

    campaign.refresh_from_db()
    assert campaign.state == CampaignState.FUNDED
    assert Commitment.objects.count() == 2
    text = out.getvalue()
    assert "1 funded, 0 unsuccessful" in text
    assert "0 campaigns due" in text


def test_councils_of_other_campaigns_are_not_touched():
    campaign, _ = campaign_with(["10000", "20000"])
    other = CampaignFactory(closes_at=timezone.now() + timedelta(days=60))
    PledgeFactory(campaign=other, council=CouncilFactory())

    settle(campaign)

    assert other.pledges.get().status == PledgeStatus.PLEDGED


def test_settle_due_counts_each_outcome_and_the_campaigns_another_run_settled():
    funded = [campaign_with(["10000", "20000"])[0] for _ in range(2)]
    unsuccessful = [campaign_with(["1"])[0] for _ in range(2)]
    taken = [campaign_with(["10000", "20000"])[0] for _ in range(2)]
    now = max(c.closes_at for c in funded + unsuccessful + taken) + timedelta(seconds=1)
    shown = []

    def another_run_settles_two_first(due):
        shown.extend(due)
        for campaign in taken:
            campaign_settle(campaign=campaign, now=now)
        return due

    stats = campaigns_settle_due(now=now, progress=another_run_settles_two_first)

    assert len(shown) == 6
    assert (stats.due, stats.funded, stats.unsuccessful, stats.skipped) == (6, 2, 2, 2)
    states = {c.pk: c.state for c in type(funded[0]).objects.filter(pk__in=shown)}
    assert sorted(states.values()) == sorted(
        [CampaignState.FUNDED] * 4 + [CampaignState.UNSUCCESSFUL] * 2
    )


def test_settle_due_takes_the_earliest_deadline_first():
    later, _ = campaign_with(["1"])
    earlier, _ = campaign_with(["1"])
    earlier.closes_at = later.closes_at - timedelta(hours=1)
    earlier.save()
    order = []

    campaigns_settle_due(
        now=later.closes_at + timedelta(seconds=1), progress=lambda due: order.extend(due) or due
    )

    assert order == [earlier.pk, later.pk]
