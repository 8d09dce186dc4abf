"""Design overview of the catalogue.

* ``SolutionPage`` (under ``SolutionIndexPage`` at /solutions/) is one listing: a council
  data tool, its provider, licence, cost, hosting, data needs and data protection.
* ``Adoption`` says which council uses a solution. The council is always an
  ``Organisation`` with a GSS code (never free text). ``confirmed`` adoptions were
  recorded by the council itself; the rest are *reported* by someone else.
* ``SavingsEvidence`` belongs to an adoption: an amount in GBP (or staff hours), the
  years it covers, how it was measured, and its level on Nesta's Standards of Evidence.
  The database refuses negative or absurd amounts, levels outside 1-5 and reversed
  year ranges; ``clean()`` also refuses years in the future.
* Each solution keeps derived figures (adopter count, evidenced annual savings, best
  evidence level, verified savings) in its own row, refreshed by
  ``listings.services.solution_refresh_figures`` whenever adoptions or evidence change,
  so listing, facets and sorting never aggregate over 10,000 solutions per request.
* ``SolutionFollow`` and ``SolutionUpdate`` (``models/follows.py``) let signed-in users
  follow a solution and get one email digest of its new adopters, evidence and campaigns.
* ``Submission`` (``models/submissions.py``) holds a member's answers for a new listing
  or a change, then becomes a draft revision in Wagtail's moderation workflow.
* ``CaseStudyPage`` (under ``CaseStudyIndexPage`` at /case-studies/) tells one council's
  story and links to the solutions it covers; solution pages link back.

The modules form layers, and imports only go down: ``choices`` and ``publiccode_fields``;
then ``solutions``, ``case_studies``, ``records``, ``follows`` and ``submissions``; then
``index_pages``, whose routes (the list, compare, the feed) call presenters. Presenters,
selectors and permissions that a page calls import those modules, never this package.
"""

from listings.models.case_studies import CaseStudyPage
from listings.models.choices import (
    AdoptionStatus,
    CostModel,
    DevelopmentStatus,
    EvidenceLevel,
    Hosting,
    SavingsKind,
    SavingsPeriod,
    SolutionType,
)
from listings.models.follows import SolutionFollow, SolutionUpdate, SolutionUpdateKind
from listings.models.index_pages import CaseStudyIndexPage, SolutionIndexPage
from listings.models.records import Adoption, SavingsEvidence
from listings.models.solutions import SolutionPage, SolutionPageTag
from listings.models.submissions import (
    Submission,
    SubmissionKind,
    SubmissionSource,
    SubmissionStatus,
)
from listings.search.models import (  # search's own tables (listings/search/models.py)
    SearchDocument,
    SearchWord,
    SynonymGroup,
)

__all__ = [
    "Adoption",
    "AdoptionStatus",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "CostModel",
    "DevelopmentStatus",
    "EvidenceLevel",
    "Hosting",
    "SavingsEvidence",
    "SavingsKind",
    "SavingsPeriod",
    "SearchDocument",
    "SearchWord",
    "SolutionFollow",
    "SolutionIndexPage",
    "SolutionPage",
    "SolutionPageTag",
    "SolutionType",
    "SolutionUpdate",
    "SolutionUpdateKind",
    "Submission",
    "SubmissionKind",
    "SubmissionSource",
    "SubmissionStatus",
    "SynonymGroup",
]
