"""Experiment (issue 18's search design): one Pagefind bundle vs N shards merged in the browser with
Pagefind's `mergeIndex`, on a built sitegen output, each bundle made by Pagefind's CLI. For each
configuration: indexing time and peak RSS of each shard's Pagefind process, bundle size, and for each query
the bytes a fresh browser downloads, the time to results and the top ten URLs (compared with the single
bundle's: how much ranking moves).

    .venv/bin/python bench/shard_experiment.py OUT SITE --shards 1,4,8,16 --by hash,year

OUT is a `sitegen build` output (with or without search); SITE its corpus (for the queries). Shards: `hash`
puts a page in shard sha1(path) mod N (balanced, stable, independent of content); `year` groups whole years
into N ranges of about equal page counts (new documents land in the newest range). Work goes to
BENCH_DIR/shards/. The search page is patched here to import shard 0 and merge the others.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]
import tree  # noqa: E402  (this tree's sitegen first: bench/tree.py)

tree.own()

import beside_hugo  # noqa: E402
from measure import run  # noqa: E402

from sitegen.pipeline.search.pagefind import canonicalize_filters  # noqa: E402

WORK = Path(os.environ.get("BENCH_DIR", "/tmp/sitegen-bench")) / "shards"  # noqa: S108 - scratch, BENCH_DIR
_DATE = re.compile(rb'data-date="(\d{4})')
EXCLUDE = (".vb-motto-main", ".vb-motto-sub", ".vb-rule")  # sitegen's search stage excludes these
LOADER = """function loadPagefind() {
  pagefind ??= import(form.dataset.bundle + "0/pagefind.js").then(async (pf) => {
    const opts = { baseUrl: base, excerptLength: 26, ranking: RANKING };
    await pf.options(opts);
    const shards = (form.dataset.shards || "").split(" ").filter(Boolean).slice(1);
    await Promise.all(shards.map((s) => pf.mergeIndex(form.dataset.bundle + s + "/", opts)));
    return pf;
  });
  return pagefind;
}"""


def indexed_pages(out: Path) -> dict[str, int]:
    """Output paths of the pages Pagefind indexes (with data-pagefind-body) -> their year (0 if none)."""
    pages = {}
    for path in out.rglob("*.html"):
        rel = path.relative_to(out).as_posix()
        if rel.startswith("pagefind/"):
            continue
        data = path.read_bytes()
        if b"data-pagefind-body" in data:
            m = _DATE.search(data)
            pages[rel] = int(m.group(1)) if m else 0
    return pages


def assign(pages: dict[str, int], n: int, by: str) -> dict[str, int]:
    if n == 1:
        return dict.fromkeys(pages, 0)
    if by == "hash":
        return {p: int(hashlib.sha256(p.encode()).hexdigest()[:8], 16) % n for p in pages}
    years = sorted(set(pages.values()))
    counts = {y: sum(1 for v in pages.values() if v == y) for y in years}
    target, shard, acc, of_year = len(pages) / n, 0, 0, {}
    for y in years:
        if acc >= target * (shard + 1) and shard < n - 1:
            shard += 1
        of_year[y] = shard
        acc += counts[y]
    return {p: of_year[y] for p, y in pages.items()}


_KEYS = re.compile(rb'(data-m-t?keys=")([^"]*)(")')


def zkeys(data: bytes) -> bytes:
    """Phrase keys moved to their own region of Pagefind's sorted word list ("uybannhandan" ->
    "zuybannhandan"): no Vietnamese word starts with "z", so the index chunk a key query loads holds keys,
    not common words."""
    return _KEYS.sub(
        lambda m: m.group(1) + b" ".join(b"z" + k for k in m.group(2).split()) + m.group(3), data
    )


def link_tree(src: Path, dest: Path, paths: list[str], rewrite: bool = False) -> None:
    for rel in paths:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rewrite:
            target.write_bytes(zkeys((src / rel).read_bytes()))
        else:
            os.link(src / rel, target)


def build_config(out: Path, pages: dict[str, int], n: int, by: str, z: bool = False) -> dict[str, Any]:
    name = (f"{by}-{n}" if n > 1 else "single") + ("-z" if z else "")
    site = WORK / name
    shutil.rmtree(site, ignore_errors=True)
    others = [
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and not p.relative_to(out).as_posix().startswith("pagefind/")
    ]
    link_tree(out, site, others)
    shards = assign(pages, n, by)
    report: dict[str, Any] = {"name": name, "shards": []}
    for k in range(n):
        members = sorted(p for p, s in shards.items() if s == k)
        stage = WORK / f"stage-{name}-{k}"
        shutil.rmtree(stage, ignore_errors=True)
        link_tree(out, stage, members, rewrite=z)
        bundle = site / "pagefind" / str(k)
        r = run(
            [
                str(beside_hugo.pagefind_binary()),
                "--site",
                str(stage),
                "--output-path",
                str(bundle),
                "--force-language",
                "vi",
                "--quiet",
                *(x for sel in EXCLUDE for x in ("--exclude-selectors", sel)),
            ]
        )
        canonicalize_filters(bundle)
        shutil.rmtree(stage)
        size = sum(p.stat().st_size for p in (site / "pagefind" / str(k)).rglob("*") if p.is_file())
        report["shards"].append(
            {"pages": len(members), "seconds": r.wall, "peak_kb": r.peak_kb, "bytes": size}
        )
        print(
            f"  {name} shard {k}: {len(members)} pages, {r.wall:.1f} s, {r.peak_kb / 1024:.0f} MB", flush=True
        )
    page = site / "tim-kiem/index.html"
    page.unlink()  # a link into OUT: write a new file
    text = (out / "tim-kiem/index.html").read_text(encoding="utf-8")
    page.write_text(
        text.replace('data-bundle="', f'data-shards="{" ".join(map(str, range(n)))}" data-bundle="', 1),
        encoding="utf-8",
    )
    script = site / "assets/search.js"
    source = (out / "assets/search.js").read_text(encoding="utf-8")
    script.unlink()
    start, end = source.index("function loadPagefind()"), source.index("// --- query")
    source = source[:start] + LOADER + "\n\n" + source[end:]
    if z:
        source = source.replace(
            'out.push(folded.slice(i, i + n).join(""))', 'out.push("z" + folded.slice(i, i + n).join(""))'
        )
        source = source.replace("? text.aliases[folded[i]] :", '? "z" + text.aliases[folded[i]] :')
        assert source.count('"z" +') == 2
    script.write_text(source, encoding="utf-8")
    return report


def main() -> None:
    import search_bench

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("site", type=Path)
    parser.add_argument("--shards", default="1,4,8,16")
    parser.add_argument("--by", default="hash,year")
    parser.add_argument(
        "--z", default="0", help="0, 1 or 0,1: phrase keys as they are and/or moved under 'z'"
    )
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    pages = indexed_pages(args.out)
    queries = search_bench.bench_queries(args.site)
    results = []
    for n in (int(x) for x in args.shards.split(",")):
        for by, z in (
            (b, z == "1") for b in (["hash"] if n == 1 else args.by.split(",")) for z in args.z.split(",")
        ):
            report = build_config(args.out, pages, n, by, z)
            report["search"] = search_bench.measure(WORK / report["name"], args.site, queries)
            results.append(report)
            shutil.rmtree(WORK / report["name"])
    base = {q["query"]: q["top"] for q in results[0]["search"]["queries"]}
    for report in results:
        for q in report["search"]["queries"]:
            q["top10_overlap"] = len(set(q["top"][:10]) & set(base[q["query"]][:10]))
    name = f"report-{len(pages)}-{args.shards}-{args.by}-{args.z}.json"
    (WORK / name).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{'config':10} {'index s':>8} {'max MB':>7}  " + "  ".join(f"{q[:14]:>22}" for q in queries))
    for report in results:
        seconds = sum(s["seconds"] for s in report["shards"])
        peak = max(s["peak_kb"] for s in report["shards"]) / 1024
        cells = [
            f"{q['search']['total_kb']:6.0f} KB {q['search_ms']:5d} ms {q['top10_overlap']:2d}/10"
            for q in report["search"]["queries"]
        ]
        print(f"{report['name']:10} {seconds:8.1f} {peak:7.0f}  " + "  ".join(cells))


if __name__ == "__main__":
    main()
