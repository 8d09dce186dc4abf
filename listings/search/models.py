"""Search's own tables: synonym groups moderators edit, and what the database backends index.

``SynonymGroup`` is a Wagtail snippet: each group is a set of terms that mean the same to
a council officer ("CTR" and "council tax reduction"). Every backend expands a query with
them, so an edit applies at once, with no reindex.

``SearchDocument`` is one live solution or case study as the database backends search it:
its text by weight (for snippets and the PostgreSQL ``tsvector``, which has a GIN index
created by the migration on PostgreSQL only). SQLite keeps the same text in an FTS5 table
(``listings_search_fts``), also created by the migration. ``SearchWord`` is the
vocabulary that "did you mean" picks from (a trigram index on PostgreSQL).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class SynonymGroup(index.Indexed, models.Model):
    """Terms that mean the same thing in a search, one per line (or separated by commas)."""

    name = models.CharField(max_length=100, unique=True, help_text="For example: CTR")
    terms = models.TextField(
        help_text=(
            "One term per line (or separated by commas), e.g. CTR, council tax reduction. "
            "A search for any of them finds all of them."
        )
    )

    panels = [FieldPanel("name"), FieldPanel("terms")]
    search_fields = [index.SearchField("name"), index.SearchField("terms")]

    class Meta:
        ordering = ["name"]
        verbose_name = "synonym group"

    def __str__(self) -> str:
        return self.name

    @property
    def term_list(self) -> list[str]:
        parts = self.terms.replace(",", "\n").splitlines()
        return list(dict.fromkeys(part.strip() for part in parts if part.strip()))


class SearchDocumentKind(models.TextChoices):
    SOLUTION = "solution", "Solution"
    CASE_STUDY = "case_study", "Case study"


class SearchDocument(models.Model):
    """A live page's searchable text, weighted A (title) to D (other details)."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    kind = models.CharField(max_length=20, choices=SearchDocumentKind.choices)
    title = models.TextField()
    weight_b = models.TextField(blank=True, help_text="Summary and problem")
    weight_c = models.TextField(blank=True, help_text="Description, tags, service areas")
    weight_d = models.TextField(blank=True, help_text="Everything else searchable")
    #: PostgreSQL only (NULL elsewhere): setweight(to_tsvector('english', ...)) A to D.
    vector = SearchVectorField(null=True, editable=False)

    def __str__(self) -> str:
        return self.title


class SearchWord(models.Model):
    """A word that appears in some indexed page: the candidates for "did you mean"."""

    word = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.word


class AdopterFacet(models.Model):
    """One (facet, value) a solution's current adopters give it, e.g. (nation, Wales).

    The adopter facets (council type, nation, region) count solutions, not adoptions: one
    GROUP BY over these rows (unique per solution) replaces three COUNT(DISTINCT) joins of
    adoptions to councils. ``listings.search.facets`` keeps them current.
    """

    solution = models.ForeignKey(
        "listings.SolutionPage", on_delete=models.CASCADE, related_name="+"
    )
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=200)
    label = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["solution", "facet", "value"], name="listings_adopterfacet_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"
