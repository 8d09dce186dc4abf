"""manage.py import_publiccode: validate or import, a result per file, exit status."""

import io
import json
from pathlib import Path

from django.core.management import CommandError, call_command

from wagtail.models import WorkflowState

import pytest

from hub.factories import MembershipFactory, UserFactory, VendorFactory
from listings.models import SolutionPage, Submission, SubmissionStatus
from listings.models.submissions import SubmissionSource

CORPUS = Path(__file__).parent / "data" / "publiccode"
CLEAN = CORPUS / "Amsterdam__design-system.publiccode.yml"  # 0.7, no problems
WARNINGS_ONLY = CORPUS / "ARPALit__SIAPI.publiccode.yml"
BROKEN = CORPUS / "ConductionNL__OpenPub.publiccode.yml"  # releaseDate 2021-31-01, ...
# Two errors, but its answers make a complete listing.
ERRORS_BUT_COMPLETE = CORPUS / "5Tsrl__emma-backend.publiccode.yml"
INCOMPLETE = CORPUS / "Comune-Milano__Whistleblowing.publiccode.yml"  # a feature too long


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_publiccode", *map(str, args), stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def as_member(membership):
    return ["--organisation", membership.organisation.slug, "--user", membership.user.email]


def test_every_corpus_file_gets_a_result_without_a_traceback():
    code, out, err = run("--dry-run", "--json", CORPUS)

    reports = json.loads(out)
    files = sorted(CORPUS.glob("*.yml"))
    assert [r["path"] for r in reports] == [str(f) for f in files]
    assert err == ""
    for report in reports:
        assert report["status"] in ("ok", "warnings", "errors")
        assert "import" not in report
        for problem in report["problems"]:
            assert problem["severity"] in ("error", "warning")
            assert problem["message"]
            assert problem["line"] is None or problem["line"] >= 1
        if report["status"] == "errors":
            assert any(p["severity"] == "error" for p in report["problems"])
    assert code == 1  # the corpus has files with errors


@pytest.mark.parametrize(
    ("paths", "expected"),
    [([CLEAN], 0), ([WARNINGS_ONLY], 0), ([CLEAN, WARNINGS_ONLY], 0), ([CLEAN, BROKEN], 1)],
)
def test_the_exit_status_is_non_zero_exactly_when_a_file_has_errors(paths, expected):
    code, _out, _err = run("--dry-run", *paths)
    assert code == expected


def test_text_output_gives_each_problem_its_key_and_line():
    code, out, _err = run("--dry-run", CLEAN, WARNINGS_ONLY, BROKEN)

    assert code == 1
    assert f"{CLEAN}: ok" in out
    assert f"{WARNINGS_ONLY}: warnings" in out
    assert f"{BROKEN}: errors" in out
    assert "line 9: error: releaseDate: must be a date with format 'YYYY-MM-DD'" in out
    assert "3 file(s): 1 ok, 1 with warnings only, 1 with errors" in out


def test_a_missing_path_is_a_clear_error():
    with pytest.raises(CommandError, match="no such file or directory"):
        run("--dry-run", CORPUS / "nope.yml")


def test_invalid_yaml_and_binary_files_are_errors_not_tracebacks(tmp_path):
    (tmp_path / "bad.yml").write_text("name: [unclosed\nurl: x\n")
    (tmp_path / "binary.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "huge.yml").write_bytes(b"a" * (1024 * 1024 + 10))

    code, out, _err = run("--dry-run", "--json", tmp_path)

    assert code == 1
    by_name = {Path(r["path"]).name: r for r in json.loads(out)}
    assert by_name["bad.yml"]["problems"][0]["line"] == 2
    assert "invalid YAML" in by_name["bad.yml"]["problems"][0]["message"]
    assert "binary content" in by_name["binary.yaml"]["problems"][0]["message"]
    assert "1 MiB limit" in by_name["huge.yml"]["problems"][0]["message"]


def test_importing_needs_an_organisation_and_a_user(db):
    with pytest.raises(CommandError, match="give --organisation and --user"):
        run(CLEAN)


def test_the_user_must_be_allowed_to_submit_for_the_organisation(vendor_member):
    outsider = UserFactory()
    with pytest.raises(CommandError, match="is not an approved member"):
        run(CLEAN, "--organisation", vendor_member.organisation.slug, "--user", outsider.email)
    with pytest.raises(CommandError, match="No user has the email address"):
        run(
            CLEAN, "--organisation", vendor_member.organisation.slug, "--user", "nobody@example.org"
        )
    with pytest.raises(CommandError, match="No organisation has the slug"):
        run(CLEAN, "--organisation", "nope", "--user", vendor_member.user.email)


def test_an_import_creates_a_draft_page_in_moderation(vendor_member):
    code, out, _err = run(CLEAN, *as_member(vendor_member))

    assert code == 0
    submission = Submission.objects.get()
    page = SolutionPage.objects.get()
    assert submission.source == SubmissionSource.COMMAND
    assert submission.status == SubmissionStatus.IN_MODERATION
    assert submission.page_id == page.pk
    assert not page.live
    assert page.owner_organisation == vendor_member.organisation
    assert WorkflowState.objects.active().for_instance(page).exists()
    assert f"{CLEAN}: ok" in out
    assert f"import: draft listing sent to moderation: “{page.title}” (page {page.pk}" in out
    assert "1 imported" in out


def test_importing_the_same_file_again_does_not_duplicate_the_listing(vendor_member):
    run(CLEAN, *as_member(vendor_member))
    code, out, _err = run("--json", CLEAN, *as_member(vendor_member))

    assert code == 0
    assert SolutionPage.objects.count() == 1
    [report] = json.loads(out)
    assert report["import"]["result"] == "changes to existing listing sent to moderation"
    assert report["import"]["page_id"] == SolutionPage.objects.get().pk


def test_another_organisation_importing_it_is_linked_to_the_existing_listing(vendor_member):
    run(CLEAN, *as_member(vendor_member))
    other = MembershipFactory(organisation=VendorFactory(name="Other Co"))

    code, out, _err = run(CLEAN, *as_member(other))

    assert code == 0
    assert SolutionPage.objects.count() == 1
    assert "import: linked to existing listing" in out
    linked = Submission.objects.get(organisation=other.organisation)
    assert linked.status == SubmissionStatus.LINKED
    assert linked.page == SolutionPage.objects.get()


def test_files_with_errors_are_not_imported(vendor_member):
    code, out, _err = run(CLEAN, BROKEN, *as_member(vendor_member))

    assert code == 1
    assert Submission.objects.count() == 1
    assert "import: not imported: the file has errors" in out
    assert "1 imported" in out


def test_a_moderator_can_override_errors_but_the_exit_status_still_says_so(
    vendor_member, moderator
):
    MembershipFactory(user=moderator, organisation=vendor_member.organisation)

    args = ["--organisation", vendor_member.organisation.slug, "--user", moderator.email]
    code, _out, _err = run(ERRORS_BUT_COMPLETE, "--override-errors", *args)

    assert code == 1
    submission = Submission.objects.get()
    assert submission.errors_overridden_by == moderator
    assert submission.status == SubmissionStatus.IN_MODERATION


def test_only_moderators_may_override_errors(vendor_member):
    with pytest.raises(CommandError, match="Only a moderator"):
        run(BROKEN, "--override-errors", *as_member(vendor_member))


def test_a_file_that_would_make_an_incomplete_listing_names_the_answers(vendor_member):
    code, out, err = run("--json", INCOMPLETE, *as_member(vendor_member))

    assert code == 1
    assert err == ""
    [report] = json.loads(out)
    assert report["status"] == "errors"
    assert report["import"]["result"] == "not imported"
    assert "(features)" in report["import"]["reason"]
    [problem] = [p for p in report["problems"] if p["key"] == "features"]
    assert "100 characters or fewer" in problem["message"]
    assert not Submission.objects.exists()  # nothing half-done is left behind
    assert not SolutionPage.objects.exists()


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_progress_bar_goes_to_a_terminal_on_stderr_but_never_with_json():
    terminal = _Terminal()
    with pytest.raises(SystemExit):
        call_command(
            "import_publiccode", "--dry-run", str(CORPUS), stdout=io.StringIO(), stderr=terminal
        )
    assert "/41 [" in terminal.getvalue()

    quiet = _Terminal()
    with pytest.raises(SystemExit):
        call_command(
            "import_publiccode",
            "--dry-run",
            "--json",
            str(CORPUS),
            stdout=io.StringIO(),
            stderr=quiet,
        )
    assert quiet.getvalue() == ""
