"""`sitegen init`: a new bulletin repository in one command.

site.yaml with the organisation's name and scope (its province), three example files that pass
`sitegen check --strict` (a document, an article citing it, an about page), a .gitignore for what sitegen
writes, and the CI file (the same text as examples/ci/, kept in ci_templates.py so an installed sitegen has
it). Nothing is overwritten: if any file it would write exists, init writes nothing.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from sitegen.base.vi import collapse_spaces, nfc
from sitegen.commands import ci_templates

CI_FILES = {"github": (".github/workflows/ban-tin.yml", ci_templates.GITHUB_PAGES),
            "gitlab": (".gitlab-ci.yml", ci_templates.GITLAB_CI)}
IGNORED = ("output/", "output-noi-bo/", ".sitegen-cache/", "_site/", "public/")
DEFAULT_NAME = "Ban Tuyên giáo Tỉnh ủy"

TYPES = """\
types:
  nghi-quyet: { label: "Nghị quyết", code: "NQ" }
  chi-thi: { label: "Chỉ thị", code: "CT" }
  ket-luan: { label: "Kết luận", code: "KL" }
  quy-dinh: { label: "Quy định", code: "QĐ" }
  quyet-dinh: { label: "Quyết định", code: "QĐ" }
  quy-che: { label: "Quy chế", code: "QC" }
  huong-dan: { label: "Hướng dẫn", code: "HD" }
  ke-hoach: { label: "Kế hoạch", code: "KH" }
  chuong-trinh: { label: "Chương trình", code: "CTr" }
  de-an: { label: "Đề án", code: "ĐA" }
  thong-bao: { label: "Thông báo", code: "TB" }
  thong-cao: { label: "Thông cáo", code: "TC" }
  thong-tri: { label: "Thông tri", code: "TT" }
  bao-cao: { label: "Báo cáo", code: "BC" }
  to-trinh: { label: "Tờ trình", code: "TTr" }
  cong-van: { label: "Công văn", code: "CV" }
  cong-dien: { label: "Công điện", code: "CĐ" }
  nghi-dinh: { label: "Nghị định", code: "NĐ" }
  thong-tu: { label: "Thông tư", code: "TT" }
  thong-tu-lien-tich: { label: "Thông tư liên tịch", code: "TTLT" }
  luat: { label: "Luật", code: "" }
  phap-lenh: { label: "Pháp lệnh", code: "" }
"""


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(text, ensure_ascii=False)


def clean(text: str) -> str:
    return nfc(collapse_spaces(text)).strip()


def _is_state(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in ("ủy ban", "ubnd", "sở ", "phòng ", "hội đồng nhân dân"))


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


def example_files(name: str, province: str, today: datetime.date) -> dict[str, str]:
    number = "01/KH-UBND" if _is_state(name) else "01-KH/BTGTU"
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
signer:
  position: "Trưởng ban"
  name: "Nguyễn Văn A"
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
        f"content/van-ban/ke-hoach-{number.replace('/', '-').lower()}-{today.year}.md": document,
        "content/tin-bai/ra-mat-ban-tin.md": article,
        "content/gioi-thieu.md": about,
    }


def scaffold(name: str | None, province: str | None, ci: str, base_url: str,
             today: datetime.date) -> dict[str, str]:
    """Every file of a new bulletin, path -> text (.gitignore lines handled by `write_site`)."""
    province = clean(province or "")
    name = clean(name or "") or (f"{DEFAULT_NAME} {province}" if province else DEFAULT_NAME)
    files = {"site.yaml": site_yaml(name, province, base_url), **example_files(name, province, today)}
    if ci in CI_FILES:
        path, text = CI_FILES[ci]
        files[path] = text
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
