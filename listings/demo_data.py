"""The demo catalogue: solutions, adoptions, savings evidence and case studies.

Every listing is demo content and says so (a "demo" tag and a first paragraph that starts
"Demo listing:"). Three kinds of entry live here:

* listings written from what councils have *publicly reported* (``../shared/DOMAIN.md``):
  Camden's Residents Index and the £3.4 million it was on track to save in housing by
  finding illegal sublets, Brent's and Barking and Dagenham's comparable data matching,
  and Barking and Dagenham's GIS bulky-waste rounds. Only the reported facts are used;
  licence, cost and technical details on those pages are illustrative and say so;
* fictional tools modelled on publicly known *kinds* of council data tool (tenancy-fraud
  scoring, single person discount reviews, food-safety inspection targeting...), offered
  by the fictional demo vendors of ``hub.demo`` or, where a council-built tool is the
  natural shape, by a real council named *for illustration only*;
* adoptions of those fictional tools by real councils (looked up by name, always with a
  GSS code) and savings evidence whose method says "Demo figure": illustrative, not a
  claim about that council.

Plain data only: ``listings.demo`` turns it into pages and records through the services.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from listings.models.choices import (
    AdoptionStatus,
    CostModel,
    DevelopmentStatus,
    EvidenceLevel,
    Hosting,
    SavingsKind,
    SavingsPeriod,
    SolutionType,
)

DEMO_TAG = "demo"
DEMO_FIGURE = "Demo figure"
PROPRIETARY = "LicenseRef-proprietary"

#: The first paragraph of every demo listing starts with this.
DEMO_LISTING_PREFIX = "Demo listing:"
FICTIONAL_NOTE = (
    "a fictional tool written for the hub's demo, modelled on a publicly known kind of "
    "council data tool. The provider, adopters and figures are illustrative, not claims "
    "about any real organisation."
)
ADOPTION_DEMO_NOTE = "Demo record: illustrative only, not a claim about this council."

# Shorthands for readability below.
PROD, PILOT, EXPLORE, RETIRED = (
    AdoptionStatus.PRODUCTION,
    AdoptionStatus.PILOTING,
    AdoptionStatus.EXPLORING,
    AdoptionStatus.RETIRED,
)
YEARLY, ONE_OFF = SavingsPeriod.PER_YEAR, SavingsPeriod.ONE_OFF
CASHABLE, AVOIDED, INCOME, HOURS = (
    SavingsKind.CASHABLE,
    SavingsKind.COST_AVOIDANCE,
    SavingsKind.ADDITIONAL_INCOME,
    SavingsKind.STAFF_HOURS,
)
CIVIC = "demo-civic-data-matching-ltd"
ROUNDWISE = "demo-roundwise-gis-ltd"
OPEN_INSIGHT = "demo-open-insight-co-operative"


@dataclass(frozen=True)
class DemoEvidence:
    kind: str
    period: str
    year_from: int
    year_to: int
    evidence_level: int
    baseline: str
    method: str
    amount_gbp: Decimal | None = None
    hours: Decimal | None = None
    attested_by_council: bool = False
    verified: bool = False


@dataclass(frozen=True)
class DemoAdoption:
    council: str  #: the council's name in the Organisation table ("nice-name" column)
    status: str = PROD
    confirmed: bool = False
    since: date | None = None
    notes: str = ADOPTION_DEMO_NOTE
    evidence: tuple[DemoEvidence, ...] = ()


@dataclass(frozen=True)
class DemoSolution:
    slug: str
    title: str
    summary: str
    problem: str
    service_areas: tuple[str, ...]
    solution_type: str
    provider: str  #: organisation slug (councils' slugs are their slugified names)
    development_status: str
    licence: str
    cost_model: str
    hosting: str
    description: tuple[str, ...] = ()
    audience: str = ""
    tags: tuple[str, ...] = ()
    price_min_gbp: Decimal | None = None
    price_max_gbp: Decimal | None = None
    data_needed: str = ""
    data_standards: str = ""
    processes_personal_data: bool = False
    dpia_template_available: bool = False
    data_protection_notes: str = ""
    security_notes: str = ""
    demo_note: str = FICTIONAL_NOTE
    adoptions: tuple[DemoAdoption, ...] = field(default_factory=tuple)

    @property
    def is_open_source(self) -> bool:
        return self.licence != PROPRIETARY

    @property
    def repository_url(self) -> str:
        # example.org is reserved for examples: a demo link can never point at a real project.
        return f"https://example.org/demo-repositories/{self.slug}" if self.is_open_source else ""

    @property
    def problem_html(self) -> str:
        return f"<p>{DEMO_LISTING_PREFIX} {self.demo_note}</p><p>{self.problem}</p>"


@dataclass(frozen=True)
class DemoCaseStudy:
    slug: str
    title: str
    council: str
    solutions: tuple[str, ...]
    date: date
    problem: str
    approach: str
    outcomes: str
    figures: str = ""
    lessons: str = ""


def demo_money(
    kind: str,
    amount: str,
    years: tuple[int, int],
    level: int,
    *,
    baseline: str,
    method: str,
    period: str = YEARLY,
    attested: bool = False,
    verified: bool = False,
) -> DemoEvidence:
    """An illustrative money figure; its method says it is a demo figure."""
    return DemoEvidence(
        kind=kind,
        period=period,
        year_from=years[0],
        year_to=years[1],
        evidence_level=level,
        amount_gbp=Decimal(amount),
        baseline=baseline,
        method=f"{DEMO_FIGURE}: {method}",
        attested_by_council=attested,
        verified=verified,
    )


def demo_hours(
    hours: str,
    years: tuple[int, int],
    level: int,
    *,
    baseline: str,
    method: str,
    period: str = YEARLY,
    attested: bool = False,
    verified: bool = False,
) -> DemoEvidence:
    """Illustrative staff hours released; its method says it is a demo figure."""
    return DemoEvidence(
        kind=HOURS,
        period=period,
        year_from=years[0],
        year_to=years[1],
        evidence_level=level,
        hours=Decimal(hours),
        baseline=baseline,
        method=f"{DEMO_FIGURE}: {method}",
        attested_by_council=attested,
        verified=verified,
    )


def reported_note(council: str) -> str:
    return (
        f"written for the hub's demo from what {council} has publicly reported. The "
        "licence, cost, hosting and technical details on this page are illustrative."
    )


def illustrative_provider_note(council: str) -> str:
    return (
        f"a fictional tool written for the hub's demo. {council} is named as the provider "
        "for illustration only; this is not a claim about its work. Adopters and figures "
        "are illustrative."
    )


#: The figure Camden publicly reported; tests look for it.
CAMDEN_HOUSING_SAVING_GBP = Decimal("3400000.00")

SOLUTIONS: tuple[DemoSolution, ...] = (
    # ------------------------------------------------------------------ housing
    DemoSolution(
        slug="camden-residents-index",
        title="Camden Residents Index",
        summary=(
            "Matches citizen records across council services into one index, so staff "
            "find people faster and spot illegal sublets."
        ),
        problem=(
            "Each service keeps its own records of residents, so frontline staff spend "
            "time searching several systems and inconsistencies that point to tenancy "
            "fraud go unseen."
        ),
        description=(
            "The London Borough of Camden's Residents Index automatically matches citizen "
            "records across services, so frontline staff spend less time searching for "
            "the same person in different systems.",
            "In housing alone Camden reported being on track to save £3.4 million by using "
            "the index to find illegal sublets: a tenancy whose records do not match who "
            "actually lives at the address.",
            "Brent and Barking and Dagenham built comparable solutions and reported similar "
            "benefits (see their listings).",
        ),
        audience="Housing officers, fraud investigators and frontline staff in any service",
        service_areas=("housing", "data-and-infrastructure", "revenues-and-benefits"),
        solution_type=SolutionType.DATA_MATCHING,
        tags=("master data", "tenancy fraud", "illegal sublets", "single view"),
        provider="camden",
        development_status=DevelopmentStatus.STABLE,
        licence=PROPRIETARY,
        cost_model=CostModel.ONE_OFF,
        hosting=Hosting.SELF_HOSTED,
        data_needed=(
            "Housing tenancies, council tax, housing benefit, electoral register and other "
            "service records that name residents at addresses"
        ),
        data_standards="UPRN, BS7666",
        processes_personal_data=True,
        dpia_template_available=True,
        data_protection_notes=(
            "Matches personal data across services; each use needs its own lawful basis and a DPIA."
        ),
        demo_note=reported_note("the London Borough of Camden"),
        adoptions=(
            DemoAdoption(
                council="Camden",
                status=PROD,
                notes=(
                    "Publicly reported by Camden: the index matches citizen records across "
                    "services; in housing it was on track to save £3.4 million by finding "
                    "illegal sublets."
                ),
                evidence=(
                    DemoEvidence(
                        kind=AVOIDED,
                        period=ONE_OFF,
                        year_from=2014,
                        year_to=2015,
                        evidence_level=EvidenceLevel.CORRELATION,
                        amount_gbp=CAMDEN_HOUSING_SAVING_GBP,
                        baseline=(
                            "Housing tenancy checks before the Residents Index. The years "
                            "shown are approximate (the demo does not hold the report date)."
                        ),
                        method=(
                            "Publicly reported by the London Borough of Camden: in housing "
                            "alone it was 'on track to save £3.4 million' by using the "
                            "index to find illegal sublets. A projection rather than an "
                            "audited outturn, with no comparison group, so graded level 2."
                        ),
                        verified=True,
                    ),
                ),
            ),
        ),
    ),
    DemoSolution(
        slug="brent-resident-data-matching",
        title="Brent resident data matching",
        summary=(
            "Brent's comparable resident index: one matched record per resident across "
            "services, used to check tenancies and eligibility."
        ),
        problem=(
            "Records of the same resident held separately by housing, revenues and other "
            "services make eligibility checks slow and let tenancy fraud go unseen."
        ),
        description=(
            "The London Borough of Brent built a solution comparable to Camden's Residents "
            "Index and reported similar benefits. No figure has been published, so this "
            "listing carries no savings evidence.",
        ),
        audience="Housing and revenues officers, fraud investigators",
        service_areas=("housing", "data-and-infrastructure"),
        solution_type=SolutionType.DATA_MATCHING,
        tags=("master data", "tenancy fraud", "single view"),
        provider="brent",
        development_status=DevelopmentStatus.STABLE,
        licence=PROPRIETARY,
        cost_model=CostModel.ONE_OFF,
        hosting=Hosting.SELF_HOSTED,
        data_needed="Housing, council tax, benefits and electoral register records",
        data_standards="UPRN",
        processes_personal_data=True,
        dpia_template_available=False,
        demo_note=reported_note("the London Borough of Brent"),
        adoptions=(
            DemoAdoption(
                council="Brent",
                notes=(
                    "Publicly reported: Brent built a comparable solution to Camden's "
                    "Residents Index and reported similar benefits; no figure published."
                ),
            ),
        ),
    ),
    DemoSolution(
        slug="barking-and-dagenham-resident-data-matching",
        title="Barking and Dagenham resident data matching",
        summary=(
            "Barking and Dagenham's comparable resident index, linking records across "
            "services into one view of each household."
        ),
        problem=(
            "Services see only their own slice of a household, so staff repeat searches "
            "and miss patterns that only show when the records are put together."
        ),
        description=(
            "The London Borough of Barking and Dagenham built a solution comparable to "
            "Camden's Residents Index and reported similar benefits. No figure has been "
            "published, so this listing carries no savings evidence.",
        ),
        audience="Frontline staff across housing, revenues and social care",
        service_areas=("housing", "data-and-infrastructure"),
        solution_type=SolutionType.DATA_MATCHING,
        tags=("master data", "single view"),
        provider="barking-and-dagenham",
        development_status=DevelopmentStatus.STABLE,
        licence=PROPRIETARY,
        cost_model=CostModel.ONE_OFF,
        hosting=Hosting.SELF_HOSTED,
        data_needed="Housing, council tax, benefits, social care and electoral records",
        data_standards="UPRN",
        processes_personal_data=True,
        demo_note=reported_note("the London Borough of Barking and Dagenham"),
        adoptions=(
            DemoAdoption(
                council="Barking and Dagenham",
                notes=(
                    "Publicly reported: Barking and Dagenham built a comparable solution to "
                    "Camden's Residents Index and reported similar benefits; no figure "
                    "published."
                ),
            ),
        ),
    ),
    DemoSolution(
        slug="tenancy-fraud-sublet-detector",
        title="Tenancy fraud and illegal sublet detector",
        summary=(
            "Scores social-housing tenancies for signs of subletting and non-occupation "
            "so investigators visit the likeliest cases first."
        ),
        problem=(
            "Investigators rely on tip-offs, so most illegal sublets are never found and "
            "families wait longer in temporary accommodation."
        ),
        description=(
            "Links tenancy records with council tax, electoral register and housing "
            "benefit data and flags tenancies where the records disagree.",
            "Investigators chose the indicators with the vendor and review every flag "
            "before a visit: the score orders the work, it never decides a case.",
        ),
        audience="Housing fraud investigators and tenancy management officers",
        service_areas=("housing", "revenues-and-benefits"),
        solution_type=SolutionType.PREDICTIVE_MODEL,
        tags=("tenancy fraud", "illegal sublets", "risk scoring"),
        provider=CIVIC,
        development_status=DevelopmentStatus.STABLE,
        licence=PROPRIETARY,
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("12000.00"),
        price_max_gbp=Decimal("40000.00"),
        hosting=Hosting.SAAS,
        data_needed="Tenancies, council tax accounts, electoral register, housing benefit",
        data_standards="UPRN",
        processes_personal_data=True,
        dpia_template_available=True,
        data_protection_notes="DPIA template and data sharing agreement supplied.",
        adoptions=(
            DemoAdoption(
                council="Southwark",
                confirmed=True,
                since=date(2021, 4, 1),
                evidence=(
                    demo_money(
                        AVOIDED,
                        "420000.00",
                        (2022, 2022),
                        EvidenceLevel.CAUSATION,
                        baseline="Tip-off-led investigations in the year before (demo).",
                        method="recovered homes x average yearly temporary accommodation "
                        "cost, compared with a matched set of estates not yet scored.",
                        attested=True,
                        verified=True,
                    ),
                    demo_money(
                        AVOIDED,
                        "510000.00",
                        (2023, 2023),
                        EvidenceLevel.CAUSATION,
                        baseline="Tip-off-led investigations before the tool (demo).",
                        method="as for 2022, with a larger matched comparison group.",
                        attested=True,
                    ),
                ),
            ),
            DemoAdoption(
                council="Lambeth",
                status=PILOT,
                since=date(2023, 9, 1),
                evidence=(
                    demo_hours(
                        "1200",
                        (2024, 2024),
                        EvidenceLevel.LOGICAL_ACCOUNT,
                        baseline="Manual checks of tenancy files (demo).",
                        method="investigators' estimate of search time saved per case.",
                    ),
                ),
            ),
            DemoAdoption(council="Hackney", status=EXPLORE),
        ),
    ),
    DemoSolution(
        slug="empty-homes-finder",
        title="Empty homes finder",
        summary=(
            "Finds homes that look empty by combining council tax, utility and electoral "
            "data, so officers can bring them back into use."
        ),
        problem=(
            "Long-term empty homes are under-reported: council tax records say one thing "
            "and the street says another, while housing waiting lists grow."
        ),
        description=(
            "Combines council tax exemptions and discounts, electoral register changes and "
            "reports from residents into one ranked list of probably empty homes by UPRN.",
            "Empty homes officers tested each release on their patch and chose what the "
            "list shows.",
        ),
        audience="Empty homes officers and council tax teams",
        service_areas=("housing", "revenues-and-benefits"),
        solution_type=SolutionType.DATA_MATCHING,
        tags=("empty homes", "council tax", "UPRN"),
        provider="leeds",
        development_status=DevelopmentStatus.BETA,
        licence="AGPL-3.0-or-later",
        cost_model=CostModel.FREE,
        hosting=Hosting.SELF_HOSTED,
        data_needed="Council tax property and account data, electoral register changes",
        data_standards="UPRN, BS7666",
        processes_personal_data=True,
        dpia_template_available=True,
        demo_note=illustrative_provider_note("Leeds City Council"),
        adoptions=(
            DemoAdoption(
                council="Leeds",
                confirmed=True,
                since=date(2020, 6, 1),
                evidence=(
                    demo_money(
                        INCOME,
                        "185000.00",
                        (2022, 2022),
                        EvidenceLevel.CORRELATION,
                        baseline="Empty homes premium billed the year before (demo).",
                        method="additional empty homes premium billed after reviews.",
                        attested=True,
                    ),
                    demo_money(
                        INCOME,
                        "240000.00",
                        (2023, 2023),
                        EvidenceLevel.CORRELATION,
                        baseline="Empty homes premium billed before the tool (demo).",
                        method="additional empty homes premium billed after reviews.",
                        attested=True,
                    ),
                ),
            ),
            DemoAdoption(council="Bradford", status=PILOT, since=date(2024, 1, 15)),
            DemoAdoption(council="Kirklees", status=PROD, since=date(2022, 10, 1)),
        ),
    ),
    DemoSolution(
        slug="temporary-accommodation-demand-forecast",
        title="Temporary accommodation demand forecast",
        summary=(
            "Forecasts homelessness demand for temporary accommodation 6 to 12 months "
            "ahead from case and housing-market data."
        ),
        problem=(
            "Councils book expensive nightly-paid accommodation at short notice because "
            "they cannot see the demand coming."
        ),
        description=(
            "A forecasting model trained on the council's homelessness case data, with a "
            "dashboard for housing options managers.",
        ),
        audience="Housing options managers and finance business partners",
        service_areas=("housing",),
        solution_type=SolutionType.PREDICTIVE_MODEL,
        tags=("homelessness", "forecasting", "temporary accommodation"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.BETA,
        licence="MIT",
        cost_model=CostModel.FREE,
        hosting=Hosting.EITHER,
        data_needed="Homelessness case records (H-CLIC returns), temporary accommodation bookings",
        data_standards="H-CLIC",
        processes_personal_data=False,
        data_protection_notes="Runs on aggregated, de-identified case counts.",
        adoptions=(
            DemoAdoption(
                council="Newham",
                status=PILOT,
                since=date(2024, 4, 1),
                evidence=(
                    demo_money(
                        AVOIDED,
                        "90000.00",
                        (2024, 2024),
                        EvidenceLevel.LOGICAL_ACCOUNT,
                        baseline="Nightly-paid bookings in the year before (demo).",
                        method="bookings moved to cheaper block contracts thanks to the "
                        "forecast, as estimated by the service.",
                    ),
                ),
            ),
            DemoAdoption(council="Croydon", status=EXPLORE),
        ),
    ),
    DemoSolution(
        slug="damp-and-mould-risk-model",
        title="Damp and mould risk model",
        summary=(
            "Ranks council homes by damp and mould risk from repairs history, property "
            "age and energy data, for proactive surveys."
        ),
        problem=(
            "Damp and mould harm tenants' health, and reactive repairs find the worst "
            "homes too late."
        ),
        description=(
            "Combines repairs history, stock condition, energy performance certificates "
            "and household data into a risk rank per home.",
            "Surveyors and tenant representatives reviewed the first ranked lists before "
            "any home was contacted.",
        ),
        audience="Housing asset managers and repairs teams",
        service_areas=("housing", "public-health"),
        solution_type=SolutionType.PREDICTIVE_MODEL,
        tags=("damp and mould", "repairs", "stock condition"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.DEVELOPMENT,
        licence="Apache-2.0",
        cost_model=CostModel.FREE,
        hosting=Hosting.SELF_HOSTED,
        data_needed="Repairs history, stock condition survey, EPCs, tenancy household data",
        data_standards="UPRN",
        processes_personal_data=True,
        dpia_template_available=True,
        adoptions=(
            DemoAdoption(council="Sheffield", status=PILOT, since=date(2025, 1, 6)),
            DemoAdoption(council="Salford", status=EXPLORE),
        ),
    ),
    # ------------------------------------------------------- adult social care
    DemoSolution(
        slug="care-home-capacity-dashboard",
        title="Care home capacity dashboard",
        summary=(
            "Daily view of care home vacancies, fees and quality ratings across a "
            "council area for brokerage and commissioning."
        ),
        problem=(
            "Brokers phone round homes every morning to find a placement, and "
            "commissioners cannot see where the market is short."
        ),
        description=(
            "Providers update vacancies in a simple form; the dashboard joins them with "
            "fees and inspection ratings.",
        ),
        audience="Brokerage teams and adult social care commissioners",
        service_areas=("adult-social-care",),
        solution_type=SolutionType.DASHBOARD,
        tags=("care homes", "market shaping", "brokerage"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.STABLE,
        licence="AGPL-3.0-or-later",
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("3000.00"),
        price_max_gbp=Decimal("9000.00"),
        hosting=Hosting.EITHER,
        data_needed="Care home provider list, vacancies, fee rates, inspection ratings",
        adoptions=(
            DemoAdoption(
                council="Hampshire",
                confirmed=True,
                since=date(2021, 11, 1),
                evidence=(
                    demo_hours(
                        "2600",
                        (2023, 2023),
                        EvidenceLevel.CORRELATION,
                        baseline="Brokers' phone time before the dashboard (demo).",
                        method="time logs of brokers before and after, one year each.",
                        attested=True,
                    ),
                ),
            ),
            DemoAdoption(council="Devon", status=PROD, since=date(2022, 5, 1)),
            DemoAdoption(council="Wiltshire", status=PILOT, since=date(2024, 3, 1)),
        ),
    ),
    DemoSolution(
        slug="hospital-discharge-flow-tracker",
        title="Hospital discharge flow tracker",
        summary=(
            "Tracks each person waiting to leave hospital through assessment, care "
            "sourcing and start of care, shared with the NHS trust."
        ),
        problem=(
            "Delayed discharges cost the NHS and councils money and harm people, and no "
            "one sees the whole queue."
        ),
        audience="Discharge hubs, social workers and NHS discharge coordinators",
        service_areas=("adult-social-care", "public-health"),
        solution_type=SolutionType.WORKFLOW,
        tags=("hospital discharge", "NHS", "integrated care"),
        provider=CIVIC,
        development_status=DevelopmentStatus.STABLE,
        licence=PROPRIETARY,
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("15000.00"),
        price_max_gbp=Decimal("45000.00"),
        hosting=Hosting.SAAS,
        data_needed="Hospital discharge lists, social care referrals and packages",
        data_standards="NHS number",
        processes_personal_data=True,
        dpia_template_available=True,
        data_protection_notes="Health and social care data shared under a joint DPIA.",
        adoptions=(
            DemoAdoption(
                council="Nottinghamshire",
                confirmed=True,
                since=date(2022, 2, 1),
                evidence=(
                    demo_money(
                        AVOIDED,
                        "310000.00",
                        (2023, 2023),
                        EvidenceLevel.INDEPENDENT_REPLICATION,
                        baseline="Bed days lost to delayed discharge in 2021 (demo).",
                        method="bed days saved, costed at the local tariff; checked by an "
                        "independent evaluation with the integrated care board.",
                        attested=True,
                        verified=True,
                    ),
                ),
            ),
            DemoAdoption(council="Derbyshire", status=PILOT, since=date(2024, 6, 1)),
        ),
    ),
    DemoSolution(
        slug="falls-risk-early-warning",
        title="Falls risk early warning",
        summary=(
            "Flags older residents at rising risk of a fall from care, equipment and "
            "contact records, for a preventive visit."
        ),
        problem=(
            "A fall often leads to hospital and long-term care; the warning signs are "
            "scattered across systems."
        ),
        audience="Reablement, occupational therapy and prevention teams",
        service_areas=("adult-social-care", "public-health"),
        solution_type=SolutionType.PREDICTIVE_MODEL,
        tags=("prevention", "falls", "older people"),
        provider="kent",
        development_status=DevelopmentStatus.BETA,
        licence="MIT",
        cost_model=CostModel.FREE,
        hosting=Hosting.SELF_HOSTED,
        data_needed="Adult social care contacts, equipment loans, telecare alerts",
        processes_personal_data=True,
        dpia_template_available=True,
        demo_note=illustrative_provider_note("Kent County Council"),
        adoptions=(
            DemoAdoption(
                council="Kent",
                status=PILOT,
                confirmed=True,
                since=date(2023, 10, 1),
                evidence=(
                    demo_money(
                        AVOIDED,
                        "150000.00",
                        (2024, 2024),
                        EvidenceLevel.CORRELATION,
                        baseline="Falls-related care starts in the year before (demo).",
                        method="fewer new long-term care packages after falls, costed.",
                    ),
                ),
            ),
            DemoAdoption(council="Surrey", status=EXPLORE),
        ),
    ),
    DemoSolution(
        slug="direct-payments-reconciliation",
        title="Direct payments reconciliation",
        summary=(
            "Reconciles direct payment accounts against care plans automatically and "
            "flags unspent balances for review."
        ),
        problem=(
            "Finance officers audit direct payment accounts by hand, so surpluses sit "
            "unspent for months."
        ),
        audience="Direct payments finance officers",
        service_areas=("adult-social-care", "corporate-services"),
        solution_type=SolutionType.WORKFLOW,
        tags=("direct payments", "reconciliation"),
        provider=CIVIC,
        development_status=DevelopmentStatus.STABLE,
        licence=PROPRIETARY,
        cost_model=CostModel.PER_USE,
        price_min_gbp=Decimal("2.50"),
        price_max_gbp=Decimal("6.00"),
        hosting=Hosting.SAAS,
        data_needed="Prepaid card or bank statements, care plan budgets",
        processes_personal_data=True,
        adoptions=(
            DemoAdoption(
                council="Essex",
                since=date(2021, 1, 4),
                evidence=(
                    demo_money(
                        CASHABLE,
                        "600000.00",
                        (2022, 2022),
                        EvidenceLevel.CORRELATION,
                        period=ONE_OFF,
                        baseline="Unspent balances before the first review (demo).",
                        method="one-off surplus reclaimed in the first full review.",
                    ),
                    demo_hours(
                        "3100",
                        (2023, 2023),
                        EvidenceLevel.CORRELATION,
                        baseline="Manual audit time (demo).",
                        method="audit hours before and after.",
                    ),
                ),
            ),
            DemoAdoption(council="Suffolk", status=PROD, since=date(2022, 7, 1)),
            DemoAdoption(council="Norfolk", status=RETIRED, since=date(2019, 4, 1)),
        ),
    ),
    # ----------------------------------------------------- children's services
    DemoSolution(
        slug="early-help-risk-indicators",
        title="Early help risk indicators",
        summary=(
            "Brings together indicators from schools, housing and police notifications "
            "so early help workers can offer support sooner."
        ),
        problem=(
            "Families often reach children's social care after problems were visible to "
            "several services that each saw only one sign."
        ),
        description=(
            "Shows an early help worker the indicators behind every flag, never a bare "
            "score, and records the worker's judgement.",
            "Social workers, early help practitioners and parents' representatives shaped "
            "which indicators are used; an ethics panel reviews the model each year.",
        ),
        audience="Early help and multi-agency safeguarding hub practitioners",
        service_areas=("childrens-services",),
        solution_type=SolutionType.PREDICTIVE_MODEL,
        tags=("early help", "safeguarding", "troubled families"),
        provider=CIVIC,
        development_status=DevelopmentStatus.STABLE,
        licence=PROPRIETARY,
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("25000.00"),
        price_max_gbp=Decimal("80000.00"),
        hosting=Hosting.SAAS,
        data_needed="School attendance and exclusions, housing arrears, police notifications",
        processes_personal_data=True,
        dpia_template_available=True,
        data_protection_notes=(
            "Special category data; DPIA, equality impact assessment and model card "
            "supplied. Human review of every flag."
        ),
        adoptions=(
            DemoAdoption(
                council="Wigan",
                confirmed=True,
                since=date(2020, 9, 1),
                evidence=(
                    demo_money(
                        AVOIDED,
                        "380000.00",
                        (2023, 2023),
                        EvidenceLevel.CAUSATION,
                        baseline="Matched families not offered early help (demo).",
                        method="escalations to statutory care avoided, against a "
                        "matched comparison group, costed at average case cost.",
                        attested=True,
                        verified=True,
                    ),
                ),
            ),
            DemoAdoption(council="Stockport", status=PROD, since=date(2021, 9, 1)),
            DemoAdoption(council="Tameside", status=PILOT, since=date(2024, 2, 1)),
        ),
    ),
    DemoSolution(
        slug="school-place-planning-model",
        title="School place planning model",
        summary=(
            "Projects pupil numbers by planning area from births, housing growth and "
            "migration so councils plan school places."
        ),
        problem=(
            "Too few places means children travel far; too many wastes capital. Forecasts "
            "in spreadsheets are hard to check."
        ),
        audience="School place planning officers",
        service_areas=("childrens-services", "planning-and-building-control"),
        solution_type=SolutionType.PREDICTIVE_MODEL,
        tags=("school places", "forecasting", "housing growth"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.STABLE,
        licence="MIT",
        cost_model=CostModel.FREE,
        hosting=Hosting.SELF_HOSTED,
        data_needed="School census, births by postcode, planning permissions for housing",
        data_standards="UPRN",
        adoptions=(
            DemoAdoption(
                council="Cambridgeshire",
                confirmed=True,
                since=date(2019, 5, 1),
                evidence=(
                    demo_money(
                        AVOIDED,
                        "1200000.00",
                        (2021, 2023),
                        EvidenceLevel.CORRELATION,
                        period=ONE_OFF,
                        baseline="The previous capital programme (demo).",
                        method="one school expansion deferred after better forecasts.",
                    ),
                ),
            ),
            DemoAdoption(council="Milton Keynes", status=PROD, since=date(2021, 1, 1)),
            DemoAdoption(council="Oxfordshire", status=PROD, since=date(2022, 3, 1)),
        ),
    ),
    DemoSolution(
        slug="send-transport-route-planner",
        title="SEND home-to-school transport route planner",
        summary=(
            "Plans shared routes for pupils with special educational needs, balancing "
            "journey time limits, escorts and vehicle size."
        ),
        problem=(
            "Home-to-school transport for pupils with SEND is one of the fastest-growing "
            "costs in children's services, and routes are planned by hand."
        ),
        audience="Passenger transport and SEND teams",
        service_areas=("childrens-services", "highways-and-transport"),
        solution_type=SolutionType.GEOSPATIAL,
        tags=("SEND", "route optimisation", "home to school transport"),
        provider=ROUNDWISE,
        development_status=DevelopmentStatus.STABLE,
        licence=PROPRIETARY,
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("18000.00"),
        price_max_gbp=Decimal("50000.00"),
        hosting=Hosting.SAAS,
        data_needed="Pupil addresses and needs, school sites, vehicle fleet and contracts",
        data_standards="UPRN, USRN",
        processes_personal_data=True,
        dpia_template_available=True,
        adoptions=(
            DemoAdoption(
                council="Hertfordshire",
                since=date(2022, 9, 1),
                evidence=(
                    demo_money(
                        CASHABLE,
                        "700000.00",
                        (2023, 2023),
                        EvidenceLevel.CORRELATION,
                        baseline="Contract costs for the same pupils in 2021 (demo).",
                        method="taxi and minibus contract spend before and after.",
                        attested=True,
                    ),
                ),
            ),
            DemoAdoption(council="Lancashire", status=PILOT, since=date(2024, 9, 1)),
        ),
    ),
    DemoSolution(
        slug="children-missing-education-matcher",
        title="Children missing education matcher",
        summary=(
            "Matches school rolls against GP, housing and benefit records to find "
            "children of school age not on any roll."
        ),
        problem=(
            "Children who are not on a school roll are invisible to education services "
            "and at higher risk of harm."
        ),
        audience="Education welfare and children missing education officers",
        service_areas=("childrens-services", "data-and-infrastructure"),
        solution_type=SolutionType.DATA_MATCHING,
        tags=("children missing education", "data matching"),
        provider=CIVIC,
        development_status=DevelopmentStatus.BETA,
        licence=PROPRIETARY,
        cost_model=CostModel.ONE_OFF,
        price_min_gbp=Decimal("8000.00"),
        price_max_gbp=Decimal("20000.00"),
        hosting=Hosting.SAAS,
        data_needed="School rolls, council tax reduction and housing benefit household data",
        data_standards="UPRN",
        processes_personal_data=True,
        dpia_template_available=True,
        adoptions=(
            DemoAdoption(
                council="Birmingham",
                status=PILOT,
                since=date(2024, 1, 8),
                evidence=(
                    demo_hours(
                        "900",
                        (2024, 2024),
                        EvidenceLevel.LOGICAL_ACCOUNT,
                        baseline="Manual list checking (demo).",
                        method="officers' estimate of checking time saved.",
                    ),
                ),
            ),
        ),
    ),
    # ---------------------------------------------------- waste and environment
    DemoSolution(
        slug="bulky-waste-route-optimisation-gis",
        title="Bulky-waste route optimisation with GIS",
        summary=(
            "Uses the council's existing GIS tool to plan bulky-waste collection rounds, "
            "so crews drive less and collect sooner."
        ),
        problem=(
            "Bulky-waste bookings arrive all over the borough and rounds planned by hand "
            "waste crew time and fuel."
        ),
        description=(
            "The London Borough of Barking and Dagenham used its existing GIS tool to "
            "optimise bulky-waste collection rounds, and looked at the same approach for "
            "scheduling graffiti clean-up.",
            "No new system was bought: the value came from using a tool the council "
            "already had on a clearly defined problem.",
        ),
        audience="Waste operations planners and GIS teams",
        service_areas=("waste-and-environment",),
        solution_type=SolutionType.GEOSPATIAL,
        tags=("GIS", "route optimisation", "bulky waste"),
        provider="barking-and-dagenham",
        development_status=DevelopmentStatus.STABLE,
        licence=PROPRIETARY,
        cost_model=CostModel.ONE_OFF,
        hosting=Hosting.SELF_HOSTED,
        data_needed="Bulky-waste bookings with addresses, depot and vehicle data",
        data_standards="UPRN, USRN",
        demo_note=reported_note("the London Borough of Barking and Dagenham"),
        adoptions=(
            DemoAdoption(
                council="Barking and Dagenham",
                notes=(
                    "Publicly reported: Barking and Dagenham used its existing GIS tool to "
                    "optimise bulky-waste collection rounds."
                ),
                evidence=(
                    demo_hours(
                        "1500",
                        (2016, 2016),
                        EvidenceLevel.LOGICAL_ACCOUNT,
                        baseline=(
                            "Rounds planned by hand. The council reported the approach, "
                            "not this number: it is a demo figure."
                        ),
                        method="illustrative crew hours released by shorter rounds.",
                    ),
                ),
            ),
            DemoAdoption(
                council="Havering",
                status=EXPLORE,
            ),
        ),
    ),
    DemoSolution(
        slug="graffiti-clean-up-scheduler",
        title="Graffiti clean-up scheduler",
        summary=(
            "Applies route optimisation to graffiti and fly-posting reports so street "
            "cleansing crews clear more sites per shift."
        ),
        problem=(
            "Graffiti reports are cleared in the order they arrive, so crews criss-cross "
            "the borough."
        ),
        description=(
            "Barking and Dagenham looked at using its GIS route optimisation for scheduling "
            "graffiti clean-up; this demo listing shows what such a tool could look like.",
        ),
        audience="Street cleansing managers",
        service_areas=("waste-and-environment",),
        solution_type=SolutionType.GEOSPATIAL,
        tags=("GIS", "route optimisation", "graffiti", "street cleansing"),
        provider=ROUNDWISE,
        development_status=DevelopmentStatus.CONCEPT,
        licence=PROPRIETARY,
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("5000.00"),
        price_max_gbp=Decimal("15000.00"),
        hosting=Hosting.SAAS,
        data_needed="Graffiti and fly-posting reports with locations, crew shifts",
        data_standards="UPRN, USRN",
        adoptions=(
            DemoAdoption(
                council="Barking and Dagenham",
                status=EXPLORE,
                notes=(
                    "Publicly reported: Barking and Dagenham looked at the GIS approach "
                    "for scheduling graffiti clean-up. The vendor is a demo vendor."
                ),
            ),
        ),
    ),
    DemoSolution(
        slug="fly-tipping-hotspot-map",
        title="Fly-tipping hotspot map",
        summary=(
            "Maps fly-tipping reports and clearances to show hotspots, repeat sites and "
            "where cameras or signs made a difference."
        ),
        problem=(
            "Fly-tipping clearance is costly and enforcement resources are spread thinly "
            "without a view of where it keeps happening."
        ),
        audience="Enforcement and street scene officers",
        service_areas=("waste-and-environment", "planning-and-building-control"),
        solution_type=SolutionType.GEOSPATIAL,
        tags=("fly-tipping", "hotspots", "enforcement"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.STABLE,
        licence="AGPL-3.0-or-later",
        cost_model=CostModel.FREE,
        hosting=Hosting.EITHER,
        data_needed="Fly-tipping reports and clearance records with locations",
        data_standards="USRN",
        adoptions=(
            DemoAdoption(
                council="Newham",
                since=date(2021, 3, 1),
                evidence=(
                    demo_money(
                        CASHABLE,
                        "65000.00",
                        (2022, 2022),
                        EvidenceLevel.CORRELATION,
                        baseline="Clearance spend at the top 20 sites in 2020 (demo).",
                        method="clearance spend at targeted hotspots before and after.",
                    ),
                ),
            ),
            DemoAdoption(council="Enfield", since=date(2022, 6, 1)),
            DemoAdoption(council="Haringey", status=PILOT, since=date(2024, 5, 1)),
        ),
    ),
    DemoSolution(
        slug="missed-bin-report-triage",
        title="Missed bin report triage",
        summary=(
            "Checks missed-bin reports against in-cab crew data before they reach the "
            "contact centre, and tells residents what happened."
        ),
        problem=(
            "Many missed-bin reports are bins not put out in time; each one costs a call "
            "and often a return trip."
        ),
        audience="Waste services and customer services",
        service_areas=("waste-and-environment", "customer-services"),
        solution_type=SolutionType.CITIZEN_SERVICE,
        tags=("waste collection", "self service", "in-cab"),
        provider=ROUNDWISE,
        development_status=DevelopmentStatus.STABLE,
        licence=PROPRIETARY,
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("6000.00"),
        price_max_gbp=Decimal("20000.00"),
        hosting=Hosting.SAAS,
        data_needed="In-cab collection records, property round data",
        data_standards="UPRN",
        adoptions=(
            DemoAdoption(
                council="Stoke-on-Trent",
                confirmed=True,
                since=date(2021, 8, 1),
                evidence=(
                    demo_money(
                        CASHABLE,
                        "48000.00",
                        (2022, 2022),
                        EvidenceLevel.CORRELATION,
                        baseline="Return trips in 2020 (demo).",
                        method="fewer return trips, costed at vehicle hour rates.",
                    ),
                    demo_money(
                        CASHABLE,
                        "52000.00",
                        (2023, 2023),
                        EvidenceLevel.CAUSATION,
                        baseline="Rounds not yet using the triage (demo).",
                        method="staged roll-out compared rounds with and without triage.",
                        verified=True,
                    ),
                ),
            ),
            DemoAdoption(council="Plymouth", status=PROD, since=date(2023, 2, 1)),
        ),
    ),
    DemoSolution(
        slug="air-quality-sensor-dashboard",
        title="Air quality sensor dashboard",
        summary=(
            "Publishes readings from low-cost air quality sensors as open data with a map "
            "and alerts for schools and residents."
        ),
        problem=(
            "Diffusion tube results arrive months late and residents cannot see air "
            "quality near schools."
        ),
        audience="Environmental health officers, schools and residents",
        service_areas=("waste-and-environment", "public-health"),
        solution_type=SolutionType.OPEN_DATA,
        tags=("air quality", "sensors", "open data"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.BETA,
        licence="OGL-UK-3.0",
        cost_model=CostModel.FREE,
        hosting=Hosting.EITHER,
        data_needed="Sensor readings, sensor locations",
        adoptions=(
            DemoAdoption(council="Greenwich", status=PROD, since=date(2022, 4, 1)),
            DemoAdoption(council="Lewisham", status=PILOT, since=date(2024, 4, 1)),
        ),
    ),
    # ---------------------------------------------- planning and building control
    DemoSolution(
        slug="planning-enforcement-case-prioritiser",
        title="Planning enforcement case prioritiser",
        summary=(
            "Ranks suspected planning breaches by harm and likelihood, combining "
            "complaints, permissions and building control data."
        ),
        problem=(
            "Planning enforcement teams have long backlogs of complaints and cannot tell "
            "which breaches matter most."
        ),
        description=(
            "Modelled on how New York's Mayor's Office of Data Analytics combined "
            "agencies' data around a single address to act on planning violations.",
        ),
        audience="Planning enforcement officers",
        service_areas=("planning-and-building-control",),
        solution_type=SolutionType.PREDICTIVE_MODEL,
        tags=("planning enforcement", "risk scoring", "single address"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.BETA,
        licence="AGPL-3.0-or-later",
        cost_model=CostModel.FREE,
        hosting=Hosting.SELF_HOSTED,
        data_needed="Enforcement complaints, planning permissions, building control records",
        data_standards="UPRN",
        adoptions=(
            DemoAdoption(
                council="Ealing",
                status=PILOT,
                since=date(2024, 2, 1),
                evidence=(
                    demo_hours(
                        "700",
                        (2024, 2024),
                        EvidenceLevel.LOGICAL_ACCOUNT,
                        baseline="Triage of every complaint by hand (demo).",
                        method="officers' estimate of triage time saved.",
                    ),
                ),
            ),
            DemoAdoption(council="Hounslow", status=EXPLORE),
        ),
    ),
    DemoSolution(
        slug="planning-applications-open-data",
        title="Planning applications open data feed",
        summary=(
            "Publishes planning applications and decisions as open data in a shared "
            "schema, with a map and an API."
        ),
        problem=(
            "Planning data locked in back-office systems cannot be reused by residents, "
            "developers or neighbouring councils."
        ),
        audience="Planning departments, residents and developers",
        service_areas=("planning-and-building-control", "data-and-infrastructure"),
        solution_type=SolutionType.OPEN_DATA,
        tags=("planning", "open data", "API"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.STABLE,
        licence="OGL-UK-3.0",
        cost_model=CostModel.FREE,
        hosting=Hosting.EITHER,
        data_needed="Planning applications and decisions",
        data_standards="UPRN, OGL",
        adoptions=(
            DemoAdoption(council="Bath and North East Somerset", since=date(2020, 11, 1)),
            DemoAdoption(council="York", since=date(2021, 5, 1)),
            DemoAdoption(council="Reading", status=PILOT, since=date(2024, 7, 1)),
        ),
    ),
    DemoSolution(
        slug="building-control-inspection-scheduler",
        title="Building control inspection scheduler",
        summary=(
            "Books building control site inspections online and plans surveyors' days "
            "by location and inspection type."
        ),
        problem=(
            "Inspections are booked by phone and surveyors' days are planned by hand, "
            "with long drives between sites."
        ),
        audience="Building control surveyors and administrators",
        service_areas=("planning-and-building-control",),
        solution_type=SolutionType.WORKFLOW,
        tags=("building control", "scheduling"),
        provider=ROUNDWISE,
        development_status=DevelopmentStatus.STABLE,
        licence=PROPRIETARY,
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("4000.00"),
        price_max_gbp=Decimal("12000.00"),
        hosting=Hosting.SAAS,
        data_needed="Building control applications, site addresses, surveyor rotas",
        data_standards="UPRN",
        adoptions=(
            DemoAdoption(
                council="Cornwall",
                since=date(2022, 1, 10),
                evidence=(
                    demo_hours(
                        "1800",
                        (2023, 2023),
                        EvidenceLevel.CORRELATION,
                        baseline="Travel and booking time in 2021 (demo).",
                        method="surveyors' mileage and booking calls before and after.",
                        attested=True,
                    ),
                ),
            ),
        ),
    ),
    # --------------------------------------------------- revenues and benefits
    DemoSolution(
        slug="council-tax-single-person-discount-review",
        title="Council tax single person discount review",
        summary=(
            "Matches single person discount claims against the electoral register and "
            "credit reference data to find households no longer eligible."
        ),
        problem=(
            "A quarter-off council tax bill for living alone is easy to claim and rarely "
            "re-checked, so ineligible discounts run for years."
        ),
        description=(
            "Each flagged account gets a review letter; officers decide every case, and "
            "residents can respond online.",
            "Revenues officers set the match rules with the vendor after a trial on a "
            "sample of accounts.",
        ),
        audience="Council tax and revenues teams",
        service_areas=("revenues-and-benefits",),
        solution_type=SolutionType.DATA_MATCHING,
        tags=("council tax", "single person discount", "fraud"),
        provider=CIVIC,
        development_status=DevelopmentStatus.STABLE,
        licence=PROPRIETARY,
        cost_model=CostModel.PER_USE,
        price_min_gbp=Decimal("0.40"),
        price_max_gbp=Decimal("1.20"),
        hosting=Hosting.SAAS,
        data_needed="Council tax accounts with discounts, electoral register",
        data_standards="UPRN",
        processes_personal_data=True,
        dpia_template_available=True,
        data_protection_notes="Uses credit reference data under the council's fraud powers.",
        adoptions=(
            DemoAdoption(
                council="Liverpool",
                confirmed=True,
                since=date(2019, 10, 1),
                evidence=(
                    demo_money(
                        INCOME,
                        "820000.00",
                        (2022, 2022),
                        EvidenceLevel.INDEPENDENT_REPLICATION,
                        baseline="Discounts in payment before the review (demo).",
                        method="discounts removed after review x remaining months of the "
                        "year; replicated by internal audit with costs.",
                        attested=True,
                        verified=True,
                    ),
                    demo_money(
                        INCOME,
                        "760000.00",
                        (2023, 2023),
                        EvidenceLevel.INDEPENDENT_REPLICATION,
                        baseline="Discounts in payment before the second review (demo).",
                        method="as for 2022, second annual review.",
                        attested=True,
                        verified=True,
                    ),
                ),
            ),
            DemoAdoption(
                council="Wirral",
                since=date(2021, 2, 1),
                evidence=(
                    demo_money(
                        INCOME,
                        "310000.00",
                        (2023, 2023),
                        EvidenceLevel.CORRELATION,
                        baseline="Discounts in payment before the review (demo).",
                        method="discounts removed after review.",
                    ),
                ),
            ),
            DemoAdoption(council="Knowsley", status=PROD, since=date(2022, 4, 1)),
            DemoAdoption(council="Sefton", status=PILOT, since=date(2024, 10, 1)),
        ),
    ),
    DemoSolution(
        slug="business-rates-property-discovery",
        title="Business rates property discovery",
        summary=(
            "Finds business premises missing from the rating list by comparing address "
            "data, planning records and aerial imagery."
        ),
        problem=(
            "New and altered business premises can go unrated for years, losing income "
            "the council keeps a share of."
        ),
        audience="Business rates teams",
        service_areas=("revenues-and-benefits", "planning-and-building-control"),
        solution_type=SolutionType.GEOSPATIAL,
        tags=("business rates", "address data", "income"),
        provider=ROUNDWISE,
        development_status=DevelopmentStatus.STABLE,
        licence=PROPRIETARY,
        cost_model=CostModel.PER_USE,
        price_min_gbp=Decimal("150.00"),
        price_max_gbp=Decimal("400.00"),
        hosting=Hosting.SAAS,
        data_needed="Rating list, address base, planning completions",
        data_standards="UPRN, BS7666",
        adoptions=(
            DemoAdoption(
                council="Manchester",
                confirmed=True,
                since=date(2020, 4, 1),
                evidence=(
                    demo_money(
                        INCOME,
                        "540000.00",
                        (2023, 2023),
                        EvidenceLevel.CORRELATION,
                        baseline="Rating list before the exercise (demo).",
                        method="rateable value added to the list x multiplier x local share.",
                        attested=True,
                    ),
                ),
            ),
            DemoAdoption(council="Salford", status=PILOT, since=date(2024, 4, 1)),
            DemoAdoption(council="Trafford", status=PROD, since=date(2022, 4, 1)),
        ),
    ),
    DemoSolution(
        slug="council-tax-arrears-early-support",
        title="Council tax arrears early support",
        summary=(
            "Predicts which households are likely to fall into council tax arrears and "
            "offers support before enforcement starts."
        ),
        problem=(
            "Enforcement agents and court costs push struggling households further into "
            "debt and recover little."
        ),
        audience="Revenues, welfare rights and financial inclusion teams",
        service_areas=("revenues-and-benefits", "customer-services"),
        solution_type=SolutionType.PREDICTIVE_MODEL,
        tags=("council tax", "arrears", "financial inclusion"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.BETA,
        licence="Apache-2.0",
        cost_model=CostModel.FREE,
        hosting=Hosting.SELF_HOSTED,
        data_needed="Council tax payment history, council tax reduction claims",
        processes_personal_data=True,
        dpia_template_available=True,
        adoptions=(
            DemoAdoption(
                council="Barnet",
                status=PILOT,
                since=date(2024, 3, 1),
                evidence=(
                    demo_money(
                        INCOME,
                        "120000.00",
                        (2024, 2024),
                        EvidenceLevel.CAUSATION,
                        baseline="Randomised control group of accounts (demo).",
                        method="collection rate in the offered group against a randomly "
                        "chosen control group.",
                    ),
                ),
            ),
            DemoAdoption(council="Sutton", status=EXPLORE),
        ),
    ),
    # -------------------------------------------------- highways and transport
    DemoSolution(
        slug="pothole-prediction-model",
        title="Pothole prediction model",
        summary=(
            "Predicts which road sections will develop potholes from weather, traffic, "
            "surface age and past defects, to plan patching."
        ),
        problem=(
            "Reactive pothole repairs cost more per square metre than planned patching, "
            "and compensation claims follow missed defects."
        ),
        description=(
            "Highway inspectors compared the model's top-ranked sections with their own "
            "knowledge before it was used to plan a programme.",
        ),
        audience="Highway asset managers and inspectors",
        service_areas=("highways-and-transport",),
        solution_type=SolutionType.PREDICTIVE_MODEL,
        tags=("potholes", "highway asset management", "USRN"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.STABLE,
        licence="Apache-2.0",
        cost_model=CostModel.FREE,
        hosting=Hosting.EITHER,
        data_needed="Defect history, road condition surveys, traffic counts, weather",
        data_standards="USRN",
        adoptions=(
            DemoAdoption(
                council="Kent",
                confirmed=True,
                since=date(2021, 10, 1),
                evidence=(
                    demo_money(
                        CASHABLE,
                        "450000.00",
                        (2022, 2022),
                        EvidenceLevel.CAUSATION,
                        baseline="Districts patched reactively in the same winter (demo).",
                        method="cost per square metre repaired, predicted-first districts "
                        "against reactive districts.",
                        verified=True,
                    ),
                    demo_money(
                        CASHABLE,
                        "530000.00",
                        (2023, 2023),
                        EvidenceLevel.READY_TO_SCALE,
                        baseline="Reactive repair costs (demo).",
                        method="results held in a second winter and at two other "
                        "highway authorities.",
                        verified=True,
                        attested=True,
                    ),
                ),
            ),
            DemoAdoption(council="Surrey", since=date(2022, 11, 1)),
            DemoAdoption(council="Warwickshire", status=PILOT, since=date(2024, 11, 1)),
            DemoAdoption(council="Gloucestershire", status=PROD, since=date(2023, 1, 1)),
        ),
    ),
    DemoSolution(
        slug="street-fault-reporting",
        title="Street fault reporting",
        summary=(
            "Lets residents report potholes, broken street lights and fly-tipping on a "
            "map, routed straight to the right team."
        ),
        problem=(
            "Residents do not know which council or team looks after a street fault, so "
            "reports get lost or duplicated."
        ),
        audience="Residents, highways and street scene teams",
        service_areas=("highways-and-transport", "customer-services"),
        solution_type=SolutionType.CITIZEN_SERVICE,
        tags=("street faults", "self service", "map"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.STABLE,
        licence="AGPL-3.0-or-later",
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("2500.00"),
        price_max_gbp=Decimal("10000.00"),
        hosting=Hosting.EITHER,
        data_needed="Road and asset layers, team routing rules",
        data_standards="USRN, UPRN",
        processes_personal_data=True,
        dpia_template_available=True,
        adoptions=(
            DemoAdoption(
                council="Oxfordshire",
                confirmed=True,
                since=date(2018, 6, 1),
                evidence=(
                    demo_money(
                        CASHABLE,
                        "95000.00",
                        (2023, 2023),
                        EvidenceLevel.CORRELATION,
                        baseline="Phone and email reports in 2017 (demo).",
                        method="contact-centre calls avoided x cost per call.",
                        attested=True,
                    ),
                ),
            ),
            DemoAdoption(council="Buckinghamshire", since=date(2020, 4, 1)),
            DemoAdoption(council="Brighton and Hove", since=date(2021, 1, 1)),
            DemoAdoption(council="Northumberland", status=PILOT, since=date(2024, 6, 1)),
        ),
    ),
    DemoSolution(
        slug="parking-occupancy-dashboard",
        title="Parking occupancy dashboard",
        summary=(
            "Shows on-street and car park occupancy by hour from payment and sensor data, "
            "to set tariffs and plan enforcement."
        ),
        problem="Parking tariffs and patrols are set on old surveys rather than current use.",
        audience="Parking services managers",
        service_areas=("highways-and-transport",),
        solution_type=SolutionType.DASHBOARD,
        tags=("parking", "dashboard"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.BETA,
        licence="MIT",
        cost_model=CostModel.FREE,
        hosting=Hosting.SELF_HOSTED,
        data_needed="Pay-by-phone and machine transactions, bay sensors",
        data_standards="USRN",
        adoptions=(
            DemoAdoption(council="Westminster", status=PILOT, since=date(2024, 2, 1)),
            DemoAdoption(council="Hammersmith and Fulham", status=EXPLORE),
        ),
    ),
    DemoSolution(
        slug="winter-gritting-route-optimiser",
        title="Winter gritting route optimiser",
        summary=(
            "Re-plans precautionary gritting routes from the road network and priority "
            "roads, so fewer vehicles cover the same network."
        ),
        problem="Gritting routes have grown piecemeal and overlap, costing fuel and salt.",
        audience="Winter service managers",
        service_areas=("highways-and-transport",),
        solution_type=SolutionType.GEOSPATIAL,
        tags=("gritting", "route optimisation", "winter service"),
        provider=ROUNDWISE,
        development_status=DevelopmentStatus.STABLE,
        licence=PROPRIETARY,
        cost_model=CostModel.ONE_OFF,
        price_min_gbp=Decimal("10000.00"),
        price_max_gbp=Decimal("30000.00"),
        hosting=Hosting.SAAS,
        data_needed="Road network, gritting priorities, depots and fleet",
        data_standards="USRN",
        adoptions=(
            DemoAdoption(
                council="North Yorkshire",
                since=date(2022, 10, 1),
                evidence=(
                    demo_money(
                        CASHABLE,
                        "210000.00",
                        (2023, 2023),
                        EvidenceLevel.CORRELATION,
                        baseline="Routes in winter 2021 (demo).",
                        method="vehicles, fuel and salt before and after, weather-adjusted.",
                        attested=True,
                    ),
                ),
            ),
            DemoAdoption(council="Cumberland", status=PILOT, since=date(2024, 11, 1)),
        ),
    ),
    # ------------------------------------------------------------ public health
    DemoSolution(
        slug="hospital-admissions-hotspot-map",
        title="Hospital admissions hotspot map",
        summary=(
            "Maps avoidable hospital admissions by neighbourhood to target prevention, in "
            "the spirit of CityStat-style hotspot working."
        ),
        problem=(
            "Prevention money is spread evenly while avoidable admissions cluster in a "
            "few neighbourhoods."
        ),
        description=(
            "Modelled on how Baltimore's CityStat and Maryland's StateStat used data to "
            "target hotspots, including hospital admissions.",
        ),
        audience="Public health analysts and commissioners",
        service_areas=("public-health",),
        solution_type=SolutionType.GEOSPATIAL,
        tags=("hotspots", "health inequalities", "prevention"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.STABLE,
        licence="MIT",
        cost_model=CostModel.FREE,
        hosting=Hosting.SELF_HOSTED,
        data_needed="Aggregated hospital admissions by small area",
        data_standards="LSOA",
        data_protection_notes="Works on aggregated, small-number-suppressed counts only.",
        adoptions=(
            DemoAdoption(council="Newcastle upon Tyne", since=date(2021, 7, 1)),
            DemoAdoption(council="Gateshead", since=date(2022, 1, 1)),
            DemoAdoption(council="Sunderland", status=PILOT, since=date(2024, 1, 1)),
        ),
    ),
    DemoSolution(
        slug="health-inequalities-atlas",
        title="Health inequalities atlas",
        summary=(
            "Open data atlas of life expectancy, deprivation and service use by ward, for "
            "joint strategic needs assessments."
        ),
        problem=(
            "Joint strategic needs assessments are rebuilt from scratch in documents "
            "every few years."
        ),
        audience="Public health teams, councillors and partners",
        service_areas=("public-health", "data-and-infrastructure"),
        solution_type=SolutionType.OPEN_DATA,
        tags=("JSNA", "open data", "health inequalities"),
        provider="local-government-association",
        development_status=DevelopmentStatus.STABLE,
        licence="OGL-UK-3.0",
        cost_model=CostModel.FREE,
        hosting=Hosting.SAAS,
        data_needed="Published public health indicators by ward and LSOA",
        data_standards="LSOA, ONS codes",
        demo_note=illustrative_provider_note("The Local Government Association"),
        adoptions=(
            DemoAdoption(council="Bolton", since=date(2020, 1, 1)),
            DemoAdoption(council="Oldham", since=date(2020, 6, 1)),
            DemoAdoption(council="Rochdale", since=date(2021, 3, 1)),
            DemoAdoption(council="Bury", status=PILOT, since=date(2024, 6, 1)),
        ),
    ),
    DemoSolution(
        slug="fuel-poverty-risk-finder",
        title="Fuel poverty risk finder",
        summary=(
            "Finds homes likely to be in fuel poverty from energy ratings and benefit "
            "data, to target insulation grants and winter support."
        ),
        problem=(
            "Grants for warm homes go to those who apply, not to those most at risk from "
            "a cold home."
        ),
        audience="Affordable warmth, public health and housing teams",
        service_areas=("public-health", "housing"),
        solution_type=SolutionType.DATA_MATCHING,
        tags=("fuel poverty", "energy efficiency", "targeting"),
        provider=CIVIC,
        development_status=DevelopmentStatus.BETA,
        licence=PROPRIETARY,
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("7000.00"),
        price_max_gbp=Decimal("18000.00"),
        hosting=Hosting.SAAS,
        data_needed="EPCs, council tax reduction, housing benefit",
        data_standards="UPRN",
        processes_personal_data=True,
        dpia_template_available=True,
        adoptions=(
            DemoAdoption(
                council="Nottingham",
                since=date(2023, 9, 1),
                evidence=(
                    demo_money(
                        AVOIDED,
                        "75000.00",
                        (2024, 2024),
                        EvidenceLevel.LOGICAL_ACCOUNT,
                        baseline="Grant take-up before targeting (demo).",
                        method="a logic model linking warmer homes to fewer winter "
                        "admissions, costed; not yet measured.",
                    ),
                ),
            ),
            DemoAdoption(council="Leicester", status=PILOT, since=date(2024, 10, 1)),
        ),
    ),
    # ------------------------------------------------- licensing and food safety
    DemoSolution(
        slug="food-safety-inspection-targeting",
        title="Food-safety inspection targeting",
        summary=(
            "Predicts which food businesses are most likely to fail a hygiene inspection, "
            "so officers inspect them first."
        ),
        problem=(
            "Inspection programmes follow fixed intervals, so officers visit compliant "
            "businesses while risky ones wait."
        ),
        description=(
            "Modelled on the food-safety inspection targeting that New York's Mayor's "
            "Office of Data Analytics pursued.",
            "Environmental health officers agreed the risk factors and still set the "
            "statutory programme; the model orders the discretionary visits.",
        ),
        audience="Environmental health and food safety officers",
        service_areas=("licensing-and-food-safety", "public-health"),
        solution_type=SolutionType.PREDICTIVE_MODEL,
        tags=("food hygiene", "inspections", "risk scoring"),
        provider=CIVIC,
        development_status=DevelopmentStatus.STABLE,
        licence=PROPRIETARY,
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("9000.00"),
        price_max_gbp=Decimal("25000.00"),
        hosting=Hosting.SAAS,
        data_needed="Food business register, inspection history, complaints, licences",
        data_standards="UPRN, FHRS",
        adoptions=(
            DemoAdoption(
                council="Glasgow City",
                confirmed=True,
                since=date(2020, 4, 1),
                evidence=(
                    demo_hours(
                        "2100",
                        (2022, 2022),
                        EvidenceLevel.INDEPENDENT_REPLICATION,
                        baseline="Fixed-interval programme (demo).",
                        method="inspections needed to find the same number of failing "
                        "businesses; independently evaluated.",
                        verified=True,
                    ),
                    demo_money(
                        AVOIDED,
                        "140000.00",
                        (2023, 2023),
                        EvidenceLevel.INDEPENDENT_REPLICATION,
                        baseline="Fixed-interval programme (demo).",
                        method="officer time released, costed, independently evaluated.",
                        attested=True,
                        verified=True,
                    ),
                ),
            ),
            DemoAdoption(council="Manchester", since=date(2021, 6, 1)),
            DemoAdoption(council="Cardiff", status=PILOT, since=date(2024, 4, 1)),
            DemoAdoption(council="Belfast", status=EXPLORE),
        ),
    ),
    DemoSolution(
        slug="taxi-licensing-online",
        title="Taxi and private hire licensing online",
        summary=(
            "Online applications and renewals for taxi and private hire drivers and "
            "vehicles, with document checks and reminders."
        ),
        problem=(
            "Paper applications and missed renewals leave drivers unlicensed and staff chasing."
        ),
        audience="Licensing officers, drivers and operators",
        service_areas=("licensing-and-food-safety", "customer-services"),
        solution_type=SolutionType.CITIZEN_SERVICE,
        tags=("taxi licensing", "online forms"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.STABLE,
        licence="AGPL-3.0-or-later",
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("3000.00"),
        price_max_gbp=Decimal("8000.00"),
        hosting=Hosting.EITHER,
        data_needed="Licence records, DBS and DVLA check results",
        processes_personal_data=True,
        dpia_template_available=True,
        adoptions=(
            DemoAdoption(
                council="Coventry",
                since=date(2022, 4, 1),
                evidence=(
                    demo_hours(
                        "1100",
                        (2023, 2023),
                        EvidenceLevel.CORRELATION,
                        baseline="Paper processing in 2021 (demo).",
                        method="processing time per application before and after.",
                        attested=True,
                    ),
                ),
            ),
            DemoAdoption(council="Portsmouth", status=PROD, since=date(2023, 3, 1)),
        ),
    ),
    DemoSolution(
        slug="unlicensed-hmo-finder",
        title="Unlicensed HMO finder",
        summary=(
            "Finds houses in multiple occupation that should be licensed by matching "
            "council tax, electoral and complaints data."
        ),
        problem=(
            "Unlicensed HMOs are often the worst-managed, and finding them door to door is slow."
        ),
        audience="Private sector housing and licensing officers",
        service_areas=("licensing-and-food-safety", "housing"),
        solution_type=SolutionType.DATA_MATCHING,
        tags=("HMO", "private rented sector", "licensing"),
        provider=CIVIC,
        development_status=DevelopmentStatus.STABLE,
        licence=PROPRIETARY,
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("8000.00"),
        price_max_gbp=Decimal("22000.00"),
        hosting=Hosting.SAAS,
        data_needed="Council tax, electoral register, housing complaints, HMO licences",
        data_standards="UPRN",
        processes_personal_data=True,
        dpia_template_available=True,
        adoptions=(
            DemoAdoption(
                council="Waltham Forest",
                confirmed=True,
                since=date(2020, 3, 1),
                evidence=(
                    demo_money(
                        INCOME,
                        "260000.00",
                        (2023, 2023),
                        EvidenceLevel.CORRELATION,
                        baseline="Licence fee income before the matching (demo).",
                        method="licence fees from newly found HMOs.",
                        attested=True,
                    ),
                ),
            ),
            DemoAdoption(council="Redbridge", since=date(2022, 9, 1)),
            DemoAdoption(council="Oxford", status=PILOT, since=date(2024, 5, 1)),
        ),
    ),
    # ------------------------------------------------------- customer services
    DemoSolution(
        slug="contact-centre-demand-dashboard",
        title="Contact-centre demand dashboard",
        summary=(
            "Shows why residents contact the council, by channel and hour, to find "
            "failure demand and staff the contact centre."
        ),
        problem=(
            "A large share of calls chase something that went wrong earlier, but nobody "
            "can see which services cause them."
        ),
        description=(
            "Call agents tag the reason for each contact; the dashboard groups reasons "
            "into value and failure demand for each service.",
        ),
        audience="Customer services managers and service heads",
        service_areas=("customer-services",),
        solution_type=SolutionType.DASHBOARD,
        tags=("contact centre", "failure demand", "dashboard"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.STABLE,
        licence="MIT",
        cost_model=CostModel.FREE,
        hosting=Hosting.SELF_HOSTED,
        data_needed="Telephony and CRM contact records with reasons",
        adoptions=(
            DemoAdoption(
                council="Tower Hamlets",
                confirmed=True,
                since=date(2021, 5, 1),
                evidence=(
                    demo_money(
                        CASHABLE,
                        "230000.00",
                        (2023, 2023),
                        EvidenceLevel.CORRELATION,
                        baseline="Call volumes in 2020 (demo).",
                        method="calls removed by fixing the top five failure causes, "
                        "x cost per call.",
                        attested=True,
                    ),
                ),
            ),
            DemoAdoption(council="Islington", since=date(2022, 2, 1)),
            DemoAdoption(council="Hackney", status=PILOT, since=date(2024, 1, 1)),
        ),
    ),
    DemoSolution(
        slug="online-form-abandonment-analytics",
        title="Online form abandonment analytics",
        summary=(
            "Shows where residents give up on online forms, without tracking cookies, so "
            "teams fix the questions that cause calls."
        ),
        problem=(
            "Residents who abandon an online form phone instead, and teams cannot see "
            "which question stopped them."
        ),
        audience="Digital and customer services teams",
        service_areas=("customer-services",),
        solution_type=SolutionType.DASHBOARD,
        tags=("online forms", "analytics", "channel shift"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.BETA,
        licence="MIT",
        cost_model=CostModel.FREE,
        hosting=Hosting.SELF_HOSTED,
        data_needed="Form step events (no personal data)",
        adoptions=(
            DemoAdoption(council="Swansea", status=PILOT, since=date(2024, 8, 1)),
            DemoAdoption(council="Monmouthshire", status=EXPLORE),
        ),
    ),
    # ------------------------------------------------ democracy and elections
    DemoSolution(
        slug="electoral-register-canvass-data-matching",
        title="Electoral register canvass data matching",
        summary=(
            "Matches the electoral register against local council tax and housing data "
            "before the annual canvass, to cut door-knocking."
        ),
        problem=(
            "Every household that cannot be confirmed by data needs forms, reminders and "
            "a personal canvass visit."
        ),
        description=(
            "Adds local data matching to the national data step, so more properties go "
            "to the cheapest canvass route.",
            "Electoral services officers set the match thresholds and review every "
            "property that changes route.",
        ),
        audience="Electoral registration officers and electoral services teams",
        service_areas=("democracy-and-elections", "data-and-infrastructure"),
        solution_type=SolutionType.DATA_MATCHING,
        tags=("electoral register", "annual canvass", "data matching"),
        provider=CIVIC,
        development_status=DevelopmentStatus.STABLE,
        licence=PROPRIETARY,
        cost_model=CostModel.PER_USE,
        price_min_gbp=Decimal("0.05"),
        price_max_gbp=Decimal("0.15"),
        hosting=Hosting.SAAS,
        data_needed="Electoral register, council tax accounts, housing tenancies",
        data_standards="UPRN",
        processes_personal_data=True,
        dpia_template_available=True,
        adoptions=(
            DemoAdoption(
                council="Cardiff",
                confirmed=True,
                since=date(2020, 7, 1),
                evidence=(
                    demo_money(
                        CASHABLE,
                        "85000.00",
                        (2023, 2023),
                        EvidenceLevel.CAUSATION,
                        baseline="Canvass costs in 2019, before canvass reform (demo).",
                        method="properties moved to the cheaper route x cost per route.",
                        attested=True,
                        verified=True,
                    ),
                ),
            ),
            DemoAdoption(council="Fife", since=date(2021, 7, 1)),
            DemoAdoption(council="Croydon", status=PILOT, since=date(2024, 6, 1)),
        ),
    ),
    DemoSolution(
        slug="polling-station-finder",
        title="Polling station finder",
        summary=(
            "Tells voters where their polling station is from their postcode and "
            "address, on the council site and by API."
        ),
        problem=(
            "Election day calls are dominated by 'where do I vote?', and address "
            "lookups differ between systems."
        ),
        audience="Voters and electoral services teams",
        service_areas=("democracy-and-elections", "customer-services"),
        solution_type=SolutionType.CITIZEN_SERVICE,
        tags=("elections", "polling stations", "API"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.STABLE,
        licence="MIT",
        cost_model=CostModel.FREE,
        hosting=Hosting.SAAS,
        data_needed="Polling districts and stations, address base",
        data_standards="UPRN",
        adoptions=(
            DemoAdoption(council="Aberdeen City", since=date(2019, 4, 1)),
            DemoAdoption(council="Dundee City", since=date(2021, 4, 1)),
            DemoAdoption(council="Gwynedd", since=date(2022, 4, 1)),
        ),
    ),
    DemoSolution(
        slug="committee-papers-open-data",
        title="Committee papers and decisions open data",
        summary=(
            "Publishes committee agendas, minutes, decisions and votes as searchable "
            "open data with an API."
        ),
        problem="Decisions are buried in PDF agendas that residents and journalists cannot search.",
        audience="Democratic services, residents and journalists",
        service_areas=("democracy-and-elections",),
        solution_type=SolutionType.OPEN_DATA,
        tags=("committees", "transparency", "open data"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.DEVELOPMENT,
        licence="OGL-UK-3.0",
        cost_model=CostModel.FREE,
        hosting=Hosting.EITHER,
        data_needed="Committee management system exports",
        adoptions=(DemoAdoption(council="South Lanarkshire", status=EXPLORE),),
    ),
    # ----------------------------------------------------- corporate services
    DemoSolution(
        slug="duplicate-payments-detector",
        title="Duplicate payments detector",
        summary=(
            "Checks supplier payments for duplicates and suspicious bank detail changes "
            "before the payment run, not after."
        ),
        problem=(
            "Duplicate invoices and mandate fraud are found by audit months after the "
            "money has gone."
        ),
        audience="Accounts payable and internal audit",
        service_areas=("corporate-services", "revenues-and-benefits"),
        solution_type=SolutionType.DATA_MATCHING,
        tags=("accounts payable", "fraud", "mandate fraud"),
        provider=CIVIC,
        development_status=DevelopmentStatus.STABLE,
        licence=PROPRIETARY,
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("6000.00"),
        price_max_gbp=Decimal("15000.00"),
        hosting=Hosting.SAAS,
        data_needed="Supplier master file, invoices, payment runs",
        adoptions=(
            DemoAdoption(
                council="Lancashire",
                confirmed=True,
                since=date(2019, 1, 1),
                evidence=(
                    demo_money(
                        CASHABLE,
                        "175000.00",
                        (2021, 2021),
                        EvidenceLevel.INDEPENDENT_REPLICATION,
                        baseline="Duplicates found by audit after payment (demo).",
                        method="duplicates stopped before payment, confirmed by external audit.",
                        attested=True,
                        verified=True,
                    ),
                    demo_money(
                        CASHABLE,
                        "150000.00",
                        (2023, 2023),
                        EvidenceLevel.READY_TO_SCALE,
                        baseline="Duplicates found by audit after payment (demo).",
                        method="the same result held at four other councils.",
                        attested=True,
                        verified=True,
                    ),
                ),
            ),
            DemoAdoption(council="Cumberland", since=date(2023, 4, 1)),
            DemoAdoption(council="Derbyshire", since=date(2022, 4, 1)),
            DemoAdoption(council="Norfolk", status=PILOT, since=date(2024, 4, 1)),
        ),
    ),
    DemoSolution(
        slug="procurement-spend-analysis",
        title="Procurement spend analysis",
        summary=(
            "Analyses published spend over £500 across councils to find shared suppliers "
            "and joint procurement opportunities."
        ),
        problem=(
            "Neighbouring councils buy the same things from the same suppliers on "
            "different terms without knowing it."
        ),
        audience="Procurement leads and finance teams",
        service_areas=("corporate-services", "data-and-infrastructure"),
        solution_type=SolutionType.DASHBOARD,
        tags=("procurement", "spend data", "transparency"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.STABLE,
        licence="MIT",
        cost_model=CostModel.FREE,
        hosting=Hosting.SAAS,
        data_needed="Published spend over £500 files",
        adoptions=(
            DemoAdoption(
                council="Somerset",
                since=date(2023, 4, 1),
                evidence=(
                    demo_money(
                        CASHABLE,
                        "120000.00",
                        (2024, 2024),
                        EvidenceLevel.LOGICAL_ACCOUNT,
                        baseline="Separate contracts before aggregation (demo).",
                        method="estimated price difference on two joint contracts.",
                    ),
                ),
            ),
            DemoAdoption(council="Devon", since=date(2023, 6, 1)),
        ),
    ),
    DemoSolution(
        slug="data-sharing-agreement-register",
        title="Data sharing agreement register",
        summary=(
            "Keeps every data sharing agreement and DPIA in one register with owners, "
            "review dates and reminders."
        ),
        problem=(
            "Data sharing agreements live in inboxes, so nobody knows what is shared, "
            "with whom, or when it must be reviewed."
        ),
        audience="Information governance teams and data protection officers",
        service_areas=("corporate-services", "data-and-infrastructure"),
        solution_type=SolutionType.WORKFLOW,
        tags=("information governance", "GDPR", "DPIA"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.STABLE,
        licence="AGPL-3.0-or-later",
        cost_model=CostModel.FREE,
        hosting=Hosting.SELF_HOSTED,
        data_needed="Agreements, DPIAs, data owners",
        dpia_template_available=True,
        adoptions=(
            DemoAdoption(council="Calderdale", since=date(2021, 9, 1)),
            DemoAdoption(council="Wakefield", status=PILOT, since=date(2024, 9, 1)),
        ),
    ),
    # ------------------------------------------------- data and infrastructure
    DemoSolution(
        slug="uprn-address-matching",
        title="UPRN address matching service",
        summary=(
            "Matches free-text addresses in any council system to UPRNs, so records from "
            "different services can be joined reliably."
        ),
        problem=(
            "Addresses are recorded inconsistently across systems; without a UPRN, data "
            "from different services cannot be joined."
        ),
        description=(
            "A matching service and batch tool that assigns a UPRN and a confidence score "
            "to each address, with a review queue for the uncertain ones.",
            "The unique property reference number (UPRN) is the fix for inconsistent "
            "address recording that practitioners name as the biggest technical roadblock.",
        ),
        audience="Data teams, GIS teams and system owners",
        service_areas=("data-and-infrastructure",),
        solution_type=SolutionType.DATA_MATCHING,
        tags=("UPRN", "address matching", "data quality"),
        provider=CIVIC,
        development_status=DevelopmentStatus.STABLE,
        licence="MIT",
        cost_model=CostModel.FREE,
        hosting=Hosting.EITHER,
        data_needed="The council's address gazetteer and the addresses to match",
        data_standards="UPRN, USRN, BS7666",
        adoptions=(
            DemoAdoption(
                council="Hackney",
                confirmed=True,
                since=date(2019, 6, 1),
                evidence=(
                    demo_hours(
                        "4000",
                        (2022, 2022),
                        EvidenceLevel.READY_TO_SCALE,
                        baseline="Manual address cleansing (demo).",
                        method="analyst hours on address cleansing before and after; the "
                        "result held at the other adopting councils.",
                        attested=True,
                        verified=True,
                    ),
                ),
            ),
            DemoAdoption(council="Camden", since=date(2021, 1, 1), status=PROD),
            DemoAdoption(council="Islington", since=date(2021, 4, 1)),
            DemoAdoption(council="Leeds", since=date(2022, 1, 1)),
            DemoAdoption(council="City of Bristol", status=EXPLORE),
        ),
    ),
    DemoSolution(
        slug="council-open-data-platform",
        title="Council open data platform",
        summary=(
            "A catalogue and API for the council's open data, with licences, update "
            "schedules and data dictionaries."
        ),
        problem=(
            "Open data is scattered across web pages as spreadsheets, so it is hard to "
            "find, out of date and rarely reused."
        ),
        audience="Data teams, developers and residents",
        service_areas=("data-and-infrastructure",),
        solution_type=SolutionType.OPEN_DATA,
        tags=("open data", "API", "data catalogue"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.STABLE,
        licence="AGPL-3.0-or-later",
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("4000.00"),
        price_max_gbp=Decimal("16000.00"),
        hosting=Hosting.EITHER,
        data_needed="Any datasets the council publishes",
        data_standards="OGL, DCAT",
        adoptions=(
            DemoAdoption(council="Leeds", since=date(2018, 3, 1), confirmed=True),
            DemoAdoption(council="Southampton", since=date(2021, 6, 1)),
            DemoAdoption(council="Brighton and Hove", status=PILOT, since=date(2024, 3, 1)),
        ),
    ),
    DemoSolution(
        slug="london-data-linking-hub",
        title="Shared data linking hub",
        summary=(
            "A shared, privacy-preserving matching hub so neighbouring councils can link "
            "records for fraud and safeguarding without pooling data."
        ),
        problem=(
            "Fraud and safeguarding risks cross borough boundaries, but councils cannot "
            "see each other's records."
        ),
        description=(
            "Councils send pseudonymised match keys rather than records; only confirmed "
            "matches are disclosed, under a shared data sharing agreement.",
        ),
        audience="Fraud, housing and safeguarding teams across neighbouring councils",
        service_areas=("data-and-infrastructure", "revenues-and-benefits", "housing"),
        solution_type=SolutionType.DATA_MATCHING,
        tags=("data linking", "fraud", "pseudonymisation"),
        provider="greater-london-authority",
        development_status=DevelopmentStatus.DEVELOPMENT,
        licence="Apache-2.0",
        cost_model=CostModel.FREE,
        hosting=Hosting.SAAS,
        data_needed="Pseudonymised match keys from housing, council tax and benefits",
        data_standards="UPRN",
        processes_personal_data=True,
        dpia_template_available=True,
        security_notes="Match keys are salted hashes; the salt never leaves the councils.",
        demo_note=illustrative_provider_note("The Greater London Authority"),
        adoptions=(
            DemoAdoption(council="Kingston upon Thames", status=PILOT, since=date(2025, 2, 1)),
            DemoAdoption(council="Harrow", status=EXPLORE),
        ),
    ),
    # ------------------------------------ found by council shorthand (search demo)
    DemoSolution(
        slug="council-tax-reduction-eligibility-checker",
        title="Council tax reduction eligibility checker",
        summary=(
            "Lets residents check in two minutes whether they could get council tax "
            "reduction, and pre-fills the claim for those who can."
        ),
        problem=(
            "Many eligible households never claim help with their council tax, while "
            "staff spend hours on claims that were never going to succeed."
        ),
        audience="Revenues and benefits teams, welfare rights advisers",
        service_areas=("revenues-and-benefits", "customer-services"),
        solution_type=SolutionType.WORKFLOW,
        tags=("council tax", "benefit take-up", "self service"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.STABLE,
        licence="MIT",
        cost_model=CostModel.FREE,
        hosting=Hosting.EITHER,
        data_needed="The council's scheme rules and income thresholds",
        adoptions=(DemoAdoption(council="Leeds", since=date(2023, 4, 1)),),
    ),
    DemoSolution(
        slug="disabled-facilities-grant-tracker",
        title="Disabled facilities grant caseload tracker",
        summary=(
            "Tracks every DFG case from referral to completed adaptation and shows where "
            "cases wait longest."
        ),
        problem=(
            "Residents wait months for stairlifts, ramps and level-access showers while "
            "cases pass between occupational therapists, surveyors and contractors."
        ),
        audience="Home improvement agencies, occupational therapists, housing teams",
        service_areas=("housing", "adult-social-care"),
        solution_type=SolutionType.DASHBOARD,
        tags=("home adaptations", "occupational therapy", "waiting times"),
        provider=CIVIC,
        development_status=DevelopmentStatus.BETA,
        licence=PROPRIETARY,
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("3000.00"),
        price_max_gbp=Decimal("9000.00"),
        hosting=Hosting.SAAS,
        data_needed="Case management records of adaptation referrals",
        processes_personal_data=True,
        adoptions=(DemoAdoption(council="Wakefield", status=PILOT, since=date(2024, 5, 1)),),
    ),
    DemoSolution(
        slug="antisocial-behaviour-case-manager",
        title="Antisocial behaviour case manager",
        summary=(
            "One record of each ASB complaint across housing, environmental health and "
            "the police, with risk assessment of victims."
        ),
        problem=(
            "Repeat victims of nuisance and harassment report the same problem to three "
            "services, and nobody sees the whole picture."
        ),
        audience="Community safety and tenancy management teams",
        service_areas=("housing", "customer-services"),
        solution_type=SolutionType.WORKFLOW,
        tags=("community safety", "risk assessment", "case management"),
        provider=ROUNDWISE,
        development_status=DevelopmentStatus.STABLE,
        licence="AGPL-3.0-or-later",
        cost_model=CostModel.SUBSCRIPTION,
        price_min_gbp=Decimal("5000.00"),
        price_max_gbp=Decimal("15000.00"),
        hosting=Hosting.EITHER,
        data_needed="Complaints, incidents and case notes from each service",
        processes_personal_data=True,
        dpia_template_available=True,
        adoptions=(DemoAdoption(council="Calderdale", since=date(2022, 9, 1)),),
    ),
    DemoSolution(
        slug="ehcp-timeliness-tracker",
        title="EHCP timeliness tracker",
        summary=(
            "Shows which EHC needs assessments are at risk of missing the 20-week deadline "
            "and which advice is still outstanding."
        ),
        problem=(
            "Plans for children with special educational needs are issued late because "
            "advice from health and social care arrives late and nobody chases it."
        ),
        audience="SEND casework teams",
        service_areas=("childrens-services",),
        solution_type=SolutionType.DASHBOARD,
        tags=("SEND", "statutory deadlines", "casework"),
        provider=OPEN_INSIGHT,
        development_status=DevelopmentStatus.BETA,
        licence="Apache-2.0",
        cost_model=CostModel.FREE,
        hosting=Hosting.SELF_HOSTED,
        data_needed="SEND case management system extracts",
        processes_personal_data=True,
        adoptions=(DemoAdoption(council="Southampton", status=PILOT, since=date(2025, 1, 1)),),
    ),
)


CASE_STUDIES: tuple[DemoCaseStudy, ...] = (
    DemoCaseStudy(
        slug="camden-residents-index-illegal-sublets",
        title="Camden: a Residents Index that finds illegal sublets",
        council="Camden",
        solutions=("camden-residents-index", "uprn-address-matching"),
        date=date(2016, 1, 1),
        problem=(
            "<p>Demo case study, written from what the London Borough of Camden has "
            "publicly reported. Each council service held its own records of residents, "
            "so frontline staff spent time searching several systems for the same "
            "person.</p>"
        ),
        approach=(
            "<p>Camden built a Residents Index that automatically matches citizen "
            "records across services into one view, and used it in housing to find "
            "tenancies whose records did not match who lived at the address.</p>"
        ),
        outcomes=(
            "<p>Frontline staff spend less time searching for records. In housing alone "
            "Camden reported being on track to save £3.4 million by using the index to "
            "find illegal sublets.</p>"
        ),
        figures=(
            "<ul><li>£3.4 million: housing saving Camden reported being on track to make "
            "(a projection, graded evidence level 2 on this hub)</li></ul>"
            "<p>The date of this case study is approximate.</p>"
        ),
        lessons=(
            "<p>Start from a problem leadership cares about (illegal sublets) rather than "
            "from all the data the council holds. Brent and Barking and Dagenham built "
            "comparable solutions and reported similar benefits.</p>"
        ),
    ),
    DemoCaseStudy(
        slug="barking-and-dagenham-gis-bulky-waste-rounds",
        title="Barking and Dagenham: GIS-optimised bulky-waste rounds",
        council="Barking and Dagenham",
        solutions=("bulky-waste-route-optimisation-gis", "graffiti-clean-up-scheduler"),
        date=date(2016, 1, 1),
        problem=(
            "<p>Demo case study, written from what the London Borough of Barking and "
            "Dagenham has publicly reported. Bulky-waste bookings arrive from all over "
            "the borough and rounds were planned by hand.</p>"
        ),
        approach=(
            "<p>The council used the GIS tool it already had to optimise bulky-waste "
            "collection rounds, rather than buying a new system.</p>"
        ),
        outcomes=(
            "<p>Rounds were optimised with existing tools, and the council looked at the "
            "same approach for scheduling graffiti clean-up.</p>"
        ),
        figures="<p>No figure has been published; the date of this case study is approximate.</p>",
        lessons=(
            "<p>The value came from applying a tool the council already owned to a "
            "clearly defined operational problem.</p>"
        ),
    ),
    DemoCaseStudy(
        slug="brent-resident-data-matching",
        title="Brent: matching resident records across services",
        council="Brent",
        solutions=("brent-resident-data-matching",),
        date=date(2016, 1, 1),
        problem=(
            "<p>Demo case study, written from what has been publicly reported. Like "
            "Camden, Brent's services each held their own records of residents.</p>"
        ),
        approach=(
            "<p>Brent built a solution comparable to Camden's Residents Index to match "
            "resident records across services.</p>"
        ),
        outcomes="<p>Brent reported benefits similar to Camden's.</p>",
        figures="<p>No figure has been published; the date of this case study is approximate.</p>",
        lessons=(
            "<p>Three London boroughs built comparable tools separately: a sign of how "
            "often councils rebuild what a neighbour already has.</p>"
        ),
    ),
    DemoCaseStudy(
        slug="southwark-tenancy-fraud-scoring",
        title="Southwark: scoring tenancies for fraud risk (demo)",
        council="Southwark",
        solutions=("tenancy-fraud-sublet-detector",),
        date=date(2024, 3, 1),
        problem=(
            "<p>Demo case study: illustrative, not written by or about the real work of "
            "Southwark Council. Investigations relied on tip-offs.</p>"
        ),
        approach=(
            "<p>Investigators and the vendor chose the risk indicators together and "
            "tested them on estates not yet scored, as a comparison group.</p>"
        ),
        outcomes="<p>More recovered homes per investigator, and shorter waits for families.</p>",
        figures="<ul><li>£510,000 cost avoidance in 2023 (demo figure)</li></ul>",
        lessons="<p>Frontline investigators must own the indicators, or the score is ignored.</p>",
    ),
    DemoCaseStudy(
        slug="kent-pothole-prediction",
        title="Kent: predicting potholes before winter (demo)",
        council="Kent",
        solutions=("pothole-prediction-model",),
        date=date(2024, 6, 1),
        problem=(
            "<p>Demo case study: illustrative, not written by or about the real work of "
            "Kent County Council. Reactive pothole repairs were costly.</p>"
        ),
        approach=(
            "<p>A proof of concept in two districts first, compared with reactive "
            "districts, before a county-wide roll-out.</p>"
        ),
        outcomes="<p>Lower cost per square metre repaired in the districts that used it.</p>",
        figures="<ul><li>£530,000 cashable saving in 2023 (demo figure)</li></ul>",
        lessons="<p>Start with a proof of concept small enough to compare honestly.</p>",
    ),
    DemoCaseStudy(
        slug="glasgow-food-safety-inspection-targeting",
        title="Glasgow: targeting food-safety inspections (demo)",
        council="Glasgow City",
        solutions=("food-safety-inspection-targeting",),
        date=date(2023, 11, 1),
        problem=(
            "<p>Demo case study: illustrative, not written by or about the real work of "
            "Glasgow City Council. Officers visited compliant businesses while risky "
            "ones waited.</p>"
        ),
        approach=(
            "<p>Environmental health officers agreed the risk factors; an independent "
            "evaluation compared results with the fixed-interval programme.</p>"
        ),
        outcomes="<p>Failing businesses found with fewer inspections.</p>",
        figures="<ul><li>2,100 officer hours released in 2022 (demo figure)</li></ul>",
        lessons="<p>Keep the statutory programme; use the model for discretionary visits.</p>",
    ),
    DemoCaseStudy(
        slug="liverpool-single-person-discount-review",
        title="Liverpool: reviewing single person discounts (demo)",
        council="Liverpool",
        solutions=("council-tax-single-person-discount-review",),
        date=date(2024, 1, 15),
        problem=(
            "<p>Demo case study: illustrative, not written by or about the real work of "
            "Liverpool City Council. Discounts were rarely re-checked.</p>"
        ),
        approach=(
            "<p>A yearly data-matching review with a letter to every flagged account and "
            "an online response form.</p>"
        ),
        outcomes="<p>Ineligible discounts removed, with officers deciding every case.</p>",
        figures="<ul><li>£760,000 additional income in 2023 (demo figure)</li></ul>",
        lessons="<p>Tell residents clearly why they were contacted and how to respond.</p>",
    ),
    DemoCaseStudy(
        slug="cardiff-canvass-data-matching",
        title="Cardiff: local data matching for the annual canvass (demo)",
        council="Cardiff",
        solutions=("electoral-register-canvass-data-matching",),
        date=date(2024, 2, 1),
        problem=(
            "<p>Demo case study: illustrative, not written by or about the real work of "
            "Cardiff Council. Unconfirmed households needed costly personal canvassing.</p>"
        ),
        approach=(
            "<p>Local council tax and housing data matching added to the national data "
            "step, with thresholds set by electoral services.</p>"
        ),
        outcomes="<p>More properties on the cheaper canvass route.</p>",
        figures="<ul><li>£85,000 cashable saving in 2023 (demo figure)</li></ul>",
        lessons="<p>Electoral services must own the match thresholds.</p>",
    ),
)
