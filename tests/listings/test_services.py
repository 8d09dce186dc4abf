"""Each solution's derived figures: the rules, and that they stay current."""

from decimal import Decimal

from wagtail.models import Revision

import pytest

from hub.factories import CouncilFactory, UserFactory
from listings.adoptions.services import adoption_record, evidence_add, evidence_verify
from listings.factories import AdoptionFactory, SavingsEvidenceFactory, SolutionPageFactory
from listings.models import (
    Adoption,
    AdoptionStatus,
    SavingsEvidence,
    SavingsKind,
    SavingsPeriod,
    SolutionPage,
)
from listings.services import (
    annual_savings,
    solution_refresh_figures,
    solutions_refresh_all_figures,
)

pytestmark = pytest.mark.django_db

FIGURES = ("adopter_count", "annual_savings_gbp", "best_evidence_level", "has_verified_savings")


def _record(adoption_id=1, kind=SavingsKind.CASHABLE, amount="1000", year_to=2023, **fields):
    """An unsaved record: annual_savings is a pure function of the records it is given."""
    values = {
        "period": SavingsPeriod.PER_YEAR,
        "year_from": year_to,
        "year_to": year_to,
        "evidence_level": 2,
        "amount_gbp": Decimal(amount) if amount is not None else None,
        **fields,
    }
    return SavingsEvidence(adoption_id=adoption_id, kind=kind, **values)


def _figures(solution: SolutionPage) -> tuple:
    solution.refresh_from_db()
    return tuple(getattr(solution, name) for name in FIGURES)


# ----------------------------------------------------------------- annual_savings


def test_no_evidence_means_no_annual_savings():
    assert annual_savings([]) == Decimal("0.00")


def test_no_annual_savings_is_still_pounds_and_pence():
    """A Decimal, so the figure is stored and shown as £0.00, never as a bare 0."""
    assert str(annual_savings([])) == "0.00"
    assert str(annual_savings([_record(period=SavingsPeriod.ONE_OFF)])) == "0.00"


def test_the_latest_yearly_figure_per_adoption_and_kind_supersedes_older_ones():
    records = [
        _record(amount="100", year_to=2021),
        _record(amount="300", year_to=2023),
        _record(amount="200", year_to=2022),
    ]
    assert annual_savings(records) == Decimal("300")


@pytest.mark.parametrize("reverse", [False, True], ids=["oldest first", "newest first"])
def test_of_two_figures_ending_the_same_year_the_one_starting_later_is_the_latest(reverse):
    records = [
        _record(amount="100", year_from=2021, year_to=2023),
        _record(amount="200", year_from=2022, year_to=2023),
    ]
    assert annual_savings(records[::-1] if reverse else records) == Decimal("200")


@pytest.mark.parametrize("reverse", [False, True], ids=["oldest first", "newest first"])
def test_of_two_figures_for_the_same_years_the_one_recorded_last_is_the_latest(reverse):
    records = [_record(amount="100", pk=5), _record(amount="200", pk=7)]
    assert annual_savings(records[::-1] if reverse else records) == Decimal("200")


def test_different_kinds_and_different_adoptions_add_up():
    records = [
        _record(adoption_id=1, kind=SavingsKind.CASHABLE, amount="100"),
        _record(adoption_id=1, kind=SavingsKind.COST_AVOIDANCE, amount="20"),
        _record(adoption_id=1, kind=SavingsKind.ADDITIONAL_INCOME, amount="3"),
        _record(adoption_id=2, kind=SavingsKind.CASHABLE, amount="1000"),
    ]
    assert annual_savings(records) == Decimal("1123")


def test_one_off_savings_and_staff_hours_are_not_annual_money():
    records = [
        _record(amount="100"),
        _record(amount="5000", period=SavingsPeriod.ONE_OFF, year_to=2024),
        _record(kind=SavingsKind.STAFF_HOURS, amount=None, hours=Decimal("900"), year_to=2024),
    ]
    assert annual_savings(records) == Decimal("100")


def test_a_figure_that_does_not_count_does_not_hide_the_ones_after_it():
    records = [
        _record(amount="5000", period=SavingsPeriod.ONE_OFF),
        _record(amount="100"),
    ]
    assert annual_savings(records) == Decimal("100")


def test_a_newer_one_off_does_not_supersede_a_yearly_figure():
    records = [
        _record(amount="100", year_to=2022),
        _record(amount="9", period=SavingsPeriod.ONE_OFF, year_to=2024),
    ]
    assert annual_savings(records) == Decimal("100")


# ------------------------------------------------------ solution_refresh_figures


def test_only_piloting_and_production_adoptions_count_as_adopters():
    solution = SolutionPageFactory()
    for status in AdoptionStatus.values:
        AdoptionFactory(solution=solution, status=status)
    assert _figures(solution)[0] == 2


def test_retired_adoptions_and_their_evidence_are_left_out():
    solution = SolutionPageFactory()
    retired = AdoptionFactory(solution=solution, status=AdoptionStatus.RETIRED)
    SavingsEvidenceFactory(
        adoption=retired, amount_gbp=Decimal("999"), evidence_level=5, verified_by_moderator=True
    )
    current = AdoptionFactory(solution=solution)
    SavingsEvidenceFactory(adoption=current, amount_gbp=Decimal("50"), evidence_level=2)

    assert _figures(solution) == (1, Decimal("50.00"), 2, False)


def test_best_evidence_level_is_the_highest_over_every_kind_and_period():
    solution = SolutionPageFactory()
    adoption = AdoptionFactory(solution=solution)
    SavingsEvidenceFactory(adoption=adoption, evidence_level=2)
    SavingsEvidenceFactory(
        adoption=adoption,
        kind=SavingsKind.STAFF_HOURS,
        amount_gbp=None,
        hours=Decimal("40"),
        evidence_level=4,
    )
    SavingsEvidenceFactory(adoption=adoption, period=SavingsPeriod.ONE_OFF, evidence_level=3)
    assert _figures(solution)[2] == 4


def test_verified_savings_means_a_moderator_verified_a_money_record():
    solution = SolutionPageFactory()
    adoption = AdoptionFactory(solution=solution)
    hours = SavingsEvidenceFactory(
        adoption=adoption, kind=SavingsKind.STAFF_HOURS, amount_gbp=None, hours=Decimal("10")
    )
    money = SavingsEvidenceFactory(adoption=adoption, attested_by_council=True)
    moderator = UserFactory()

    evidence_verify(evidence=hours, moderator=moderator)
    assert _figures(solution)[3] is False  # hours are not savings in pounds
    assert _figures(solution)[3] is False  # attested by the council is not verified

    evidence_verify(evidence=money, moderator=moderator)
    money.refresh_from_db()
    assert (money.verified_by_moderator, money.verified_by) == (True, moderator)
    assert _figures(solution)[3] is True


def test_refresh_recomputes_figures_that_were_changed_behind_its_back():
    solution = SolutionPageFactory()
    SavingsEvidenceFactory(adoption=AdoptionFactory(solution=solution))
    expected = _figures(solution)
    SolutionPage.objects.filter(pk=solution.pk).update(
        adopter_count=99, annual_savings_gbp=0, best_evidence_level=None
    )

    solution_refresh_figures(solution_id=solution.pk)

    assert _figures(solution) == expected == (1, Decimal("10000.00"), 3, False)


def test_bulk_refresh_agrees_with_the_per_solution_refresh():
    busy, idle = SolutionPageFactory(), SolutionPageFactory()
    adoption = AdoptionFactory(solution=busy)
    SavingsEvidenceFactory(adoption=adoption, amount_gbp=Decimal("70"), year_to=2023)
    SavingsEvidenceFactory(adoption=adoption, amount_gbp=Decimal("80"), year_to=2024)
    AdoptionFactory(solution=busy, status=AdoptionStatus.EXPLORING)
    expected = {page.pk: _figures(page) for page in (busy, idle)}
    SolutionPage.objects.update(adopter_count=7, annual_savings_gbp=7, best_evidence_level=1)

    assert solutions_refresh_all_figures() == 2

    assert {page.pk: _figures(page) for page in (busy, idle)} == expected
    assert expected[busy.pk] == (1, Decimal("80.00"), 3, False)
    assert expected[idle.pk] == (0, Decimal("0.00"), None, False)


# ----------------------------------------------------------------------- signals


def test_figures_follow_adoptions_as_they_are_recorded_changed_and_deleted(council):
    solution = SolutionPageFactory()

    adoption = adoption_record(solution=solution, council=council)
    assert _figures(solution)[0] == 1

    adoption_record(solution=solution, council=council, status=AdoptionStatus.RETIRED)
    assert _figures(solution)[0] == 0
    assert Adoption.objects.count() == 1  # recorded again = updated, not duplicated

    adoption_record(solution=solution, council=council, status=AdoptionStatus.PILOTING)
    assert _figures(solution)[0] == 1
    adoption.delete()
    assert _figures(solution)[0] == 0


def test_figures_follow_evidence_as_it_is_added_and_deleted():
    solution = SolutionPageFactory()
    adoption = AdoptionFactory(solution=solution)
    fields = {
        "kind": SavingsKind.COST_AVOIDANCE,
        "period": SavingsPeriod.PER_YEAR,
        "baseline": "Before",
        "method": "Measured",
    }

    older = evidence_add(
        adoption=adoption,
        amount_gbp=Decimal("100.00"),
        year_from=2022,
        year_to=2022,
        evidence_level=2,
        **fields,
    )
    assert _figures(solution) == (1, Decimal("100.00"), 2, False)

    newer = evidence_add(
        adoption=adoption,
        amount_gbp=Decimal("150.00"),
        year_from=2023,
        year_to=2023,
        evidence_level=3,
        **fields,
    )
    assert _figures(solution) == (1, Decimal("150.00"), 3, False)

    newer.delete()
    assert _figures(solution) == (1, Decimal("100.00"), 2, False)
    older.delete()
    assert _figures(solution) == (1, Decimal("0.00"), None, False)


def test_deleting_an_adoption_takes_its_evidence_out_of_the_figures():
    solution = SolutionPageFactory()
    keep = AdoptionFactory(solution=solution, council=CouncilFactory())
    SavingsEvidenceFactory(adoption=keep, amount_gbp=Decimal("5"), evidence_level=1)
    drop = AdoptionFactory(solution=solution, council=CouncilFactory())
    SavingsEvidenceFactory(adoption=drop, amount_gbp=Decimal("500"), evidence_level=5)
    assert _figures(solution) == (2, Decimal("505.00"), 5, False)

    drop.delete()

    assert _figures(solution) == (1, Decimal("5.00"), 1, False)


def test_a_confirmed_adoption_stays_confirmed_when_someone_else_reports_it(council):
    solution = SolutionPageFactory()
    adoption_record(solution=solution, council=council, confirmed=True)
    adoption = adoption_record(solution=solution, council=council, confirmed=False)
    assert adoption.confirmed is True


# ------------------------------------------------------------------- revisions


def test_publishing_a_new_revision_keeps_the_current_figures():
    solution = SolutionPageFactory()
    SavingsEvidenceFactory(adoption=AdoptionFactory(solution=solution), evidence_level=4)
    expected = _figures(solution)
    assert expected == (1, Decimal("10000.00"), 4, False)

    # What the admin's edit view does: load the latest revision, change it, publish.
    page = SolutionPage.objects.get(pk=solution.pk).get_latest_revision_as_object()
    page.summary = "A clearer summary."
    page.save_revision().publish()

    solution.refresh_from_db()
    assert solution.summary == "A clearer summary."
    assert _figures(solution) == expected


def test_approving_an_old_revision_later_does_not_roll_the_figures_back():
    solution = SolutionPageFactory()
    submitted = solution.save_revision().pk  # saved while there were no adopters
    SavingsEvidenceFactory(adoption=AdoptionFactory(solution=solution), evidence_level=5)
    SolutionPage.objects.filter(pk=solution.pk).update(github_stars=42)
    expected = _figures(solution)
    assert expected == (1, Decimal("10000.00"), 5, False)

    # A moderator approves it days later: the revision is loaded afresh.
    Revision.objects.get(pk=submitted).publish()

    solution.refresh_from_db()
    assert _figures(solution) == expected
    assert solution.github_stars == 42
    assert solution.live_revision_id == submitted


def test_publishing_from_a_copy_loaded_before_the_figures_changed_keeps_them():
    solution = SolutionPageFactory()
    adoption = AdoptionFactory(solution=solution)
    stale = SolutionPage.objects.get(pk=solution.pk)  # e.g. a long-running import
    SavingsEvidenceFactory(adoption=adoption, verified_by_moderator=True)
    expected = _figures(solution)
    assert expected[3] is True

    stale.summary = "Refreshed by an import."
    stale.save_revision().publish()

    assert _figures(solution) == expected


def test_evidence_from_an_adoption_only_being_explored_does_not_count():
    solution = SolutionPageFactory()
    exploring = AdoptionFactory(solution=solution, status="exploring")
    SavingsEvidenceFactory(adoption=exploring, amount_gbp=Decimal("1000.00"), period="per_year")
    solution.refresh_from_db()
    assert solution.adopter_count == 0
    assert solution.annual_savings_gbp == Decimal("0.00")
    assert solution.best_evidence_level is None


def test_moving_an_adoption_refreshes_both_solutions():
    first, second = SolutionPageFactory(), SolutionPageFactory()
    adoption = AdoptionFactory(solution=first, status="production")
    adoption.solution = second
    adoption.save()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.adopter_count, second.adopter_count) == (0, 1)


def test_a_copied_solution_starts_without_the_originals_figures():
    solution = SolutionPageFactory()
    SavingsEvidenceFactory(
        adoption=AdoptionFactory(solution=solution, status="production"),
        amount_gbp=Decimal("1000.00"),
        period="per_year",
    )
    solution.refresh_from_db()
    copy = solution.copy(update_attrs={"slug": "copied-tool", "title": "Copied tool"})
    copy.refresh_from_db()
    assert copy.adopter_count == 0
    assert copy.annual_savings_gbp == Decimal("0.00")


# ----------------------------------------------------------------- deleting in cascades
#
# Wagtail's reference index costs four statements per deleted row whatever we do; the
# figures must cost one refresh for an adoption's delete and none for a solution's, not
# one per cascaded row (which took 403 and 101 queries for these two cases).


def _solution_with_evidence(adoptions: int, evidence_each: int) -> SolutionPage:
    solution = SolutionPageFactory()
    for _ in range(adoptions):
        adoption = AdoptionFactory(solution=solution, council=CouncilFactory())
        for _ in range(evidence_each):
            SavingsEvidenceFactory(adoption=adoption)
    return solution


def _figure_refreshes(queries) -> int:
    return sum(
        q["sql"].startswith('UPDATE "listings_solutionpage" SET "adopter_count"')
        for q in queries.captured_queries
    )


def test_deleting_a_solution_does_not_refresh_its_figures_for_every_row(
    django_assert_max_num_queries,
):
    solution = _solution_with_evidence(8, evidence_each=3)

    # 200 for the delete itself, a few more to take it out of the search index.
    with django_assert_max_num_queries(210) as queries:
        SolutionPage.objects.get(pk=solution.pk).delete()

    assert _figure_refreshes(queries) == 0
    assert not SolutionPage.objects.filter(pk=solution.pk).exists()
    assert not Adoption.objects.exists()
    assert not SavingsEvidence.objects.exists()


def test_deleting_an_adoption_refreshes_the_figures_once(django_assert_max_num_queries):
    solution = _solution_with_evidence(2, evidence_each=8)
    drop = solution.adoptions.order_by("pk").first()

    # 50 for the delete and the figures, a few more for the adopter facets (listings.search).
    with django_assert_max_num_queries(56) as queries:
        drop.delete()

    assert _figure_refreshes(queries) == 1
    assert SavingsEvidence.objects.count() == 8
    assert _figures(solution) == (1, Decimal("10000.00"), 3, False)


def test_figures_are_right_after_deleting_one_evidence_row_then_one_adoption():
    solution = SolutionPageFactory()
    keep = AdoptionFactory(solution=solution, council=CouncilFactory())
    SavingsEvidenceFactory(adoption=keep, amount_gbp=Decimal("5"), evidence_level=1)
    drop = AdoptionFactory(solution=solution, council=CouncilFactory())
    strongest = SavingsEvidenceFactory(adoption=drop, amount_gbp=Decimal("500"), evidence_level=5)
    SavingsEvidenceFactory(
        adoption=drop, kind=SavingsKind.COST_AVOIDANCE, amount_gbp=Decimal("50"), evidence_level=2
    )
    assert _figures(solution) == (2, Decimal("555.00"), 5, False)

    SavingsEvidence.objects.get(pk=strongest.pk).delete()
    assert _figures(solution) == (2, Decimal("55.00"), 2, False)

    Adoption.objects.get(pk=drop.pk).delete()
    assert _figures(solution) == (1, Decimal("5.00"), 1, False)


def test_deleting_evidence_or_adoptions_by_queryset_still_refreshes_the_figures():
    solution = _solution_with_evidence(2, evidence_each=2)
    first, second = solution.adoptions.order_by("pk")

    SavingsEvidence.objects.filter(adoption=first).delete()
    assert _figures(solution) == (2, Decimal("10000.00"), 3, False)

    Adoption.objects.filter(pk=second.pk).delete()
    assert _figures(solution) == (1, Decimal("0.00"), None, False)


def test_verifying_a_stale_copy_keeps_what_changed_since_it_was_read():
    """evidence_verify writes only the verification: a moderator's page read before the
    council attested the record must not undo the attestation."""
    record = SavingsEvidenceFactory(attested_by_council=False, amount_gbp=Decimal("1000"))
    stale = type(record).objects.get(pk=record.pk)
    type(record).objects.filter(pk=record.pk).update(
        attested_by_council=True, amount_gbp=Decimal("1200")
    )
    moderator = UserFactory()

    evidence_verify(evidence=stale, moderator=moderator)

    record.refresh_from_db()
    assert (record.verified_by_moderator, record.verified_by) == (True, moderator)
    assert (record.attested_by_council, record.amount_gbp) == (True, Decimal("1200"))
