"""The adopter facets (used by councils of a type, in a nation, in a region), kept per solution.

``AdopterFacet`` holds, for each solution, the distinct (facet, value) pairs of the councils
piloting or using it. ``adopter_facets_refresh`` rewrites one solution's rows (on adoption
changes and council edits, from ``listings.search.receivers``); ``adopter_facets_rebuild``
rewrites all of them (``search_index --rebuild``, and after bulk loads).
``adopter_facet_counts(pks)`` is one GROUP BY for all three facets.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count

from listings.models.records import Adoption
from listings.search.models import AdopterFacet

#: facet name -> (council field for the value, council field for the label)
ADOPTER_FACETS = {
    "council_type": ("council__council_type", "council__council_type_name"),
    "nation": ("council__nation", "council__nation"),
    "region": ("council__region", "council__region"),
}


def _rows_for(adoptions) -> list[AdopterFacet]:
    fields = sorted({f for pair in ADOPTER_FACETS.values() for f in pair})
    seen, rows = set(), []
    for values in adoptions.adopting().values("solution_id", *fields).distinct():
        for facet, (value_field, label_field) in ADOPTER_FACETS.items():
            value = values[value_field] or ""
            key = (values["solution_id"], facet, value)
            if value and key not in seen:
                seen.add(key)
                rows.append(
                    AdopterFacet(
                        solution_id=values["solution_id"],
                        facet=facet,
                        value=value,
                        label=values[label_field] or value,
                    )
                )
    return rows


@transaction.atomic
def adopter_facets_refresh(*, solution_ids: Iterable[int]) -> None:
    ids = [pk for pk in set(solution_ids) if pk]
    if not ids:
        return
    AdopterFacet.objects.filter(solution_id__in=ids).delete()
    AdopterFacet.objects.bulk_create(
        _rows_for(Adoption.objects.filter(solution_id__in=ids)), batch_size=1000
    )


@transaction.atomic
def adopter_facets_rebuild() -> int:
    AdopterFacet.objects.all().delete()
    rows = _rows_for(Adoption.objects.all())
    AdopterFacet.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def adopter_facet_counts(pks) -> dict[str, list[tuple[str, str, int]]]:
    """For each adopter facet, (value, label, number of ``pks`` adopted there), most
    common first is not implied: ordered by value."""
    counts: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    rows = (
        AdopterFacet.objects.filter(solution_id__in=pks)
        .values_list("facet", "value", "label")
        .annotate(n=Count("id"))
        .order_by("facet", "value")
    )
    for facet, value, label, n in rows:
        counts[facet].append((value, label, n))
    return counts
