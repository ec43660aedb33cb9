"""`sitegen new`: a new content file with every field to fill in, as a draft (`draft: true`), as Hugo's
archetypes do: `serve` shows it marked as a draft, `build` leaves it out until the line is removed.

A document's type comes from the title's leading words ("Báo cáo kết quả …" is a báo cáo titled "Kết quả
…") or `--type`; its file is named after its page ("ke-hoach-45-kh-hu-2026.md"), or, before it has a number
(the number is then blank, "-KH/HU", as on a draft's header), "<loại>-chua-co-so-<năm>-<đầu tiêu đề>.md",
which `check` asks to rename once the number is filled in.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sitegen.base import catalog, folders
from sitegen.base.vi import collapse_spaces, nfc, same_words_key, slugify
from sitegen.cite.symbols import parse_symbol
from sitegen.commands import levels
from sitegen.pipeline.assemble import PROVISIONAL, document_slug
from sitegen.pipeline.config import SiteConfig, TypeInfo, load_config

NAME_WORDS = 50  # at most this many characters of a title in a file name, cut between words
# Words a cut name should not end on ("…-cua-ban-tuyen-giao-va"): của, và, về, các…
_DANGLING = frozenset({"cua", "va", "ve", "cac", "nhung", "voi", "cho", "trong", "tai", "theo", "de", "la",
                       "o", "tu", "den", "nam", "so", "ngay", "thang", "quy"})
_EDITION_NAME = re.compile(r"^(\d{4})-so-(\d{1,3})$")


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(text, ensure_ascii=False)


def clean(text: str) -> str:
    return nfc(collapse_spaces(text))


def short_slug(text: str, limit: int = NAME_WORDS) -> str:
    """The slug of `text` cut between words, never inside one."""
    words = slugify(text).split("-")
    kept: list[str] = []
    for word in words:
        if kept and len("-".join([*kept, word])) > limit:
            while len(kept) > 1 and kept[-1] in _DANGLING:
                kept.pop()
            break
        kept.append(word)
    return "-".join(kept)


def split_type(title: str, types: Mapping[str, TypeInfo]) -> tuple[str | None, str]:
    """(type key, the title without it) when the title starts with a type's name: "Báo cáo kết quả quý I"
    -> ("bao-cao", "Kết quả quý I"). The longest name wins ("Thông tư liên tịch" over "Thông tư")."""
    title = clean(title)
    key = same_words_key(title)
    for name, info in sorted(types.items(), key=lambda item: -len(item[1].label)):
        label = same_words_key(info.label)
        if key == label or key.startswith(label + " ") or key.startswith(label + ":"):
            rest = title[len(info.label):].lstrip(" :.-–").strip()
            return name, rest[:1].upper() + rest[1:]
    return None, title


def blank_number(type_code: str, issuer: str, level: str) -> str:
    """The number of a document before it has one, as a draft's header prints it: "-KH/HU", "/KH-UBND"."""
    if not type_code or not issuer:
        return ""
    code = levels.issuer_code(issuer, level)
    return f"/{type_code}-{code}" if levels.is_state(issuer) else f"-{type_code}/{code}"


@dataclass(frozen=True)
class NewDocument:
    type: str
    label: str  # the type's name, "Kế hoạch"
    title: str  # without the type's name
    number: str
    issuer: str
    level: str
    date: datetime.date

    def file_name(self) -> str:
        symbol = parse_symbol(self.number)
        if symbol is not None and symbol.number:
            return document_slug(self.label, self.number, self.date.year) + ".md"
        words = short_slug(self.title, NAME_WORDS - 10)
        return f"{slugify(self.label)}{PROVISIONAL}{self.date.year}-{words}".rstrip("-") + ".md"

    def text(self) -> str:
        on_behalf, position = levels.signer(self.issuer, self.level) if self.issuer else ("", "")
        return f"""---
# Văn bản mới. Hướng dẫn từng trường: README của sitegen, mục "Viết một văn bản"
draft: true                   # bản nháp: chưa đăng. Xóa dòng này khi văn bản đã sẵn sàng để đăng.
title: {_q(self.title)}     # trích yếu (không ghi tên loại văn bản)
type: {self.type}                # loại văn bản: {self.label}
number: {_q(self.number)}          # số ký hiệu: khi có số, ghi số trước dấu gạch, ví dụ "45-KH/HU"
issuer: {_q(self.issuer)}                    # cơ quan ban hành
date: {self.date.isoformat()}              # ngày ban hành (YYYY-MM-DD)
signer:
  on_behalf: {_q(on_behalf)}       # thẩm quyền: "T/M Ban Thường vụ", "KT. Chủ tịch"… (có thể để trống)
  position: {_q(position)}         # chức vụ người ký
  name: ""                      # họ tên người ký
recipients:
  - "Như trên"
  - "Lưu: VP"
tags: []
summary: ""
---

Nội dung văn bản (không chép lại tiêu đề, số, ngày, nơi nhận và chữ ký: chúng nằm ở phần trên).
"""


def new_article(title: str, today: datetime.date) -> str:
    return f"""---
# Tin bài mới. Hướng dẫn từng trường: README của sitegen, mục "Viết một tin bài"
draft: true                   # bản nháp: chưa đăng. Xóa dòng này khi bài đã sẵn sàng để đăng.
title: {_q(clean(title))}
date: {today.isoformat()}
author: ""
summary: ""
# image: "/images/ten-anh.jpg"      # ảnh đặt trong thư mục static/images/
# image_caption: ""
tags: []
---

Nội dung bài viết.
"""


def article_name(title: str) -> str:
    return (short_slug(title) or "bai-moi") + ".md"


def next_edition(names: Iterable[str], year: int) -> int:
    """The number after the highest "<year>-so-NN" among the edition files' names (without .md)."""
    numbers = [int(m.group(2)) for name in names
               if (m := _EDITION_NAME.match(name)) and int(m.group(1)) == year]
    return max(numbers, default=0) + 1


def edition_name(number: int, year: int) -> str:
    return f"{year}-so-{number:02d}.md"


def new_edition(number: int, today: datetime.date, title: str = "") -> str:
    theme = f"title: {_q(clean(title))}" if title.strip() else '# title: ""'
    return f"""---
# Số bản tin mới. Hướng dẫn: README của sitegen, mục "Số bản tin và bản in"
draft: true                   # bản nháp: chưa phát hành. Xóa dòng này khi phát hành số này.
number: {number}                     # Số {number:02d}
month: {today.month}                      # tháng của số (hoặc quarter: 1 đến 4, không ghi cả hai)
date: {today.isoformat()}              # ngày phát hành
{theme}                # chủ đề số này (không bắt buộc)
items: []                     # văn bản, tin bài của số, theo thứ tự đọc. Thay [] bằng các dòng như:
#   - ../van-ban/ke-hoach-45-kh-hu-{today.year}.md
#   - ../tin-bai/hoi-nghi-bao-cao-vien.md
---

Lời giới thiệu của số (không bắt buộc).
"""


class NewRefused(Exception):
    """Why no file was written (a usage error: exit 2), in the editor's words."""


def plan(site_dir: Path, kind: str, title: str, type_key: str | None, number: str,
         today: datetime.date) -> tuple[Path, str]:
    """The path and text of the new file of `kind` (van-ban, tin-bai, ban-tin); raises NewRefused."""
    msg, title = catalog.MSG, clean(title)
    if not title and kind != folders.EDITIONS:
        raise NewRefused(msg["new_no_title"].format(kind=kind))
    cfg, problems = load_config(site_dir)
    if cfg is None:
        detail = "; ".join(p.message for p in problems)
        raise NewRefused(msg["new_no_config"].format(site=site_dir) + f" ({detail})")
    folder = site_dir / folders.CONTENT / kind
    if kind == folders.DOCUMENTS:
        name, text = _document(cfg, title, type_key, number.strip(), today)
    elif kind == folders.ARTICLES:
        name, text = article_name(title), new_article(title, today)
    else:
        if number and not number.strip().isdigit():
            raise NewRefused(msg["new_bad_edition"].format(number=number))
        taken = [p.stem for p in folder.glob("*.md")] if folder.is_dir() else []
        seq = int(number) if number.strip() else next_edition(taken, today.year)
        name, text = edition_name(seq, today.year), new_edition(seq, today, title)
    if (folder / name).exists():
        raise NewRefused(msg["new_exists"].format(path=folder / name))
    return folder / name, text


def _document(cfg: SiteConfig, title: str, type_key: str | None, number: str,
              today: datetime.date) -> tuple[str, str]:
    known = ", ".join(cfg.types)
    if type_key is not None and type_key not in cfg.types:
        raise NewRefused(catalog.MSG["new_bad_type"].format(type=type_key, known=known))
    found, rest = split_type(title, cfg.types)
    key = type_key or found
    if key is None:
        raise NewRefused(catalog.MSG["new_no_type"].format(known=known))
    level = levels.level_of(cfg.organisation)
    info = cfg.types[key]
    number = number or blank_number(info.code, cfg.organisation, level)
    document = NewDocument(key, info.label, rest if key == found else title, number, cfg.organisation, level,
                           today)
    return document.file_name(), document.text()
