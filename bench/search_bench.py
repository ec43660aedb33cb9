"""Search benchmark (run by hand, not in `make test`): indexing time, and for each query the bytes the browser
downloads and the time until results show, on a generated site (bench/make_corpus.py).

    .venv/bin/python bench/search_bench.py --pages 10000            # ours, and Pagefind's Default UI naively
    .venv/bin/python bench/search_bench.py --pages 1000 --no-naive

"Naive" is what a site gets from Pagefind's defaults: every page indexed whole (navigation, lists, footer),
the Default UI searching as the reader types. Bytes are counted by the HTTP server (bodies as sent; Pagefind's
index files are gzip already, so a compressing host changes only pagefind.js, the worker and the page).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import re
import shutil
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "bench")]
import tree  # noqa: E402  (this tree's sitegen first: bench/tree.py)

tree.own()

from browser import chromium  # noqa: E402
from make_corpus import make_corpus  # noqa: E402

from sitegen import build as build_mod  # noqa: E402
from sitegen.build import BuildOptions  # noqa: E402

QUERIES = ["04-NQ/TU", "Nghị quyết", "uy ban nhan dan", "dang bo", "chuyen doi so tinh"]
BROAD = ("nghị quyết", "uy ban nhan dan")  # what issue 18 bounds: <= 500 KB at 10,000 documents


def bench_queries(site: Path) -> list[str]:
    """Two broad queries, a symbol of a document of the corpus, a phrase typed without diacritics, a short
    one."""
    from edits import Corpus, _fields

    corpus = Corpus(site)
    symbol = _fields(corpus.originals[corpus.a])["number"]
    return [*BROAD, symbol, "chuyen doi so", "dang bo"]
TEXT_TYPES = (".js", ".json", ".html", ".css", "/")  # what a host compresses (Pagefind's files are gzip)
TYPING_MS = 120  # between keystrokes, a steady typist
NAIVE_PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tìm kiếm</title>
<link rel="stylesheet" href="/pagefind/pagefind-ui.css"><script src="/pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div><script>new PagefindUI({ element: "#search", showSubResults: true });</script></body></html>"""  # noqa: E501 - a page as served


class Counter:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.log: list[tuple[str, int, int]] = []  # path, bytes sent, bytes a compressing host would send

    def take(self) -> list[tuple[str, int, int]]:
        with self.lock:
            log, self.log = self.log, []
        return log


def serve(directory: Path, counter: Counter) -> ThreadingHTTPServer:
    class Handler(SimpleHTTPRequestHandler):
        extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript"}

        def copyfile(self, source: Any, outputfile: Any) -> None:
            data = source.read()
            outputfile.write(data)
            path = self.path.split("?", 1)[0]
            squeezed = len(gzip.compress(data, 6)) if path.endswith(TEXT_TYPES) else len(data)
            with counter.lock:
                counter.log.append((path, len(data), squeezed))

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def kind(path: str) -> str:
    for marker, name in (("/index/", "index"), ("/fragment/", "fragments"), ("/filter/", "filters"),
                         (".pf_meta", "meta"), ("/pagefind", "pagefind code")):
        if marker in path:
            return name
    return "page"


def summarize(log: list[tuple[str, int, int]]) -> dict[str, Any]:
    by_kind: dict[str, int] = {}
    for path, size, _ in log:
        by_kind[kind(path)] = by_kind.get(kind(path), 0) + size
    return {"total_kb": round(sum(by_kind.values()) / 1024, 1), "requests": len(log),
            "compressed_kb": round(sum(gz for _, _, gz in log) / 1024, 1),
            **{k: round(v / 1024, 1) for k, v in sorted(by_kind.items())}}


def type_query(page: Any, selector: str, query: str) -> None:
    page.click(selector)
    page.keyboard.type(query, delay=TYPING_MS)


def measure_ours(browser: Any, url: str, counter: Counter, query: str) -> dict[str, Any]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "tim-kiem/")
    page.wait_for_load_state("networkidle")
    page_load = summarize(counter.take())
    type_query(page, "#q", query)
    page.keyboard.press("Enter")
    page.wait_for_function("q => document.getElementById('tim-kiem').dataset.shown === q", arg=query,
                           timeout=60_000)
    page.wait_for_load_state("networkidle")
    found = page.text_content("#search-status")
    ms = int(page.eval_on_selector("#tim-kiem", "f => f.dataset.ms"))
    top = page.eval_on_selector_all("#search-results h3 a", "as => as.map(a => new URL(a.href).pathname)")
    context.close()
    log = counter.take()
    return {"query": query, "search_ms": ms, "status": found, "top": top, "page_load": page_load,
            "search": summarize(log), "requests": [(path, size) for path, size, _ in log]}


def measure_naive(browser: Any, url: str, counter: Counter, query: str) -> dict[str, Any]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "naive-search.html")
    page.wait_for_load_state("networkidle")
    page_load = summarize(counter.take())
    started = time.perf_counter()
    type_query(page, ".pagefind-ui__search-input", query)
    page.wait_for_selector(".pagefind-ui__result", timeout=60_000)
    page.wait_for_load_state("networkidle")
    ms = round((time.perf_counter() - started) * 1000 - TYPING_MS * len(query))
    found = page.text_content(".pagefind-ui__message")
    context.close()
    return {"query": query, "after_typing_ms": ms, "status": found, "page_load": page_load,
            "search": summarize(counter.take())}


def naive_copy(out: Path, naive: Path) -> float:
    """A copy of the site without sitegen's data-pagefind-* attributes, indexed by Pagefind's CLI defaults."""
    if naive.exists():
        shutil.rmtree(naive)
    attr = re.compile(rb' data-pagefind-[a-z]+(="[^"]*")?')
    for path in out.rglob("*"):
        if path.is_file() and "pagefind" not in path.relative_to(out).parts:
            target = naive / path.relative_to(out)
            target.parent.mkdir(parents=True, exist_ok=True)
            data = path.read_bytes()
            target.write_bytes(attr.sub(b"", data) if path.suffix == ".html" else data)
    (naive / "naive-search.html").write_text(NAIVE_PAGE, encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(naive), "--quiet"], check=True,
                   capture_output=True)
    return time.perf_counter() - start


def binary_seconds(out: Path, work: Path) -> float:
    """The same index made by the bundled binary's CLI, for comparison with the Python API."""
    target = work / "binary-bundle"
    shutil.rmtree(target, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(out), "--output-path", str(target),
                    "--force-language", "vi", "--quiet"], check=True, capture_output=True)
    return time.perf_counter() - start


def measure(out: Path, site: Path, queries: list[str] | None = None) -> dict[str, Any]:
    """Each query in a fresh browser context over `out` (served here): bytes downloaded, time to results."""
    counter = Counter()
    server = serve(out, counter)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    try:
        with chromium() as browser:
            for query in queries or bench_queries(site):
                row = measure_ours(browser, url, counter, query)
                row["broad"] = query in BROAD
                rows.append(row)
                kb, page_kb = row["search"]["total_kb"], row["page_load"]["total_kb"]
                print(f"  search {query!r}: {kb:.0f} KB (+ page {page_kb:.0f} KB), {row['search_ms']} ms, "
                      f"{row['status']}", flush=True)
    finally:
        server.shutdown()
    bundle = out / "pagefind"
    return {"queries": rows,
            "bundle_mb": round(sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()) / 2**20, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/sitegen-bench"))  # noqa: S108
    parser.add_argument("--no-naive", action="store_true", help="skip the naive Pagefind Default UI baseline")
    parser.add_argument("--queries", nargs="*", default=QUERIES)
    args = parser.parse_args()
    site, out = args.work / f"site-{args.pages}", args.work / f"out-{args.pages}"
    report: dict[str, Any] = {"date": time.strftime("%Y-%m-%d"), "pages": args.pages, "seed": args.seed}
    if not (site / "site.yaml").is_file():
        make_corpus(site, args.pages, args.seed)
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    result = build_mod.build(site, BuildOptions(out=out, search=True, use_disk_cache=False))
    assert result.search is not None and not result.errors, [d.format() for d in result.errors]
    report["build_s"] = round(time.perf_counter() - start, 1)
    report["index"] = {"stage": {k: round(v, 2) for k, v in result.timings.items()},
                       "search": {k: round(v, 2) for k, v in result.search.timings.items()},
                       "pages_indexed": result.search.pages,
                       "bundle_mb": round(sum(p.stat().st_size for p in (out / "pagefind").rglob("*")
                                              if p.is_file()) / 2**20, 1),
                       "binary_cli_s": round(binary_seconds(out, args.work), 2)}
    print(json.dumps(report, ensure_ascii=False), flush=True)
    counter = Counter()
    server = serve(out, counter)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    with chromium() as browser:
        report["ours"] = [measure_ours(browser, url, counter, q) for q in args.queries]
        for row in report["ours"]:
            print(json.dumps(row, ensure_ascii=False), flush=True)
        if not args.no_naive:
            naive = args.work / f"naive-{args.pages}"
            report["naive_index_s"] = round(naive_copy(out, naive), 2)
            naive_server = serve(naive, counter)
            naive_url = f"http://127.0.0.1:{naive_server.server_address[1]}/"
            report["naive"] = [measure_naive(browser, naive_url, counter, q) for q in args.queries]
            for row in report["naive"]:
                print(json.dumps(row, ensure_ascii=False), flush=True)
            naive_server.shutdown()
    server.shutdown()
    (args.work / f"report-{args.pages}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1),
                                                         encoding="utf-8")
    print(f"report: {args.work / f'report-{args.pages}.json'}")


if __name__ == "__main__":
    main()
