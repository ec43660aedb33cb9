"""site.yaml: the bulletin's settings, validated like content (closed schema, Vietnamese errors)."""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path as FsPath
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from sitegen.base import catalog, folders, validation, yamldoc
from sitegen.base.confine import Refusal, inside
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.vi import nfc
from sitegen.cite.aliases import BAD_TARGET, parse_target

CONFIG_FILE = folders.SITE_CONFIG


class TypeInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str = Field(min_length=1, title="tên loại")
    code: str = Field("", title="mã viết tắt")


def _alias_target(value: str) -> str:
    if parse_target(value) is None:
        raise PydanticCustomError("bad_symbol", BAD_TARGET, {"value": value})
    return value


AliasTarget = Annotated[str, AfterValidator(_alias_target)]


class SiteConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str = Field(min_length=1, title="tên bản tin")
    subtitle: str = Field("", title="dòng phụ")
    base_url: str = Field(title="địa chỉ trang", pattern=r"^https?://[^\s]+$")
    organisation: str = Field("", title="cơ quan chủ quản")
    province: str = Field("", title="tỉnh, thành phố",
                          description="Địa phương của bản tin: 'Tỉnh ủy', 'UBND tỉnh' trong bài viết chỉ về "
                                      "đây.")
    language: str = Field("vi", title="ngôn ngữ")
    default_audience: Literal["public", "internal"] = Field(
        "public", title="phạm vi mặc định", description="Phạm vi của tệp không ghi 'audience'."
    )
    per_page: int = Field(20, ge=1, le=500, title="số mục mỗi trang")
    home_latest: int = Field(8, ge=1, le=100, title="số mục mới trên trang chủ")
    feed_size: int = Field(30, ge=1, le=1000, title="số mục trong Atom feed")
    print_size: Literal["A4", "A5"] = Field("A4", title="khổ giấy bản in",
                                            description="Khổ giấy của 'sitegen print': A4 hoặc A5.")
    types: dict[str, TypeInfo] = Field(title="loại văn bản")
    aliases: dict[str, AliasTarget] = Field(
        {}, title="tên gọi văn bản",
        description='Tên gọi không kèm số -> "SỐ KÝ HIỆU [NGÀY]": "Nghị quyết Trung ương 4 (khóa XII)": '
                    '"04-NQ/TW 2016-10-30".',
    )
    extra: dict[str, object] = Field({}, title="dữ liệu thêm")

    def audience_of(self, declared: str | None) -> str:
        return declared or self.default_audience

    @cached_property
    def base_path(self) -> str:
        """Path prefix of the published site ("/" or "/bantin/"), for root-relative links."""
        path = urlsplit(self.base_url).path.rstrip("/")
        return path + "/"

    @cached_property
    def origin(self) -> str:
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"


def refused_link(site: FsPath, rel: str, why: Refusal = "outside") -> Diagnostic:
    """The error for a link (`rel`, from the site folder) that sitegen will not follow (confine.refusal)."""
    try:
        target = os.readlink(site / rel)
    except OSError:  # a folder, not a link: one sitegen built, inside static/ or templates/
        target = rel
    key = "link_outside_site" if why == "outside" else "link_into_sources"
    return Diagnostic("error", f"link-{why}", rel, 0, catalog.MSG[key].format(path=rel, target=target))


def parse_config(text: str, file: str = CONFIG_FILE) -> tuple[SiteConfig | None, list[Diagnostic]]:
    try:
        data, lines = yamldoc.load(nfc(text))
    except yamldoc.YamlError as exc:
        return None, [Diagnostic("error", exc.code, file, exc.line, exc.message)]
    if not isinstance(data, dict):
        return None, [Diagnostic("error", "config-not-mapping", file, 1, catalog.MSG["not_mapping"])]
    try:
        return SiteConfig.model_validate(data), []
    except ValidationError as exc:
        return None, [validation.translate_error(e, SiteConfig, lines, file, 0)
                      for e in exc.errors(include_url=False)]


def load_config(site: FsPath) -> tuple[SiteConfig | None, list[Diagnostic]]:
    path = site / CONFIG_FILE
    if not inside(site, path):
        return None, [refused_link(site, CONFIG_FILE)]
    if not path.is_file():
        return None, [Diagnostic("error", "config-missing", CONFIG_FILE, 0,
                                 catalog.MSG["config_missing"].format(site=site))]
    return parse_config(path.read_text(encoding="utf-8"))
