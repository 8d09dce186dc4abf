"""Who may record, report, confirm and attest adoptions and evidence (listings.adoptions)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from hub.factories import CouncilFactory, MembershipFactory, UserFactory, VendorFactory
from hub.models import MembershipStatus
from listings.adoptions.services import (
    adoption_add_for_own_council,
    adoption_confirm,
    adoption_record,
    adoption_report,
    evidence_add_attested,
    evidence_attest,
    evidence_report,
)
from listings.factories import AdoptionFactory, SavingsEvidenceFactory, SolutionPageFactory
from listings.models import Adoption, AdoptionStatus, SavingsEvidence, SavingsKind
from listings.permissions import user_is_council_member

pytestmark = pytest.mark.django_db

EVIDENCE = {
    "kind": SavingsKind.CASHABLE,
    "amount_gbp": Decimal("12500.00"),
    "period": "per_year",
    "year_from": 2023,
    "year_to": 2024,
    "baseline": "Spending the year before.",
    "method": "Finance team comparison.",
    "evidence_level": 2,
}


def member_of(council, **kwargs):
    return MembershipFactory(organisation=council, **kwargs).user


def adopter_count(solution) -> int:
    solution.refresh_from_db()
    return solution.adopter_count


# ------------------------------------------------------------------ membership


def test_only_approved_members_count_as_council_members(council):
    other = CouncilFactory()
    assert user_is_council_member(user=member_of(council), council=council)
    assert not user_is_council_member(user=member_of(other), council=council)
    assert not user_is_council_member(
        user=member_of(council, status=MembershipStatus.PENDING), council=council
    )
    assert not user_is_council_member(user=UserFactory(), council=council)
    assert not user_is_council_member(user=AnonymousUser(), council=council)
    assert not user_is_council_member(user=None, council=council)


def test_a_vendors_members_do_not_count_as_council_members():
    vendor = VendorFactory()
    assert not user_is_council_member(user=member_of(vendor), council=vendor)


# ------------------------------------------------------------- adoption_record


def test_adoption_record_refuses_confirmed_without_membership(council):
    solution = SolutionPageFactory()
    stranger = UserFactory()

    with pytest.raises(PermissionDenied):
        adoption_record(solution=solution, council=council, confirmed=True, recorded_by=stranger)
    with pytest.raises(PermissionDenied):
        adoption_record(solution=solution, council=council, confirmed=True, reported_by=stranger)
    with pytest.raises(PermissionDenied):
        adoption_record(
            solution=solution, council=council, confirmed=True, recorded_by=AnonymousUser()
        )

    assert not Adoption.objects.exists()
    assert adopter_count(solution) == 0


def test_adoption_record_refuses_a_member_of_another_council(council):
    solution = SolutionPageFactory()
    neighbour = member_of(CouncilFactory())
    with pytest.raises(PermissionDenied):
        adoption_record(solution=solution, council=council, confirmed=True, recorded_by=neighbour)
    assert not Adoption.objects.exists()


def test_adoption_record_confirms_for_a_member_or_a_moderator(council):
    solution = SolutionPageFactory()
    adoption = adoption_record(
        solution=solution, council=council, confirmed=True, recorded_by=member_of(council)
    )
    assert adoption.confirmed

    moderator = UserFactory()
    moderator.groups.add(Group.objects.get_or_create(name=settings.WAGTAIL_MODERATORS_GROUP)[0])
    assert adoption_record(
        solution=SolutionPageFactory(), council=council, confirmed=True, recorded_by=moderator
    ).confirmed


def test_adoption_record_still_reports_for_anyone_signed_in(council):
    """listings.submissions records publiccode.yml's usedBy councils this way."""
    user = UserFactory()
    solution = SolutionPageFactory()

    adoption = adoption_record(
        solution=solution, council=council, confirmed=False, reported_by=user
    )

    assert adoption.confirmed is False
    assert adoption.reported_by == user
    assert adopter_count(solution) == 1


def test_adoption_record_refuses_a_stranger_changing_a_confirmed_adoption(council):
    adoption = AdoptionFactory(council=council, confirmed=True, notes="Ours.")

    with pytest.raises(PermissionDenied):
        adoption_record(
            solution=adoption.solution,
            council=council,
            status=AdoptionStatus.RETIRED,
            reported_by=UserFactory(),
        )

    adoption.refresh_from_db()
    assert (adoption.status, adoption.notes, adoption.confirmed) == ("production", "Ours.", True)


# ------------------------------------------------------------ own council, reports


def test_a_member_adds_their_own_council_as_confirmed(council):
    solution = SolutionPageFactory()
    member = member_of(council)

    adoption = adoption_add_for_own_council(
        user=member,
        solution=solution,
        council=council,
        status=AdoptionStatus.PILOTING,
        since=datetime.date(2024, 4, 1),
        contact="Data team",
        notes="Piloting in housing.",
    )

    assert adoption.confirmed
    assert adoption.verification == "confirmed"
    assert adoption.reported_by == member
    assert (adoption.status, adoption.contact) == ("piloting", "Data team")
    assert adopter_count(solution) == 1


@pytest.mark.parametrize(
    "make_user",
    [
        lambda council: UserFactory(),
        lambda council: member_of(CouncilFactory()),
        lambda council: member_of(council, status=MembershipStatus.PENDING),
        lambda council: AnonymousUser(),
    ],
    ids=["stranger", "member of another council", "pending member", "anonymous"],
)
def test_only_the_councils_members_can_add_it_as_their_own(council, make_user):
    solution = SolutionPageFactory()
    user = make_user(council)

    with pytest.raises(PermissionDenied):
        adoption_add_for_own_council(user=user, solution=solution, council=council)

    assert not Adoption.objects.exists()


def test_anyone_signed_in_reports_an_adoption_as_reported(council):
    solution = SolutionPageFactory()
    reporter = UserFactory()

    adoption = adoption_report(
        user=reporter,
        solution=solution,
        council=council,
        status=AdoptionStatus.PRODUCTION,
        notes="Mentioned in a committee paper.",
    )

    assert adoption.confirmed is False
    assert adoption.verification == "reported"
    assert adoption.reported_by == reporter
    assert adopter_count(solution) == 1


def test_anonymous_users_cannot_report(council):
    with pytest.raises(PermissionDenied):
        adoption_report(user=AnonymousUser(), solution=SolutionPageFactory(), council=council)
    assert not Adoption.objects.exists()


def test_a_report_never_downgrades_or_changes_a_confirmed_adoption(council):
    adoption = AdoptionFactory(
        council=council, confirmed=True, status=AdoptionStatus.PRODUCTION, notes="Ours."
    )

    result = adoption_report(
        user=UserFactory(),
        solution=adoption.solution,
        council=council,
        status=AdoptionStatus.RETIRED,
        notes="I heard they stopped.",
    )

    adoption.refresh_from_db()
    assert result.pk == adoption.pk
    assert (adoption.confirmed, adoption.status, adoption.notes) == (True, "production", "Ours.")
    assert Adoption.objects.count() == 1


def test_a_later_report_updates_a_reported_adoption(council):
    first = UserFactory()
    adoption = adoption_report(
        user=first, solution=SolutionPageFactory(), council=council, status="exploring"
    )

    adoption_report(
        user=UserFactory(), solution=adoption.solution, council=council, status="production"
    )

    adoption.refresh_from_db()
    assert (adoption.status, adoption.confirmed, adoption.reported_by) == (
        "production",
        False,
        first,
    )
    assert adopter_count(adoption.solution) == 1


def test_a_report_must_name_a_council_with_a_gss_code():
    with pytest.raises(ValidationError) as error:
        adoption_report(user=UserFactory(), solution=SolutionPageFactory(), council=VendorFactory())
    assert "council" in error.value.message_dict
    assert not Adoption.objects.exists()


def test_a_member_adding_their_council_confirms_a_reported_adoption(council):
    reported = adoption_report(user=UserFactory(), solution=SolutionPageFactory(), council=council)

    adoption = adoption_add_for_own_council(
        user=member_of(council), solution=reported.solution, council=council, status="production"
    )

    assert adoption.pk == reported.pk
    assert adoption.confirmed
    assert Adoption.objects.count() == 1


def test_an_invalid_own_adoption_saves_nothing(council):
    solution = SolutionPageFactory()
    with pytest.raises(ValidationError):
        adoption_add_for_own_council(
            user=member_of(council),
            solution=solution,
            council=council,
            since=datetime.date.today() + datetime.timedelta(days=40),
        )
    assert not Adoption.objects.exists()
    assert adopter_count(solution) == 0


def test_members_confirm_only_their_own_councils_adoptions(council):
    adoption = AdoptionFactory(council=council, confirmed=False)

    with pytest.raises(PermissionDenied):
        adoption_confirm(user=member_of(CouncilFactory()), adoption=adoption)
    with pytest.raises(PermissionDenied):
        adoption_confirm(user=UserFactory(), adoption=adoption)
    adoption.refresh_from_db()
    assert adoption.confirmed is False

    adoption_confirm(user=member_of(council), adoption=adoption)
    adoption.refresh_from_db()
    assert adoption.confirmed is True


# ------------------------------------------------------------------- evidence


def test_anyone_signed_in_reports_evidence_not_attested(council):
    adoption = AdoptionFactory(council=council)

    record = evidence_report(user=UserFactory(), adoption=adoption, **EVIDENCE)

    assert record.attested_by_council is False
    assert record.verified_by_moderator is False
    adoption.solution.refresh_from_db()
    assert adoption.solution.annual_savings_gbp == Decimal("12500.00")


def test_reported_evidence_cannot_claim_to_be_attested_or_verified(council):
    adoption = AdoptionFactory(council=council)
    for smuggled in ({"attested_by_council": True}, {"verified_by_moderator": True}):
        with pytest.raises(TypeError):
            evidence_report(user=UserFactory(), adoption=adoption, **EVIDENCE, **smuggled)
    assert not SavingsEvidence.objects.exists()


def test_anonymous_users_cannot_report_evidence(council):
    with pytest.raises(PermissionDenied):
        evidence_report(user=AnonymousUser(), adoption=AdoptionFactory(), **EVIDENCE)
    assert not SavingsEvidence.objects.exists()


def test_invalid_evidence_saves_nothing(council):
    adoption = AdoptionFactory(council=council)
    with pytest.raises(ValidationError) as error:
        evidence_report(
            user=UserFactory(),
            adoption=adoption,
            **{**EVIDENCE, "year_from": 2025, "year_to": 2020},
        )
    assert "year_to" in error.value.message_dict
    assert not SavingsEvidence.objects.exists()


def test_members_add_attested_evidence_for_their_own_council_only(council):
    adoption = AdoptionFactory(council=council)

    with pytest.raises(PermissionDenied):
        evidence_add_attested(user=member_of(CouncilFactory()), adoption=adoption, **EVIDENCE)
    assert not SavingsEvidence.objects.exists()

    record = evidence_add_attested(user=member_of(council), adoption=adoption, **EVIDENCE)
    assert record.attested_by_council is True


def test_members_attest_reported_evidence_for_their_own_council_only(council):
    record = SavingsEvidenceFactory(
        adoption=AdoptionFactory(council=council), attested_by_council=False
    )

    with pytest.raises(PermissionDenied):
        evidence_attest(user=member_of(CouncilFactory()), evidence=record)
    with pytest.raises(PermissionDenied):
        evidence_attest(user=UserFactory(), evidence=record)
    record.refresh_from_db()
    assert record.attested_by_council is False

    evidence_attest(user=member_of(council), evidence=record)
    record.refresh_from_db()
    assert record.attested_by_council is True


# --------------------------------------- what is stored, and refusals that change nothing


def test_an_anonymous_report_leaves_an_existing_reported_adoption_as_it_was(council):
    adoption = AdoptionFactory(
        council=council, confirmed=False, status=AdoptionStatus.EXPLORING, notes="Looking."
    )

    with pytest.raises(PermissionDenied):
        adoption_report(
            user=AnonymousUser(),
            solution=adoption.solution,
            council=council,
            status=AdoptionStatus.PRODUCTION,
            notes="Anonymous says yes.",
        )

    adoption.refresh_from_db()
    assert (adoption.status, adoption.notes) == ("exploring", "Looking.")
    assert adopter_count(adoption.solution) == 0


def test_a_moderator_who_is_not_a_member_cannot_add_it_as_their_own_council(council):
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name=settings.WAGTAIL_MODERATORS_GROUP))
    solution = SolutionPageFactory()

    with pytest.raises(PermissionDenied):
        adoption_add_for_own_council(user=moderator, solution=solution, council=council)

    assert not Adoption.objects.exists()
    assert adopter_count(solution) == 0


def test_a_first_report_keeps_its_status_and_exploring_is_not_adopting(council):
    solution = SolutionPageFactory()

    adoption_report(
        user=UserFactory(), solution=solution, council=council, status=AdoptionStatus.EXPLORING
    )

    stored = Adoption.objects.get()
    assert stored.status == AdoptionStatus.EXPLORING
    assert adopter_count(solution) == 0


def test_a_first_report_stores_its_notes(council):
    adoption = adoption_report(
        user=UserFactory(), solution=SolutionPageFactory(), council=council, notes="From minutes."
    )

    adoption.refresh_from_db()
    assert adoption.notes == "From minutes."


def test_a_later_report_replaces_the_notes_only_when_it_gives_some(council):
    adoption = AdoptionFactory(council=council, confirmed=False, notes="First report.")

    adoption_report(user=UserFactory(), solution=adoption.solution, council=council, notes="")
    adoption.refresh_from_db()
    assert adoption.notes == "First report."

    adoption_report(
        user=UserFactory(), solution=adoption.solution, council=council, notes="Second report."
    )
    adoption.refresh_from_db()
    assert adoption.notes == "Second report."


def test_a_member_adding_their_council_stores_everything_they_said(council):
    solution = SolutionPageFactory()

    adoption_add_for_own_council(
        user=member_of(council),
        solution=solution,
        council=council,
        status=AdoptionStatus.PILOTING,
        since=datetime.date(2024, 4, 1),
        contact="Data team",
        notes="Piloting in housing.",
    )

    stored = Adoption.objects.get()
    assert (stored.status, stored.since, stored.contact, stored.notes, stored.confirmed) == (
        "piloting",
        datetime.date(2024, 4, 1),
        "Data team",
        "Piloting in housing.",
        True,
    )


def test_an_invalid_later_report_saves_nothing(council):
    adoption = AdoptionFactory(council=council, confirmed=False, status=AdoptionStatus.PILOTING)

    with pytest.raises(ValidationError):
        adoption_report(
            user=UserFactory(), solution=adoption.solution, council=council, status="bogus"
        )

    adoption.refresh_from_db()
    assert adoption.status == AdoptionStatus.PILOTING


def test_an_invalid_update_of_a_recorded_adoption_saves_nothing(council):
    adoption = AdoptionFactory(
        council=council, confirmed=True, since=datetime.date(2022, 4, 1), notes="Ours."
    )

    with pytest.raises(ValidationError):
        adoption_record(
            solution=adoption.solution,
            council=council,
            since=datetime.date.today() + datetime.timedelta(days=40),
            notes="Changed.",
            recorded_by=member_of(council),
        )

    adoption.refresh_from_db()
    assert (adoption.since, adoption.notes) == (datetime.date(2022, 4, 1), "Ours.")


def test_confirming_an_adoption_that_is_no_longer_valid_is_refused(council):
    adoption = AdoptionFactory(council=council, confirmed=False)
    future = datetime.date.today() + datetime.timedelta(days=40)
    Adoption.objects.filter(pk=adoption.pk).update(since=future)  # as a bulk edit might

    with pytest.raises(ValidationError):
        adoption_confirm(user=member_of(council), adoption=adoption)

    adoption.refresh_from_db()
    assert adoption.confirmed is False


def test_confirming_twice_keeps_it_confirmed(council):
    adoption = AdoptionFactory(council=council, confirmed=False)
    member = member_of(council)

    adoption_confirm(user=member, adoption=adoption)
    again = adoption_confirm(user=member, adoption=adoption)

    adoption.refresh_from_db()
    assert (again.confirmed, adoption.confirmed) == (True, True)


def test_attesting_evidence_that_is_no_longer_valid_is_refused(council):
    record = SavingsEvidenceFactory(
        adoption=AdoptionFactory(council=council), attested_by_council=False
    )
    SavingsEvidence.objects.filter(pk=record.pk).update(year_to=datetime.date.today().year + 1)

    with pytest.raises(ValidationError):
        evidence_attest(user=member_of(council), evidence=record)

    record.refresh_from_db()
    assert record.attested_by_council is False


def test_invalid_attested_evidence_saves_nothing(council):
    adoption = AdoptionFactory(council=council)

    with pytest.raises(ValidationError):
        evidence_add_attested(
            user=member_of(council), adoption=adoption, **{**EVIDENCE, "evidence_level": 9}
        )

    assert not SavingsEvidence.objects.exists()


# ------------------------------------------------------- what each refusal says


def refusal_message(call) -> str:
    with pytest.raises(PermissionDenied) as error:
        call()
    return str(error.value)


def test_a_signed_out_person_is_told_to_sign_in(council):
    solution = SolutionPageFactory()
    adoption = AdoptionFactory(council=council)
    calls = [
        lambda: adoption_report(user=AnonymousUser(), solution=solution, council=council),
        lambda: adoption_record(
            solution=solution, council=council, confirmed=True, recorded_by=AnonymousUser()
        ),
        lambda: adoption_confirm(user=AnonymousUser(), adoption=adoption),
        lambda: evidence_report(user=AnonymousUser(), adoption=adoption, **EVIDENCE),
        lambda: evidence_add_attested(user=None, adoption=adoption, **EVIDENCE),
    ]

    assert [refusal_message(call) for call in calls] == [
        "Sign in to record adoptions or evidence."
    ] * len(calls)


def test_a_stranger_confirming_an_adoption_is_told_who_may(council):
    message = refusal_message(
        lambda: adoption_record(
            solution=SolutionPageFactory(),
            council=council,
            confirmed=True,
            reported_by=UserFactory(),
        )
    )

    assert message == "Only approved members of Camden can confirm or change its adoption."


def test_a_stranger_adding_a_council_as_their_own_is_told_who_may(council):
    message = refusal_message(
        lambda: adoption_add_for_own_council(
            user=UserFactory(), solution=SolutionPageFactory(), council=council
        )
    )

    assert message == "Only approved members of Camden can record that it uses a solution."


def test_a_stranger_confirming_a_reported_adoption_is_told_who_may(council):
    adoption = AdoptionFactory(council=council, confirmed=False)

    message = refusal_message(lambda: adoption_confirm(user=UserFactory(), adoption=adoption))

    assert message == "Only approved members of Camden can confirm that it uses a solution."


def test_a_stranger_attesting_evidence_is_told_who_may(council):
    record = SavingsEvidenceFactory(
        adoption=AdoptionFactory(council=council), attested_by_council=False
    )
    calls = [
        lambda: evidence_attest(user=UserFactory(), evidence=record),
        lambda: evidence_add_attested(user=UserFactory(), adoption=record.adoption, **EVIDENCE),
    ]

    assert [refusal_message(call) for call in calls] == [
        "Only approved members of Camden can attest evidence for it."
    ] * 2


def test_evidence_with_fields_no_claim_has_names_them_in_order(council):
    with pytest.raises(TypeError) as error:
        evidence_report(
            user=UserFactory(),
            adoption=AdoptionFactory(council=council),
            **EVIDENCE,
            verified_by_moderator=True,
            attested_by_council=True,
        )

    assert str(error.value) == (
        "Unexpected evidence fields: attested_by_council, verified_by_moderator"
    )


def test_a_member_who_gives_no_contact_or_notes_stores_none(council):
    adoption = adoption_add_for_own_council(
        user=member_of(council), solution=SolutionPageFactory(), council=council
    )

    adoption.refresh_from_db()
    assert (adoption.contact, adoption.notes) == ("", "")


def test_a_report_without_notes_stores_none(council):
    adoption = adoption_report(user=UserFactory(), solution=SolutionPageFactory(), council=council)

    adoption.refresh_from_db()
    assert adoption.notes == ""


def test_trusted_code_recording_an_adoption_without_details_stores_none(council):
    """The demo loader and imports call adoption_record with only what they know."""
    adoption = adoption_record(solution=SolutionPageFactory(), council=council)

    adoption.refresh_from_db()
    assert (adoption.contact, adoption.notes, adoption.since) == ("", "", None)


def test_recording_a_second_solution_leaves_the_councils_first_adoption_alone(council):
    first = AdoptionFactory(council=council, status=AdoptionStatus.PRODUCTION, notes="Ours.")
    second_solution = SolutionPageFactory()

    second = adoption_report(
        user=UserFactory(),
        solution=second_solution,
        council=council,
        status=AdoptionStatus.PILOTING,
        notes="Heard about it.",
    )

    first.refresh_from_db()
    assert (first.status, first.notes) == ("production", "Ours.")
    assert second.pk != first.pk
    assert (second.solution, second.status) == (second_solution, "piloting")
