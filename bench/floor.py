"""The floor in Python on this machine: markdown-it-py alone (CommonMark, parse and render, no plugins) over
the corpus's bodies, CPU time per document in one process. sitegen's cold build does this and much more
(citation detection, pages, lists, search keys); its CPU per document beside this figure says how close to
the floor it is.

    .venv/bin/python bench/floor.py /tmp/sitegen-bench/site-1000
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt


def bodies(site: Path) -> list[str]:
    """The Markdown bodies of the site's documents and articles (front-matter cut off)."""
    out = []
    for path in sorted((site / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n") and (end := text.find("\n---", 3)) >= 0:
            text = text[text.find("\n", end + 1) + 1:]
        out.append(text)
    return out


def markdown_floor(site: Path, rounds: int = 3) -> dict[str, Any]:
    """CPU milliseconds per document (best of `rounds`: the least disturbed by other work) and the mean body
    size."""
    texts = bodies(site)
    md = MarkdownIt("commonmark")
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for text in texts:
            md.render(text)
        best = min(best, time.process_time() - start)
    return {
        "documents": len(texts),
        "ms_per_document": best * 1000 / max(1, len(texts)),
        "mean_kb": sum(len(t.encode("utf-8")) for t in texts) / max(1, len(texts)) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    print(json.dumps(markdown_floor(parser.parse_args().site), indent=1))


if __name__ == "__main__":
    main()
