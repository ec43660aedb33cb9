"""Structured data of every page of the sample site, read as search engines read it (extruct) and checked
against the schema.org vocabulary (pydantic2-schemaorg's models, generated from schema.org's own definitions):
every type exists, every property belongs to its type, every value parses; documents are `Legislation` with
their number, date, issuer and type, articles `NewsArticle`, every page below home has a `BreadcrumbList`;
Open Graph and Twitter card tags carry title, address and summary."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import extruct
import pytest

ORIGIN = "https://bantin.example.vn/"
JSON_LD_KEYWORDS = {"@context", "@type", "@id", "@graph"}


def schema_model(type_name: str) -> Any:
    module = importlib.import_module(f"pydantic2_schemaorg.{type_name}")
    return getattr(module, type_name)


def check_node(node: dict[str, Any], where: str) -> None:
    """Every property of `node` is one its schema.org type has; nested typed nodes likewise; values parse."""
    if "@type" not in node:  # a reference ({"@id": …})
        assert set(node) <= {"@id", "url"}, (where, node)
        return
    model = schema_model(node["@type"])
    known = {field.alias for field in model.__fields__.values()}
    unknown = set(node) - known - JSON_LD_KEYWORDS
    assert not unknown, f"{where}: {node['@type']} has no property {sorted(unknown)}"
    # Scalar values parse as the vocabulary types them (dates, URLs, text). Nested nodes are checked on their
    # own, by their own type: the generated models accept only the exact range type, not its subtypes.
    model.parse_obj({k: v for k, v in node.items() if not _has_node(v)})
    for key, value in node.items():
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, dict):
                check_node(child, f"{where} > {node['@type']}.{key}")


def _has_node(value: Any) -> bool:
    return any(isinstance(v, dict) for v in (value if isinstance(value, list) else [value]))


def structured(page: Path) -> dict[str, Any]:
    html = page.read_text(encoding="utf-8")
    return extruct.extract(html, base_url=ORIGIN, syntaxes=["json-ld", "opengraph"], uniform=True)


def graph_of(data: dict[str, Any], page: Path) -> list[dict[str, Any]]:
    blocks = data["json-ld"]
    assert len(blocks) == 1 and blocks[0]["@context"] == "https://schema.org", page
    return list(blocks[0]["@graph"])


def html_pages(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html") if "pagefind" not in p.parts)


def test_every_page_has_valid_schema_org_data(sample_output: Path):
    pages = html_pages(sample_output)
    assert len(pages) > 100
    for page in pages:
        for node in graph_of(structured(page), page):
            check_node(node, str(page.relative_to(sample_output)))


def test_every_page_below_home_has_its_breadcrumb_list(sample_output: Path):
    for page in html_pages(sample_output):
        nodes = graph_of(structured(page), page)
        lists = [n for n in nodes if n["@type"] == "BreadcrumbList"]
        if page == sample_output / "index.html":
            assert not lists and nodes[0]["@type"] == "WebSite"
            continue
        assert len(lists) == 1, page
        items = lists[0]["itemListElement"]
        assert [i["position"] for i in items] == list(range(1, len(items) + 1))
        assert items[0]["item"] == ORIGIN and len(items) >= 2, page


def test_documents_are_legislation_with_number_date_issuer_and_type(sample_output: Path):
    page = sample_output / "van-ban/huong-dan-12-hd-hu-2022/index.html"
    doc = graph_of(structured(page), page)[0]
    assert doc["@type"] == "Legislation"
    assert (doc["legislationIdentifier"], doc["legislationDate"], doc["legislationType"]) == \
        ("12-HD/HU", "2022-03-08", "Hướng dẫn")
    assert doc["legislationPassedBy"] == {"@type": "Organization", "name": "Huyện ủy Kim Bảng",
                                          "parentOrganization": {"@type": "Organization",
                                                                 "name": "Đảng bộ tỉnh Hà Nam"}}
    applies = {ref["legislationIdentifier"] for ref in doc["legislationApplies"]}
    assert "04-NQ/TU" in applies  # `relations: thuc-hien` in its front-matter
    stub = sample_output / "van-ban/ke-hoach-289-kh-ubnd-2023-binh-phuoc/index.html"
    cited = graph_of(structured(stub), stub)[0]
    assert cited["@type"] == "Legislation" and cited["legislationIdentifier"] == "289/KH-UBND"


def test_documents_in_an_edition_are_part_of_it(sample_output: Path):
    edition = sample_output / "ban-tin/2020-so-03/index.html"
    issue = graph_of(structured(edition), edition)[0]
    assert issue["@type"] == "PublicationIssue" and issue["hasPart"]
    first = issue["hasPart"][0]["url"].removeprefix(ORIGIN)
    item = graph_of(structured(sample_output / first / "index.html"), sample_output / first)[0]
    assert {part["@id"] for part in item["isPartOf"]} == {issue["@id"]}


ARTICLE = "tin-bai/ha-nam-no-luc-hoan-thanh-nhiem-vu-cong-tac-tuyen-giao-bon-thang-dau-nam-2020/index.html"


def test_articles_are_news_articles(sample_output: Path):
    page = sample_output / ARTICLE
    article = graph_of(structured(page), page)[0]
    assert article["@type"] == "NewsArticle"
    assert article["headline"] and article["datePublished"] == "2020-05-08"
    assert article["author"] == {"@type": "Person", "name": "Giao Tuyến"}


@pytest.mark.parametrize("path", ["van-ban/huong-dan-12-hd-hu-2022/index.html", "index.html", ARTICLE])
def test_open_graph_and_twitter_cards_carry_title_address_and_summary(sample_output: Path, path: str):
    page = sample_output / path
    og = structured(page)["opengraph"][0]
    assert og["og:title"] and og["og:url"].startswith(ORIGIN) and og["og:description"]
    assert og["og:locale"] == "vi_VN"
    html = page.read_text(encoding="utf-8")
    for name in ("twitter:card", "twitter:title", "twitter:description"):
        assert f'<meta name="{name}" content="' in html, (path, name)


def test_the_vocabulary_check_rejects_what_schema_org_does_not_define():
    with pytest.raises(AssertionError):
        check_node({"@type": "Legislation", "legislationNumber": "12-HD/HU"}, "test")
    with pytest.raises(AssertionError):
        check_node({"@type": "NewsArticle", "headline": "x", "legislationType": "Hướng dẫn"}, "test")
