"""CSV export of a filtered list of solutions, streamed row by row.

The rows are read in chunks (``QuerySet.iterator``) and written as they are produced, so
exporting the whole catalogue never holds it in memory. Every cell that a spreadsheet
would read as a formula is neutralised (OWASP "CSV injection").
"""

import csv
from collections.abc import Callable, Iterable, Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from listings.models import SolutionPage

#: Rows fetched from the database at a time (with their service areas prefetched).
CHUNK_SIZE = 500

HEADER = [
    "Title",
    "URL",
    "Summary",
    "Type",
    "Status",
    "Licence",
    "Open source",
    "Cost model",
    "Hosting",
    "Provider",
    "Adopters",
    "Annual savings GBP",
    "Best evidence level",
    "Verified savings",
    "Service areas",
]

#: A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value) -> str:
    """The cell as text, prefixed with a single quote if a spreadsheet would evaluate it."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def solution_row(solution: SolutionPage, *, page_url: Callable[[SolutionPage], str]) -> list:
    return [
        solution.title,
        page_url(solution),
        solution.summary,
        solution.get_solution_type_display(),
        solution.get_development_status_display(),
        solution.licence,
        _yes_no(solution.is_open_source),
        solution.get_cost_model_display(),
        solution.get_hosting_display(),
        solution.provider.name if solution.provider else "",
        solution.adopter_count,
        f"{solution.annual_savings_gbp:.2f}",
        solution.best_evidence_level or "",
        _yes_no(solution.has_verified_savings),
        "; ".join(area.name for area in solution.service_areas.all()),
    ]


def solution_csv_lines(
    solutions: QuerySet[SolutionPage], *, page_url: Callable[[SolutionPage], str]
) -> Iterator[str]:
    """The CSV text, one line at a time: the header, then a line per solution."""
    writer = csv.writer(_Echo())
    yield writer.writerow(HEADER)
    rows = solutions.select_related("provider").prefetch_related("service_areas")
    for solution in rows.iterator(chunk_size=CHUNK_SIZE):
        yield writer.writerow(_neutralised(solution_row(solution, page_url=page_url)))


def solutions_csv_response(
    solutions: QuerySet[SolutionPage],
    *,
    page_url: Callable[[SolutionPage], str],
    filename: str = "solutions.csv",
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        solution_csv_lines(solutions, page_url=page_url), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _neutralised(cells: Iterable) -> list[str]:
    return [neutralise_formula(cell) for cell in cells]


class _Echo:
    """A file-like object whose ``write`` hands the line back, for ``csv.writer``."""

    def write(self, value: str) -> str:
        return value
