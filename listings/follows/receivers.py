"""Record followers' news when an adoption or evidence is created (any route in).

Connected by importing this module from ``ListingsConfig.ready``.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from listings.follows.services import solution_update_record
from listings.models import (
    Adoption,
    AdoptionStatus,
    SavingsEvidence,
    SavingsPeriod,
    SolutionUpdateKind,
)
from listings.presenters.facts import evidence_level_label, evidence_measure_label, years_label

ADOPTION_PHRASES = {
    AdoptionStatus.EXPLORING: "is exploring it",
    AdoptionStatus.PILOTING: "is piloting it",
    AdoptionStatus.PRODUCTION: "uses it in production",
    AdoptionStatus.RETIRED: "used it and has since retired it",
}


def adoption_update_text(adoption: Adoption) -> str:
    source = "confirmed by the council" if adoption.confirmed else "reported, not yet confirmed"
    phrase = ADOPTION_PHRASES.get(adoption.status, "uses it")
    return f"{adoption.council.name} {phrase} ({source})."


def evidence_update_text(record: SavingsEvidence) -> str:
    period = "per year" if record.period == SavingsPeriod.PER_YEAR else "one-off"
    return (
        f"{record.adoption.council.name} added evidence: {evidence_measure_label(record)} "
        f"{record.get_kind_display().lower()} {period}, "
        f"{years_label(record.year_from, record.year_to)} "
        f"({evidence_level_label(record.evidence_level)})."
    )


@receiver(post_save, sender=Adoption, dispatch_uid="listings.follows.adoption_created")
def adoption_created(sender, instance: Adoption, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        solution_update_record(
            solution=instance.solution,
            kind=SolutionUpdateKind.NEW_ADOPTER,
            text=adoption_update_text(instance),
        )


@receiver(post_save, sender=SavingsEvidence, dispatch_uid="listings.follows.evidence_created")
def evidence_created(sender, instance: SavingsEvidence, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        solution_update_record(
            solution=instance.adoption.solution,
            kind=SolutionUpdateKind.NEW_EVIDENCE,
            text=evidence_update_text(instance),
        )
