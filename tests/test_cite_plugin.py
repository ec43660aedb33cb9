"""The markdown-it-py plugin: tokens at parse time, links at render time."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from sitegen.cite.detect import Citation
from sitegen.cite.plugin import ENV_KEY, LINES_KEY, RESOLVE_KEY, citations_plugin


def make_md() -> MarkdownIt:
    return MarkdownIt("commonmark").use(citations_plugin)


def resolver(c: Citation) -> tuple[str, str]:
    name = c.symbol.key.replace("/", "-") if c.symbol else f"{c.doc_type}-{c.number}"
    return f"/van-ban/{name}/", f"Văn bản {c.symbol.normalized if c.symbol else c.number}"


def test_without_resolver_output_equals_plain_markdown():
    src = "Thực hiện Nghị quyết số 04 - NQ/TU, ngày 6/03/2021 của Ban Thường vụ Tỉnh ủy.\n"
    assert make_md().render(src) == MarkdownIt("commonmark").render(src)


def test_with_resolver_each_citation_becomes_a_cite_link():
    src = "Thực hiện Nghị quyết số 04 - NQ/TU, ngày 6/03/2021 của Ban Thường vụ Tỉnh ủy.\n"
    html = make_md().render(src, {RESOLVE_KEY: resolver})
    assert html == (
        '<p>Thực hiện <a class="cite" href="/van-ban/4-nq-tu/" title="Văn bản 04-NQ/TU">'
        "Nghị quyết số 04 - NQ/TU, ngày 6/03/2021</a> của Ban Thường vụ Tỉnh ủy.</p>\n"
    )


def test_link_attributes_are_escaped():
    html = make_md().render("Theo 01-KL/TW.",
                            {RESOLVE_KEY: lambda c: ('/a"b?x=1&y=<2>', 'Kết luận "01" <b>')})
    assert 'href="/a&quot;b?x=1&amp;y=&lt;2&gt;"' in html
    assert 'title="Kết luận &quot;01&quot; &lt;b&gt;"' in html


def test_unresolved_citation_renders_as_plain_text():
    src = "Theo 01-KL/TW và 05-CT/TW.\n"
    html = make_md().render(src, {RESOLVE_KEY: lambda c: resolver(c) if c.symbol.type_code == "KL" else None})
    assert html == ('<p>Theo <a class="cite" href="/van-ban/1-kl-tw/" title="Văn bản 01-KL/TW">01-KL/TW</a> '
                    'và 05-CT/TW.</p>\n')


def test_no_citation_link_inside_links_code_or_html_anchors():
    src = (
        "[Chỉ thị số 05-CT/TW](https://example.vn/ct05) và `01-KL/TW` và <https://x.vn/04-NQ/TU> và "
        '<a href="/y">12-KH/HU</a> nhưng 16-KH/HU.\n\n'
        "```\nNghị quyết số 04-NQ/TU\n```\n\n    Kế hoạch số 48-KH/TU\n"
    )
    env: dict = {RESOLVE_KEY: resolver}
    md = make_md()
    html = md.render(src, env)
    assert [c.symbol.normalized for c in env[ENV_KEY]] == ["16-KH/HU"]
    assert html.count('class="cite"') == 1
    assert '<a href="https://example.vn/ct05">Chỉ thị số 05-CT/TW</a>' in html


def test_env_lists_citations_in_document_order_with_source_lines():
    src = ("# Kế hoạch\n\nThực hiện Kết luận số 01-KL/TW,\nngày 18/5/2021 của Bộ Chính trị\nvà Chỉ thị số "
           "05-CT/TW.\n\n- Quy định số 208-QĐ/TW\n")
    env: dict = {}
    make_md().parse(src, env)
    assert [(c.text, c.symbol.normalized, c.doc_type) for c in env[ENV_KEY]] == [
        ("Kết luận số 01-KL/TW,\nngày 18/5/2021", "01-KL/TW", "ket-luan"),
        ("Chỉ thị số 05-CT/TW", "05-CT/TW", "chi-thi"),
        ("Quy định số 208-QĐ/TW", "208-QĐ/TW", "quy-dinh"),
    ]
    assert env[ENV_KEY][0].year == 2021 and env[ENV_KEY][0].issuer_phrase == "Bộ Chính trị"
    assert env[LINES_KEY] == [2, 4, 6]


def test_citation_spanning_a_soft_line_break_is_one_link():
    src = "Theo Nghị quyết số 04 -\nNQ/TU, ngày 6/03/2021 của Ban Thường vụ Tỉnh ủy.\n"
    html = make_md().render(src, {RESOLVE_KEY: resolver})
    assert ('<a class="cite" href="/van-ban/4-nq-tu/" title="Văn bản 04-NQ/TU">Nghị quyết số 04 -\nNQ/TU, '
            'ngày 6/03/2021</a>') in html


def test_entities_inside_a_citation_are_part_of_it():
    env: dict = {RESOLVE_KEY: resolver}
    html = make_md().render("Theo Nghị quyết số 04&nbsp;-&nbsp;NQ/TU nhé.\n", env)
    assert env[ENV_KEY][0].symbol.normalized == "04-NQ/TU"
    assert ('<a class="cite" href="/van-ban/4-nq-tu/" title="Văn bản 04-NQ/TU">Nghị quyết số '
            '04\u00a0-\u00a0NQ/TU</a>') in html


def test_short_forms_resolve_across_paragraphs_both_ways():
    src = (
        "Về kết quả thực hiện Chỉ thị 05, tốt.\n\n"
        "Thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị.\n\n"
        "Sơ kết 4 năm thực hiện **Chỉ thị 05** gắn với khen thưởng.\n"
    )
    env: dict = {RESOLVE_KEY: resolver}
    html = make_md().render(src, env)
    assert [(c.text, c.symbol.normalized, c.short) for c in env[ENV_KEY]] == [
        ("Chỉ thị 05", "05-CT/TW", True),
        ("Chỉ thị số 05-CT/TW, ngày 15/5/2016", "05-CT/TW", False),
        ("Chỉ thị 05", "05-CT/TW", True),
    ]
    assert html.count('class="cite"') == 3


def test_parsed_tokens_render_later_with_different_resolvers():
    md = make_md()
    env: dict = {}
    tokens = md.parse("Theo Quyết định 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư.\n", env)
    tokens = pickle.loads(pickle.dumps(tokens))  # noqa: S301 - cacheable
    plain = md.renderer.render(tokens, md.options, {})
    linked = md.renderer.render(tokens, md.options, {RESOLVE_KEY: resolver})
    assert "cite" not in plain
    assert linked.count('<a class="cite"') == 1 and linked.count("</a>") == 1
    opens = [t for t in tokens[1].children if t.type == "cite_open"]
    assert opens[0].meta["citation"] == env[ENV_KEY][0]


def test_rule_registered_after_linkify_and_inline():
    rules = make_md().core.ruler.get_all_rules()
    assert rules.index("sitegen_citations") > rules.index("inline")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([
    "Nghị quyết số 04-NQ/TU", " ", "\n", "\n\n", "*", "**", "`", "[", "](http://x)", "<a href=\"y\">", "</a>",
    "Chỉ thị 05", "của Bộ Chính trị", ", ngày 6/3/2021", "&nbsp;", "\\", "- ", "# ", "> ", "01-KL/TW", "_",
]), max_size=30).map("".join))
@pytest.mark.slow
def test_rendering_arbitrary_markdown_never_raises_and_keeps_text(src):
    md = make_md()
    assert md.render(src) == MarkdownIt("commonmark").render(src)
    html = md.render(src, {RESOLVE_KEY: resolver})
    assert html.count('<a class="cite"') <= html.count("</a>")
