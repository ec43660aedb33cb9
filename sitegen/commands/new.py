"""`sitegen new`: the text of a new content file with every field to fill in."""

from __future__ import annotations

import datetime

from sitegen.base.vi import collapse_spaces, nfc


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_document(title: str, today: datetime.date) -> str:
    return f"""---
# Văn bản. Xóa các dòng tùy chọn không dùng. Hướng dẫn từng trường: README.md
title: {_quote(nfc(collapse_spaces(title)))}     # trích yếu
type: ke-hoach                # loại văn bản: một khóa trong 'types' của site.yaml
number: ""                    # số ký hiệu, ví dụ "01-KH/HU"
issuer: ""                    # cơ quan ban hành, ví dụ "Huyện ủy Kim Bảng"
parent: ""                    # tùy chọn: dòng cơ quan cấp trên, ví dụ "Đảng bộ tỉnh Hà Nam"
place: ""                     # nơi ban hành
date: {today.isoformat()}              # ngày ban hành (YYYY-MM-DD)
signer:
  on_behalf: "T/M Ban Thường vụ"
  position: "Bí thư"
  name: ""
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
# Tin bài. Hướng dẫn từng trường: README.md
title: {_quote(nfc(collapse_spaces(title)))}
date: {today.isoformat()}
author: ""
summary: ""
# image: "/images/ten-anh.jpg"      # ảnh đặt trong thư mục static/images/
# image_caption: ""
tags: []
---

Nội dung bài viết.
"""
