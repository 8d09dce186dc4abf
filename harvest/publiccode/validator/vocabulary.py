"""The standard's vocabularies: the keys it knows, and the values its lists allow.

The enumerations a listing also stores (development status, software and maintenance
type) come from ``listings.models.choices``, so a value the validator accepts is always
one a listing can hold.
"""

from listings.models.choices import (
    MAINTENANCE_TYPE_CHOICES,
    SOFTWARE_TYPE_CHOICES,
    DevelopmentStatus,
)
from listings.models.publiccode_fields import HUB_EXTENSION

LATEST_MINOR = 7  # 0.7

DEVELOPMENT_STATUSES = list(DevelopmentStatus.values)
SOFTWARE_TYPES = [value for value, _label in SOFTWARE_TYPE_CHOICES]
MAINTENANCE_TYPES = [value for value, _label in MAINTENANCE_TYPE_CHOICES]
CATEGORIES = frozenset(
    [
        "accounting",
        "agile-project-management",
        "applicant-tracking",
        "application-development",
        "appointment-scheduling",
        "backup",
        "billing-and-invoicing",
        "blog",
        "budgeting",
        "business-intelligence",
        "business-process-management",
        "cad",
        "call-center-management",
        "cloud-management",
        "collaboration",
        "communications",
        "compliance-management",
        "contact-management",
        "content-management",
        "crm",
        "customer-service-and-support",
        "data-analytics",
        "data-collection",
        "data-visualization",
        "design",
        "design-system",
        "digital-asset-management",
        "digital-citizenship",
        "document-management",
        "donor-management",
        "e-commerce",
        "e-signature",
        "educational-content",
        "email-management",
        "email-marketing",
        "employee-management",
        "enterprise-project-management",
        "enterprise-social-networking",
        "erp",
        "event-management",
        "facility-management",
        "feedback-and-reviews-management",
        "financial-reporting",
        "fleet-management",
        "fundraising",
        "gamification",
        "geographic-information-systems",
        "grant-management",
        "graphic-design",
        "help-desk",
        "hr",
        "ide",
        "identity-management",
        "instant-messaging",
        "integrated-library-system",
        "inventory-management",
        "it-asset-management",
        "it-development",
        "it-management",
        "it-security",
        "it-service-management",
        "knowledge-management",
        "learning-management-system",
        "marketing",
        "mind-mapping",
        "mobile-marketing",
        "mobile-payment",
        "network-management",
        "office",
        "online-booking",
        "online-community",
        "payment-gateway",
        "payroll",
        "predictive-analysis",
        "procurement",
        "productivity-suite",
        "project-collaboration",
        "project-management",
        "property-management",
        "real-estate-management",
        "regulations-and-directives",
        "remote-support",
        "resource-management",
        "sales-management",
        "seo",
        "service-desk",
        "social-media-management",
        "survey",
        "talent-management",
        "task-management",
        "taxes-management",
        "test-management",
        "time-management",
        "time-tracking",
        "translation",
        "video-conferencing",
        "video-editing",
        "visitor-management",
        "voip",
        "warehouse-management",
        "web-collaboration",
        "web-conferencing",
        "whistleblowing",
        "website-builder",
        "workflow-management",
        "other",
    ]
)
SCOPES = frozenset(
    [
        "agriculture",
        "culture",
        "defence",
        "education",
        "emergency-services",
        "employment",
        "energy",
        "environment",
        "finance-and-economic-development",
        "foreign-affairs",
        "government",
        "healthcare",
        "infrastructures",
        "justice",
        "local-authorities",
        "manufacturing",
        "research",
        "science-and-technology",
        "security",
        "society",
        "sport",
        "tourism",
        "transportation",
        "welfare",
    ]
)

SUPPORT_ALIASES = frozenset(
    f"alias:{name}"
    for name in ["gdpr", "eidas", "nis2", "cra", "spid", "cie", "anpr", "pagopa", "io"]
)

TOP_LEVEL_KEYS = {
    "publiccodeYmlVersion", "name", "applicationSuite", "url", "landingURL", "isBasedOn",
    "softwareVersion", "releaseDate", "logo", "monochromeLogo", "organisation", "inputTypes",
    "outputTypes", "platforms", "categories", "usedBy", "fundedBy", "roadmap",
    "developmentStatus", "softwareType", "intendedAudience", "description", "legal",
    "maintenance", "localisation", "dependsOn", "supports", "it", "IT",
    HUB_EXTENSION,  # not the standard's: earlier hub exports (hub_facts warns)
}  # fmt: skip
DESCRIPTION_KEYS = {
    "localisedName", "genericName", "shortDescription", "longDescription", "documentation",
    "apiDocumentation", "features", "screenshots", "videos", "awards",
}  # fmt: skip
INTRODUCED = {"organisation": 5, "fundedBy": 5, "supports": 7}  # key -> 0.x minor
DEPRECATED = {
    "monochromeLogo": "monochromeLogo is deprecated and ignored",
    "inputTypes": "inputTypes is deprecated and ignored",
    "outputTypes": "outputTypes is deprecated and ignored",
}
