"""A news article exported from a web page: title, lead image caption, body, author line.

A page export ends with the site's furniture ("Có thể bạn quan tâm", "Phản hồi", "Các tin khác"…); all of it
is dropped from the first such line on.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from sitegen.base.vi import PartialDate, collapse_spaces, unify_tones

from .text import is_rule, plain

# Headings a news site prints after an article (compared in lower case, tones unified, no final colon).
WEB_TAIL = frozenset(unify_tones(s) for s in (
    "có thể bạn quan tâm", "phản hồi", "thông tin người gửi phản hồi", "gửi phản hồi", "các tin khác",
    "tin khác", "mới nhất", "tin mới nhất", "liên kết website", "xem nhiều nhất", "đọc nhiều nhất",
    "tin đọc nhiều", "tin liên quan", "bài viết liên quan", "tin cùng chuyên mục", "bình luận",
    "ý kiến bạn đọc", "chia sẻ", "in bài viết", "gửi bài viết", "tin tức khác",
))
_FINAL_RE = re.compile(r"[.!?…:;]$")
_CAPTION_RE = re.compile(r"^\(?\s*(?:ảnh|ảnh minh họa|ảnh minh hoạ)\s*:", re.IGNORECASE)
_AUTHOR_PREFIX_RE = re.compile(r"^(?:tác giả|bài và ảnh|bài, ảnh|bài)\s*:\s*", re.IGNORECASE)
_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?!\d)")


@dataclass
class Article:
    title: str | None = None
    caption: str | None = None
    author: str | None = None
    date: PartialDate | None = None
    date_raw: str | None = None
    body: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # web page furniture removed from the end


def is_web_tail(line: str) -> bool:
    return unify_tones(collapse_spaces(plain(line)).lower().rstrip(" :")) in WEB_TAIL


def parse_article(lines: list[str]) -> Article:
    art = Article()
    content = [i for i, line in enumerate(lines) if line.strip()]
    if not content:
        return art
    cut = next((i for i in content[1:] if is_web_tail(lines[i])), len(lines))
    art.dropped = [plain(x) for x in lines[cut:] if x.strip()]
    kept = [i for i in content if i < cut]
    art.title = collapse_spaces(plain(lines[kept[0]]))
    rest = kept[1:]
    if rest and _is_date_line(lines[rest[0]]):
        art.date, art.date_raw = _date(lines[rest.pop(0)])
    if len(rest) > 1 and _is_caption(plain(lines[rest[0]])):
        art.caption = collapse_spaces(plain(lines[rest.pop(0)]))
    while rest and is_rule(plain(lines[rest[-1]])):
        rest.pop()
    if len(rest) > 1 and _is_author(plain(lines[rest[-1]])):
        art.author = _AUTHOR_PREFIX_RE.sub("", collapse_spaces(plain(lines[rest.pop()])))
    if art.date is None and rest and _is_date_line(lines[rest[-1]]):
        art.date, art.date_raw = _date(lines[rest.pop()])
    keep = set(rest)
    art.body = [line if i in keep else "" for i, line in enumerate(lines[:cut]) if i > kept[0]]
    return art


def _is_caption(text: str) -> bool:
    """The line under the title with no sentence end (or "Ảnh: …") is the caption of the lead image."""
    return bool(_CAPTION_RE.match(text)) or (not _FINAL_RE.search(text) and 20 <= len(text) <= 300)


def _is_author(text: str) -> bool:
    """A short last line of capitalized words: "Giao Tuyến", "Tác giả: Minh Anh", "Hồng Nhung - Quang Huy"."""
    text = _AUTHOR_PREFIX_RE.sub("", text)
    words = [w for w in text.replace("-", " ").replace(",", " ").split() if w]
    return 1 <= len(words) <= 8 and len(text) <= 60 and not _FINAL_RE.search(text) \
        and all(w[0].isupper() or not w[0].isalpha() for w in words) and not any(c.isdigit() for c in text)


def _is_date_line(line: str) -> bool:
    text = plain(line)
    return len(text) <= 60 and _DATE_RE.search(text) is not None and _date(line)[0] is not None


def _date(line: str) -> tuple[PartialDate | None, str]:
    text = plain(line)
    m = _DATE_RE.search(text)
    if not m:
        return None, text
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        datetime.date(year, month, day)
    except ValueError:
        return None, text
    return PartialDate(year, month, day), text
