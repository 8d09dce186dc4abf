"""Signals that keep the search index and the catalogue caches current.

* A solution or case study saved while live is (re)indexed; one saved not live (an
  unpublish) or deleted leaves the index. Wagtail's ``page_published`` and
  ``page_unpublished`` do the same, after modelcluster has committed tags and areas.
* Anything a catalogue page shows (pages, adoptions, evidence, organisations, service
  areas, synonyms, view restrictions) moves the catalogue version on
  (``caching.catalogue_changed``) and purges the catalogue's addresses from a frontend
  cache when one is configured.
* A renamed organisation or service area reindexes the solutions that mention it.
"""

from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from hub.models import Organisation, ServiceArea
from listings.models import (
    Adoption,
    CaseStudyIndexPage,
    CaseStudyPage,
    SavingsEvidence,
    SolutionIndexPage,
    SolutionPage,
)
from listings.search import frontend
from listings.search.caching import catalogue_changed
from listings.search.facets import adopter_facets_refresh
from listings.search.indexing import index_page, unindex_pages
from listings.search.models import SynonymGroup
from listings.search.synonyms import forget_synonyms

SEARCHED_PAGES = (SolutionPage, CaseStudyPage)
#: Saves that touch only these fields do not change what a page shows or is found by.
_BOOKKEEPING_FIELDS = frozenset(
    {"latest_revision", "latest_revision_created_at", "draft_title", "has_unpublished_changes"}
)


def _bookkeeping_only(update_fields) -> bool:
    return bool(update_fields) and set(update_fields) <= _BOOKKEEPING_FIELDS


@receiver(post_save, sender=SolutionPage)
@receiver(post_save, sender=CaseStudyPage)
def page_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or _bookkeeping_only(update_fields):
        return
    index_page(instance)
    catalogue_changed()


@receiver(page_published)
def page_published_(sender, instance, **kwargs):
    if isinstance(instance, SEARCHED_PAGES):
        index_page(instance)
        catalogue_changed()
        frontend.purge_catalogue(instance)


@receiver(page_unpublished)
def page_unpublished_(sender, instance, **kwargs):
    """Also sent when a live page is deleted (while ``instance.live`` is still true)."""
    if isinstance(instance, SEARCHED_PAGES):
        unindex_pages([instance.pk])
        catalogue_changed()
        frontend.purge_catalogue(instance)


@receiver(post_delete, sender=SolutionPage)
@receiver(post_delete, sender=CaseStudyPage)
def page_deleted(sender, instance, **kwargs):
    unindex_pages([instance.pk])
    catalogue_changed()


@receiver([post_save, post_delete], sender=Adoption)
@receiver([post_save, post_delete], sender=SavingsEvidence)
def adoption_or_evidence_changed(sender, instance, signal, origin=None, **kwargs):
    catalogue_changed()
    if sender is Adoption and not _deleted_with_a_page(origin):
        previous = getattr(instance, "_previous_solution_id", None)
        adopter_facets_refresh(solution_ids=[instance.solution_id, previous])
    if frontend.enabled():  # costs no query when no frontend cache is configured
        solution = SolutionPage.objects.filter(pk=_solution_id(instance)).first()
        if solution is not None:
            frontend.purge_catalogue(solution)


def _deleted_with_a_page(origin) -> bool:
    """Whether this row goes because its solution (or a page above it) is deleted: then
    its facet rows go with the solution."""
    if isinstance(origin, QuerySet):
        return issubclass(origin.model, Page)
    return isinstance(origin, Page)


def _solution_id(instance):
    if isinstance(instance, Adoption):
        return instance.solution_id
    return Adoption.objects.filter(pk=instance.adoption_id).values_list("solution_id").first()


@receiver([post_save, post_delete], sender=PageViewRestriction)
@receiver([post_save, post_delete], sender=SolutionIndexPage)
@receiver([post_save, post_delete], sender=CaseStudyIndexPage)
def catalogue_shell_changed(sender, **kwargs):
    catalogue_changed()


@receiver([post_save, post_delete], sender=SynonymGroup)
def synonyms_changed(sender, **kwargs):
    forget_synonyms()
    catalogue_changed()


@receiver(post_save, sender=Organisation)
def organisation_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    catalogue_changed()
    adopted = Adoption.objects.filter(council=instance).values_list("solution_id", flat=True)
    adopter_facets_refresh(solution_ids=list(adopted))
    for solution in SolutionPage.objects.live().filter(provider=instance):
        index_page(solution)
    for study in CaseStudyPage.objects.live().filter(council=instance):
        index_page(study)


@receiver(post_save, sender=ServiceArea)
def service_area_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    catalogue_changed()
    for solution in SolutionPage.objects.live().filter(service_areas=instance):
        index_page(solution)


@receiver(m2m_changed, sender=SolutionPage.service_areas.through)
def service_areas_changed(sender, **kwargs):
    catalogue_changed()
