"""Keep each solution's derived figures current however adoptions and evidence change
(services, Wagtail snippets, the API or an import). Bulk loads skip signals and call
``solutions_refresh_all_figures`` instead."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from listings.models import Adoption, SavingsEvidence


@receiver([post_save, post_delete], sender=Adoption)
def adoption_changed(sender, instance: Adoption, **kwargs):
    from listings.services import solution_refresh_figures

    solution_refresh_figures(solution_id=instance.solution_id)


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
