"""Build benchmark: sitegen beside Hugo (+ Pagefind's CLI) on the same generated corpus, in the same run.

    .venv/bin/python bench/run.py                          # N = 1,000 and 10,000, 3 runs of each figure
    BENCH_SIZES=30000 BENCH_RUNS=1 make bench              # the slope run
    .venv/bin/python bench/run.py --sizes 1000 --runs 1 --no-hugo --no-browser

For each N: the corpus (bench/make_corpus.py, seed 1), then, each the median (min–max) of --runs runs, every
process's peak RSS sampled (bench/measure.py):
- cold: `sitegen build --no-search` with no .sitegen-cache/ and no output folder (a fresh process);
- warm: the same command again, cache and output present, nothing changed;
- publish: a cold `sitegen build` with search (the CI publish path), its search stage as it reports it (-v);
- cli edit: after it, one edited document (body, title, new citation: bench/edits.py) and `sitegen build`
  again with the cache kept, as CI does on a push; its search stage against the cold one's;
- serve: bench/serve_loop.py: 20 edits of six kinds through serve's rebuild, p50/p95 (once: 20 samples);
- search: bench/search_bench.py on the publish output: bytes a fresh browser downloads for each query, and
  the time to results (once per size);
- Hugo: cold and warm builds, Pagefind's CLI over Hugo's output (cold publish path), `hugo server`'s own
  timing of a rebuild after an edit (bench/beside_hugo.py).
Results: bench/results/<date>-N.json and the table in bench/results/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))
import tree  # noqa: E402  (this tree's sitegen first: bench/tree.py)

tree.own()

import beside_hugo as hugo  # noqa: E402
from edits import Corpus  # noqa: E402
from floor import markdown_floor  # noqa: E402
from make_corpus import make_corpus  # noqa: E402
from measure import Run, du, run, stats  # noqa: E402

WORK = Path(os.environ.get("BENCH_DIR", "/tmp/sitegen-bench"))  # noqa: S108 - a scratch folder, BENCH_DIR
RESULTS = ROOT / "bench" / "results"
MEMORY_GB = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
MACHINE = f"{os.cpu_count()} cores / {MEMORY_GB:.0f} GB, shared"
_STAGE = re.compile(r"^\s+(\w+)\s+([\d.]+) ms$", re.M)


def stages(r: Run) -> dict[str, float]:
    """Stage timings (seconds) from `sitegen build -v`."""
    return {name: float(ms) / 1000 for name, ms in _STAGE.findall(r.stdout + r.stderr)}


def peaks(runs: list[Run]) -> dict[str, Any]:
    """Peak RSS (KB) by kind of process, the median over runs of each run's largest of that kind."""
    kinds = sorted({k for r in runs for k in r.peak_by_name()})
    return {
        "largest_kb": stats([r.peak_kb for r in runs]),
        **{k: stats([r.peak_by_name().get(k, 0) for r in runs]) for k in kinds},
    }


def bench_pairs(
    site: Path, runs: int, with_hugo: bool
) -> tuple[dict[str, Any], dict[str, Any] | None, dict[str, Any]]:
    """Cold, warm and publish builds of sitegen and Hugo, alternating run by run, so that both meet the same
    load on this shared machine; the ratios are taken run by run, then their median."""
    out = WORK / f"out-{site.name}"
    cmd = [str(BIN / "sitegen"), "build", "--site", str(site), "--out", str(out), "-v"]

    def fresh() -> None:
        shutil.rmtree(site / ".sitegen-cache", ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)

    if with_hugo:
        dest, hugo_out = WORK / f"hugo-{site.name}", WORK / f"hugo-out-{site.name}"
        hugo.hugo_site(site, dest)
        hugo_cmd = [str(hugo.hugo_binary()), "--quiet", "--source", str(dest), "--destination", str(hugo_out)]
        pagefind = [str(hugo.pagefind_binary()), "--site", str(hugo_out), "--quiet"]
    sg: dict[str, list[Run]] = {"cold": [], "warm": [], "publish": []}
    hg: dict[str, list[Run]] = {"cold": [], "warm": [], "pagefind": []}
    for _ in range(runs):
        fresh()
        sg["cold"].append(run([*cmd, "--no-search"]))
        sg["warm"].append(run([*cmd, "--no-search"]))
        size = du(out)
        if with_hugo:
            shutil.rmtree(hugo_out, ignore_errors=True)
            shutil.rmtree(dest / "resources", ignore_errors=True)
            hg["cold"].append(run(hugo_cmd))
            hg["warm"].append(run(hugo_cmd))
        fresh()
        sg["publish"].append(run(cmd))
        if with_hugo:
            hg["pagefind"].append(run(pagefind))  # on the output just built: the publish path of a Hugo site
        line = (
            f"  sitegen cold {sg['cold'][-1].wall:.1f} s ({sg['cold'][-1].peak_kb / 1024:.0f} MB), warm "
            f"{sg['warm'][-1].wall:.2f} s, cold + search {sg['publish'][-1].wall:.1f} s (search "
            f"{stages(sg['publish'][-1]).get('search', 0):.1f} s, {sg['publish'][-1].peak_kb / 1024:.0f} MB)"
        )
        if with_hugo:
            line += (
                f"; hugo cold {hg['cold'][-1].wall:.1f} s, warm {hg['warm'][-1].wall:.1f} s, Pagefind CLI "
                f"{hg['pagefind'][-1].wall:.1f} s ({hg['pagefind'][-1].peak_kb / 1024:.0f} MB)"
            )
        print(line, flush=True)
    sitegen = {
        "cold": stats([r.wall for r in sg["cold"]]),
        "cold_cpu": stats([r.cpu for r in sg["cold"]]),  # seconds, every process of the build
        "cold_stages": {k: stats([stages(r).get(k, 0) for r in sg["cold"]]) for k in stages(sg["cold"][0])},
        "cold_rss": peaks(sg["cold"]),
        "warm": stats([r.wall for r in sg["warm"]]),
        "publish": stats([r.wall for r in sg["publish"]]),
        "publish_stages": {
            k: stats([stages(r).get(k, 0) for r in sg["publish"]]) for k in stages(sg["publish"][0])
        },
        "publish_rss": peaks(sg["publish"]),
        "pagefind": stats([stages(r).get("search", 0) for r in sg["publish"]]),
        "size_bytes": size,
        "size_with_search_bytes": du(out),
    }
    if not with_hugo:
        return sitegen, None, {}
    hugo_report = {
        "cold": stats([r.wall for r in hg["cold"]]),
        "warm": stats([r.wall for r in hg["warm"]]),
        "pagefind": stats([r.wall for r in hg["pagefind"]]),
        "publish": stats([c.wall + i.wall for c, i in zip(hg["cold"], hg["pagefind"], strict=True)]),
        "rss_kb": stats([r.peak_kb for r in hg["cold"]]),
        "pagefind_rss_kb": stats([r.peak_kb for r in hg["pagefind"]]),
        "size_bytes": du(hugo_out, skip="pagefind"),
        "pages": sum(1 for _ in hugo_out.rglob("*.html")),
    }
    pair = lambda f: stats([f(i) for i in range(runs)])  # noqa: E731
    ratios = {
        "cold": pair(lambda i: sg["cold"][i].wall / hg["cold"][i].wall),
        "warm": pair(lambda i: sg["warm"][i].wall / hg["warm"][i].wall),
        "publish": pair(lambda i: sg["publish"][i].wall / (hg["cold"][i].wall + hg["pagefind"][i].wall)),
        "rss": pair(
            lambda i: sg["publish"][i].peak_kb / max(hg["cold"][i].peak_kb, hg["pagefind"][i].peak_kb)
        ),
    }
    return sitegen, hugo_report, ratios


def bench_edits(site: Path, runs: int, browser: bool, e2e: bool) -> dict[str, Any]:
    """After a publish build (cache and output kept): CLI builds after one edit, the reader's search, the
    serve loop."""
    out = WORK / f"out-{site.name}"
    cmd = [str(BIN / "sitegen"), "build", "--site", str(site), "--out", str(out), "-v"]
    corpus, edits = Corpus(site), []
    try:
        for edit in corpus.cli_plan()[: max(runs, 1)]:
            edit.apply()
            r = run(cmd)
            edits.append({"kind": edit.kind, "wall": r.wall, "stages": stages(r), "peak_kb": r.peak_kb})
            print(
                f"  cli edit ({edit.kind}) {r.wall:.2f} s, search {stages(r).get('search', 0):.2f} s",
                flush=True,
            )
    finally:
        corpus.restore()
    search_report = None
    if browser:
        import search_bench

        run(cmd)  # the output of the corpus as it is
        search_report = search_bench.measure(out, site)
    shutil.rmtree(site / ".sitegen-cache", ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    loop = [sys.executable, str(ROOT / "bench/serve_loop.py"), str(site), str(WORK / f"serve-{site.name}")]
    serve = run([*loop, "--document-template"])
    report = {
        "cli_edit": stats([e["wall"] for e in edits]),
        "cli_edit_search": stats([e["stages"].get("search", 0) for e in edits]),
        "cli_edits": edits,
        "serve": json.loads(serve.stdout.splitlines()[-1]),
        "serve_peak_kb": serve.peak_kb,
        "search": search_report,
    }
    if e2e:
        report["serve_e2e"] = json.loads(run([*loop, "--e2e"]).stdout.splitlines()[-1])
    shutil.rmtree(WORK / f"serve-{site.name}", ignore_errors=True)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000,10000"))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "3")))
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--no-browser", action="store_true", help="skip the search measurements in Chromium")
    parser.add_argument(
        "--e2e",
        action="store_true",
        default=os.environ.get("BENCH_E2E") == "1",
        help="also time the serve loop through a real `sitegen serve` process",
    )
    args = parser.parse_args()
    commit = (
        subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        or "?"
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "sitegen"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    commit += "+changes" if dirty else ""
    today = dt.date.today().isoformat()
    RESULTS.mkdir(parents=True, exist_ok=True)
    for n in (int(s) for s in args.sizes.split(",") if s):
        site = WORK / f"site-{n}"
        make_corpus(site, n)
        print(f"N={n}: corpus {du(site / 'content') / 1e6:.1f} MB in {site}", flush=True)
        report: dict[str, Any] = {
            "date": today,
            "commit": commit,
            "machine": MACHINE,
            "platform": platform.platform(),
            "n": n,
            "runs": args.runs,
            "load_before": os.getloadavg(),
        }
        report["floor"] = markdown_floor(site)
        print(f"  markdown-it-py alone: {report['floor']['ms_per_document']:.2f} ms of CPU per document",
              flush=True)
        sitegen, hugo_report, ratios = bench_pairs(site, args.runs, not args.no_hugo)
        sitegen |= bench_edits(site, args.runs, not args.no_browser, args.e2e)
        full = sitegen["pagefind"]["median"]
        sitegen["cli_edit_search_share"] = sitegen["cli_edit_search"]["median"] / full if full else None
        report["sitegen"] = sitegen
        if hugo_report is not None:
            hugo_report["server_edit"] = stats(
                hugo.server_edits(WORK / f"hugo-{site.name}", max(args.runs, 2))
            )
            version = subprocess.run(
                [str(hugo.hugo_binary()), "version"], capture_output=True, text=True
            ).stdout
            report |= {
                "hugo": hugo_report,
                "hugo_version": version.split()[1] if version else "?",
                "ratios": ratios,
            }
        report["load_after"] = os.getloadavg()
        (RESULTS / f"{today}-{n}.json").write_text(
            json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(row(report), flush=True)
    write_table()


def latest(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The newest report of each size measured by this runner (with a serve loop and a publish build)."""
    out: dict[int, dict[str, Any]] = {}
    for r in reports:
        if "publish" in r["sitegen"]:
            out[r["n"]] = r
    return [out[n] for n in sorted(out)]


def fmt(s: dict[str, Any], scale: float = 1, digits: int = 2) -> str:
    return f"{s['median'] * scale:.{digits}f} ({s['min'] * scale:.{digits}f}–{s['max'] * scale:.{digits}f})"


def row(r: dict[str, Any]) -> str:
    """One line of the results table; reports of the older format (before 2026-12-06) have fewer columns."""
    sg, hg = r["sitegen"], r.get("hugo")
    if "publish" not in sg:
        old = [
            fmt(sg["cold"]),
            "–",
            fmt(sg["warm"]),
            "–",
            f"{sg['edit']['median'] * 1000:.0f} (median of {len(sg['edit']['runs'])})",
            "–",
            f"{sg['rss_kb']['median'] / 1024:.0f} (largest process, /usr/bin/time)",
            f"{sg['size_bytes'] / 1e6:.0f}",
            "–",
        ]
        hugo_cells = [fmt(hg["cold"]), "–", "–", f"{hg['rss_kb']['median'] / 1024:.0f}"] if hg else ["–"] * 4
        return (
            "| "
            + " | ".join([r["date"], f"{r['n']:,}", str(r["runs"]), f"`{r['commit']}`", *old, *hugo_cells])
            + " |"
        )
    serve, search, ra = sg["serve"], sg.get("search"), r.get("ratios", {})
    broad = (
        max((q["search"]["total_kb"] for q in search["queries"] if q.get("broad")), default=None)
        if search
        else None
    )
    rss = sg["publish_rss"]
    ratio = lambda k: f" ({ra[k]['median'] if isinstance(ra[k], dict) else ra[k]:.2f}×)" if k in ra else ""  # noqa: E731
    share = sg.get("cli_edit_search_share")
    cells = [
        r["date"],
        f"{r['n']:,}",
        str(r["runs"]),
        f"`{r['commit']}`",
        fmt(sg["cold"], digits=1) + ratio("cold"),
        fmt(sg["publish"], digits=1) + ratio("publish"),
        fmt(sg["warm"]),
        f"{sg['cli_edit']['median']:.2f} incl. search {sg['cli_edit_search']['median']:.2f}"
        + (f" ({share * 100:.0f} % of a full index)" if share is not None else ""),
        f"{serve['p50_ms']:.0f} / {serve['p95_ms']:.0f}",
        f"{broad:.0f}" if broad is not None else "–",
        f"{rss['largest_kb']['median'] / 1024:.0f} ("
        + ", ".join(f"{k} {v['median'] / 1024:.0f}" for k, v in rss.items() if k != "largest_kb")
        + ")",
        f"{sg['size_bytes'] / 1e6:.0f}",
        _cpu_cell(r),
    ]
    if hg:
        cells += [
            fmt(hg["cold"], digits=1),
            fmt(hg["publish"], digits=1),
            f"{hg['server_edit']['median'] * 1000:.0f}",
            f"{hg['rss_kb']['median'] / 1024:.0f} / {hg['pagefind_rss_kb']['median'] / 1024:.0f}",
        ]
    else:
        cells += ["–"] * 4
    return "| " + " | ".join(cells) + " |"


def _cpu_cell(r: dict[str, Any]) -> str:
    """sitegen's cold CPU per document (every process) beside the floor: markdown-it-py alone."""
    floor, cpu = r.get("floor"), r["sitegen"].get("cold_cpu")
    if not floor or not cpu:
        return "–"
    per_doc = cpu["median"] * 1000 / r["n"]
    return f"{per_doc:.1f} / {floor['ms_per_document']:.2f} ({per_doc / floor['ms_per_document']:.1f}×)"


# Issue 18's targets: (what, figure from a report, target, how the figure is shown).
TARGETS: list[tuple[str, Any, float, str]] = [
    ("serve: one edit → output rebuilt, p50", lambda r: r["sitegen"]["serve"]["p50_ms"] / 1000, 0.150, "s"),
    ("serve: p95", lambda r: r["sitegen"]["serve"]["p95_ms"] / 1000, 0.300, "s"),
    ("`sitegen build` after one edit, without its search stage",
     lambda r: r["sitegen"]["cli_edit"]["median"] - r["sitegen"]["cli_edit_search"]["median"], 2.0, "s"),
    ("… its search stage, share of a full index", lambda r: r["sitegen"]["cli_edit_search_share"], 0.10, "%"),
    ("cold build + search ÷ Hugo + Pagefind CLI", lambda r: r["ratios"]["publish"]["median"], 1.0, "×"),
    ("cold build without search ÷ Hugo", lambda r: r["ratios"]["cold"]["median"], 1.5, "×"),
    ("peak RSS of any process of the publish path (sitegen, its workers, Pagefind)",
     lambda r: r["sitegen"]["publish_rss"]["largest_kb"]["median"] * 1024 / 1e9, 1.0, "GB"),  # 10^9 bytes
    ("peak RSS of `serve` (its first build and the 20 edits)",
     lambda r: r["sitegen"]["serve_peak_kb"] * 1024 / 1e9, 1.0, "GB"),
    ("broad query, bytes a fresh browser downloads",
     lambda r: max(q["search"]["total_kb"] for q in r["sitegen"]["search"]["queries"] if q.get("broad")),
     500, "KB"),
]


def _shown(value: float, unit: str) -> str:
    return {"s": f"{value:.2f} s", "%": f"{value * 100:.1f} %", "×": f"{value:.2f}×", "GB": f"{value:.2f} GB",
            "KB": f"{value:.0f} KB"}[unit]


def targets(r: dict[str, Any]) -> str:
    """Which of issue 18's targets the report `r` meets."""
    lines = [f"### {r['n']:,} documents: {r['date']}, `{r['commit']}`, median of {r['runs']}",
             "", "| | figure | target | |", "| --- | ---: | ---: | --- |"]
    for what, figure, target, unit in TARGETS:
        try:
            value = float(figure(r))
        except (KeyError, TypeError, ValueError):
            lines.append(f"| {what} | – | {_shown(target, unit)} | not measured |")
            continue
        verdict = "holds" if value <= target else f"**misses: {value / target:.1f}×**"
        lines.append(f"| {what} | {_shown(value, unit)} | ≤ {_shown(target, unit)} | {verdict} |")
    return "\n".join(lines)


def write_table() -> None:
    reports = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(RESULTS.glob("*.json"))]
    columns = [
        "date", "N", "runs", "commit", "cold s (÷ Hugo)", "cold + search s (÷ Hugo + Pagefind CLI)", "warm s",
        "CLI build after one edit s", "serve edit p50 / p95 ms", "broad query KB",
        "peak RSS MiB (by process)", "output MB", "CPU ms per document: cold build / markdown-it-py alone",
        "Hugo cold s", "Hugo + Pagefind CLI s", "hugo server edit ms",
        "Hugo / its Pagefind RSS MiB",
    ]
    rule = ["---" if c in ("date", "commit") else "---:" for c in columns]
    head = "| " + " | ".join(columns) + " |\n| " + " | ".join(rule) + " |"
    text = (
        f"""# Build benchmark results

Written by `make bench` (`bench/run.py`; sizes with `BENCH_SIZES=1000,10000,30000`). Machine: {MACHINE} (other
work runs on it: timings vary up to 2×, so read ratios within one run). Each figure: median of `runs` runs
(min–max in brackets); ratios to Hugo are the medians of run-by-run ratios (sitegen and Hugo alternate, so
that both meet the same load). Cold = no cache, no output, no search (`--no-search`); cold + search = the
publish path (Hugo: its build, then Pagefind's CLI over its output); warm = cache and output present,
nothing changed; CLI build after one edit = one edited document, `sitegen build` with the cache kept, and its
search stage (as a share of a full index); serve edit = 20 edits of six kinds through serve's rebuild
(bench/serve_loop.py), nearest-rank p50/p95; broad query = the larger of the bytes a fresh browser
downloads for "nghị quyết" and "uy ban nhan dan" (bench/search_bench.py); peak RSS = the largest single
process of the publish build (the main process, parse/render workers, Pagefind), sampled from /proc: MiB
(2^20 bytes) in the table, GB (10^9 bytes, the issue's unit) in the targets below. Rows
before 2026-12-06 were measured by an older runner: fewer columns, edit = one body edit, RSS from
/usr/bin/time. Per-run figures in the JSON files.

{head}
"""
        + "\n".join(row(r) for r in reports)
        + "\n\n## Issue 18's targets, latest run of each size\n\nThe targets are set for 10,000 documents; "
        "the other sizes show the slope. CPU per document: user + system time of every process of a cold "
        "build (wait4), divided by N, beside markdown-it-py alone on the same bodies (bench/floor.py).\n\n"
        + "\n\n".join(targets(r) for r in latest(reports))
        + "\n"
    )
    (RESULTS / "README.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
