from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from hub.models.constraints import valid_choice_constraint


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Council"
    VENDOR = "vendor", "Vendor"
    PUBLIC_BODY = "public_body", "Other public body"


class Nation(models.TextChoices):
    ENGLAND = "England", "England"
    SCOTLAND = "Scotland", "Scotland"
    WALES = "Wales", "Wales"
    NORTHERN_IRELAND = "Northern Ireland", "Northern Ireland"


class OrganisationQuerySet(models.QuerySet):
    def councils(self):
        return self.filter(kind=OrganisationKind.COUNCIL)

    def current(self):
        return self.filter(is_current=True)

    def search(self, term: str):
        term = term.strip()
        if not term:
            return self
        return self.filter(
            Q(name__icontains=term)
            | Q(official_name__icontains=term)
            | Q(gss_code__iexact=term)
            | Q(local_authority_code__iexact=term)
        )


class Organisation(models.Model):
    """A council, vendor or public body that submits, adopts or pledges."""

    kind = models.CharField(max_length=20, choices=OrganisationKind.choices, db_index=True)
    name = models.CharField(max_length=200)
    official_name = models.CharField(max_length=255, blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)

    # Council facts, from mySociety's uk_local_authorities.csv.
    gss_code = models.CharField("GSS code", max_length=9, unique=True, null=True, blank=True)
    local_authority_code = models.CharField(
        "local authority code",
        max_length=8,
        unique=True,
        null=True,
        blank=True,
        help_text="mySociety's three-letter code (longer for combined and former authorities)",
    )
    council_type = models.CharField(max_length=10, blank=True, help_text="e.g. LBO, NMD, UA")
    council_type_name = models.CharField(max_length=100, blank=True)
    nation = models.CharField(max_length=20, choices=Nation.choices, blank=True, db_index=True)
    region = models.CharField(max_length=100, blank=True, db_index=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    is_current = models.BooleanField(default=True, db_index=True)
    alternative_names = models.TextField(blank=True, help_text="Comma-separated")

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            # Former Northern Irish districts predate GSS codes; every current council has one.
            models.CheckConstraint(
                name="current_council_has_gss_code",
                condition=~Q(kind="council") | Q(is_current=False) | Q(gss_code__isnull=False),
            ),
            models.CheckConstraint(
                name="council_has_local_authority_code",
                condition=~Q(kind="council") | Q(local_authority_code__isnull=False),
            ),
            valid_choice_constraint(
                field="kind", choices=OrganisationKind, name="organisation_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation_detail", kwargs={"slug": self.slug})

    @property
    def is_council(self) -> bool:
        return self.kind == OrganisationKind.COUNCIL


class MembershipRole(models.TextChoices):
    MEMBER = "member", "Member"
    PROCUREMENT_LEAD = "procurement_lead", "Procurement lead"
    ADMIN = "admin", "Admin"


class MembershipStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class MembershipQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=MembershipStatus.APPROVED)

    def pending(self):
        return self.filter(status=MembershipStatus.PENDING)


class Membership(models.Model):
    """A user's place in an organisation. Only approved memberships carry a role's powers."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    status = models.CharField(
        max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.PENDING
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_membership_per_user_and_organisation"
            ),
            valid_choice_constraint(
                field="role", choices=MembershipRole, name="membership_role_valid"
            ),
            valid_choice_constraint(
                field="status", choices=MembershipStatus, name="membership_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.organisation} ({self.get_role_display()})"
