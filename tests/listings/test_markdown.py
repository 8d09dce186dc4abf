"""publiccode.yml details on the solution page: Markdown rendered sanitised, features and
technical details."""

import pytest
from bs4 import BeautifulSoup

from listings.factories import SolutionPageFactory
from listings.markdown import markdown_to_html
from listings.presenters.technical import solution_technical_details

HOSTILE = """# Overview

<script>alert("script")</script>

<img src="x" onerror="alert('img')">

Click [here](javascript:alert(1)) or <javascript:alert(2)>
or [data](data:text/html;base64,PHNjcmlwdD4=).

<iframe src="https://evil.example/"></iframe>

[ok](https://example.org "a title\\" onmouseover=\\"alert(3)")
and <a href="https://evil.example" onclick="alert(4)">raw</a>

![tracker](https://evil.example/pixel.png)
"""


def html_soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def assert_harmless(soup: BeautifulSoup) -> None:
    for name in ("script", "img", "iframe", "style", "object", "embed", "form", "input"):
        assert soup.find(name) is None, f"<{name}> got through"
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            assert not attribute.startswith("on"), f"{tag.name} has {attribute}"
            text = " ".join(value) if isinstance(value, list) else value
            assert "javascript:" not in text.lower(), f"{tag.name}[{attribute}]={text}"
            assert "data:" not in text.lower(), f"{tag.name}[{attribute}]={text}"


def test_hostile_markdown_is_rendered_harmless():
    soup = html_soup(markdown_to_html(HOSTILE))

    assert_harmless(soup)
    hrefs = [a.get("href") for a in soup.find_all("a")]
    # Raw HTML links stay text; an image becomes a plain link, so nothing loads by itself.
    assert hrefs == ["https://example.org", "https://evil.example/pixel.png"]
    assert soup.find("a")["rel"] == ["noopener", "noreferrer", "nofollow"]
    text = soup.get_text(" ")
    assert '<script>alert("script")</script>' in text  # shown as text, escaped
    assert "<iframe" in text


def test_markdown_uses_govuk_styles_and_headings_below_the_pages_own():
    html = markdown_to_html(
        "# Overview\n\n## Set-up\n\nSome **bold** text and a [link](https://example.org).\n\n"
        "- one\n- two\n\n1. first\n\n> quoted\n\n`code`\n\n[mail](mailto:data@example.gov.uk)"
    )
    soup = html_soup(html)

    assert soup.find("h1") is None
    assert soup.find("h3", class_="govuk-heading-m").get_text() == "Overview"
    assert soup.find("h4", class_="govuk-heading-s").get_text() == "Set-up"
    assert soup.find("p")["class"] == ["govuk-body"]
    assert soup.find("ul")["class"] == ["govuk-list", "govuk-list--bullet"]
    assert soup.find("ol")["class"] == ["govuk-list", "govuk-list--number"]
    assert soup.find("blockquote")["class"] == ["govuk-inset-text"]
    assert soup.find("strong").get_text() == "bold"
    assert soup.find("a", string="link")["class"] == ["govuk-link"]
    assert soup.find("a", string="mail")["href"] == "mailto:data@example.gov.uk"


def test_headings_move_down_together_without_skipping_a_level():
    soup = html_soup(markdown_to_html("## Set-up\n\n### Database\n\n## Use"))
    assert [(h.name, h.get_text()) for h in soup.find_all(["h3", "h4", "h5"])] == [
        ("h3", "Set-up"),
        ("h4", "Database"),
        ("h3", "Use"),
    ]


@pytest.mark.parametrize("empty", ["", None, ["not", "text"]])
def test_nothing_renders_as_nothing(empty):
    assert markdown_to_html(empty) == ""


@pytest.mark.django_db
def test_the_solution_page_renders_the_long_description_sanitised(client):
    solution = SolutionPageFactory(long_description=HOSTILE)

    response = client.get(solution.url)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    about = soup.select_one(".hub-markdown")
    assert about.find("h3").get_text() == "Overview"
    assert_harmless(about)
    assert "alert(" not in "".join(str(script) for script in soup.find_all("script"))
    assert soup.find_all(onerror=True) == []
    assert soup.find_all(onclick=True) == []
    assert soup.find("iframe") is None


@pytest.mark.django_db
def test_features_and_technical_details_show_when_present(client):
    solution = SolutionPageFactory(
        features=["Matches records across services", "  ", 42, "Exports to CSV"],
        software_type="standalone/web",
        platforms=["web", "linux"],
        categories=["data-analytics", "business-intelligence"],
        maintenance_type="community",
        publiccode_metadata={
            "dependsOn": {
                "open": [
                    {"name": "PostgreSQL", "versionMin": "14"},
                    {"name": "Redis", "optional": True},
                ],
                "proprietary": [{"name": "Oracle Database", "version": "19c"}],
                "hardware": "not a list",
            },
            "fundedBy": [
                {"name": "Local Digital Fund", "uri": "https://www.localdigital.gov.uk/"},
                {"name": "A funder", "uri": "javascript:alert(1)"},
                "junk",
            ],
            "localisation": {"localisationReady": True, "availableLanguages": ["en", "cy", "xx"]},
        },
    )

    soup = BeautifulSoup(client.get(solution.url).content, "html.parser")

    features = [li.get_text() for li in soup.select("#features + ul li")]
    assert features == ["Matches records across services", "Exports to CSV"]
    rows = {
        row.dt.get_text(strip=True): [
            " ".join(item.get_text(" ").split()) for item in (row.dd.select("li") or [row.dd])
        ]
        for row in soup.select(".hub-technical-details .govuk-summary-list__row")
    }
    assert rows == {
        "Software type": ["Standalone: web application"],
        "Platforms": ["Web", "Linux"],
        "Categories": ["Data analytics", "Business intelligence"],
        "Maintenance": ["Maintained by a community"],
        "Depends on": [
            "PostgreSQL (version 14 or later)",
            "Redis (optional)",
            "Oracle Database (version 19c, proprietary)",
        ],
        "Funded by": ["Local Digital Fund", "A funder"],
        "Available languages": ["English", "Welsh", "xx"],
    }
    funders = soup.select(".hub-technical-details a")
    assert [a["href"] for a in funders] == ["https://www.localdigital.gov.uk/"]


@pytest.mark.django_db
def test_details_sections_are_left_out_when_there_is_nothing_to_show(client):
    solution = SolutionPageFactory(publiccode_metadata={"dependsOn": "junk", "fundedBy": {}})

    soup = BeautifulSoup(client.get(solution.url).content, "html.parser")

    assert solution_technical_details(solution) == []
    assert soup.select_one(".hub-technical-details") is None
    assert soup.select_one("#features") is None
    assert soup.select_one(".hub-markdown") is None
