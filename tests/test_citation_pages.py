"""Citations across the site: every citation a link, a page per cited document, both directions, checks."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, SITE_YAML, doc, make_site

from sitegen.cite.plugin import ENV_KEY
from sitegen.cli import cli
from sitegen.pipeline import parse
from sitegen.pipeline.frontmatter import split_frontmatter

SEED_PAGES = {
    "content/van-ban/huong-dan-12-hd-hu-2022.md": "van-ban/huong-dan-12-hd-hu-2022/index.html",
    "content/van-ban/ke-hoach-kh-ubnd-2023-hon-quan.md": "van-ban/ke-hoach-kh-ubnd-2023/index.html",
    "content/van-ban/ke-hoach-232-kh-hu-2024.md": "van-ban/ke-hoach-232-kh-hu-2024/index.html",
    "content/tin-bai/ha-nam-no-luc-hoan-thanh-nhiem-vu-cong-tac-tuyen-giao-bon-thang-dau-nam-2020.md":
        "tin-bai/ha-nam-no-luc-hoan-thanh-nhiem-vu-cong-tac-tuyen-giao-bon-thang-dau-nam-2020/index.html",
}


@pytest.fixture
def built(sample_output: Path) -> Path:
    return sample_output


def body_html(html: str) -> str:
    return html.split('class="vb-body prose">' if "vb-body" in html else '<div class="prose">',
                      1)[1].split("</div>", 1)[0]


@pytest.mark.parametrize("source", SEED_PAGES, ids=lambda s: s.split("/")[-1][:30])
def test_every_citation_in_a_seed_is_a_link(built: Path, source: str):
    text = (REPO / source).read_text(encoding="utf-8")
    _, body, _ = split_frontmatter(text)
    _, env = parse.parse(parse.make_parser(), body)
    found = env[ENV_KEY]
    assert len(found) >= 3
    html = body_html((built / SEED_PAGES[source]).read_text(encoding="utf-8"))
    links = re.findall(r'<a class="cite" href="(/van-ban/[^"]+/)" title="[^"]+">', html)
    assert len(links) == len(found)
    for href in links:
        assert (built / href.lstrip("/") / "index.html").is_file(), href


def test_one_symbol_two_provinces_gives_two_pages(built: Path):
    ha_nam = (built / "van-ban/nghi-quyet-04-nq-tu-2021-ha-nam/index.html").read_text()
    binh_phuoc = (built / "van-ban/nghi-quyet-04-nq-tu-2021-binh-phuoc/index.html").read_text()
    # the issuer as cited, with the province it was read as ("Ban Thường vụ Tỉnh ủy" of a text of Hà Nam)
    assert "ngày 06 tháng 3 năm 2021" in ha_nam and "Tỉnh ủy Hà Nam" in ha_nam
    assert "ngày 08 tháng 5 năm 2021" in binh_phuoc and "Đảng bộ tỉnh Bình Phước" in binh_phuoc
    assert "Toàn văn văn bản này chưa có trong bản tin" in ha_nam
    # trích yếu quoted by citers
    assert "Về tăng cường sự lãnh đạo của Đảng đối với công tác tư tưởng" in ha_nam


def test_guidance_and_resolution_link_both_ways_with_sentences(built: Path):
    guidance = (built / "van-ban/huong-dan-12-hd-hu-2022/index.html").read_text()
    cites = guidance.split('id="van-ban-duoc-dan"', 1)[1]
    assert re.search(r'<span class="relation">thực hiện</span>\s*<a '
                     r'href="/van-ban/nghi-quyet-04-nq-tu-2021-ha-nam/">', cites)
    resolution = (built / "van-ban/nghi-quyet-04-nq-tu-2021-ha-nam/index.html").read_text()
    cited_by = resolution.split('id="duoc-dan"', 1)[1]
    assert ('<a href="/van-ban/huong-dan-12-hd-hu-2022/"><span class="symbol">Hướng dẫn 12-HD/HU</span>'
            in cited_by)
    assert ('<blockquote class="cite-context">Thực hiện Nghị quyết số <span class="nobr">04 - NQ/TU</span>, '
            'ngày 06/03/2021') in cited_by
    assert '<svg class="citegraph"' in resolution


def test_link_tooltip_is_the_document_title(built: Path):
    html = (built / "van-ban/ke-hoach-232-kh-hu-2024/index.html").read_text()
    assert ('title="Kết luận 01-KL/TW: Về đẩy mạnh học tập và làm theo tư tưởng' in html
            or 'title="Kết luận 01-KL/TW' in html)


def test_citations_json_holds_the_graph(built: Path):
    graph = json.loads((built / "citations.json").read_text(encoding="utf-8"))
    symbols = [d["symbol"] for d in graph["documents"]]
    assert symbols.count("04-NQ/TU") == 2
    edge = next(e for e in graph["citations"] if e["to"] == "/van-ban/nghi-quyet-04-nq-tu-2021-binh-phuoc/")
    assert (edge["from"] == "/van-ban/ke-hoach-kh-ubnd-2023/" and edge["file"].endswith("hon-quan.md") and
            edge["line"] > 10)


def test_check_reports_the_symbol_year_conflict_with_file_line():
    result = CliRunner().invoke(cli, ["check", "--site", str(REPO)])
    assert result.exit_code == 0  # a warning does not fail the build
    text = (REPO / "content/van-ban/huong-dan-12-hd-hu-2022.md").read_text(encoding="utf-8").split("\n")
    line = next(i for i, t in enumerate(text, 1) if "09/2017/NĐ-CP" in t)
    assert f"content/van-ban/huong-dan-12-hd-hu-2022.md:{line}: cảnh báo:" in result.output
    assert "năm 2017" in result.output and "năm 2021" in result.output
    strict = CliRunner().invoke(cli, ["check", "--site", str(REPO), "--strict"])
    assert strict.exit_code == 1


@pytest.mark.pagefind
def test_citation_of_a_content_document_links_to_it_not_a_stub(tmp_path: Path):
    site = make_site(tmp_path, {
        "content/van-ban/nq.md": doc(),
        "content/van-ban/hd.md": doc(title="Hướng dẫn", type="huong-dan", number="12-HD/HU",
                                     issuer="Huyện ủy Kim Bảng",
                                     date="2022-03-08", body="Thực hiện Nghị quyết số 04-NQ/TU, ngày "
                                                             "6/3/2021 của Ban Thường vụ Tỉnh ủy.\n"),
    }, site_yaml=SITE_YAML + 'province: "Hà Nam"\n')
    result = CliRunner().invoke(cli, ["build", "--site", str(site)])
    assert result.exit_code == 0, result.output
    html = (site / "output/van-ban/huong-dan-12-hd-hu-2022/index.html").read_text()
    assert ('<a class="cite" href="/van-ban/nghi-quyet-04-nq-tu-2021/" title="Nghị quyết 04-NQ/TU: Về công '
            'tác tư tưởng">') in html
    assert not (site / "output/van-ban/nghi-quyet-04-nq-tu-2021-ha-nam").exists()


def test_undated_citation_between_two_dated_ones_is_reported_not_merged(tmp_path: Path):
    body = ("Theo Nghị quyết số 04-NQ/TU, ngày 6/3/2021 của Tỉnh ủy Hà Nam và Nghị quyết số 04-NQ/TU, "
            "ngày 8/5/2021 của Tỉnh ủy Bình Phước.\n\nTheo Kế hoạch số 32-KH/TU.\n\nMột lần nữa Nghị quyết "
            "số 04-NQ/TU.\n")
    site = make_site(tmp_path, {"content/tin-bai/a.md": f"---\ntitle: Tin\ndate: 2022-01-01\n---\n{body}"})
    result = CliRunner().invoke(cli, ["check", "--site", str(site)])
    assert "content/tin-bai/a.md:9: cảnh báo:" in result.output and "2 văn bản" in result.output


def test_cite_command_prints_json_lines_from_stdin():
    text = ("Thực hiện Nghị quyết số 04 - NQ/TU, ngày 6/03/2021 của Ban Thường vụ Tỉnh ủy về công tác tư "
            "tưởng.")
    result = CliRunner().invoke(cli, ["cite", "-"], input=text)
    assert result.exit_code == 0
    record = json.loads(result.output.strip().splitlines()[0])
    assert record == {
        "surface": "Nghị quyết số 04 - NQ/TU, ngày 6/03/2021", "start": 10, "end": 50, "type": "Nghị quyết",
        "number": "04 - NQ/TU", "symbol": "04-NQ/TU", "date": "2021-03-06", "issuer": "Ban Thường vụ Tỉnh ủy",
        "relation": "thuc-hien", "title": "về công tác tư tưởng",
    }
    assert text[record["start"]:record["end"]] == record["surface"]


def test_front_matter_relation_shows_on_both_pages(built: Path):
    decision = (built / "van-ban/quyet-dinh-1086-qd-ubnd-2022/index.html").read_text()
    assert re.search(r'<span class="relation">thực hiện</span>\s*<a '
                     r'href="/van-ban/nghi-quyet-01-nq-tu-2021/">', decision)
    resolution = (built / "van-ban/nghi-quyet-01-nq-tu-2021/index.html").read_text()
    assert re.search(r'<span class="relation">thực hiện</span>\s*<a '
                     r'href="/van-ban/quyet-dinh-1086-qd-ubnd-2022/">', resolution)


def test_relation_with_a_bad_symbol_is_a_schema_error(tmp_path: Path):
    relations = "relations:\n  - type: thuc-hien\n    number: 2020 - 2025\n"
    text = doc().replace("date: 2021-03-06\n", "date: 2021-03-06\n" + relations)
    site = make_site(tmp_path, {"content/van-ban/a.md": text})
    result = CliRunner().invoke(cli, ["check", "--site", str(site)])
    assert (result.exit_code == 1 and "content/van-ban/a.md:9:" in result.output and
            "relations.0.number" in result.output)


@pytest.mark.parametrize("texts, province", [
    (("Đảng bộ tỉnh Hà Nam",), "Hà Nam"),
    (("UBND TỈNH HÀ NAM",), "Hà Nam"),
    (("Thành ủy Hà Nội",), "Hà Nội"),
    (("Ủy ban nhân dân thành phố Đà Nẵng",), "Đà Nẵng"),
    (("Ủy ban nhân dân thành phố Phủ Lý",), ""),  # a city of a province, not a province
    (("Thành ủy Phủ Lý", "Đảng bộ tỉnh Hà Nam"), "Hà Nam"),
    (("Tỉnh uỷ Minh An",), "Minh An"),
])
def test_province_of_takes_only_centrally_run_cities_for_a_province(texts, province):
    from sitegen.cite.identity import province_of

    assert province_of(*texts) == province


def _plain(markdown: str) -> str:
    """A body's text as the quotes see it: emphasis marks gone, spaces collapsed."""
    return " ".join(re.sub(r"[*_`]|^#+ |^\s*[-+] ", "", markdown, flags=re.M).split())


def test_quotes_of_cited_by_lists_start_and_end_at_words_and_repeat_no_sentence(built: Path):
    """Every quote ("…gày 15/3/2021" was seen) starts and ends at a word boundary of its source, and one
    sentence is quoted once under one citation."""
    sources = [_plain(p.read_text(encoding="utf-8").split("---", 2)[-1])
               for p in (REPO / "content").rglob("*.md")]
    quotes = 0
    for page in built.rglob("*.html"):
        for item in re.findall(r"<li>(.*?)</li>", page.read_text(encoding="utf-8"), re.S):
            found = [html.unescape(re.sub(r"<[^>]+>", "", q)) for q in  # symbols sit in no-break spans
                     re.findall(r'<blockquote class="cite-context">(.*?)</blockquote>', item, re.S)]
            spans = []
            for quote in found:
                quotes += 1
                text = quote.removeprefix("…").removesuffix("…")
                where = [(n, s.find(text)) for n, s in enumerate(sources) if text in s]
                assert where, (page, quote)
                number, at = where[0]
                # two quotes of one sentence overlap where they stand in their source
                overlap = any(n == number and a < at + len(text) and at < e for n, a, e in spans)
                assert not overlap, (page, found)
                spans.append((number, at, at + len(text)))
                source = sources[number]
                before, after = source[at - 1:at], source[at + len(text):at + len(text) + 1]
                assert not (before.isalnum() and text[:1].isalnum()), (page, quote)
                assert not (after.isalnum() and text[-1:].isalnum()), (page, quote)
    assert quotes > 100


def test_a_failure_inside_the_detector_is_a_build_error_naming_file_and_line(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch):
    """A bug in detection never leaves text silently unlinked: the build fails and says where."""
    from sitegen.cite import plugin

    body = "Dòng đầu, năm 2020.\n\nĐoạn hai 2021.\n\nTheo Nghị quyết số 04-NQ/TU, ngày 6/3/2021.\n"
    site = make_site(tmp_path, {"content/tin-bai/a.md": f"---\ntitle: Tin\ndate: 2022-01-01\n---\n{body}"})
    real_scan = plugin.scan

    def broken(text: str) -> object:
        if "04-NQ/TU" in text:
            raise RuntimeError("hỏng")
        return real_scan(text)

    monkeypatch.setattr(plugin, "scan", broken)
    result = CliRunner().invoke(cli, ["build", "--site", str(site)])
    assert result.exit_code == 1
    assert "content/tin-bai/a.md:9: lỗi: lỗi của sitegen khi tìm trích dẫn" in result.output
    assert "RuntimeError: hỏng" in result.output
    assert not (site / "output").exists()
