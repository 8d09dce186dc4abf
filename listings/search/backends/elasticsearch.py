"""Elasticsearch 8 through elasticsearch-dsl: the backend when ``ELASTICSEARCH_URL`` is set.

The client is built lazily (no network at import) with the configured timeout. Pages are
indexed on publish and removed on unpublish and delete (``listings.search.receivers``);
``rebuild`` creates a new timestamped index, fills it with the bulk helper, then points
the alias at it and deletes the old index, so searches never see a half-built index.

What the rest of the hub asks of a backend is answered with Elasticsearch requests:
matches and ranking (ids, at most ``MAX_HITS``), highlighted fragments, the term
suggester for "did you mean", and — because ``counts_facets`` is set — the facet counts
of ``SolutionFacetedSearch`` (``facet_counts``). Responses are read with
``parse_*`` functions that take the plain response body, so they are tested on bodies
shaped as Elasticsearch's documentation shows.
"""

import time
from collections.abc import Iterable
from functools import cached_property

from django.conf import settings
from django.db.models import QuerySet

from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.helpers import bulk
from elasticsearch_dsl import Search

from hub.models.organisations import Nation
from listings.models import (
    CostModel,
    DevelopmentStatus,
    EvidenceLevel,
    Hosting,
    SolutionPage,
    SolutionType,
)
from listings.search.backends.base import (
    MARK_END,
    MARK_START,
    SearchBackend,
    TextQuery,
    marked_to_html,
)
from listings.search.documents import PageText
from listings.search.elasticsearch_documents import (
    SPELL_FIELD,
    SolutionFacetedSearch,
    alias_name,
    document_classes,
    text_query,
)
from listings.search.models import AdopterFacet, SynonymGroup
from listings.search.ordering import Position

MAX_HITS = 10_000
KINDS = ("solution", "case_study")
HIGHLIGHT_OPTIONS = {"pre_tags": [MARK_START], "post_tags": [MARK_END]}
HIGHLIGHT_FIELDS = {"number_of_fragments": 1, "fragment_size": 160}


def solution_facet_fields(page_ids: list[int]) -> dict[int, dict]:
    """The facet fields of SolutionDocument for ``page_ids``: three queries per batch."""
    if not page_ids:
        return {}
    fields = {}
    for row in SolutionPage.objects.filter(pk__in=page_ids).values(
        "pk",
        "solution_type",
        "development_status",
        "cost_model",
        "hosting",
        "licence",
        "is_open_source",
        "has_verified_savings",
        "best_evidence_level",
    ):
        fields[row["pk"]] = {
            "type": row["solution_type"],
            "status": row["development_status"],
            "cost": row["cost_model"],
            "hosting": row["hosting"],
            "licence": row["licence"] or None,
            "open_source": row["is_open_source"],
            "verified_savings": row["has_verified_savings"],
            "min_evidence": row["best_evidence_level"],
            "service_area": [],
            "council_type": [],
            "nation": [],
            "region": [],
        }
    links = SolutionPage.service_areas.through.objects.filter(solutionpage_id__in=page_ids)
    for solution_id, slug in links.values_list("solutionpage_id", "servicearea__slug"):
        fields[solution_id]["service_area"].append(slug)
    adopters = AdopterFacet.objects.filter(solution_id__in=page_ids)
    for solution_id, facet, value in adopters.values_list("solution_id", "facet", "value"):
        fields[solution_id][facet].append(value)
    return fields


def parse_ids(body: dict) -> list[int]:
    return [int(hit["_id"]) for hit in body.get("hits", {}).get("hits", [])]


def parse_highlights(body: dict) -> dict[int, str]:
    """The first fragment of each hit, summary and problem before description."""
    found = {}
    for hit in body.get("hits", {}).get("hits", []):
        highlight = hit.get("highlight", {})
        for field in ("weight_b", "weight_c"):
            if highlight.get(field):
                found[int(hit["_id"])] = highlight[field][0]
                break
    return found


def parse_suggestions(body: dict) -> dict[str, str]:
    """Term suggester answers: each word with an option, mapped to the best option."""
    found = {}
    for entry in body.get("suggest", {}).get("spelling", []):
        if entry.get("options"):
            found[entry["text"]] = entry["options"][0]["text"]
    return found


def parse_facets(body: dict) -> dict[str, dict[str, int]]:
    """Each facet's bucket counts by key (booleans as "true"/"false")."""
    counts = {}
    for name, wrapper in body.get("aggregations", {}).items():
        if not name.startswith("_filter_"):
            continue
        facet = name.removeprefix("_filter_")
        buckets = wrapper[facet]["buckets"]
        if isinstance(buckets, dict):  # range aggregations may be keyed
            buckets = [{"key": key, **bucket} for key, bucket in buckets.items()]
        counts[facet] = {
            str(bucket.get("key_as_string", bucket["key"])).lower()
            if isinstance(bucket["key"], bool) or "key_as_string" in bucket
            else str(bucket["key"]): bucket["doc_count"]
            for bucket in buckets
        }
    return counts


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"
    counts_facets = True

    @cached_property
    def client(self) -> Elasticsearch:
        return Elasticsearch(
            settings.ELASTICSEARCH_URL, request_timeout=settings.ELASTICSEARCH_TIMEOUT
        )

    def documents(self):
        groups = [group.term_list for group in SynonymGroup.objects.all()]
        solution, case_study = document_classes(groups)
        return {"solution": solution, "case_study": case_study}

    def _search(self, kind: str) -> Search:
        return Search(using=self.client, index=alias_name(kind))

    def _refresh(self) -> str | bool:
        return "wait_for" if getattr(settings, "ELASTICSEARCH_REFRESH_ON_WRITE", False) else False

    # Reading ---------------------------------------------------------------------

    def ranked_ids(self, kind: str, query: TextQuery) -> list[int]:
        search = self._search(kind).query(text_query(query)).source(False)[:MAX_HITS]
        return parse_ids(search.execute().to_dict())

    def matching(self, kind: str, query: TextQuery):
        return self.ranked_ids(kind, query)

    def any_match(self, kind: str, query: TextQuery) -> bool:
        return self._search(kind).query(text_query(query)).count() > 0

    def order_by_relevance(self, queryset: QuerySet, kind: str, query: TextQuery) -> QuerySet:
        ranked = self.ranked_ids(kind, query)
        if not ranked:
            return queryset.order_by("title", "pk")
        return queryset.order_by(Position("pk", ranked), "title", "pk")

    def snippets(self, page_ids: list[int], query: TextQuery) -> dict:
        if not page_ids or not query:
            return {}
        any_word = TextQuery(query.clauses, any_word=True)
        search = (
            Search(using=self.client, index=[alias_name(kind) for kind in KINDS])
            .query(text_query(any_word))
            .filter("ids", values=[str(pk) for pk in page_ids])
            .highlight_options(**HIGHLIGHT_OPTIONS)
            .highlight("weight_b", "weight_c", **HIGHLIGHT_FIELDS)
            .source(False)[: len(page_ids)]
        )
        return {
            pk: marked_to_html(text)
            for pk, text in parse_highlights(search.execute().to_dict()).items()
        }

    def suggestions(self, words: Iterable[str]) -> dict[str, str]:
        text = " ".join(words)
        if not text:
            return {}
        search = self._search("solution").suggest(
            "spelling", text, term={"field": SPELL_FIELD, "suggest_mode": "missing"}
        )
        return parse_suggestions(search[:0].execute().to_dict())

    def facet_rows(self, query: TextQuery | None, applied, *, areas):
        """(total, rows) of the facets for a search, from one faceted request."""
        faceted = SolutionFacetedSearch(query, faceted_filters(applied))
        faceted._s = faceted._s.using(self.client)
        return facet_rows(faceted[:0].execute().to_dict(), areas=areas)

    # Writing ---------------------------------------------------------------------

    def _actions(self, texts: Iterable[PageText], index_for):
        texts = list(texts)
        facets = solution_facet_fields([t.page_id for t in texts if t.kind == "solution"])
        for text in texts:
            yield {
                "_op_type": "index",
                "_index": index_for(text.kind),
                "_id": str(text.page_id),
                "_source": {
                    "page_id": text.page_id,
                    "title": text.title,
                    "weight_b": text.weight_b,
                    "weight_c": text.weight_c,
                    "weight_d": text.weight_d,
                    **facets.get(text.page_id, {}),
                },
            }

    def ensure_indexes(self) -> None:
        for kind, document in self.documents().items():
            alias = alias_name(kind)
            if not self.client.indices.exists_alias(name=alias):
                concrete = f"{alias}-{time.strftime('%Y%m%d%H%M%S')}"
                document._index.clone(name=concrete).create(using=self.client)
                self.client.indices.put_alias(index=concrete, name=alias)

    def index_pages(self, texts: list[PageText]) -> None:
        if texts:
            self.ensure_indexes()
            bulk(self.client, self._actions(texts, alias_name), refresh=self._refresh())

    def remove_pages(self, page_ids: Iterable[int]) -> None:
        actions = [
            {"_op_type": "delete", "_index": alias_name(kind), "_id": str(pk)}
            for pk in page_ids
            for kind in KINDS
        ]
        if actions:
            bulk(self.client, actions, raise_on_error=False, refresh=self._refresh())

    def _indexes(self, kind: str) -> list[str]:
        """The concrete indexes of ``kind`` (Elasticsearch 8 refuses wildcard deletes)."""
        return list(self.client.indices.get(index=f"{alias_name(kind)}-*"))

    def clear(self) -> None:
        for kind in KINDS:
            for index in self._indexes(kind):
                self.client.indices.delete(index=index)

    def rebuild(self, batches):
        """Fill new indexes, then move the aliases onto them in one request."""
        stamp = time.strftime("%Y%m%d%H%M%S")
        new = {kind: f"{alias_name(kind)}-{stamp}" for kind in KINDS}
        for kind, document in self.documents().items():
            document._index.clone(name=new[kind]).create(using=self.client)
        for texts in batches:
            bulk(self.client, self._actions(texts, new.__getitem__))
            yield len(texts)
        actions = []
        for kind in KINDS:
            alias = alias_name(kind)
            try:
                old = list(self.client.indices.get_alias(name=alias))
            except NotFoundError:  # the first build: no alias yet
                old = []
            actions += [{"remove": {"index": index, "alias": alias}} for index in old]
            actions.append({"add": {"index": new[kind], "alias": alias}})
        self.client.indices.update_aliases(actions=actions)
        self.client.indices.refresh(index=",".join(new.values()))
        for kind in KINDS:
            for index in self._indexes(kind):
                if index != new[kind]:
                    self.client.indices.delete(index=index)


#: /solutions/ parameters that are facets, as SolutionFacetedSearch filters.
_BOOLEAN_FILTERS = ("open_source", "verified_savings")


def faceted_filters(applied: Iterable[tuple[str, str]]) -> dict[str, list]:
    """The applied /solutions/ parameters (``SolutionSearch.applied``) as facet filters."""
    filters: dict[str, list] = {}
    for name, value in applied:
        if name in ("q", "sort"):
            continue
        if name in _BOOLEAN_FILTERS:
            value = value == "true"
        elif name == "licence":
            value = value.lower()
        filters.setdefault(name, []).append(value)
    return filters


def facet_rows(body: dict, *, areas: list[tuple[str, str]]):
    """(total, rows) from a faceted search's response, in the shape the selector's SQL
    facets have: for each facet, (value, label, count) rows, fixed choices all listed."""
    counts = parse_facets(body)
    total = body.get("hits", {}).get("total", {}).get("value", 0)

    def listed(name, choices):
        return [(value, label, counts.get(name, {}).get(value, 0)) for value, label in choices]

    def present(name):
        return sorted(
            ((value, value, n) for value, n in counts.get(name, {}).items() if n),
            key=lambda row: (-row[2], row[0].casefold()),
        )

    rows = {
        "service_area": listed("service_area", areas),
        "type": listed("type", SolutionType.choices),
        "status": listed("status", DevelopmentStatus.choices),
        "cost": listed("cost", CostModel.choices),
        "hosting": listed("hosting", Hosting.choices),
        "open_source": listed(
            "open_source", [("true", "Open source"), ("false", "Not open source")]
        ),
        "verified_savings": listed(
            "verified_savings", [("true", "Has verified savings"), ("false", "No verified savings")]
        ),
        "min_evidence": [
            (str(level), str(level), counts.get("min_evidence", {}).get(str(level), 0))
            for level in EvidenceLevel.values
        ],
        "licence": present("licence"),
        "council_type": present("council_type"),
        "nation": listed("nation", Nation.choices),
        "region": present("region"),
    }
    return total, rows
