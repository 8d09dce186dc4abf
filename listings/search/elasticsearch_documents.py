"""Elasticsearch documents and the faceted search for the catalogue (elasticsearch-dsl).

Kept apart from the backend (``backends/elasticsearch.py``, the plumbing) as cfgov keeps
its documents apart from its query building. Index names are per environment:
``<ELASTICSEARCH_INDEX_PREFIX>-<HUB_ENVIRONMENT>-solutions`` is an *alias*; the index
behind it is that name plus a timestamp, so ``search_index --rebuild`` fills a new index
and moves the alias in one call while searches keep using the old one.

Analysis: ``hub_english`` (standard tokenizer, lower case, English possessives, stop
words and the English stemmer) indexes the text; searches use ``hub_english_search``,
the same plus a ``synonym_graph`` filter with the moderators' synonym groups as they were
when the index was built. Queries are expanded with the current groups as well
(``listings.search.synonyms``), so an edit applies at once, as on the database backends.
``spell`` (lower case, no stemming) feeds the term suggester ("did you mean").
"""

from django.conf import settings

from elasticsearch_dsl import (
    Boolean,
    Document,
    FacetedSearch,
    Integer,
    Keyword,
    Q,
    RangeFacet,
    TermsFacet,
    Text,
    analyzer,
    token_filter,
)
from elasticsearch_dsl.query import MatchAll

from listings.search.backends.base import MARK_END, MARK_START, TextQuery

FIELDS = ["title^10", "weight_b^4", "weight_c^2", "weight_d"]
SPELL_FIELD = "spell"


def alias_name(kind: str) -> str:
    suffix = {"solution": "solutions", "case_study": "case-studies"}[kind]
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{settings.HUB_ENVIRONMENT}-{suffix}"


def synonym_rules(groups: list[list[str]]) -> list[str]:
    """Solr-format rules (``a, b, c``) for the synonym_graph filter."""
    rules = []
    for terms in groups:
        cleaned = [" ".join(t.replace(",", " ").split()).lower() for t in terms]
        cleaned = [t for t in dict.fromkeys(cleaned) if t]
        if len(cleaned) > 1:
            rules.append(", ".join(cleaned))
    return rules


def analyzers(groups: list[list[str]]):
    english_stop = token_filter("hub_english_stop", "stop", stopwords="_english_")
    english_stem = token_filter("hub_english_stemmer", "stemmer", language="english")
    possessive = token_filter("hub_english_possessive", "stemmer", language="possessive_english")
    synonyms = token_filter(
        "hub_synonyms", "synonym_graph", synonyms=synonym_rules(groups) or ["hub, hub"]
    )
    index_analyzer = analyzer(
        "hub_english",
        tokenizer="standard",
        filter=["lowercase", possessive, english_stop, english_stem],
    )
    search_analyzer = analyzer(
        "hub_english_search",
        tokenizer="standard",
        filter=["lowercase", possessive, synonyms, english_stop, english_stem],
    )
    spell = analyzer("hub_spell", tokenizer="standard", filter=["lowercase"])
    return index_analyzer, search_analyzer, spell


def text_field(index_analyzer, search_analyzer):
    return Text(analyzer=index_analyzer, search_analyzer=search_analyzer, copy_to=SPELL_FIELD)


def document_classes(groups: list[list[str]]):
    """The two Document classes, with analysers built from ``groups`` (synonyms)."""
    index_analyzer, search_analyzer, spell_analyzer = analyzers(groups)

    class CatalogueDocument(Document):
        page_id = Integer()
        title = text_field(index_analyzer, search_analyzer)
        weight_b = text_field(index_analyzer, search_analyzer)
        weight_c = text_field(index_analyzer, search_analyzer)
        weight_d = text_field(index_analyzer, search_analyzer)
        spell = Text(analyzer=spell_analyzer)

    class SolutionDocument(CatalogueDocument):
        service_area = Keyword(multi=True)
        type = Keyword()
        status = Keyword()
        cost = Keyword()
        hosting = Keyword()
        licence = Keyword(normalizer="lowercase")
        open_source = Boolean()
        verified_savings = Boolean()
        min_evidence = Integer()
        council_type = Keyword(multi=True)
        nation = Keyword(multi=True)
        region = Keyword(multi=True)

        class Index:
            name = alias_name("solution")

    class CaseStudyDocument(CatalogueDocument):
        council = Keyword()

        class Index:
            name = alias_name("case_study")

    return SolutionDocument, CaseStudyDocument


def text_query(query: TextQuery):
    """The bool query for a ``TextQuery``: each clause a ``should`` of its phrases
    (``multi_match`` of type phrase over the weighted fields); every clause ``must``
    match, or (any word) at least one."""
    clauses = []
    for clause in query.clauses:
        phrases = [
            Q("multi_match", query=" ".join(phrase), fields=FIELDS, type="phrase")
            for phrase in clause.alternatives
        ]
        clauses.append(Q("bool", should=phrases, minimum_should_match=1))
    if query.any_word:
        return Q("bool", should=clauses, minimum_should_match=1)
    return Q("bool", must=clauses)


#: The /solutions/ facets, as Elasticsearch aggregations over SolutionDocument fields.
SOLUTION_FACETS = {
    "service_area": TermsFacet(field="service_area", size=100),
    "type": TermsFacet(field="type", size=50),
    "status": TermsFacet(field="status", size=50),
    "open_source": TermsFacet(field="open_source"),
    "licence": TermsFacet(field="licence", size=100),
    "cost": TermsFacet(field="cost", size=50),
    "hosting": TermsFacet(field="hosting", size=50),
    "min_evidence": RangeFacet(
        field="min_evidence", ranges=[(str(n), (n, None)) for n in range(1, 6)]
    ),
    "council_type": TermsFacet(field="council_type", size=100),
    "nation": TermsFacet(field="nation", size=10),
    "region": TermsFacet(field="region", size=100),
    "verified_savings": TermsFacet(field="verified_savings"),
}


class SolutionFacetedSearch(FacetedSearch):
    """Text, filters and facet counts in one request. Unlike elasticsearch-dsl's default
    (each facet counted without its own filter), every facet counts the filtered results,
    as the database backend's SQL aggregates do."""

    fields = FIELDS
    facets = SOLUTION_FACETS

    def __init__(self, query: TextQuery | None = None, filters=None, *, index=None, sort=()):
        self.index = index or alias_name("solution")
        self.text = query
        super().__init__(query=None, filters=filters or {}, sort=list(sort))

    def build_search(self):
        search = super().build_search()
        if self.text:
            search = search.query(text_query(self.text))
        return search

    def aggregate(self, search):
        every_filter = MatchAll()
        for applied in self._filters.values():
            every_filter &= applied
        for name, facet in self.facets.items():
            search.aggs.bucket("_filter_" + name, "filter", filter=every_filter).bucket(
                name, facet.get_aggregation()
            )

    def highlight(self, search):
        return search.highlight_options(pre_tags=[MARK_START], post_tags=[MARK_END]).highlight(
            "weight_b", "weight_c", number_of_fragments=1, fragment_size=160
        )
