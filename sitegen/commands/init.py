"""`sitegen init`: a new bulletin repository in one command.

site.yaml with the organisation's name and scope (its province), three example files that pass
`sitegen check --strict` (a document, an article citing it, an about page) with a number and issuer code that
fit the organisation's level (levels.py), a .gitignore for what sitegen writes, and the CI file
(ci_templates.py) installing the sitegen that ran init (provenance.py). Nothing is overwritten: if any file
it would write exists, init writes nothing.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from sitegen.base import catalog, folders
from sitegen.base.vi import collapse_spaces, nfc
from sitegen.commands import ci_templates, levels, provenance

CI_FILES = {"github": (".github/workflows/ban-tin.yml", ci_templates.github_pages),
            "gitlab": (".gitlab-ci.yml", ci_templates.gitlab_ci)}
# What sitegen writes inside a bulletin: builds, cache, the CI's publishing folders, printed issues.
IGNORED = (*(f"{name}/" for name in folders.OUTPUT.values()), f"{folders.CACHE}/", "_site/", "public/",
           f"{folders.PRINTS}/")

# The document types a new bulletin starts with: key (front-matter `type`), name shown, code in symbols.
TYPE_ROWS = (
    ("nghi-quyet", "Nghị quyết", "NQ"), ("chi-thi", "Chỉ thị", "CT"), ("ket-luan", "Kết luận", "KL"),
    ("quy-dinh", "Quy định", "QĐ"), ("quyet-dinh", "Quyết định", "QĐ"), ("quy-che", "Quy chế", "QC"),
    ("huong-dan", "Hướng dẫn", "HD"), ("ke-hoach", "Kế hoạch", "KH"),
    ("chuong-trinh", "Chương trình", "CTr"), ("de-an", "Đề án", "ĐA"), ("thong-bao", "Thông báo", "TB"),
    ("thong-cao", "Thông cáo", "TC"), ("thong-tri", "Thông tri", "TT"), ("bao-cao", "Báo cáo", "BC"),
    ("to-trinh", "Tờ trình", "TTr"), ("cong-van", "Công văn", "CV"), ("cong-dien", "Công điện", "CĐ"),
    ("nghi-dinh", "Nghị định", "NĐ"), ("thong-tu", "Thông tư", "TT"),
    ("thong-tu-lien-tich", "Thông tư liên tịch", "TTLT"), ("luat", "Luật", ""),
    ("phap-lenh", "Pháp lệnh", ""),
)
TYPES = "types:\n" + "".join(f'  {key}: {{ label: "{label}", code: "{code}" }}\n'
                             for key, label, code in TYPE_ROWS)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(text, ensure_ascii=False)


def clean(text: str) -> str:
    return nfc(collapse_spaces(text)).strip()


def _signer(name: str, level: str) -> str:
    on_behalf, position = levels.signer(name, level)
    lines = [f"  on_behalf: {_q(on_behalf)}"] if on_behalf else []
    return "\n".join(["signer:", *lines, f"  position: {_q(position)}", '  name: "Nguyễn Văn A"'])


def site_yaml(name: str, province: str, base_url: str) -> str:
    scope = f"province: {_q(province)}\n" if province else (
        "# province: \"Tên tỉnh\"   # tỉnh của bản tin: 'Tỉnh ủy', 'UBND tỉnh' không ghi tên tỉnh chỉ về "
        "đây\n")
    return f"""\
# Cấu hình bản tin. Hướng dẫn từng khóa: README của sitegen, mục "site.yaml".
title: {_q("Bản tin " + name)}
subtitle: ""
# Địa chỉ công khai của bản tin; với GitHub Pages, ví dụ https://ten-to-chuc.github.io/ten-kho/
base_url: {_q(base_url)}
organisation: {_q(name)}
{scope}default_audience: public   # tệp không ghi 'audience' là công khai
per_page: 20
home_latest: 8

# Loại văn bản: khóa (dùng trong front-matter 'type') -> tên hiển thị và mã viết tắt.
{TYPES}"""


def example_files(name: str, province: str, today: datetime.date, level: str = "tinh") -> dict[str, str]:
    if level == "huyen":  # a district's documents are dated before the districts were abolished
        today = min(today, datetime.date(*levels.LAST_DISTRICT_DAY))
    number = levels.example_number(name, level)
    date = today.isoformat()
    spoken = f"{today.day}/{today.month}/{today.year}"
    province_line = f"province: {_q(province)}\n" if province else ""
    where = f" tỉnh {province}" if province else ""
    document = f"""\
---
# Văn bản minh họa do `sitegen init` tạo: sửa hoặc xóa khi đưa bản tin vào dùng.
title: "Tuyên truyền các ngày lễ lớn, sự kiện chính trị năm {today.year}"
type: ke-hoach
number: {_q(number)}
issuer: {_q(name)}
{province_line}date: {date}
{_signer(name, level)}
recipients:
  - "Các cơ quan, đơn vị trực thuộc"
  - "Lưu: VP"
tags: ["Nội dung minh họa", "Tuyên truyền"]
summary: "Văn bản minh họa: kế hoạch tuyên truyền trong năm."
---

> *Văn bản minh họa do sitegen tạo, không phải văn bản thật.*

## I. Mục đích, yêu cầu

- Tuyên truyền sâu rộng các ngày lễ lớn, sự kiện chính trị quan trọng của đất nước và của địa phương.
- Nội dung tuyên truyền chính xác, phong phú, phù hợp với từng đối tượng.

## II. Nội dung và hình thức

### 1. Nội dung

Ý nghĩa lịch sử của các ngày lễ lớn; thành tựu phát triển kinh tế - xã hội của địa phương.

### 2. Hình thức

Trên bản tin, trang thông tin điện tử, hệ thống truyền thanh cơ sở và tại các hội nghị báo cáo viên.
"""
    article = f"""\
---
# Tin bài minh họa do `sitegen init` tạo: sửa hoặc xóa khi đưa bản tin vào dùng.
title: "Ra mắt bản tin điện tử"
date: {date}
{province_line}author: "Ban biên tập"
summary: {_q(f"Bài viết minh họa: bản tin điện tử của {name} bắt đầu hoạt động.")}
tags: ["Nội dung minh họa"]
---

> *Bài viết minh họa do sitegen tạo, không phải bài thật.*

Bản tin điện tử của {name}{where} chính thức ra mắt, đăng tải văn bản và tin bài về công tác của cơ quan.

Trước mắt, bản tin đăng Kế hoạch số {number} ngày {spoken} của {name} về tuyên truyền các ngày lễ lớn,
sự kiện chính trị trong năm.
"""
    about = f"""\
---
title: "Giới thiệu"
summary: {_q(f"Bản tin điện tử của {name}.")}
---

Bản tin điện tử của {name}{where}: văn bản, tin bài về công tác của cơ quan, tra cứu theo loại văn bản,
cơ quan ban hành, năm và chủ đề.
"""
    return {
        f"{folders.CONTENT}/{folders.DOCUMENTS}/ke-hoach-{number.replace('/', '-').lower()}-{today.year}.md":
            document,
        f"{folders.CONTENT}/{folders.ARTICLES}/ra-mat-ban-tin.md": article,
        f"{folders.CONTENT}/gioi-thieu.md": about,
    }


def resolve_level(name: str | None, level: str | None) -> str:
    """The level asked for, else the one the organisation's name speaks of, else a province's."""
    return level or (levels.level_of(name) if name and clean(name) else "tinh")


def scaffold(name: str | None, province: str | None, ci: str, base_url: str, today: datetime.date,
             level: str | None = None, requirement: str = "") -> dict[str, str]:
    """Every file of a new bulletin, path -> text (.gitignore lines handled by `write_site`). `level`: tinh,
    xa or huyen (read from the name when not given); `requirement`: what the CI file installs."""
    province, name = clean(province or ""), clean(name or "")
    level = resolve_level(name, level)
    name = name or levels.default_name(level, province)
    files = {folders.SITE_CONFIG: site_yaml(name, province, base_url),
             **example_files(name, province, today, level)}
    if ci in CI_FILES:
        path, template = CI_FILES[ci]
        files[path] = template(requirement)
    return files


def existing(folder: Path, files: dict[str, str]) -> list[str]:
    return [rel for rel in files if (folder / rel).exists()]


def write_site(folder: Path, files: dict[str, str]) -> list[str]:
    """Write the files (the caller has checked that none exists) and add sitegen's folders to .gitignore.
    Returns what was written, in order."""
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    ignore = folder / ".gitignore"
    lines = ignore.read_text(encoding="utf-8").splitlines() if ignore.is_file() else []
    missing = [entry for entry in IGNORED if entry not in lines and entry.rstrip("/") not in lines]
    if missing:
        prefix = "" if not lines or lines[-1] == "" else "\n"
        header = "# sitegen: thư mục dựng trang và bộ nhớ đệm\n"
        with ignore.open("a", encoding="utf-8") as f:
            f.write(prefix + header + "".join(entry + "\n" for entry in missing))
    return [*files, ".gitignore"]


def notes(files: dict[str, str], source: provenance.Provenance, province: str, level: str) -> list[str]:
    """What init tells the editor beyond the files: which sitegen the CI file installs, the one line to change
    when that cannot be the sitegen running here, and a province that no longer exists under that name."""
    msg, out = catalog.MSG, []
    ci = next(((path, files[path]) for path, _ in CI_FILES.values() if path in files), None)
    if ci is not None:
        path, text = ci
        line, written = ci_templates.package_line(text)
        where = {"file": path, "line": line, "text": written}
        unset = source.repository is None and not source.exact
        if source.exact and not provenance.local_only(source):
            out.append(msg["init_ci_exact"].format(requirement=source.requirement))
        elif provenance.local_only(source):
            out.append(msg["init_ci_local"].format(origin=source.origin))
            out.append(msg["init_ci_local_fix"].format(**where, release=source.release))
        else:
            key = {"editable": "init_ci_checkout", "folder": "init_ci_checkout", "archive": "init_ci_file",
                   "index": "init_ci_release"}.get(source.kind, "init_ci_unknown")
            out.append(msg[key].format(origin=source.origin, version=source.version))
            out.append(msg["init_ci_unset" if unset else "init_ci_change"].format(
                **where, placeholder=source.address))
    if level != "huyen" and province and (now := levels.province_now(province)):
        out.append(msg["init_province_merged"].format(old=province, new=now))
    return out
