"""manage.py import_publiccode PATH... [--dry-run] [--json] [--organisation SLUG] [--user EMAIL]

Imports publiccode.yml files (or every *.yml / *.yaml in a directory) as listings sent
to moderation, or with --dry-run only validates them. Prints a result per file in the
style of validate_publiccode: ok, warnings or errors, each problem with its key path
and line, then what the import did. Exits with status 1 when any file has errors.

Files with errors are never imported, unless a moderator passes --override-errors
(the exit status is still 1, so the errors are not missed).
"""

import json

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tqdm import tqdm

from harvest.management.commands.validate_publiccode import (
    failed,
    files,
    read,
    result_lines,
    status_of,
    summary,
)
from harvest.publiccode.importer import read_publiccode
from hub.models import Organisation
from listings.models.submissions import SubmissionKind, SubmissionSource, SubmissionStatus
from listings.permissions import user_can_submit_for
from listings.submissions.services import submission_send, submission_start

#: Show a progress bar (on stderr, if a terminal) from this many files, unless printing JSON.
PROGRESS_FROM = 4


class _Incomplete(Exception):
    """Rolls a file's import back; carries the missing answers as problems."""

    def __init__(self, problems):
        super().__init__("incomplete")
        self.problems = problems


class Command(BaseCommand):
    help = (
        "Import publiccode.yml files as listings sent to moderation (or only validate them "
        "with --dry-run). Exit 1 if any file has errors."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
        parser.add_argument("--dry-run", action="store_true", help="only validate; import nothing")
        parser.add_argument("--json", action="store_true", help="print a JSON array of results")
        parser.add_argument("--organisation", metavar="SLUG", help="the organisation to list for")
        parser.add_argument("--user", metavar="EMAIL", help="who submits (a member, or moderator)")
        parser.add_argument(
            "--override-errors",
            action="store_true",
            help="moderators only: import files despite their errors (still exits 1)",
        )

    def handle(self, *args, **options):
        paths = files(options["paths"])
        user = organisation = None
        if not options["dry_run"]:
            user, organisation = self._submitter(options)
        self._bar = None
        if not options["json"] and len(paths) >= PROGRESS_FROM:
            # disable=None: only on a terminal, so logs get no progress-bar noise.
            self._bar = tqdm(
                total=len(paths), unit="file", file=self.stderr._out, leave=False, disable=None
            )
        reports = []
        for path in paths:
            report = self._one(path, user, organisation, options)
            reports.append(report)
            if not options["json"]:
                self._print(report)
            if self._bar is not None:
                self._bar.update(1)
        if self._bar is not None:
            self._bar.close()
        if options["json"]:
            self.stdout.write(json.dumps(reports, indent=2))
        else:
            line = summary(reports)
            if not options["dry_run"]:
                imported = sum(r["import"]["result"] != "not imported" for r in reports)
                line += f"; {imported} imported"
            self.stdout.write(line)
        if failed(reports):
            raise SystemExit(1)

    def _submitter(self, options):
        if not options["organisation"] or not options["user"]:
            raise CommandError("To import, give --organisation and --user (or use --dry-run).")
        try:
            user = get_user_model().objects.get(email__iexact=options["user"])
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No user has the email address {options['user']}.") from exc
        try:
            organisation = Organisation.objects.get(slug=options["organisation"])
        except Organisation.DoesNotExist as exc:
            raise CommandError(f"No organisation has the slug {options['organisation']}.") from exc
        if not user_can_submit_for(user=user, organisation=organisation):
            raise CommandError(
                f"{user.email} is not an approved member of {organisation}, so cannot submit "
                "for it."
            )
        if options["override_errors"] and not user.is_moderator:
            raise CommandError("Only a moderator can use --override-errors.")
        return user, organisation

    def _one(self, path, user, organisation, options) -> dict:
        imported = read_publiccode(read(path))
        problems = list(imported.problems)
        report = {"path": str(path), "status": status_of(problems), "problems": problems}
        if options["dry_run"]:
            return report
        if imported.errors and not options["override_errors"]:
            report["import"] = {"result": "not imported", "reason": "the file has errors"}
            return report
        try:
            report["import"] = self._import(imported, user, organisation)
        except _Incomplete as exc:
            report["status"] = "errors"
            report["problems"] = problems + exc.problems
            fields = ", ".join(p["key"] for p in exc.problems)
            report["import"] = {
                "result": "not imported",
                "reason": f"the listing would be incomplete or invalid ({fields})",
            }
        except (PermissionDenied, ValidationError) as exc:
            report["status"] = "errors"
            message = " ".join(getattr(exc, "messages", None) or [str(exc)])
            report["problems"] = [*problems, _problem("", message)]
            report["import"] = {"result": "not imported", "reason": message}
        return report

    def _import(self, imported, user, organisation) -> dict:
        """Start and send one submission; nothing is kept if it cannot be sent."""
        with transaction.atomic():
            submission = submission_start(
                user=user,
                organisation=organisation,
                source=SubmissionSource.COMMAND,
                answers=imported.answers,
                publiccode_text=imported.text,
                problems=imported.problems,
                override_errors=bool(imported.errors),
            )
            try:
                submission = submission_send(submission=submission, user=user)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    raise _Incomplete(_missing(exc)) from exc
                raise
        page = submission.page
        result = {
            "submission": str(submission.public_id),
            "page_id": page.pk,
            "title": page.title,
        }
        if submission.status == SubmissionStatus.LINKED:
            return {"result": "linked to existing listing", **result}
        if submission.kind == SubmissionKind.CHANGE:
            return {"result": "changes to existing listing sent to moderation", **result}
        return {"result": "draft listing sent to moderation", **result}

    def _print(self, report):
        lines = result_lines(self.style, report)
        done = report.get("import")
        if done:
            if "page_id" in done:
                lines.append(
                    f"  import: {done['result']}: “{done['title']}” (page {done['page_id']}, "
                    f"submission {done['submission']})"
                )
            else:
                lines.append(f"  import: not imported: {done['reason']}")
        if self._bar is not None:
            with tqdm.external_write_mode(file=self.stdout._out):
                self.stdout.write("\n".join(lines))
        else:
            self.stdout.write("\n".join(lines))


def _problem(key: str, message: str) -> dict:
    return {"severity": "error", "key": key, "line": None, "column": None, "message": message}


def _missing(exc: ValidationError) -> list[dict]:
    """One problem per listing answer the file leaves empty or invalid."""
    return [
        _problem(field, f"the listing's answer is missing or invalid: {' '.join(messages)}")
        for field, messages in exc.message_dict.items()
    ]
