"""Keep each solution's derived figures current however adoptions and evidence change
(services, Wagtail snippets, the API or an import). Bulk loads skip signals and call
``solutions_refresh_all_figures`` instead.

A delete cascades: deleting a solution deletes its adoptions, deleting an adoption its
evidence, and Django sends ``post_delete`` for every row. Only the row whose delete
started it (Django's ``origin``) refreshes the figures: an adoption's delete refreshes
its solution once, after its evidence is gone, and a solution's delete refreshes nothing.
"""

from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from wagtail.models import Page

from listings.models import Adoption, SavingsEvidence
from listings.services import solution_refresh_figures


def _deleted_with(origin, *parents: type[Model]) -> bool:
    """Whether a delete that ``origin`` (a model instance or queryset) started is the delete
    of one of ``parents``: then this row goes with its parent and the parent's own receiver
    (or nothing, when the solution itself goes) deals with the figures."""
    if isinstance(origin, QuerySet):
        return issubclass(origin.model, parents)
    return isinstance(origin, parents)


@receiver(pre_save, sender=Adoption)
def adoption_remember_previous_solution(sender, instance: Adoption, **kwargs):
    """An editor may move an adoption to another solution: both need their figures."""
    instance._previous_solution_id = (
        Adoption.objects.filter(pk=instance.pk).values_list("solution_id", flat=True).first()
        if instance.pk
        else None
    )


@receiver([post_save, post_delete], sender=Adoption)
def adoption_changed(sender, instance: Adoption, signal, origin=None, **kwargs):
    # Solution pages (and the pages above them) are deleted through Page querysets.
    if signal is post_delete and _deleted_with(origin, Page):
        return
    solution_refresh_figures(solution_id=instance.solution_id)
    previous = getattr(instance, "_previous_solution_id", None)
    if previous and previous != instance.solution_id:
        solution_refresh_figures(solution_id=previous)


@receiver([post_save, post_delete], sender=SavingsEvidence)
def evidence_changed(sender, instance: SavingsEvidence, signal, origin=None, **kwargs):
    if signal is post_delete and _deleted_with(origin, Adoption, Page):
        return
    if SavingsEvidence.adoption.is_cached(instance):
        solution_id = instance.adoption.solution_id
    else:
        solution_id = (
            Adoption.objects.filter(pk=instance.adoption_id)
            .values_list("solution_id", flat=True)
            .first()
        )
    if solution_id is not None:
        solution_refresh_figures(solution_id=solution_id)
