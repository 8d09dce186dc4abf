from listings.selectors.detail import solution_detail_context
from listings.selectors.search import SolutionSearch, solution_search

__all__ = ["SolutionSearch", "solution_detail_context", "solution_search"]
