"""Schema.org JSON-LD for every page: what search engines and other machines read of it.

A document is a `Legislation` (its number, date, issuer and type; the documents it replaces, amends or
abolishes as `legislationChanges`, those it implements or guides as `legislationApplies`, its legal bases as
`isBasedOn`; the edition that publishes it as `isPartOf`); an article a `NewsArticle`; an edition a
`PublicationIssue`; the home page the `WebSite`; any other page a `WebPage`. Every page below home carries its
`BreadcrumbList`. Pure: data in, one JSON text out (safe inside <script>). No relation of the front-matter
vocabulary denotes a consolidated text (văn bản hợp nhất), so `legislationConsolidates` is never claimed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from markupsafe import Markup

from sitegen.base import folders
from sitegen.pipeline import status
from sitegen.pipeline.config import SiteConfig
from sitegen.pipeline.editions import Edition, EditionRef
from sitegen.pipeline.records import Article, Document
from sitegen.pipeline.render.navigation import Crumb
from sitegen.pipeline.render.view import Card

Node = dict[str, Any]
# Relation keys (pipeline/schema.py) -> the schema.org property a document states them with.
_APPLIES = {"thuc-hien", "huong-dan"}
_BASED_ON = {"can-cu"}
_NOT_IN_FORCE = {"thay-the", "bai-bo"}


class LinkedData:
    """Builds the nodes of one site's pages; `cards(url)` is the card of the page at a URL (render/view.py):
    what a reference to another page states of it (its type and number) is on its card, so a page that
    refers to another is made again when that page's card changes, not its body (a title edit remade the
    records of the pages citing the retitled one, and ~100 pages that refer to those made their context again
    for the same digest, at 10,000 documents)."""

    def __init__(self, config: SiteConfig, cards: Callable[[str], Card]) -> None:
        self.config = config
        self.card = cards

    def abs(self, url: str) -> str:
        return self.config.origin + self.config.base_path + url.lstrip("/")

    def site(self) -> Node:
        node: Node = {"@type": "WebSite", "@id": self.abs("/") + "#website", "url": self.abs("/"),
                      "name": self.config.title, "inLanguage": "vi"}
        if self.config.subtitle:
            node["description"] = self.config.subtitle
        if self.config.organisation:
            node["publisher"] = self.organisation()
        return node

    def organisation(self) -> Node:
        return {"@type": "Organization", "name": self.config.organisation or self.config.title}

    def periodical(self) -> Node:
        return {"@type": "Periodical", "name": self.config.title, "url": self.abs("/")}

    def issue(self, ref: EditionRef | Edition) -> Node:
        return {"@type": "PublicationIssue", "@id": self.abs(ref.url), "url": self.abs(ref.url),
                "name": ref.name, "isPartOf": self.periodical()}

    def reference(self, url: str) -> Node:
        """A short node for another document: what identifies it."""
        card = self.card(url)
        node: Node = {"@type": "Legislation", "@id": self.abs(url), "url": self.abs(url)}
        if card.kind == folders.DOCUMENTS:  # a document's, or a stub's
            node["name"] = f"{card.type_label} {card.number}"
            node["legislationIdentifier"] = card.number
        return node

    def legislation(self, doc: Document, name: str, editions: Sequence[EditionRef] = ()) -> Node:
        node: Node = {"@type": "Legislation", "@id": self.abs(doc.url), "url": self.abs(doc.url),
                      "name": name, "inLanguage": "vi", "legislationType": doc.type_label}
        if _has_number(doc.number):
            node["legislationIdentifier"] = doc.number
        if doc.date is not None:
            node["legislationDate"] = doc.date.iso()
        if doc.issuer:
            passed_by: Node = {"@type": "Organization", "name": doc.issuer}
            if doc.parent:
                passed_by["parentOrganization"] = {"@type": "Organization", "name": doc.parent}
            node["legislationPassedBy"] = passed_by
        if doc.summary:
            node["description"] = doc.summary
        if doc.tags:
            node["keywords"] = ", ".join(tag.label for tag in doc.tags)
        for prop, kinds in (("legislationChanges", set(status.KINDS)), ("legislationApplies", _APPLIES),
                            ("isBasedOn", _BASED_ON)):
            targets = _related(doc, kinds)
            if targets:
                node[prop] = [self.reference(url) for url in targets]
        if status.status(doc.changed_by) in _NOT_IN_FORCE:
            node["legislationLegalForce"] = "https://schema.org/NotInForce"
        if editions:
            node["isPartOf"] = [self.issue(ref) for ref in editions]
        return node

    def news_article(self, art: Article, editions: Sequence[EditionRef] = ()) -> Node:
        node: Node = {"@type": "NewsArticle", "@id": self.abs(art.url), "url": self.abs(art.url),
                      "mainEntityOfPage": self.abs(art.url), "headline": art.title, "inLanguage": "vi",
                      "datePublished": art.date.iso(), "publisher": self.organisation()}
        if art.author:
            node["author"] = {"@type": "Person", "name": art.author}
        if art.summary:
            node["description"] = art.summary
        if art.image:
            node["image"] = self.abs(art.image)
        if art.tags:
            node["keywords"] = ", ".join(tag.label for tag in art.tags)
        if editions:
            node["isPartOf"] = [self.issue(ref) for ref in editions]
        return node

    def publication_issue(self, edition: Edition) -> Node:
        node = self.issue(edition)
        node.update({"issueNumber": str(edition.number), "datePublished": edition.date.iso(),
                     "inLanguage": "vi",
                     "hasPart": [{"@id": self.abs(url), "url": self.abs(url)} for url in edition.items]})
        if edition.theme:
            node["alternativeHeadline"] = edition.theme
        return node

    def web_page(self, url: str, title: str, kind: str = "WebPage") -> Node:
        return {"@type": kind, "@id": self.abs(url), "url": self.abs(url), "name": title, "inLanguage": "vi",
                "isPartOf": {"@id": self.abs("/") + "#website"}}

    def breadcrumbs(self, crumbs: Sequence[Crumb]) -> Node:
        return {"@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": n, "name": crumb.label, "item": self.abs(crumb.url)}
            for n, crumb in enumerate(crumbs, start=1)]}


def _has_number(number: str) -> bool:
    return number[:1].isdigit()


def _related(doc: Document, kinds: set[str]) -> list[str]:
    """URLs this document relates to with one of `kinds` (declared or detected relations), in order."""
    out: list[str] = []
    for link in doc.cites:
        if status.relation_key(link.relation) in kinds and link.url not in out:
            out.append(link.url)
    return out


def script(nodes: Iterable[Node]) -> Markup:
    """One JSON-LD text for a <script type="application/ld+json">; "<" escaped so it cannot end the script."""
    data = {"@context": "https://schema.org", "@graph": list(nodes)}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return Markup(text)  # noqa: S704 - JSON text with every "<" escaped: nothing in it is markup
