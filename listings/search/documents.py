"""What is searchable about a page, by weight: the one definition every backend indexes.

A (title) > B (summary and problem) > C (description, features, tags, service areas,
provider) > D (audience, data, standards and the long description). Relations are read
from the instance, so a page whose tags modelcluster has not committed yet (a save in
progress) is indexed with the tags it is being saved with.
"""

from dataclasses import dataclass
from html import unescape

from django.utils.html import strip_tags

from listings.models.case_studies import CaseStudyPage
from listings.models.solutions import SolutionPage
from listings.search.models import SearchDocumentKind


@dataclass(frozen=True)
class PageText:
    page_id: int
    kind: str
    title: str
    weight_b: str
    weight_c: str
    weight_d: str

    @property
    def all_text(self) -> str:
        return " ".join((self.title, self.weight_b, self.weight_c, self.weight_d))


def plain(html: str) -> str:
    return " ".join(unescape(strip_tags(html or "")).split())


def _join(*parts) -> str:
    return " ".join(" ".join(str(p).split()) for p in parts if p)


def _streamfield_text(page, field_name: str) -> list[str]:
    field = page._meta.get_field(field_name)
    return [plain(text) for text in field.get_searchable_content(getattr(page, field_name))]


def solution_text(page: SolutionPage) -> PageText:
    features = page.features if isinstance(page.features, list) else []
    return PageText(
        page_id=page.pk,
        kind=SearchDocumentKind.SOLUTION,
        title=page.title,
        weight_b=_join(page.summary, plain(page.problem)),
        weight_c=_join(
            *_streamfield_text(page, "description"),
            *(str(f) for f in features),
            *(tag.name for tag in page.tags.all()),
            *(area.name for area in page.service_areas.all()),
            page.provider.name if page.provider_id and page.provider else "",
        ),
        weight_d=_join(
            page.audience, page.data_needed, page.data_standards, plain(page.long_description)
        ),
    )


def case_study_text(page: CaseStudyPage) -> PageText:
    return PageText(
        page_id=page.pk,
        kind=SearchDocumentKind.CASE_STUDY,
        title=page.title,
        weight_b=_join(plain(page.problem), plain(page.outcomes)),
        weight_c=_join(
            plain(page.approach),
            page.council.name if page.council_id else "",
            *(solution.title for solution in page.solutions.all()),
        ),
        weight_d=_join(plain(page.figures), plain(page.lessons)),
    )


def page_text(page) -> PageText | None:
    if isinstance(page, SolutionPage):
        return solution_text(page)
    if isinstance(page, CaseStudyPage):
        return case_study_text(page)
    return None
