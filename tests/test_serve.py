"""`sitegen serve` with a real HTTP server, real file events and a real SSE stream."""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import doc, make_site

pytestmark = pytest.mark.pagefind


class Served:
    def __init__(self, site: Path) -> None:
        self.site = site
        self.out = site / ".sitegen-cache/serve-public"  # serve's preview folder; output/ is never touched
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sitegen", "serve", "--site", str(site), "--port", "0"],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        self.url = ""
        deadline = time.monotonic() + 60
        while not self.url and time.monotonic() < deadline:
            line = self.lines.get(timeout=60)
            if m := re.search(r"(http://127\.0\.0\.1:\d+)/", line):
                self.url = m.group(1)
        assert self.url, "server did not start"
        self.events: queue.Queue[tuple[str, dict]] = queue.Queue()
        threading.Thread(target=self._listen, daemon=True).start()
        event, _ = self.events.get(timeout=10)
        assert event == "hello"

    def _pump(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line)

    def _listen(self) -> None:
        with urllib.request.urlopen(self.url + "/__sitegen/events", timeout=120) as stream:  # noqa: S310
            event = None
            for raw in stream:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: ") and event:
                    data = line[6:]
                    self.events.put((event, json.loads(data) if data.startswith("{") else {}))
                    event = None

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as r:  # noqa: S310 - http://127.0.0.1
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8")

    def next_event(self, timeout: float = 20,
                   kinds: tuple[str, ...] = ("reload", "errors")) -> tuple[str, dict]:
        """The next event of the given kinds (search-index events come and go in the background)."""
        deadline = time.monotonic() + timeout
        while True:
            event, data = self.events.get(timeout=max(0.01, deadline - time.monotonic()))
            if event in kinds:
                return event, data

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    site = make_site(tmp_path / "site",
                     {"content/van-ban/nq.md": doc(),
                      "content/gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nX\n"})
    s = Served(site)
    yield s
    s.stop()


PAGE = "/van-ban/nghi-quyet-04-nq-tu-2021/"


def test_pages_get_the_reload_script_but_files_on_disk_do_not(served: Served):
    status, html = served.get(PAGE)
    assert status == 200 and '<script src="/__sitegen/live.js"></script></body>' in html
    on_disk = (served.out / "van-ban/nghi-quyet-04-nq-tu-2021/index.html").read_text(encoding="utf-8")
    assert "__sitegen" not in on_disk
    status, html = served.get("/khong-co/")
    assert status == 404 and "Không tìm thấy trang" in html


def test_edit_break_fix_cycle(served: Served):
    path = served.site / "content/van-ban/nq.md"
    path.write_text(doc(title="Tiêu đề mới sau khi sửa"), encoding="utf-8")
    assert served.next_event()[0] == "reload"
    assert "Tiêu đề mới sau khi sửa" in served.get(PAGE)[1]

    path.write_text(doc(title="Tiêu đề mới sau khi sửa", date="2022-13-45"), encoding="utf-8")
    event, data = served.next_event()
    assert event == "errors"
    assert any(e.startswith("content/van-ban/nq.md:6: lỗi: trường 'date'") for e in data["errors"])
    status, html = served.get(PAGE)
    assert status == 200 and 'id="sitegen-errors"' in html and "content/van-ban/nq.md:6" in html
    assert "Tiêu đề mới sau khi sửa" in html  # the last good page is still served

    path.write_text(doc(title="Đã sửa xong"), encoding="utf-8")
    assert served.next_event()[0] == "reload"
    html = served.get(PAGE)[1]
    assert "Đã sửa xong" in html and 'id="sitegen-errors"' not in html


def test_burst_of_saves_atomic_renames_and_new_folders(served: Served):
    path = served.site / "content/van-ban/nq.md"
    for n in range(15):  # a burst: one rebuild once it settles
        path.write_text(doc(title=f"Lần lưu {n}"), encoding="utf-8")
    assert served.next_event()[0] == "reload"
    time.sleep(0.5)
    while not served.events.empty():
        served.events.get()
    assert "Lần lưu 14" in served.get(PAGE)[1]

    tmp = served.site / "content/van-ban/.nq.md.swp"  # editors save through a temporary file and a rename
    tmp.write_text(doc(title="Lưu kiểu nguyên tử"), encoding="utf-8")
    os.replace(tmp, path)
    assert served.next_event()[0] == "reload"
    assert "Lưu kiểu nguyên tử" in served.get(PAGE)[1]

    folder = served.site / "content/tin-bai/2024"
    folder.mkdir(parents=True)
    (folder / "moi.md").write_text("---\ntitle: Tin trong thư mục mới\ndate: 2024-01-02\n---\nBài.\n",
                                   encoding="utf-8")
    assert served.next_event()[0] == "reload"
    assert "Tin trong thư mục mới" in served.get("/tin-bai/moi/")[1]

    (folder / "moi.md").unlink()
    assert served.next_event()[0] == "reload"
    assert served.get("/tin-bai/moi/")[0] == 404


def test_a_folder_removed_and_made_again_is_watched_again(served: Served):
    """templates/ (or content/) removed and made again, as a branch switch does: the watch that ended with the
    old folder is replaced, so the new folder's edits still reload (they went unseen until a restart)."""
    import shutil

    import sitegen

    theme_home = (Path(sitegen.__file__).parent / "theme/templates/home.html").read_text(encoding="utf-8")
    templates, page = served.site / "templates", served.site / "content/van-ban/nq.md"
    for n in range(3):
        templates.mkdir()
        assert served.next_event()[0] == "reload"
        marked = theme_home.replace("{% block main %}", f"{{% block main %}}<!-- mẫu {n} -->", 1)
        (templates / "home.html").write_text(marked, encoding="utf-8")
        assert served.next_event()[0] == "reload"
        assert f"<!-- mẫu {n} -->" in served.get("/")[1]
        shutil.rmtree(templates)
        assert served.next_event()[0] == "reload"
        assert f"<!-- mẫu {n} -->" not in served.get("/")[1]
    content = served.site / "content"
    kept = served.site.parent / "content-kept"
    content.rename(kept)
    assert served.next_event()[0] in ("reload", "errors")
    kept.rename(content)
    assert served.next_event()[0] == "reload"
    page.write_text(doc(title="Sửa sau khi thư mục trở lại"), encoding="utf-8")
    assert served.next_event()[0] == "reload"
    assert "Sửa sau khi thư mục trở lại" in served.get(PAGE)[1]


def test_search_is_reindexed_in_the_background_and_the_search_page_says_when_it_is_behind(served: Served):
    import gzip

    def index_is_current(timeout: float = 60) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if "sitegen-search-stale" not in served.get("/tim-kiem/")[1]:
                return True
            time.sleep(0.2)
        return False

    assert index_is_current()
    (served.site / "content/van-ban/nq.md").write_text(doc(title="Tiêu đề zqxmoi"), encoding="utf-8")
    assert served.next_event()[0] == "reload"
    assert "sitegen-search-stale" in served.get("/tim-kiem/")[1]  # the pages are newer than the index
    assert "sitegen-search-stale" not in served.get(PAGE)[1]
    assert index_is_current()
    fragments = (served.out / "pagefind/fragment").glob("*.pf_fragment")
    assert any(b"zqxmoi" in gzip.decompress(f.read_bytes()) for f in fragments)


def test_serve_builds_drafts_into_its_preview_and_build_leaves_them_out(tmp_path: Path):
    draft = doc(title="Dự thảo zqxdraft", number="45-NQ/TU").replace("---\n", "---\ndraft: true\n", 1)
    site = make_site(tmp_path / "site", {"content/van-ban/nq.md": doc(),
                                         "content/van-ban/du-thao.md": draft})
    served = Served(site)
    try:
        status, page = served.get("/van-ban/nghi-quyet-45-nq-tu-2021/")
        assert status == 200 and 'id="sitegen-draft"' in page and "content/van-ban/du-thao.md" in page
        status, home = served.get("/")
        assert 'a[href="/van-ban/nghi-quyet-45-nq-tu-2021/"]::after' in home
        status, page = served.get(PAGE)
        assert 'id="sitegen-draft"' not in page
        on_disk = (served.out / "van-ban/nghi-quyet-45-nq-tu-2021/index.html").read_text(encoding="utf-8")
        assert "sitegen-draft" not in on_disk  # marked when served, never in the files
    finally:
        served.stop()
    assert not (site / "output").exists()
    built = subprocess.run([sys.executable, "-m", "sitegen", "build", "--site", str(site), "--no-search"],
                           capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    assert not (site / "output/van-ban/nghi-quyet-45-nq-tu-2021").exists()
    assert not any(b"zqxdraft" in p.read_bytes() for p in (site / "output").rglob("*") if p.is_file())
def raw_get(url: str, target: str) -> tuple[int, bytes]:
    """A request whose target is sent exactly as given (urllib would quote it)."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.putrequest("GET", target, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_hostile_addresses_get_an_answer_and_never_a_traceback(served: Served):
    cases = {"/" + "a" * 8000: 414, "/van-ban/%00/": 400, "/%00": 400, "/x%00.html": 400,
             "/" + "b/" * 200 + "c" * 300: 404, "/../../../../etc/passwd": 404,
             "/%2e%2e/%2e%2e/etc/passwd": 404, "/van-ban/" + "d" * 1500 + "/": 404}
    for target, expected in cases.items():
        status, body = raw_get(served.url, target)
        assert status == expected, (target[:40], status)
        assert b"root:x:0:0" not in body
    assert served.get(PAGE)[0] == 200  # and it goes on serving
    time.sleep(0.5)
    said = []
    while not served.lines.empty():
        said.append(served.lines.get())
    assert not [line for line in said if "Traceback" in line or "Error" in line], said
