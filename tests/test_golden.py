"""Golden pages: the full HTML of a document page and an article page of a fixed fixture site.

A template or model change that alters these pages shows up here as a diff to review. After checking the
new output is right, refresh with: SITEGEN_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from conftest import SITE_YAML, make_site

from sitegen.build import build

GOLDEN = Path(__file__).parent / "golden"

DOCUMENT = """---
title: "Triển khai, thực hiện Nghị quyết số 04-NQ/TU của Ban Thường vụ Tỉnh ủy"
type: huong-dan
number: "12-HD/HU"
issuer: "Huyện ủy Kim Bảng"
parent: "Đảng bộ tỉnh Hà Nam"
place: "Kim Bảng"
date: 2022-03-08
signer:
  on_behalf: "T/M Ban Thường vụ"
  position: "Phó Bí thư"
  name: "Nguyễn Mạnh Tuấn"
recipients: ["Ban Tuyên giáo Tỉnh ủy (báo cáo)", "Lưu: VPHU"]
tags: ["Công tác tư tưởng"]
summary: "Hướng dẫn triển khai Nghị quyết 04-NQ/TU."
---
Thực hiện Nghị quyết số 04 - NQ/TU, ngày 6/03/2021 của Ban Thường vụ Tỉnh ủy “về tăng cường sự lãnh đạo của Đảng
đối với công tác tư tưởng trong tình hình mới”; Ban Thường vụ Huyện ủy hướng dẫn như sau:

## 1. Tăng cường sự lãnh đạo của cấp ủy đảng

- Các cấp ủy đảng tiếp tục chỉ đạo thực hiện tốt công tác tư tưởng[^1].
  - Bí thư cấp ủy: định kỳ tháng 12 xây dựng kế hoạch.

[^1]: Theo Quy định số 114-QĐ/TW ngày 11/7/2023 của Ban Chấp hành Trung ương.
"""  # noqa: E501 - test content, one paragraph per line as editors write it

ARTICLE = """---
title: "Hà Nam: Nỗ lực hoàn thành nhiệm vụ công tác tuyên giáo"
date: 2022-05-08
author: "Giao Tuyến"
summary: "Kết quả công tác tuyên giáo bốn tháng đầu năm."
tags: ["Công tác tư tưởng", "Tuyên giáo"]
---
Ban Tuyên giáo Tỉnh ủy đã tham mưu triển khai Hướng dẫn số 12-HD/HU, ngày 08/3/2022 của Ban Thường vụ Huyện ủy.
"""  # noqa: E501 - test content, one paragraph per line as editors write it

PAGES = {
    "document.html": "van-ban/huong-dan-12-hd-hu-2022/index.html",
    "stub.html": "van-ban/nghi-quyet-04-nq-tu-2021-ha-nam/index.html",
    "article.html": "tin-bai/tin/index.html",
}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    yaml = SITE_YAML + 'province: "Hà Nam"\n'
    site = make_site(tmp_path_factory.mktemp("golden") / "site",
                     {"content/van-ban/hd.md": DOCUMENT, "content/tin-bai/tin.md": ARTICLE}, site_yaml=yaml)
    result = build(site)
    assert not result.failed(), [d.format() for d in result.diagnostics]
    return site / "output"


@pytest.mark.parametrize("golden, path", PAGES.items())
def test_page_matches_its_golden_file(out: Path, golden: str, path: str):
    actual = (out / path).read_text(encoding="utf-8")
    expected_file = GOLDEN / golden
    if os.environ.get("SITEGEN_UPDATE_GOLDEN") == "1" or not expected_file.exists():
        expected_file.write_text(actual, encoding="utf-8")
        if os.environ.get("SITEGEN_UPDATE_GOLDEN") != "1":
            pytest.fail(f"golden file {expected_file.name} was missing and has been written: review and "
                        "commit it")
    expected = expected_file.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), golden, path,
                                        n=2))
    assert actual == expected, diff[:6000]
