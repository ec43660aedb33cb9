"""The search index: what Pagefind indexes, the keys pages carry for it, and how the build runs it.

Queries themselves run in the browser (tests/test_search_browser.py); here the index is read directly:
fragments are gzip + "pagefind_dcd" + JSON, and index chunks hold their words as plain UTF-8 strings.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from conftest import doc, fail_pagefind, make_site, tree_digest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen import build as build_mod
from sitegen.base.vi import PartialDate
from sitegen.build import BuildOptions
from sitegen.pipeline.search import pagefind, shards
from sitegen.pipeline.search import terms as search_terms

pytestmark = pytest.mark.pagefind

FOOTER_WORD = "Zqxchânđếfooter"  # appears only in the footer of every page

SITE_YAML = f"""\
title: "Bản tin thử tìm kiếm"
base_url: "https://bantin.example.vn"
organisation: "Văn phòng {FOOTER_WORD}"
province: "Hà Nam"
per_page: 5
types:
  nghi-quyet: {{ label: "Nghị quyết", code: "NQ" }}
  huong-dan: {{ label: "Hướng dẫn", code: "HD" }}
  ke-hoach: {{ label: "Kế hoạch", code: "KH" }}
  quyet-dinh: {{ label: "Quyết định", code: "QĐ" }}
  bao-cao: {{ label: "Báo cáo", code: "BC" }}
  thong-bao: {{ label: "Thông báo", code: "TB" }}
"""

NQ04_BODY = """\
Để tăng cường sự lãnh đạo của Đảng đối với công tác tư tưởng, Ban Thường vụ Tỉnh ủy Hà Nam quyết nghị:

## 1. Mục tiêu

Nâng cao chất lượng công tác tư tưởng trong Đảng bộ tỉnh; cán bộ, đảng viên nêu gương, giữ vững trận địa tư tưởng.

## 2. Nhiệm vụ

Các cấp ủy đảng quán triệt, xây dựng kế hoạch thực hiện Nghị quyết; định kỳ sơ kết, báo cáo Ban Thường vụ Tỉnh ủy.
"""  # noqa: E501 - test content, one paragraph per line as editors write it

NQ05_BODY = """\
Ban Chấp hành Đảng bộ tỉnh quyết nghị về chuyển đổi số tỉnh Hà Nam đến năm 2025, định hướng đến năm 2030.

Chuyển đổi số toàn diện trong cơ quan Đảng, chính quyền, Mặt trận; phát triển chính quyền số, kinh tế số, xã hội số.
Mỗi cơ quan, đơn vị có kế hoạch chuyển đổi số; người đứng đầu chịu trách nhiệm về kết quả chuyển đổi số.
"""  # noqa: E501 - test content, one paragraph per line as editors write it

HD12_BODY = """\
Thực hiện Nghị quyết số 04-NQ/TU, ngày 06/3/2021 của Ban Thường vụ Tỉnh ủy, Kế hoạch số 32a-KH/HU, ngày
12/6/2021 của Ban Thường vụ Huyện ủy về thực hiện Nghị quyết số 04-NQ/TU; Ban Thường vụ Huyện ủy hướng dẫn
triển khai Nghị quyết 04-NQ/TU trên địa bàn huyện như sau: các chi bộ, đảng bộ cơ sở xây dựng kế hoạch,
tổ chức học tập, quán triệt Nghị quyết 04-NQ/TU đến cán bộ, đảng viên.
"""

QD04_BODY = """\
Căn cứ Luật Tổ chức chính quyền địa phương; căn cứ Nghị quyết số 04-NQ/TU, ngày 06/3/2021 của Ban Thường vụ
Tỉnh ủy; xét đề nghị của Giám đốc Sở Thông tin và Truyền thông, Ủy ban nhân dân tỉnh quyết định ban hành
Quy chế quản lý cổng thông tin điện tử tỉnh.
"""

KH289_BODY = """\
Giúp người dân dễ dàng tiếp cận dịch vụ công; cán bộ, công chức bộ phận một cửa hướng dẫn tận tình, dễ dàng
tra cứu hồ sơ. Bộ phận một cửa các cấp công khai thủ tục, bảo đảm người dân dễ dàng thực hiện; cán bộ bộ phận
một cửa được bồi dưỡng kỹ năng.
"""

BC15_BODY = """\
Năm 2023, Đảng bộ Khối các cơ quan tỉnh lãnh đạo các tổ chức cơ sở đảng hoàn thành nhiệm vụ. Đảng bộ Khối
có 60 tổ chức cơ sở đảng; công tác xây dựng Đảng bộ trong sạch, vững mạnh được chú trọng. Ban Thường vụ Đảng
ủy Khối chỉ đạo các đảng bộ cơ sở tổ chức đại hội chi bộ nhiệm kỳ mới.
"""

TB86_BODY = """\
Ngày 10/7/2023, đồng chí Bí thư Tỉnh ủy chủ trì hội nghị giao ban. Thường trực Tỉnh ủy kết luận: các cơ quan
tham mưu của Tỉnh ủy tập trung hoàn thành các nhiệm vụ trọng tâm 6 tháng cuối năm.
"""

ARTICLE = """\
---
title: "Huyện Kim Bảng học tập nghị quyết của Tỉnh uỷ"
date: 2022-04-02
author: "Minh Châu"
tags: ["Tuyên giáo"]
---
Huyện Kim Bảng tổ chức hội nghị học tập, quán triệt nghị quyết của Tỉnh uỷ về công tác tư tưởng cho cán bộ chủ chốt.
"""  # noqa: E501 - test content, one paragraph per line as editors write it

FILES = {
    "content/van-ban/nq04.md": doc(title="Về tăng cường sự lãnh đạo của Đảng đối với công tác tư tưởng trong "
                                         "tình hình mới",
                                   number="04-NQ/TU", issuer="Tỉnh ủy Hà Nam", date="2021-03-06",
                                   body=NQ04_BODY),
    "content/van-ban/nq05.md": doc(title="Về chuyển đổi số tỉnh Hà Nam đến năm 2025", number="05-NQ/TU",
                                   issuer="Tỉnh ủy Hà Nam", date="2021-11-20", body=NQ05_BODY),
    "content/van-ban/hd12.md": doc(title="Triển khai, thực hiện Nghị quyết số 04-NQ/TU của Ban Thường vụ "
                                         "Tỉnh ủy",
                                   type="huong-dan", number="12-HD/HU", issuer="Huyện ủy Kim Bảng",
                                   date="2022-03-08",
                                   body=HD12_BODY),
    "content/van-ban/qd04.md": doc(title="Ban hành Quy chế quản lý cổng thông tin điện tử tỉnh",
                                   type="quyet-dinh",
                                   number="04/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh Hà Nam",
                                   date="2022-01-10",
                                   body=QD04_BODY),
    "content/van-ban/kh289.md": doc(title="Nâng cao chất lượng phục vụ của bộ phận một cửa", type="ke-hoach",
                                    number="289/KH-UBND", issuer="Ủy ban nhân dân tỉnh Bình Phước",
                                    date="2023-09-12",
                                    body=KH289_BODY),
    "content/van-ban/bc15.md": doc(title="Kết quả lãnh đạo của Đảng bộ Khối năm 2023", type="bao-cao",
                                   number="15-BC/ĐUK",
                                   issuer="Đảng ủy Khối các cơ quan tỉnh", date="2023-12-15", body=BC15_BODY),
    "content/van-ban/tb86.md": doc(title="Kết luận của Thường trực Tỉnh ủy tại hội nghị giao ban",
                                   type="thong-bao",
                                   number="86-TB/TU", issuer="Tỉnh ủy Minh An", date="2023-07-14",
                                   body=TB86_BODY),
    "content/tin-bai/kim-bang.md": ARTICLE,
    "content/gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nBản tin thử nghiệm chức năng tìm kiếm.\n",
}
NQ04 = "/van-ban/nghi-quyet-04-nq-tu-2021/"
NQ05 = "/van-ban/nghi-quyet-05-nq-tu-2021/"
HD12 = "/van-ban/huong-dan-12-hd-hu-2022/"
QD04 = "/van-ban/quyet-dinh-04-qd-ubnd-2022/"
KH289 = "/van-ban/ke-hoach-289-kh-ubnd-2023/"
BC15 = "/van-ban/bao-cao-15-bc-duk-2023/"
TB86 = "/van-ban/thong-bao-86-tb-tu-2023/"
STUB_32A = "/van-ban/ke-hoach-32a-kh-hu-2021-ha-nam/"
ARTICLE_URL = "/tin-bai/kim-bang/"


def build_search_site(root: Path, shard_pages: int | None = None) -> Path:
    """Build the fixture site with its search index; returns the output folder. `shard_pages`: split the
    index into shards of at most that many pages, as a large bulletin's is."""
    site = make_site(root, FILES, SITE_YAML)
    with mock.patch.object(shards, "SHARD_PAGES", shard_pages or shards.SHARD_PAGES):
        result = build_mod.build(site, BuildOptions(search=True, use_disk_cache=False))
    assert not result.errors, [d.format() for d in result.errors]
    assert result.search is not None and not result.search.diagnostics
    return site / "output"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_search_site(tmp_path_factory.mktemp("search") / "site")


def unpack(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd")
    return data[len(b"pagefind_dcd"):]


def fragments(out: Path) -> dict[str, dict]:
    records = [json.loads(unpack(p)) for p in (out / "pagefind/fragment").iterdir()]
    return {r["url"]: r for r in records}


def _cbor(data: bytes, pos: int = 0) -> tuple[object, int]:
    """Just enough CBOR to read Pagefind's index chunks (ints, strings, arrays, maps)."""
    major, info = data[pos] >> 5, data[pos] & 31
    pos += 1
    if info < 24:
        arg = info
    else:
        size = 1 << (info - 24)
        arg, pos = int.from_bytes(data[pos:pos + size], "big"), pos + size
    if major in (0, 1):
        return (arg if major == 0 else -1 - arg), pos
    if major in (2, 3):
        raw = data[pos:pos + arg]
        return (raw.decode("utf-8") if major == 3 else raw), pos + arg
    items = []
    for _ in range(arg * (2 if major == 5 else 1)):
        item, pos = _cbor(data, pos)
        items.append(item)
    return items, pos


def _strings(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    return set().union(*map(_strings, value)) if isinstance(value, list) else set()


def index_words(out: Path) -> set[str]:
    """Every word of the index (Pagefind keeps folded forms and the spellings seen)."""
    return set().union(*(_strings(_cbor(unpack(p))[0]) for p in (out / "pagefind/index").iterdir()))


def test_only_page_bodies_are_indexed(out: Path):
    urls = set(fragments(out))
    assert {NQ04, NQ05, HD12, QD04, KH289, BC15, TB86, ARTICLE_URL, "/gioi-thieu/"} <= urls
    assert STUB_32A in urls  # stub pages of cited documents are searchable too
    assert not urls & {"/", "/van-ban/", "/tin-bai/", "/loai/nghi-quyet/", "/co-quan/", "/nam/2021/",
                       "/tim-kiem/"}


def test_footer_navigation_and_boilerplate_stay_out(out: Path):
    words = index_words(out)
    assert {"tuong", "chuyen", "04nqtu", "dang"} <= words  # the positive control
    assert not [w for w in words if "zqx" in w]
    nq04 = fragments(out)[NQ04]["content"]
    assert "CỘNG SẢN" not in nq04 and FOOTER_WORD not in nq04  # the motto and the footer
    assert "Văn bản, bài viết dẫn" not in fragments(out)[STUB_32A]["content"]  # related-document lists


def test_documents_carry_display_fields_filters_and_search_keys(out: Path):
    record = fragments(out)[QD04]
    assert record["meta"]["title"] == ("Quyết định 04/QĐ-UBND: Ban hành Quy chế quản lý cổng thông tin điện "
                                       "tử tỉnh")
    assert {k: record["meta"][k] for k in ("name", "type", "number", "date", "issuer")} == {
        "name": "Ban hành Quy chế quản lý cổng thông tin điện tử tỉnh", "type": "Quyết định",
        "number": "04/QĐ-UBND", "date": "2022-01-10", "issuer": "Ủy ban nhân dân tỉnh Hà Nam"}
    assert record["meta"]["sym"] == "_s04qdubnd _s4qdubnd _sqdubnd 04qdubnd 4qdubnd qdubnd"
    assert record["filters"] == {"loai": ["quyet-dinh"], "co-quan": ["uy-ban-nhan-dan-tinh-ha-nam"],
                                 "nam": ["2022"], "tinh-trang": ["khong"]}
    assert "dinh" in record["meta"]["fold"].split() and "dien" in record["meta"]["fold"].split()
    assert fragments(out)[ARTICLE_URL]["filters"] == {"loai": ["tin-bai"], "nam": ["2022"]}


def test_every_indexed_page_has_a_date_sort_key(out: Path):
    for path in out.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        if "data-pagefind-body" in html:
            assert 'data-pagefind-sort="date[data-date]" data-date="' in html, path


@pytest.mark.parametrize("number, keys", [
    ("04-NQ/TU", "_s04nqtu _s4nqtu _snqtu 04nqtu 4nqtu nqtu"),
    ("04/QĐ-UBND", "_s04qdubnd _s4qdubnd _sqdubnd 04qdubnd 4qdubnd qdubnd"),
    ("09/2017/NĐ-CP", "_s092017ndcp _s92017ndcp _s2017ndcp _sndcp 092017ndcp 92017ndcp 2017ndcp ndcp"),
    ("/KH-UBND", "_skhubnd khubnd"),
    ("238/UBND-KGVX", "_s238ubndkgvx _subndkgvx 238ubndkgvx ubndkgvx"),
    ("", ""),
])
def test_symbol_keys(number: str, keys: str):
    assert search_terms.symbol_keys(number) == keys


def test_the_symbols_a_text_names_are_keys_of_its_page():
    text = ("<p>Thực hiện Nghị quyết số 04-NQ/TU, ngày 6/3/2021 và Kế hoạch 289/KH-UBND giai đoạn "
            "2021-2025.</p>")
    symbols = ["_s04nqtu", "_s4nqtu", "_snqtu", "_s289khubnd", "_skhubnd"]
    assert search_terms.symbols_in(text, None) == " ".join(symbols)
    phrases = ["_kthuchien", "_knghiquyet", "_kkehoach", "_kuybannhandan"]
    assert search_terms.text_keys(text).split() == phrases + symbols


def test_folded_words_and_date_keys():
    assert search_terms.folded_words("<p>Đảng bộ &amp; đảng viên</p>", "Đổi mới", None) == "dang doi"
    assert (search_terms.date_key(PartialDate(2023)) == "2023-00-00" and
            search_terms.date_key(None) == "0000-00-00")


def test_keys_sort_between_the_numbers_and_the_words_of_the_text():
    """Pagefind loads the index chunk a query word falls in, and closes a chunk at 20,000 positions counting
    only words without diacritics; keys sort after every number and before every folded word, so a key
    query's chunk holds keys, not the positions of common words ("ủy", "và", "xã") that sort next to it."""
    keys = search_terms.phrase_keys("Ủy ban nhân dân tỉnh Hà Nam ban hành Nghị quyết; UBND").split()
    assert keys == ["_kuybannhandan", "_knhandan", "_khanam", "_knghiquyet"]
    symbols = search_terms.symbol_keys("09/2017/NĐ-CP").split()[:4]
    assert max(keys) < min(symbols)  # the chunk shared with the first words is one of symbol keys
    keys += symbols
    syllables = {w for phrase in search_terms._PHRASES for w in phrase} | set(search_terms._ALIAS_KEYS)
    assert all("9" < key < "a" <= word for key in keys for word in syllables)
    assert search_terms.lexicon_for_browser()["key_prefix"] == search_terms.KEY_PREFIX == "_k"
    assert search_terms.lexicon_for_browser()["symbol_prefix"] == search_terms.SYMBOL_PREFIX == "_s"


def test_unused_pagefind_ui_files_are_not_published(out: Path):
    names = {p.name for p in (out / "pagefind").iterdir()}
    assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json"} <= names
    assert not [n for n in names if "-ui." in n or n.startswith("pagefind-highlight")]


def test_unchanged_rebuild_keeps_the_bundle_and_a_change_reindexes(tmp_path: Path):
    site = make_site(tmp_path / "site",
                     {"content/van-ban/a.md": doc(), "content/van-ban/b.md": doc(number="05-NQ/TU")})
    first = build_mod.build(site, BuildOptions(search=True))
    again = build_mod.build(site, BuildOptions(search=True))
    assert first.search is not None and first.search.pages == 2 and not first.search.kept
    assert again.search is not None and again.search.kept and not again.rendered
    assert tree_digest(site / "output") == tree_digest(site / "output")
    (site / "content/van-ban/b.md").write_text(doc(number="05-NQ/TU", body="Nội dung mới zqxnew."),
                                               encoding="utf-8")
    edited = build_mod.build(site, BuildOptions(search=True))
    assert edited.search is not None and not edited.search.kept and "zqxnew" in index_words(site / "output")
    assert not pagefind.staging_folders(site / "output")  # the staging folder is gone


def test_cli_builds_the_index_with_progress_and_no_search_skips_it(tmp_path: Path):
    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc()})
    run = [sys.executable, "-m", "sitegen", "build", "--site", str(site)]
    done = subprocess.run(run, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Chỉ mục tìm kiếm: 1 trang" in done.stdout
    assert ((site / "output/pagefind/pagefind.js").is_file() and
            (site / "output/tim-kiem/index.html").is_file())
    skipped = subprocess.run([*run, "--no-search"], capture_output=True, text=True, timeout=120)
    assert skipped.returncode == 0 and not (site / "output/pagefind").exists()


def test_a_pagefind_failure_is_a_warning_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    fail_pagefind(monkeypatch, tmp_path, "Error: Could not find pagefind binary")
    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc()})
    result = build_mod.build(site, BuildOptions(search=True))
    assert result.written and not result.errors
    assert [d.code for d in result.warnings] == ["search-index"]
    assert "không lập được chỉ mục tìm kiếm" in result.warnings[0].format()
    assert "Could not find pagefind binary" in result.warnings[0].message  # Pagefind's own words
    assert not (site / "output/pagefind").exists() and not pagefind.staging_folders(site / "output")


def test_a_bug_in_the_search_stage_is_not_reported_as_a_pagefind_failure(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch):
    def buggy(site: Path, bundle: Path) -> int:
        raise TypeError("a bug of sitegen's")

    monkeypatch.setattr(pagefind, "run_pagefind", buggy)
    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc()})
    with pytest.raises(TypeError, match="a bug of sitegen's"):
        build_mod.build(site, BuildOptions(search=True))
    assert not (site / "output").exists() and not pagefind.staging_folders(site / "output")


def test_the_sample_site_builds_its_index(tmp_path: Path):
    from conftest import REPO

    result = build_mod.build(REPO, BuildOptions(out=tmp_path / "out", search=True, use_disk_cache=False))
    assert not result.errors and result.search is not None and not result.search.diagnostics
    assert result.search.pages > 40
    urls = set(fragments(tmp_path / "out"))
    assert "/van-ban/huong-dan-12-hd-hu-2022/" in urls and "/" not in urls


def test_two_builds_give_byte_identical_bundles(out: Path, tmp_path: Path):
    again = build_search_site(tmp_path / "site")  # filters come out of Pagefind in hash-map order: sorted
    assert tree_digest(again / "pagefind") == tree_digest(out / "pagefind")
    assert len(list((out / "pagefind/filter").iterdir())) == 4  # type, issuer, year, validity status


def _phrase_keys_reference(*texts):
    """The definition: at each word in order, its alias key, then the phrases starting there, shortest
    first."""
    from sitegen.base.vi import strip_marks

    seen = {}
    for text in texts:
        words = [strip_marks(w).lower()
                 for w in re.findall(r"[^\W_]+", search_terms.plain_text(text))] if text else []
        for i, word in enumerate(words):
            if word in search_terms._ALIAS_KEYS:
                seen.setdefault(search_terms._ALIAS_KEYS[word], None)
            for n in range(2, max(map(len, search_terms._PHRASES)) + 1):
                key = search_terms._PHRASES.get(tuple(words[i:i + n]))
                if key:
                    seen.setdefault(key, None)
    return " ".join(seen)


_SYLLABLES = sorted({w for p in search_terms.LEXICON for w in p.split()} | {"UBND", "HĐND", "Đảng", "x",
                                                                            "<b>", "</b>"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.one_of(st.sampled_from(search_terms.LEXICON), st.sampled_from(_SYLLABLES)),
                         max_size=30)
                .map(" ".join), min_size=1, max_size=3))
def test_phrase_keys_equal_their_definition(texts):
    assert search_terms.phrase_keys(*texts) == _phrase_keys_reference(*texts)
    assert search_terms.folded_words(*texts) == " ".join(dict.fromkeys(
        search_terms.strip_marks(w).lower() for t in texts
        for w in re.findall(r"[^\W_]+", search_terms.plain_text(t))
        if "đ" in w or "Đ" in w))


# Latin letters of every kind, combining marks alone, other scripts, spaces and punctuation.
_ANY_TEXT = st.text(st.one_of(st.characters(max_codepoint=0x24F), st.characters(min_codepoint=0x300,
                                                                                max_codepoint=0x36F),
                              st.characters(min_codepoint=0x1E00, max_codepoint=0x1EFF),
                              st.characters(min_codepoint=0x2000, max_codepoint=0x206F),
                              st.sampled_from("đĐİǯΣσ一ー\u20d0 ")), max_size=40)


@settings(max_examples=500, deadline=None)
@given(_ANY_TEXT)
def test_syllables_folded_word_by_word_equal_the_text_folded_whole(text):
    """A page's syllables are folded word by word (each word once per process) when every character of the
    text folds on its own; otherwise the whole text is folded at once, as before. Either way, the same."""
    whole = re.findall(r"[^\W_]+", search_terms.strip_marks(search_terms.plain_text(text)).lower())
    assert search_terms._folded_syllables(text) == whole
    with_d = [w for w in re.findall(r"[^\W_]+", search_terms.plain_text(text)) if "đ" in w or "Đ" in w]
    folded = search_terms.strip_marks(" ".join(with_d)).lower().split(" ") if with_d else []
    assert search_terms.folded_words(text) == " ".join(dict.fromkeys(folded))


def test_a_bundle_with_an_empty_file_is_never_taken_as_written(tmp_path: Path):
    bundle = tmp_path / "pagefind"
    bundle.mkdir()
    (bundle / "pagefind.js").write_text("x", encoding="utf-8")
    pagefind.check_written(bundle)  # complete: returns
    (bundle / "pagefind-worker.js").write_bytes(b"")
    with pytest.raises(RuntimeError, match="pagefind-worker.js"):
        pagefind.check_written(bundle)


def test_when_pagefind_fails_readers_keep_the_last_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc()})
    assert not build_mod.build(site, BuildOptions(search=True)).failed()
    before = tree_digest(site / "output" / "pagefind")
    assert "pagefind.js" in before
    page = site / "content/van-ban/a.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Nội dung.", "Nội dung mới."), encoding="utf-8")

    fail_pagefind(monkeypatch, tmp_path)
    result = build_mod.build(site, BuildOptions(search=True))
    assert ([d.code for d in result.warnings] == ["search-index"] and
            "lần dựng trước" in result.warnings[0].message)
    assert tree_digest(site / "output" / "pagefind") == before
    assert "Nội dung mới" in next((site / "output/van-ban").glob("*/index.html")).read_text(encoding="utf-8")
