"""The edits the benchmarks make to a generated corpus (bench/make_corpus.py), and how to undo them.

Six kinds, as an editor makes them: a body text change, a title change (the document is cited, so its citers'
links and its lists show the title), a new citation of another document, a new file, a deleted file (an
existing, cited document: its citers then point to a stub page), and a template (a site override of the home
page: created, changed, removed). `plan()` gives 20 of them in an order that leaves the corpus as it was
once `restore()` has run; every edit is chosen from the corpus by a fixed rule, so runs are comparable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

LABELS = {
    "nghi-quyet": "Nghị quyết",
    "chi-thi": "Chỉ thị",
    "ket-luan": "Kết luận",
    "huong-dan": "Hướng dẫn",
    "ke-hoach": "Kế hoạch",
    "thong-bao": "Thông báo",
    "bao-cao": "Báo cáo",
    "quyet-dinh": "Quyết định",
    "chuong-trinh": "Chương trình",
    "cong-van": "Công văn",
}
_FIELD = re.compile(r'^(\w+): "?(.*?)"?$', re.M)
KINDS = ("body", "title", "citation", "new file", "deleted file", "template")


@dataclass
class Edit:
    kind: str
    label: str
    apply: Callable[[], None]


def _fields(text: str) -> dict[str, str]:
    head = text.split("\n---\n", 1)[0]
    return {k: v for k, v in _FIELD.findall(head)}


def citation_of(path: Path) -> str:
    """How a later document cites `path`: "Nghị quyết số 12-NQ/TU, ngày 3/4/2015 của Tỉnh ủy Hà Nam"."""
    f = _fields(path.read_text(encoding="utf-8"))
    year, month, day = (int(x) for x in f["date"].split("-"))
    return f"{LABELS[f['type']]} số {f['number']}, ngày {day}/{month}/{year} của {f['issuer']}"


class Corpus:
    """The files of one corpus the edits touch, with their original texts for `restore()`."""

    def __init__(self, site: Path) -> None:
        self.site = site
        docs = sorted((site / "content/van-ban").glob("vb-*.md"))
        arts = sorted((site / "content/tin-bai").glob("bai-*.md"))
        # Documents of a provincial Party committee or people's committee: later documents cite them.
        cited = [
            p
            for p in docs
            if re.search(r'^issuer: "(Tỉnh ủy|Ủy ban nhân dân tỉnh) ', p.read_text(encoding="utf-8"), re.M)
        ]
        mid = len(cited) // 2
        self.a, self.c, self.cited_too = cited[mid], cited[mid + 3], cited[mid - 7]
        self.b, self.d = docs[len(docs) // 3], docs[(2 * len(docs)) // 3]
        self.warm = docs[len(docs) // 4]
        self.e = arts[len(arts) // 2]
        self.originals = {
            p: p.read_text(encoding="utf-8") for p in (self.a, self.b, self.c, self.d, self.e, self.warm)
        }
        self.new_doc = site / "content/van-ban/zz-bench-new.md"
        self.new_art = site / "content/tin-bai/zz-bench-new.md"
        self.template = site / "templates/home.html"
        self.template_dir_existed = (site / "templates").is_dir()
        self.counter = 0

    # --- edits ------------------------------------------------------------------------------------
    def append(self, path: Path, text: str) -> None:
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{text}\n", encoding="utf-8")

    def body(self, path: Path) -> None:
        self.counter += 1
        self.append(
            path, f"Đoạn sửa thử số {self.counter}: các cấp ủy tiếp tục quán triệt, triển khai thực hiện."
        )

    def title(self, path: Path, title: str | None = None) -> None:
        self.counter += 1
        text = path.read_text(encoding="utf-8")
        new = title if title is not None else f"Về việc thử sửa trích yếu lần {self.counter}"
        path.write_text(
            re.sub(r'^title: ".*"$', f'title: "{new}"', text, count=1, flags=re.M), encoding="utf-8"
        )

    def cite(self, path: Path, cited: Path) -> None:
        self.append(
            path, f"Thực hiện {citation_of(cited)}, các cấp ủy, tổ chức đảng xây dựng kế hoạch triển khai."
        )

    def new_document(self) -> None:
        self.counter += 1
        self.new_doc.write_text(
            '---\ntitle: "Về việc thử thêm một văn bản mới"\ntype: ke-hoach\nnumber: "999-KH/TU"\n'
            'issuer: "Tỉnh ủy Hà Nam"\nplace: "Hà Nam"\ndate: 2025-12-30\n'
            'tags: ["Chuyển đổi số", "Thử tải"]\n'
            f"---\nThực hiện {citation_of(self.a)}, Ban Thường vụ Tỉnh ủy ban hành kế hoạch.\n\n"
            "## I. MỤC ĐÍCH, YÊU CẦU\n\n"
            "Các cấp ủy, tổ chức đảng quán triệt sâu sắc công tác chuyển đổi số.\n",
            encoding="utf-8",
        )

    def new_article(self) -> None:
        self.new_art.write_text(
            '---\ntitle: "Hà Nam: Thử thêm một tin bài mới"\ndate: 2025-12-29\nauthor: "Minh Châu"\n'
            f'tags: ["Tuyên truyền"]\n---\nTheo {citation_of(self.c)}, hội nghị đã diễn ra.\n',
            encoding="utf-8",
        )

    def template_text(self, note: str) -> str:
        import sitegen

        theme = Path(sitegen.__file__).parent / "theme" / "templates" / "home.html"
        return theme.read_text(encoding="utf-8") + f"{{# {note} #}}\n<!-- {note} -->\n"

    def set_template(self, note: str | None) -> None:
        if note is None:
            self.template.unlink()
            if not self.template_dir_existed and not any(self.template.parent.iterdir()):
                self.template.parent.rmdir()
            return
        self.template.parent.mkdir(exist_ok=True)
        self.template.write_text(self.template_text(note), encoding="utf-8")

    def delete(self, path: Path) -> None:
        path.unlink()

    def recreate(self, path: Path) -> None:
        path.write_text(self.originals[path], encoding="utf-8")

    def restore(self) -> None:
        """The corpus as it was: original texts back, files the edits added removed."""
        for path, text in self.originals.items():
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
        for path in (self.new_doc, self.new_art):
            path.unlink(missing_ok=True)
        if self.template.exists():
            self.set_template(None)

    # --- the plan -----------------------------------------------------------------------------------
    def warm_up(self) -> Edit:
        """Untimed: what serve has warm after its first rebuild."""
        return Edit("body", self.warm.name, lambda: self.body(self.warm))

    def plan(self) -> list[Edit]:
        a, b, c, d, e = self.a, self.b, self.c, self.d, self.e
        original_a = _fields(self.originals[a])["title"]
        return [
            Edit("body", b.name, lambda: self.body(b)),
            Edit("title", a.name, lambda: self.title(a)),
            Edit("citation", f"{b.name} cites {self.cited_too.name}", lambda: self.cite(b, self.cited_too)),
            Edit("body", e.name, lambda: self.body(e)),
            Edit("new file", self.new_doc.name, self.new_document),
            Edit("body", self.new_doc.name, lambda: self.body(self.new_doc)),
            Edit("deleted file", self.new_doc.name, lambda: self.delete(self.new_doc)),
            Edit("title", e.name, lambda: self.title(e)),
            Edit("citation", f"{e.name} cites {a.name}", lambda: self.cite(e, a)),
            Edit("template", "templates/home.html created", lambda: self.set_template("bench 1")),
            Edit("template", "templates/home.html changed", lambda: self.set_template("bench 2")),
            Edit("template", "templates/home.html removed", lambda: self.set_template(None)),
            Edit("deleted file", c.name, lambda: self.delete(c)),
            Edit("new file", c.name, lambda: self.recreate(c)),
            Edit("body", a.name, lambda: self.body(a)),
            Edit("title", a.name, lambda: self.title(a, original_a)),
            Edit("citation", f"{d.name} cites {c.name}", lambda: self.cite(d, c)),
            Edit("new file", self.new_art.name, self.new_article),
            Edit("deleted file", self.new_art.name, lambda: self.delete(self.new_art)),
            Edit("body", d.name, lambda: self.body(d)),
        ]

    def cli_plan(self) -> list[Edit]:
        """One edited document per `sitegen build` (what CI builds on a push): body, title, new citation."""
        return [
            Edit("body", self.b.name, lambda: self.body(self.b)),
            Edit("title", self.a.name, lambda: self.title(self.a)),
            Edit("citation", f"{self.d.name} cites {self.c.name}", lambda: self.cite(self.d, self.c)),
        ]

    def every_document_template(self) -> tuple[Edit, Edit]:
        """A change to the template of every document page (outside the 20: its cost is the site's)."""
        import sitegen

        theme = Path(sitegen.__file__).parent / "theme" / "templates" / "document.html"
        target = self.site / "templates/document.html"

        def create() -> None:
            target.parent.mkdir(exist_ok=True)
            target.write_text(theme.read_text(encoding="utf-8") + "<!-- bench -->\n", encoding="utf-8")

        def remove() -> None:
            target.unlink()
            if not self.template_dir_existed and not any(target.parent.iterdir()):
                target.parent.rmdir()

        return Edit("template", "templates/document.html created", create), Edit(
            "template", "removed", remove
        )
