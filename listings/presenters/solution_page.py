"""What a solution page shows (``SolutionPage.get_context`` calls it), in a fixed number of
queries: the selectors fetch, the presenters beside this one format.

The figures in the summary card (adopter count, annual savings, best evidence) are the
solution's own derived columns, kept current by ``listings.services.solution_refresh_figures``;
the publiccode.yml features and technical details are read from the page's own row.
"""

from listings.maintenance import RULE as MAINTENANCE_RULE
from listings.permissions import user_can_propose_changes
from listings.presenters.evidence import (
    EVIDENCE_LEVELS,
    adopters_by_region,
    evidence_rows,
    savings_chart,
)
from listings.presenters.facts import solution_facts
from listings.presenters.json_ld import json_ld_script, solution_json_ld
from listings.presenters.technical import solution_features, solution_technical_details
from listings.presenters.viewer import councils_like_mine, viewer_of
from listings.selectors.detail import (
    solution_adoptions,
    solution_case_studies,
    user_follows,
    viewer_organisations,
)


def solution_page_context(*, solution, user, request=None) -> dict:
    """Everything templates/listings/solution_page.html shows.

    A page being previewed before its first save has no adoptions, case studies or
    followers yet (and cannot be used in related filters), so those parts are empty.
    """
    saved = solution.pk is not None
    adoptions = solution_adoptions(solution) if saved else []
    viewer = viewer_of(user, organisations=viewer_organisations(user))
    service_areas = list(solution.service_areas.all())
    return {
        "facts": solution_facts(solution),
        "adoptions": adoptions,
        "adopter_groups": adopters_by_region(adoptions),
        "evidence_rows": evidence_rows(adoptions),
        "savings_chart": savings_chart(adoptions),
        "evidence_levels": EVIDENCE_LEVELS,
        "like_mine": councils_like_mine(adoptions=adoptions, council=viewer.council),
        "case_studies": list(solution_case_studies(solution)) if saved else [],
        "related_solutions": solution.related_solutions(
            area_ids=[area.pk for area in service_areas]
        ),
        "service_areas": service_areas,
        "tags": list(solution.tags.all()),
        "is_following": saved and user_follows(user=user, solution=solution),
        "viewer": viewer,
        # The same rule as the service that takes the proposal (moderators included).
        "can_propose_changes": saved and user_can_propose_changes(user=user, page=solution),
        "features": solution_features(solution),
        "technical_details": solution_technical_details(solution),
        "json_ld": json_ld_script(solution_json_ld(solution, request=request)),
        "maintenance_rule": MAINTENANCE_RULE,
    }
