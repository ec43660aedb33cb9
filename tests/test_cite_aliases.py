"""Named forms: site.yaml and front-matter `aliases` make "Nghị quyết Trung ương 4 (khóa XII)" a citation."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SITE_YAML, doc, growth, make_site, tree_digest
from markdown_it import MarkdownIt

from sitegen.build import BuildOptions, build
from sitegen.cite.aliases import alias_key, build_table, find_aliases, parse_target
from sitegen.cite.plugin import ENV_KEY, citations_plugin
from sitegen.cli import cli
from sitegen.pipeline.cache import BuildCache

TW4 = "Nghị quyết Trung ương 4 (khóa XII)"
SITE_ALIASES = SITE_YAML + (f'aliases:\n  "{TW4}": "04-NQ/TW 2016-10-30"\n  "Nghị quyết Đại hội XIII": '
                            '"01-NQ/TW 2021"\n')


def table(**extra: str):
    return build_table({TW4: "04-NQ/TW 2016-10-30", **extra}, [])[0]


@pytest.mark.parametrize("written", [
    TW4, "Nghị quyết Trung ương 4 khóa XII", "nghị quyết trung ương 4, khoá XII",
    "NGHỊ QUYẾT TRUNG ƯƠNG 4 (KHÓA XII)", "Nghị quyết  Trung\u00a0ương 4\n(khóa XII)",
    unicodedata.normalize("NFD", TW4), "Nghị quyết Trung ương 4 ( khóa XII )",
])
def test_names_match_whatever_the_spacing_case_parentheses_and_tone_placement(written: str):
    text = f"Thực hiện {written}, các chi bộ đăng ký."
    (c,) = find_aliases(text, table())
    assert text[c.start:c.end] == c.text and c.text.rstrip(")").rstrip() in written + ")"
    assert (c.symbol.normalized, c.doc_type, c.year, c.month, c.day, c.short) == (
        "04-NQ/TW", "nghi-quyet", 2016, 10, 30, False)


@pytest.mark.parametrize("text", [
    "Nghị quyết Trung ương 4 (khóa XI, XII)", "Nghị quyết Trung ương 4 khóa XIII",
    "Nghị quyết Trung ương 5 (khóa XII)",
    "Nghị quyết Trung ương 45 (khóa XII)", "Nghị quyết Trung ương\n\n4 (khóa XII)",
])
def test_other_names_do_not_match(text: str):
    assert find_aliases(text, table()) == []


def test_whole_closing_parenthesis_is_in_the_span_and_longest_name_wins():
    t = build_table({TW4: "04-NQ/TW 2016-10-30", "Nghị quyết Trung ương 4": "04-NQ/TW 2011"}, [])[0]
    (c,) = find_aliases(f"theo {TW4}.", t)
    assert c.text == TW4 and c.year == 2016
    (short,) = find_aliases("theo Nghị quyết Trung ương 4.", t)
    assert short.year == 2011 and short.month is None


@pytest.mark.parametrize(("value", "expected"), [
    ("04-NQ/TW 2016-10-30", ("04-NQ/TW", (2016, 10, 30))),
    ("04-NQ/TU, ngày 6/3/2021", ("04-NQ/TU", (2021, 3, 6))),
    ("09/2017/NĐ-CP", ("09/2017/NĐ-CP", None)), ("01-NQ/TW 2021", ("01-NQ/TW", (2021, None, None))),
    ("04 - NQ/TW 30/10/2016", ("04-NQ/TW", (2016, 10, 30))),
])
def test_targets_are_a_symbol_and_an_optional_date(value: str, expected):
    symbol, date = parse_target(value)
    assert (symbol.normalized, date) == expected


@pytest.mark.parametrize("value", ["Nghị quyết số 4", "04-NQ/TW 2016-13-01", "", "2016-10-30"])
def test_malformed_targets_are_refused(value: str):
    assert parse_target(value) is None


def test_site_yaml_wins_and_a_conflicting_document_name_is_reported():
    t, dropped = build_table({TW4: "04-NQ/TW 2016-10-30"}, [
        ("content/van-ban/a.md", ["Nghị quyết Trung ương 4 khóa XII"], "05-NQ/TW", (2016, 10, 30),
         "nghi-quyet"),
        ("content/van-ban/b.md", ["Chỉ thị 05"], "05-CT/TW", (2016, 5, 15), "chi-thi"),
    ])
    assert t.get(alias_key(TW4)).symbol == "04-NQ/TW" and t.get("chỉ thị 05").symbol == "05-CT/TW"
    message = ("tên gọi 'Nghị quyết Trung ương 4 khóa XII' đã chỉ văn bản 04-NQ/TW (site.yaml); bỏ qua "
               "05-NQ/TW")
    assert dropped == [("content/van-ban/a.md", message)]


def test_plugin_marks_names_only_with_a_table_and_never_over_a_numbered_citation():
    src = f"Thực hiện {TW4} và Nghị quyết số 04-NQ/TW ngày 30/10/2016.\n"
    env: dict = {}
    MarkdownIt("commonmark").use(citations_plugin).render(src, env)
    assert [c.symbol.normalized for c in env[ENV_KEY]] == ["04-NQ/TW"]
    env = {}
    MarkdownIt("commonmark").use(citations_plugin, aliases=table()).render(src, env)
    assert [c.text for c in env[ENV_KEY]] == [TW4, "Nghị quyết số 04-NQ/TW ngày 30/10/2016"]
    env = {}  # a paragraph without any digit is scanned too when there are names
    MarkdownIt("commonmark").use(citations_plugin, aliases=build_table(
        {"Nghị quyết Đại hội XIII": "01-NQ/TW 2021"}, [])[0]).render("Theo Nghị quyết Đại hội XIII.\n", env)
    assert [c.symbol.normalized for c in env[ENV_KEY]] == ["01-NQ/TW"]


@pytest.mark.pagefind
def test_site_yaml_alias_links_to_a_page_for_the_named_document(tmp_path: Path):
    body = f"Thực hiện {TW4} và Nghị quyết Đại hội XIII của Đảng.\n"
    site = make_site(tmp_path, {"content/tin-bai/a.md": f"---\ntitle: Tin\ndate: 2022-01-01\n---\n{body}"},
                     site_yaml=SITE_ALIASES)
    result = CliRunner().invoke(cli, ["build", "--site", str(site)])
    assert result.exit_code == 0, result.output
    html = (site / "output/tin-bai/a/index.html").read_text(encoding="utf-8")
    assert '<a class="cite" href="/van-ban/nghi-quyet-04-nq-tw-2016/" title="Nghị quyết 04-NQ/TW' in html
    assert f">{TW4}</a>" in html
    assert '<a class="cite" href="/van-ban/nghi-quyet-01-nq-tw-2021/"' in html
    stub = (site / "output/van-ban/nghi-quyet-04-nq-tw-2016/index.html").read_text(encoding="utf-8")
    assert "/tin-bai/a/" in stub  # cited-by, with the sentence


@pytest.mark.pagefind
def test_front_matter_alias_links_to_the_content_document(tmp_path: Path):
    nq = doc(title="Về tăng cường xây dựng, chỉnh đốn Đảng", number="04-NQ/TW",
             issuer="Ban Chấp hành Trung ương",
             date="2016-10-30").replace("---\n\n", "---\n", 1)
    aliases = 'aliases: ["Nghị quyết Trung ương 4 khóa XII"]\n'
    nq = nq.replace("date: 2016-10-30\n", "date: 2016-10-30\n" + aliases)
    site = make_site(tmp_path, {
        "content/van-ban/nq4.md": nq,
        "content/tin-bai/a.md": "---\ntitle: Tin\ndate: 2022-01-01\n---\nGắn với nghị quyết Trung ương 4 "
                                "(khoá XII).\n",
    })
    result = CliRunner().invoke(cli, ["build", "--site", str(site)])
    assert result.exit_code == 0, result.output
    html = (site / "output/tin-bai/a/index.html").read_text(encoding="utf-8")
    assert ('<a class="cite" href="/van-ban/nghi-quyet-04-nq-tw-2016/" title="Nghị quyết 04-NQ/TW: Về tăng '
            'cường '
            'xây dựng, chỉnh đốn Đảng">nghị quyết Trung ương 4 (khoá XII)</a>') in html
    page = (site / "output/van-ban/nghi-quyet-04-nq-tw-2016/index.html").read_text(encoding="utf-8")
    assert "/tin-bai/a/" in page


def test_bad_alias_target_in_site_yaml_is_an_error_naming_the_field(tmp_path: Path):
    site = make_site(tmp_path, {}, site_yaml=SITE_YAML + 'aliases:\n  "Nghị quyết Đại hội XIII": "số 1"\n')
    result = CliRunner().invoke(cli, ["check", "--site", str(site)])
    assert result.exit_code != 0
    assert "site.yaml:" in result.output and "aliases" in result.output and "'số 1'" in result.output


def test_alias_edits_rebuild_exactly_like_a_full_build(tmp_path: Path):
    """The alias table is part of what a cached parse depends on (site.yaml and other files' front-matter)."""
    nq = doc(number="04-NQ/TW", issuer="Ban Chấp hành Trung ương", date="2016-10-30")
    files = {
        "content/van-ban/nq4.md": nq,
        "content/tin-bai/a.md": f"---\ntitle: Tin\ndate: 2022-01-01\n---\nThực hiện {TW4}.\n",
    }
    site = make_site(tmp_path / "site", files)
    cache = BuildCache()
    assert not build(site, BuildOptions(out=tmp_path / "inc"), cache=cache).failed()
    edits = [
        ("site.yaml", SITE_ALIASES),
        ("site.yaml", SITE_YAML),
        ("content/van-ban/nq4.md",
         nq.replace("date: 2016-10-30\n", f'date: 2016-10-30\naliases: ["{TW4}"]\n')),
        ("content/van-ban/nq4.md", nq),
    ]
    linked = []
    for path, text in edits:
        (site / path).write_text(text, encoding="utf-8")
        assert not build(site, BuildOptions(out=tmp_path / "inc"), cache=cache).failed()
        shutil.rmtree(tmp_path / "full", ignore_errors=True)
        assert not build(site, BuildOptions(out=tmp_path / "full", use_disk_cache=False)).failed()
        assert tree_digest(tmp_path / "inc") == tree_digest(tmp_path / "full")
        linked.append('class="cite"' in (tmp_path / "inc/tin-bai/a/index.html").read_text(encoding="utf-8"))
    assert linked == [True, False, True, False]


@pytest.mark.slow
@pytest.mark.parametrize("chunk",
                         ["Nghị quyết Trung ương 4 (khóa ", "Nghị quyết ( ( ( ", "nghị quyết đại hội XI "])
def test_alias_matching_grows_linearly_from_100_kb_to_1_mb_of_near_misses(chunk):
    t = build_table({TW4: "04-NQ/TW 2016", "Nghị quyết Đại hội XIII": "01-NQ/TW 2021",
                     **{f"Nghị quyết Trung ương {n} khóa XIII": f"{n:02d}-NQ/TW 2022" for n in range(1, 30)}},
                    [])[0]
    # About ten times as long for ten times the text (see conftest.growth); quadratic would be ~100.
    assert growth(lambda text: find_aliases(text, t), chunk) < 30
