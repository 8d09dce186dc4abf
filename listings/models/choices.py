from decimal import Decimal

from django.db import models

#: Money is Decimal GBP, pence-exact; this is the one precision everything uses.
MONEY_MAX_DIGITS = 12
MONEY_DECIMAL_PLACES = 2
#: No single savings record can honestly claim more than this (the whole of UK local
#: government spends about £120bn a year); anything larger is a typing slip.
MAX_SAVING_GBP = Decimal("1000000000.00")
MAX_HOURS = Decimal("10000000")
EARLIEST_EVIDENCE_YEAR = 1990


class SolutionType(models.TextChoices):
    PREDICTIVE_MODEL = "predictive_model", "Predictive model"
    DATA_MATCHING = "data_matching", "Data matching / master data"
    DASHBOARD = "dashboard", "Dashboard and reporting"
    GEOSPATIAL = "geospatial", "Geospatial"
    WORKFLOW = "workflow", "Workflow automation"
    OPEN_DATA = "open_data", "Open data platform"
    CITIZEN_SERVICE = "citizen_service", "Citizen-facing service"
    OTHER = "other", "Other"


class DevelopmentStatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    DEVELOPMENT = "development", "Development"
    BETA = "beta", "Beta"
    STABLE = "stable", "Stable"
    OBSOLETE = "obsolete", "Obsolete"


class CostModel(models.TextChoices):
    FREE = "free", "Free"
    ONE_OFF = "one_off", "One-off"
    SUBSCRIPTION = "subscription", "Subscription"
    PER_USE = "per_use", "Per use"


class Hosting(models.TextChoices):
    SAAS = "saas", "Software as a service"
    SELF_HOSTED = "self_hosted", "Self-hosted"
    EITHER = "either", "Either"


class AdoptionStatus(models.TextChoices):
    EXPLORING = "exploring", "Exploring"
    PILOTING = "piloting", "Piloting"
    PRODUCTION = "production", "In production"
    RETIRED = "retired", "Retired"


#: Stages at which a council counts as using a solution (adopter counts, savings, facets).
ADOPTING_STATUSES = (AdoptionStatus.PILOTING, AdoptionStatus.PRODUCTION)


class SavingsKind(models.TextChoices):
    CASHABLE = "cashable", "Cashable saving"
    COST_AVOIDANCE = "cost_avoidance", "Cost avoidance"
    ADDITIONAL_INCOME = "additional_income", "Additional income"
    STAFF_HOURS = "staff_hours", "Staff hours released"


class SavingsPeriod(models.TextChoices):
    ONE_OFF = "one_off", "One-off"
    PER_YEAR = "per_year", "Per year"


class EvidenceLevel(models.IntegerChoices):
    """Nesta's Standards of Evidence."""

    LOGICAL_ACCOUNT = 1, "1: a logical account of impact"
    CORRELATION = 2, "2: correlation"
    CAUSATION = 3, "3: causation"
    INDEPENDENT_REPLICATION = 4, "4: independent replication"
    READY_TO_SCALE = 5, "5: ready to scale"


#: Each level's short name, as pages show it ("Level 3 of 5: causation").
EVIDENCE_NAMES = {
    EvidenceLevel.LOGICAL_ACCOUNT: "logical account",
    EvidenceLevel.CORRELATION: "correlation",
    EvidenceLevel.CAUSATION: "causation",
    EvidenceLevel.INDEPENDENT_REPLICATION: "independent replication",
    EvidenceLevel.READY_TO_SCALE: "ready to scale",
}
#: What each level means, in Nesta's words (see DOMAIN.md).
NESTA_STANDARDS = {
    EvidenceLevel.LOGICAL_ACCOUNT: (
        "A logical, clear account of what the tool does and why it should have an impact."
    ),
    EvidenceLevel.CORRELATION: "Data showing a change (correlation), without proof of cause.",
    EvidenceLevel.CAUSATION: "A comparison or control group shows the tool caused the change.",
    EvidenceLevel.INDEPENDENT_REPLICATION: (
        "One or more independent evaluations replicate the result, with costs."
    ),
    EvidenceLevel.READY_TO_SCALE: (
        "The tool has been run elsewhere by others and still works (ready to scale)."
    ),
}


#: publiccode.yml's softwareType and maintenance.type enumerations.
SOFTWARE_TYPE_CHOICES = [
    ("standalone/web", "Standalone: web application"),
    ("standalone/backend", "Standalone: backend service"),
    ("standalone/desktop", "Standalone: desktop application"),
    ("standalone/mobile", "Standalone: mobile app"),
    ("standalone/iot", "Standalone: Internet of Things"),
    ("standalone/other", "Standalone: other"),
    ("addon", "Add-on to other software"),
    ("library", "Library"),
    ("configurationFiles", "Configuration files"),
]
MAINTENANCE_TYPE_CHOICES = [
    ("internal", "Maintained by its own organisation"),
    ("contract", "Maintained under contract"),
    ("community", "Maintained by a community"),
    ("none", "Not maintained"),
]


class MaintenanceSignal(models.TextChoices):
    """How actively a harvested repository is looked after (``listings.maintenance``)."""

    ACTIVE = "active", "Active"
    QUIET = "quiet", "Quiet"
    DORMANT = "dormant", "Dormant"
    ARCHIVED = "archived", "Archived"


class RepositoryState(models.TextChoices):
    """What the harvester last found at a listing's repository; it is never silently dropped."""

    ACTIVE = "active", "Active"
    ARCHIVED = "archived", "Archived"
    GONE = "gone", "Gone"
    MOVED = "moved", "Moved"
    INVALID_PUBLICCODE = "invalid_publiccode", "Invalid publiccode.yml"
    UNREACHABLE = "unreachable", "Unreachable"
