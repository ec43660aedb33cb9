"""A document's table of contents, read from its rendered body by one pattern: the same sections an HTML
parser finds."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.pipeline.parse import make_parser
from sitegen.pipeline.render.navigation import MIN_SECTIONS, outline


class _Reference(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []
        self._open: tuple[int, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        anchor = dict(attrs).get("id")
        if tag in ("h2", "h3") and anchor:
            self._open, self._text = (int(tag[1]), anchor), []

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == f"h{self._open[0]}":
            text = " ".join("".join(self._text).split())
            if text:
                self.found.append((self._open[0], self._open[1], text))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)


def _reference(body_html: str) -> tuple[tuple[int, str, str], ...]:
    parser = _Reference()
    parser.feed(body_html)
    parser.close()
    return tuple(parser.found) if len(parser.found) >= MIN_SECTIONS else ()


_WORDS = st.sampled_from(["I.", "1.", "Mục tiêu", "Nghị quyết số 04-NQ/TU", "`mã <b>`", "*nhấn*", "a & b",
                          "&amp;", "[liên kết](../van-ban/a.md)", "x[^1]", '"ngoặc"', "Đảng bộ", "  "])
_MARKS = st.sampled_from(["## ", "### ", "#### ", "", "- "])
_LINE = st.tuples(_MARKS, st.lists(_WORDS, min_size=1, max_size=5))


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=12))
def test_the_outline_holds_the_sections_an_html_parser_reads(lines: list[tuple[str, list[str]]]):
    body = "\n\n".join(mark + " ".join(words) for mark, words in lines) + "\n\n[^1]: chú thích\n"
    html = make_parser().render(body)
    assert outline(html) == _reference(html)


def test_a_body_with_three_sections_has_an_outline():
    html = make_parser().render("## I. Mục tiêu\n\na\n\n### 1. Thực hiện Nghị quyết số 04-NQ/TU\n\nb\n\n"
                                     "## II. Tổ chức &amp; thực hiện\n\nc\n")
    assert outline(html) == ((2, "i-muc-tieu", "I. Mục tiêu"),
                             (3, "1-thuc-hien-nghi-quyet-so-04-nq-tu", "1. Thực hiện Nghị quyết số 04-NQ/TU"),
                             (2, "ii-to-chuc-thuc-hien", "II. Tổ chức & thực hiện"))
