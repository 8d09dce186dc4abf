"""manage.py validate_publiccode PATH... [--json]

Validates publiccode.yml files (or every *.yml / *.yaml in a directory) and prints a
result per file: ok, warnings or errors, each problem with its key path and line.
Exits with status 1 when any file has errors (warnings alone do not fail).

The helpers below (finding the files, a file's status, printing a result and the
summary) are import_publiccode's too, so both commands report alike.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from harvest.publiccode import MAX_BYTES, validate_publiccode
from harvest.publiccode.parser import ParseResult, Problem


def files(paths: list[str]) -> list[Path]:
    """The files named, and every *.yml / *.yaml in the directories named."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix in (".yml", ".yaml")))
        elif path.is_file():
            out.append(path)
        else:
            raise CommandError(f"{raw}: no such file or directory")
    return out


def read(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(MAX_BYTES + 1)  # enough to see that it is too large


def status_of(problems: list[dict]) -> str:
    """``ParseResult.status`` ("ok", "warnings" or "errors") of problems given as dicts."""
    return ParseResult(problems=[Problem(**problem) for problem in problems]).status


def result_lines(style, report: dict) -> list[str]:
    """A file's result: its path and status (coloured by ``style``), then each problem."""
    colour = {"ok": style.SUCCESS, "warnings": style.WARNING}.get(report["status"], style.ERROR)
    lines = [colour(f"{report['path']}: {report['status']}")]
    for problem in report["problems"]:
        where = f"line {problem['line']}" if problem.get("line") else "-"
        key = problem["key"] or "(file)"
        lines.append(f"  {where}: {problem['severity']}: {key}: {problem['message']}")
    return lines


def failed(reports: list[dict]) -> int:
    return sum(report["status"] == "errors" for report in reports)


def summary(reports: list[dict]) -> str:
    """ "N file(s): a ok, b with warnings only, c with errors"."""
    counts = {s: sum(r["status"] == s for r in reports) for s in ("ok", "warnings")}
    return (
        f"{len(reports)} file(s): {counts['ok']} ok, {counts['warnings']} with "
        f"warnings only, {failed(reports)} with errors"
    )


class Command(BaseCommand):
    help = "Validate publiccode.yml files against the standard (exit 1 if any has errors)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
        parser.add_argument("--json", action="store_true", help="print one JSON document")

    def handle(self, *args, **options):
        reports = []
        for path in files(options["paths"]):
            result = validate_publiccode(read(path))
            report = {
                "path": str(path),
                "status": result.status,
                "version": result.version,
                "problems": [p.as_dict() for p in result.problems],
            }
            reports.append(report)
            if not options["json"]:
                self.stdout.write("\n".join(result_lines(self.style, report)))
        if options["json"]:
            self.stdout.write(json.dumps({"files": reports, "failed": failed(reports)}, indent=2))
        else:
            self.stdout.write(summary(reports))
        if failed(reports):
            raise SystemExit(1)
