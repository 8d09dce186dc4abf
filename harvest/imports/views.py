"""/submit/import/: a member imports a publiccode.yml as a submission (paste, upload, GitHub).

The page lives in harvest, which owns the safe parsing and the GitHub calls; it hands the
answers to listings.submissions' services, so data flows harvest -> listings.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from harvest.github import GitHubFetchError, canonical_repository_url, fetch_publiccode
from harvest.imports.forms import GITHUB, PubliccodeImportForm
from harvest.publiccode import MAX_BYTES
from harvest.publiccode.importer import read_publiccode
from listings.submissions.forms import field_anchor
from listings.submissions.services import submission_start, submitter_organisations

#: Problems listed one by one in the error summary; the table below lists them all.
SUMMARY_PROBLEMS = 10
#: A request body over this is refused before it is read (so before the CSRF check, which
#: would parse it): room for a 1 MiB file, a 1 MiB paste and the form's other fields.
MAX_REQUEST_BYTES = 2 * MAX_BYTES + 64 * 1024
#: The field that holds the publiccode.yml for each way in.
FIELD_OF_METHOD = {"paste": "text", "upload": "upload", "github": "repository_url"}


@login_required
@csrf_exempt  # checked by _import_page, after the size check: the check reads the body
def submission_import(request: HttpRequest) -> HttpResponse:
    organisations = submitter_organisations(request.user)
    if not organisations:
        return render(request, "listings/submissions/no_organisation.html")
    if request.method == "POST" and _content_length(request) > MAX_REQUEST_BYTES:
        form = PubliccodeImportForm(organisations=organisations, user=request.user)
        errors = [{"message": "The selected file must be 1 MB or smaller", "href": "#id_upload"}]
        context = {"form": form, "problems": [], "errors": errors}
        return render(request, "harvest/submission_import.html", context, status=413)
    return _import_page(request, organisations)


@csrf_protect
def _import_page(request: HttpRequest, organisations) -> HttpResponse:
    form = PubliccodeImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        organisations=organisations,
        user=request.user,
    )
    imported = None
    if request.method == "POST" and form.is_valid():
        imported = _read(form)
        if imported is not None and not form.errors:
            override = form.cleaned_data.get("override_errors", False)
            if imported.errors and not override:
                _flag_file_errors(form, imported)
            else:
                submission = _start(request, form, imported, override)
                if submission is not None:
                    _say_imported(request, imported)
                    return redirect("listings:submission_check", public_id=submission.public_id)
    # In file order, so people can work down the file; the summary links to the rows.
    problems = (
        sorted(imported.problems, key=lambda p: p.get("line") or 0) if imported is not None else []
    )
    return render(
        request,
        "harvest/submission_import.html",
        {"form": form, "problems": problems, "errors": _error_summary(form, problems)},
    )


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _read(form: PubliccodeImportForm):
    """The publiccode.yml read and validated, or None (with a form error) if unreadable."""
    if form.cleaned_data["method"] == GITHUB:
        try:
            content = fetch_publiccode(form.owner, form.repo)
        except GitHubFetchError as exc:
            form.add_error("repository_url", str(exc))
            return None
    else:
        content = form.content()
    return read_publiccode(content)


def _flag_file_errors(form: PubliccodeImportForm, imported) -> None:
    count = len(imported.errors)
    noun = "error" if count == 1 else "errors"
    where = {
        "paste": "Fix the publiccode.yml below and import it again",
        "upload": "Fix the file and upload it again",
        "github": "Fix the publiccode.yml in the repository and try again",
    }[form.cleaned_data["method"]]
    message = f"The publiccode.yml has {count} {noun}, listed in the table. {where}"
    if "override_errors" in form.fields:
        message += ", or tick “Import despite errors”"
    form.add_error(FIELD_OF_METHOD[form.cleaned_data["method"]], message)


def _start(request, form: PubliccodeImportForm, imported, override: bool):
    answers = dict(imported.answers)
    if form.cleaned_data["method"] == GITHUB and not answers.get("repository_url"):
        answers["repository_url"] = canonical_repository_url(form.owner, form.repo)
    try:
        return submission_start(
            user=request.user,
            organisation=form.cleaned_data["organisation"],
            source=form.source,
            answers=answers,
            publiccode_text=imported.text,
            problems=imported.problems,
            override_errors=override,
        )
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return None


def _say_imported(request, imported) -> None:
    text = "We imported your publiccode.yml. Check the answers, then send it for review."
    warnings = imported.warnings
    if warnings:
        listed = "; ".join(
            f"{p['key'] or 'file'} (line {p['line']}): {p['message']}"
            if p.get("line")
            else f"{p['key'] or 'file'}: {p['message']}"
            for p in warnings[:3]
        )
        more = f" and {len(warnings) - 3} more" if len(warnings) > 3 else ""
        noun = "warning" if len(warnings) == 1 else "warnings"
        text += f" It has {len(warnings)} {noun}: {listed}{more}."
    if imported.errors:
        text += f" It was imported despite {len(imported.errors)} error(s)."
    messages.success(request, text)


def _error_summary(form: PubliccodeImportForm, problems: list[dict]) -> list[dict[str, str]]:
    """Every error for the GOV.UK error summary, each linking to where it is.

    The form's errors link to their fields, then the file's errors to their rows in the
    problems table (includes/error_summary.html can only link a form's errors).
    """
    entries = [{"message": error, "href": "#import-form"} for error in form.non_field_errors()]
    for name in form.fields:
        anchor = field_anchor(form, name)
        entries.extend({"message": error, "href": f"#{anchor}"} for error in form[name].errors)
    if form.errors:
        errors = [(i, p) for i, p in enumerate(problems, 1) if p["severity"] == "error"]
        for number, problem in errors[:SUMMARY_PROBLEMS]:
            where = f"Line {problem['line']}" if problem.get("line") else "The file"
            key = f" ({problem['key']})" if problem.get("key") else ""
            entries.append(
                {"message": f"{where}{key}: {problem['message']}", "href": f"#problem-{number}"}
            )
        if len(errors) > SUMMARY_PROBLEMS:
            entries.append(
                {
                    "message": f"And {len(errors) - SUMMARY_PROBLEMS} more errors",
                    "href": "#publiccode-problems",
                }
            )
    return entries
