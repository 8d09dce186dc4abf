"""The publiccode.yml import form: paste it, upload it, or name a GitHub repository."""

from __future__ import annotations

from django import forms

from harvest.github import InvalidRepositoryURL, parse_github_repository_url
from harvest.publiccode import MAX_BYTES
from listings.models.submissions import SubmissionSource
from listings.submissions.forms import StartForm

PASTE, UPLOAD, GITHUB = "paste", "upload", "github"
SOURCES = {
    PASTE: SubmissionSource.PUBLICCODE_PASTE,
    UPLOAD: SubmissionSource.PUBLICCODE_UPLOAD,
    GITHUB: SubmissionSource.GITHUB,
}
LIMIT_TEXT = "1 MB"


class PubliccodeImportForm(StartForm):
    """StartForm's organisation question, then the publiccode.yml and how it is given."""

    method = forms.ChoiceField(
        required=False,  # worked out from the one box filled in, if no radio is chosen
        choices=[
            (PASTE, "Paste the publiccode.yml"),
            (UPLOAD, "Upload the publiccode.yml file"),
            (GITHUB, "Read it from a public GitHub repository"),
        ],
        widget=forms.RadioSelect,
        label="How do you want to give us the publiccode.yml?",
    )
    text = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 15, "spellcheck": "false", "autocomplete": "off"}),
        label="publiccode.yml",
        help_text="Paste the whole file, starting with publiccodeYmlVersion.",
    )
    upload = forms.FileField(
        required=False,
        label="Upload a file",
        help_text=f"A publiccode.yml or publiccode.yaml file, up to {LIMIT_TEXT}.",
        widget=forms.FileInput(attrs={"accept": ".yml,.yaml,text/yaml"}),
        error_messages={"empty": "The selected file is empty", "invalid": "Select a file"},
    )
    repository_url = forms.CharField(
        required=False,
        max_length=500,
        label="GitHub repository address",
        help_text="For example, https://github.com/your-organisation/your-repository. "
        "We read publiccode.yml from the top folder of its default branch.",
        widget=forms.URLInput(attrs={"spellcheck": "false", "autocomplete": "url"}),
    )
    override_errors = forms.BooleanField(
        required=False,
        label="Import despite errors",
        help_text="Moderators only. Errors normally stop an import. Tick this only after "
        "checking every error listed.",
    )

    max_bytes = MAX_BYTES

    def __init__(self, *args, organisations, user, **kwargs):
        super().__init__(*args, organisations=organisations, **kwargs)
        if not getattr(user, "is_moderator", False):
            del self.fields["override_errors"]
        self.owner = self.repo = None

    @property
    def source(self) -> str:
        return SOURCES[self.cleaned_data["method"]]

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].replace("\r\n", "\n")
        if len(text.encode("utf-8", errors="surrogatepass")) > self.max_bytes:
            raise forms.ValidationError(
                f"The publiccode.yml must be {LIMIT_TEXT} or smaller. Paste a shorter file."
            )
        if "\x00" in text:
            raise forms.ValidationError("The publiccode.yml must be text, not a binary file")
        return text

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        if not upload:
            return None
        if upload.size > self.max_bytes:
            raise forms.ValidationError(f"The selected file must be {LIMIT_TEXT} or smaller")
        content = upload.read(self.max_bytes + 1)
        if len(content) > self.max_bytes:
            raise forms.ValidationError(f"The selected file must be {LIMIT_TEXT} or smaller")
        if not content.strip():
            raise forms.ValidationError("The selected file is empty")
        if b"\x00" in content:
            raise forms.ValidationError(
                "The selected file is a binary file. Upload the publiccode.yml text file"
            )
        try:
            content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(
                "The selected file is not UTF-8 text (a byte at offset "
                f"{exc.start} is not valid). Save the publiccode.yml as UTF-8 and try again"
            ) from exc
        return content

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("method")
        if not method:
            given = [
                name
                for name, value in (
                    (PASTE, (cleaned.get("text") or "").strip()),
                    (UPLOAD, cleaned.get("upload") or "upload" in self.errors),
                    (GITHUB, (cleaned.get("repository_url") or "").strip()),
                )
                if value
            ]
            if len(given) != 1:
                self.add_error("method", "Select how you want to give us the publiccode.yml")
                return cleaned
            method = cleaned["method"] = given[0]
        if (
            method == PASTE
            and not (cleaned.get("text") or "").strip()
            and "text" not in self.errors
        ):
            self.add_error("text", "Paste the publiccode.yml")
        elif method == UPLOAD and not cleaned.get("upload") and "upload" not in self.errors:
            self.add_error("upload", "Select a publiccode.yml file")
        elif method == GITHUB and "repository_url" not in self.errors:
            try:
                self.owner, self.repo = parse_github_repository_url(
                    cleaned.get("repository_url", "")
                )
            except InvalidRepositoryURL as exc:
                self.add_error("repository_url", str(exc))
        return cleaned

    def content(self) -> bytes | str:
        """The publiccode.yml given by paste or upload (GitHub is fetched by the view)."""
        if self.cleaned_data["method"] == UPLOAD:
            return self.cleaned_data["upload"]
        return self.cleaned_data["text"]
