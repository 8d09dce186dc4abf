"""Keep each solution's derived figures current however adoptions and evidence change
(services, Wagtail snippets, the API or an import). Bulk loads skip signals and call
``solutions_refresh_all_figures`` instead."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from listings.models import Adoption, SavingsEvidence


@receiver(pre_save, sender=Adoption)
def adoption_remember_previous_solution(sender, instance: Adoption, **kwargs):
    """An editor may move an adoption to another solution: both need their figures."""
    instance._previous_solution_id = (
        Adoption.objects.filter(pk=instance.pk).values_list("solution_id", flat=True).first()
        if instance.pk
        else None
    )


@receiver([post_save, post_delete], sender=Adoption)
def adoption_changed(sender, instance: Adoption, **kwargs):
    from listings.services import solution_refresh_figures

    solution_refresh_figures(solution_id=instance.solution_id)
    previous = getattr(instance, "_previous_solution_id", None)
    if previous and previous != instance.solution_id:
        solution_refresh_figures(solution_id=previous)


@receiver([post_save, post_delete], sender=SavingsEvidence)
def evidence_changed(sender, instance: SavingsEvidence, **kwargs):
    from listings.services import solution_refresh_figures

    solution_id = (
        Adoption.objects.filter(pk=instance.adoption_id)
        .values_list("solution_id", flat=True)
        .first()
    )
    if solution_id is not None:
        solution_refresh_figures(solution_id=solution_id)
