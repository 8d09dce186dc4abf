"""manage.py validate_publiccode PATH... [--json]

Validates publiccode.yml files (or every *.yml / *.yaml in a directory) and prints a
result per file: ok, warnings or errors, each problem with its key path and line.
Exits with status 1 when any file has errors (warnings alone do not fail).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from harvest.publiccode import MAX_BYTES, validate_publiccode


def _files(paths: list[str]) -> list[Path]:
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


class Command(BaseCommand):
    help = "Validate publiccode.yml files against the standard (exit 1 if any has errors)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
        parser.add_argument("--json", action="store_true", help="print one JSON document")

    def handle(self, *args, **options):
        reports = []
        for path in _files(options["paths"]):
            with path.open("rb") as fh:
                content = fh.read(MAX_BYTES + 1)  # enough to see that it is too large
            result = validate_publiccode(content)
            reports.append(
                {
                    "path": str(path),
                    "status": result.status,
                    "version": result.version,
                    "problems": [p.as_dict() for p in result.problems],
                }
            )
            if not options["json"]:
                self._print(path, result)
        failed = sum(r["status"] == "errors" for r in reports)
        if options["json"]:
            self.stdout.write(json.dumps({"files": reports, "failed": failed}, indent=2))
        else:
            counts = {s: sum(r["status"] == s for r in reports) for s in ("ok", "warnings")}
            self.stdout.write(
                f"{len(reports)} file(s): {counts['ok']} ok, {counts['warnings']} with "
                f"warnings only, {failed} with errors"
            )
        if failed:
            raise SystemExit(1)

    def _print(self, path, result):
        style = {"ok": self.style.SUCCESS, "warnings": self.style.WARNING}.get(
            result.status, self.style.ERROR
        )
        self.stdout.write(style(f"{path}: {result.status}"))
        for problem in result.problems:
            where = f"line {problem.line}" if problem.line else "-"
            key = problem.key or "(file)"
            self.stdout.write(f"  {where}: {problem.severity}: {key}: {problem.message}")
