"""Design overview of the harvester's data.

* ``HarvestSource``: where to look (a GitHub organisation, a search query, a topic or a
  single repository, on github.com or a GitHub Enterprise server), whether it is a
  council's, which hub organisation publishes there, and the rules for new listings
  (skip forks, empty and template repositories; required and excluded topics; a minimum
  of stars).
* ``HarvestedRepository``: each repository seen, with what GitHub said (metadata,
  README, publiccode.yml and its problems), its explicit state, why it is not listed
  (``skip_reason``) and the listing it became (``solution``). ``RepositoryAlias`` keeps
  the names of moved repositories.
* ``HarvestRun``: one run's counts, requests by HTTP status, rate limit left, errors
  per repository, and where it stopped if the rate limit stopped it.
* ``ResponseValidator``: the ETag of every GET, so the next run, in any process, asks
  GitHub conditionally; a 304 costs no rate limit.
"""

from harvest.models.repositories import HarvestedRepository, RepositoryAlias, SkipReason
from harvest.models.runs import COUNTS, HarvestRun, RunStatus
from harvest.models.sources import HarvestSource, PublisherKind, SourceKind
from harvest.models.validators import ResponseValidator, url_key

__all__ = [
    "COUNTS",
    "HarvestRun",
    "HarvestSource",
    "HarvestedRepository",
    "PublisherKind",
    "RepositoryAlias",
    "ResponseValidator",
    "RunStatus",
    "SkipReason",
    "SourceKind",
    "url_key",
]
