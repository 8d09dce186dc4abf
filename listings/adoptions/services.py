"""Adoptions and savings evidence: who records, reports, confirms and attests them.

A council speaks for itself only through its approved members: they record that it uses
a solution (*confirmed*), confirm what others reported and attest evidence. Anyone signed
in may report an adoption or a saving; it shows as *reported* until the council confirms
or attests it. A report never downgrades what the council confirmed.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from hub.models import Organisation
from listings.models import (
    Adoption,
    AdoptionStatus,
    SavingsEvidence,
    SolutionPage,
)
from listings.permissions import (
    user_can_attest_evidence_for,
    user_can_confirm_adoptions_for,
    user_can_confirm_reported_adoptions_for,
    user_can_record_adoption_for,
)

# Who may speak for a council ---------------------------------------------------------------


def _require_signed_in(user) -> None:
    if user is None or not user.is_authenticated:
        raise PermissionDenied("Sign in to record adoptions or evidence.")


def _require(predicate, user, council: Organisation, action: str) -> None:
    """Refuse unless ``predicate`` (from listings.permissions, as the page asks it) allows."""
    _require_signed_in(user)
    if not predicate(user=user, council=council):
        raise PermissionDenied(f"Only approved members of {council} can {action}.")


def _lock_solution(solution: SolutionPage) -> None:
    """Serialise changes to one solution's adoptions (one adoption per council)."""
    SolutionPage.objects.select_for_update().filter(pk=solution.pk).values_list("pk").first()


def _locked_adoption(solution: SolutionPage, council: Organisation) -> Adoption | None:
    return (
        Adoption.objects.select_for_update()
        .filter(solution=solution, council=council)
        .order_by("pk")
        .first()
    )


# Adoptions ---------------------------------------------------------------------------------


@transaction.atomic
def adoption_record(
    *,
    solution: SolutionPage,
    council: Organisation,
    status: str = AdoptionStatus.PRODUCTION,
    confirmed: bool = False,
    since=None,
    contact: str = "",
    notes: str = "",
    reported_by=None,
    recorded_by=None,
) -> Adoption:
    """Record (or update) that a council uses a solution; validated before anything is saved.

    ``recorded_by`` (or ``reported_by``) is the person doing it. Only an approved member
    of the council or a moderator may record an adoption as confirmed, or change one the
    council has confirmed: anyone else gets ``PermissionDenied``. Trusted code with no
    person behind it (the demo loader, bulk imports, the shell) passes neither.
    A confirmed adoption is never downgraded to reported.
    """
    actor = recorded_by or reported_by
    if actor is not None:
        _require_signed_in(actor)
    _lock_solution(solution)
    adoption = _locked_adoption(solution, council) or Adoption(solution=solution, council=council)
    speaks_for_council = confirmed or adoption.confirmed
    if (
        actor is not None
        and speaks_for_council
        and not user_can_confirm_adoptions_for(user=actor, council=council)
    ):
        raise PermissionDenied(
            f"Only approved members of {council} can confirm or change its adoption."
        )
    adoption.status = status
    adoption.confirmed = confirmed or adoption.confirmed
    adoption.since = since
    adoption.contact = contact
    adoption.notes = notes
    if adoption.reported_by_id is None:
        adoption.reported_by = actor
    adoption.full_clean()
    adoption.save()
    return adoption


@transaction.atomic
def adoption_add_for_own_council(
    *,
    user,
    solution: SolutionPage,
    council: Organisation,
    status: str = AdoptionStatus.PRODUCTION,
    since=None,
    contact: str = "",
    notes: str = "",
) -> Adoption:
    """A council member records that their own council uses a solution: confirmed at once.

    An adoption someone else reported for that council becomes confirmed, with the
    member's details.
    """
    _require(user_can_record_adoption_for, user, council, "record that it uses a solution")
    return adoption_record(
        solution=solution,
        council=council,
        status=status,
        confirmed=True,
        since=since,
        contact=contact,
        notes=notes,
        recorded_by=user,
    )


@transaction.atomic
def adoption_report(
    *,
    user,
    solution: SolutionPage,
    council: Organisation,
    status: str = AdoptionStatus.PRODUCTION,
    notes: str = "",
) -> Adoption:
    """Anyone signed in reports that a council uses a solution; it shows as *reported*.

    A report never changes an adoption the council has confirmed (that one is returned
    as it is). A new report of an unconfirmed adoption updates its status, and its notes
    when some are given.
    """
    _require_signed_in(user)
    _lock_solution(solution)
    adoption = _locked_adoption(solution, council)
    if adoption is None:
        return adoption_record(
            solution=solution, council=council, status=status, notes=notes, reported_by=user
        )
    if adoption.confirmed:
        return adoption
    adoption.status = status
    if notes:
        adoption.notes = notes
    adoption.full_clean()
    adoption.save()
    return adoption


@transaction.atomic
def adoption_confirm(*, user, adoption: Adoption) -> Adoption:
    """A member of the adopting council confirms a reported adoption."""
    _require(
        user_can_confirm_reported_adoptions_for,
        user,
        adoption.council,
        "confirm that it uses a solution",
    )
    adoption = Adoption.objects.select_for_update().get(pk=adoption.pk)
    if not adoption.confirmed:
        adoption.confirmed = True
        adoption.full_clean()
        adoption.save()
    return adoption


# Evidence ----------------------------------------------------------------------------------

EVIDENCE_FIELDS = SavingsEvidence.CLAIM_FIELDS


def _evidence_create(*, adoption: Adoption, attested: bool, fields: dict) -> SavingsEvidence:
    unknown = sorted(set(fields) - set(EVIDENCE_FIELDS))
    if unknown:
        raise TypeError(f"Unexpected evidence fields: {', '.join(unknown)}")
    record = SavingsEvidence(adoption=adoption, attested_by_council=attested, **fields)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def evidence_report(*, user, adoption: Adoption, **fields) -> SavingsEvidence:
    """Anyone signed in reports a saving for an adoption; the council has not attested it."""
    _require_signed_in(user)
    return _evidence_create(adoption=adoption, attested=False, fields=fields)


@transaction.atomic
def evidence_add_attested(*, user, adoption: Adoption, **fields) -> SavingsEvidence:
    """A member of the adopting council adds a saving, attested by the council."""
    _require(user_can_attest_evidence_for, user, adoption.council, "attest evidence for it")
    return _evidence_create(adoption=adoption, attested=True, fields=fields)


@transaction.atomic
def evidence_attest(*, user, evidence: SavingsEvidence) -> SavingsEvidence:
    """A member of the adopting council attests a saving someone else reported."""
    _require(
        user_can_attest_evidence_for, user, evidence.adoption.council, "attest evidence for it"
    )
    record = SavingsEvidence.objects.select_for_update().get(pk=evidence.pk)
    if not record.attested_by_council:
        record.attested_by_council = True
        record.full_clean()
        record.save(update_fields=["attested_by_council"])
    return record


@transaction.atomic
def evidence_add(*, adoption: Adoption, **fields) -> SavingsEvidence:
    """Add one savings record with no permission check (trusted code: the demo loader,
    imports); a validation error saves nothing. People use the services above."""
    record = SavingsEvidence(adoption=adoption, **fields)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def evidence_verify(*, evidence: SavingsEvidence, moderator) -> SavingsEvidence:
    evidence.verified_by_moderator = True
    evidence.verified_by = moderator
    evidence.save(update_fields=["verified_by_moderator", "verified_by"])
    return evidence
