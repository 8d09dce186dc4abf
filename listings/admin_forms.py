"""The Adoption snippet editor's form: verifying savings evidence is a moderator's act.

Moderators verify a claim by ticking "verified by moderator" on its evidence row. The
form records who did (``verified_by``, as ``listings.adoptions.services.evidence_verify`` does) and
clears it when the tick is taken away, and refuses the change from anyone who is not a
moderator. Saving the adoption saves its evidence, and the signals refresh the
solution's figures (annual savings, verified savings) from it.
"""

from wagtail.admin.forms import WagtailAdminModelForm

VERIFIED = "verified_by_moderator"


class AdoptionAdminForm(WagtailAdminModelForm):
    def _verification_changes(self):
        """Evidence forms, kept and valid, whose verification tick was changed."""
        for form in self.formsets["evidence"].forms:
            cleaned = getattr(form, "cleaned_data", None)
            if cleaned and not cleaned.get("DELETE") and VERIFIED in form.changed_data:
                yield form

    def is_valid(self):
        valid = super().is_valid()
        if getattr(self.for_user, "is_moderator", False):
            return valid
        for form in self._verification_changes():
            form.add_error(VERIFIED, "Only a moderator can verify savings evidence.")
            valid = False
        return valid

    def save(self, commit=True):
        for form in self._verification_changes():
            form.instance.verified_by = self.for_user if form.cleaned_data[VERIFIED] else None
        return super().save(commit=commit)
