"""The front-matter schema: one closed model per kind of content, exported as JSON Schema.

Validation errors become Vietnamese diagnostics naming the file, the line of the field and what was
expected. The type vocabulary comes from site.yaml through the validation context.
"""

from __future__ import annotations

import datetime
import difflib
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

from sitegen.base import catalog, folders, validation
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.vi import PartialDate
from sitegen.base.yamldoc import Path

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VN = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")


def parse_date(value: Any) -> PartialDate:
    """YYYY-MM-DD, DD/MM/YYYY, or a year alone (documents whose day and month were left blank)."""
    if isinstance(value, PartialDate):
        return value
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    if text is None:
        raise PydanticCustomError("date_format", catalog.MSG["date_format"], {"value": value})
    if m := _YEAR.match(text):
        return PartialDate(int(m[1]))
    if m := _ISO.match(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _VN.match(text):
        year, month, day = int(m[3]), int(m[2]), int(m[1])
    else:
        raise PydanticCustomError("date_format", catalog.MSG["date_format"], {"value": text})
    try:
        datetime.date(year, month, day)
    except ValueError:
        raise PydanticCustomError("date_invalid", catalog.MSG["date_invalid"], {"value": text}) from None
    return PartialDate(year, month, day)


DateField = Annotated[
    PartialDate,
    PlainValidator(parse_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}-\d{1,2}-\d{1,2}$"},
                {"type": "string", "pattern": r"^\d{1,2}/\d{1,2}/\d{4}$"},
                {"type": "integer", "minimum": 1900, "maximum": 2200},
            ]
        }
    ),
]
Text = Annotated[str, Field(min_length=1)]


_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _slug_field(title: str, description: str) -> Any:
    """An optional name of unmarked lower-case letters, digits and hyphens: a slug, an edition's file name."""
    return Field(None, title=title, pattern=_SLUG, description=description)


_EDITION_HELP = "Số bản tin đăng bài này: tên tệp trong content/ban-tin/ (không có .md), ví dụ 2020-so-03."


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Signer(_Closed):
    on_behalf: str | None = Field(None, title="thẩm quyền ký",
                                  description='"T/M Ban Thường vụ", "KT. Chủ tịch"…')
    position: Text = Field(title="chức vụ người ký", description='"Phó Bí thư", "Phó Chủ tịch"…')
    name: Text = Field(title="họ tên người ký")


class Relation(_Closed):
    type: Literal["thuc-hien", "huong-dan", "can-cu", "thay-the", "sua-doi", "bai-bo"] = Field(
        title="quan hệ", description="thuc-hien, huong-dan, can-cu, thay-the, sua-doi, bai-bo"
    )
    number: Text = Field(title="số ký hiệu văn bản liên quan")
    date: DateField | None = Field(None, title="ngày ban hành văn bản liên quan")
    issuer: str | None = Field(None, title="cơ quan ban hành văn bản liên quan")

    @field_validator("number")
    @classmethod
    def _symbol(cls, value: str) -> str:
        from sitegen.cite.symbols import parse_symbol

        if parse_symbol(value) is None:
            raise PydanticCustomError("bad_symbol", catalog.MSG["relation_symbol"], {"value": value})
        return value


class _Common(_Closed):
    title: Text = Field(title="tiêu đề / trích yếu")
    summary: str | None = Field(None, title="tóm tắt")
    tags: tuple[Text, ...] = Field((), title="chủ đề", description="Danh sách chủ đề (nhãn tự do).")
    slug: str | None = _slug_field("đường dẫn", "Chỉ chữ thường không dấu, số, gạch nối.")
    draft: bool = Field(False, title="bản nháp", description="true: không đưa lên trang.")
    audience: Literal["public", "internal"] | None = Field(
        None, title="phạm vi phát hành",
        description="public: công khai; internal: lưu hành nội bộ (không bao giờ có trong bản công khai). "
        "Mặc định theo 'default_audience' của site.yaml.",
    )
    extra: dict[str, Any] = Field({}, title="dữ liệu thêm", description="Dữ liệu tự do cho mẫu trang riêng.")


class DocumentMeta(_Common):
    """Văn bản: an official document."""

    type: Text = Field(title="loại văn bản",
                       description="Khóa trong `types` của site.yaml, ví dụ nghi-quyet.")
    number: Text = Field(title="số ký hiệu",
                         description='"12-HD/HU", "289/KH-UBND", "09/2017/NĐ-CP", "/KH-UBND" khi chưa có số.')
    issuer: Text = Field(title="cơ quan ban hành")
    parent: str | None = Field(None, title="cơ quan cấp trên",
                               description='Dòng trên tên cơ quan: "Đảng bộ tỉnh Hà Nam".')
    place: str | None = Field(None, title="nơi ban hành")
    province: str | None = Field(
        None, title="tỉnh, thành phố",
        description="Địa phương của cơ quan ban hành, khi 'parent'/'issuer' không ghi tên tỉnh: "
                    "'Bình Phước'.",
    )
    date: DateField = Field(title="ngày ban hành",
                            description="YYYY-MM-DD, DD/MM/YYYY, hoặc chỉ năm khi chưa ghi ngày.")
    signer: Signer | None = Field(None, title="người ký")
    recipients: tuple[Text, ...] = Field((), title="nơi nhận")
    relations: tuple[Relation, ...] = Field(
        (), title="quan hệ văn bản", description="Văn bản này thực hiện, hướng dẫn, thay thế, sửa đổi… văn "
                                                 "bản nào."
    )
    aliases: tuple[Text, ...] = Field(
        (), title="tên gọi khác",
        description='Tên dùng để nhắc tới văn bản này khi không ghi số, ví dụ "Nghị quyết Trung ương 4 khóa '
                    'XII".',
    )
    edition: str | None = _slug_field("số bản tin", _EDITION_HELP)

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str, info: ValidationInfo) -> str:
        types = (info.context or {}).get("types")
        if types is not None and value not in types:
            close = difflib.get_close_matches(value, list(types), n=1)
            raise PydanticCustomError(
                "unknown_type",
                catalog.MSG["unknown_type"],
                {"value": value, "hint": catalog.MSG["did_you_mean"].format(value=close[0]) if close
                 else ", ".join(types)},
            )
        return value


class ArticleMeta(_Common):
    """Tin bài: a news article."""

    date: DateField = Field(title="ngày đăng")
    author: str | None = Field(None, title="tác giả")
    province: str | None = Field(
        None, title="tỉnh, thành phố", description="Địa phương bài viết nói đến, khi khác 'province' của "
                                                   "site.yaml."
    )
    image: str | None = Field(None, title="ảnh đại diện",
                              description="Đường dẫn ảnh trong static/, ví dụ /images/a.jpg.")
    image_caption: str | None = Field(None, title="chú thích ảnh")
    edition: str | None = _slug_field("số bản tin", _EDITION_HELP)


class PageMeta(_Common):
    """Trang: a plain page such as "Giới thiệu"."""


class BoardMember(_Closed):
    role: Text = Field(title="chức danh", description='"Chịu trách nhiệm xuất bản", "Biên tập", "Trình bày"…')
    name: Text = Field(title="họ tên")


class EditionMeta(_Closed):
    """Bản tin: one numbered issue, listing its documents and articles in reading order."""

    number: int = Field(ge=1, le=999, title="số", description="Số thứ tự trong năm: 3 cho 'Số 03'.")
    year: int | None = Field(None, ge=1900, le=2200, title="năm", description="Mặc định là năm của 'date'.")
    quarter: int | None = Field(None, ge=1, le=4, title="quý", description="1 đến 4; ghi 'quarter' hoặc "
                                                                           "'month', không ghi cả hai.")
    month: int | None = Field(None, ge=1, le=12, title="tháng")
    date: DateField = Field(title="ngày phát hành", description="YYYY-MM-DD hoặc DD/MM/YYYY.")
    title: str | None = Field(None, title="chủ đề số này", description='Dòng chủ đề, ví dụ "Chào mừng Đại '
                                                                       'hội Đảng bộ tỉnh".')
    summary: str | None = Field(None, title="tóm tắt")
    board: tuple[BoardMember, ...] = Field((), title="ban biên tập", description="Danh sách {role, name}.")
    cover: str | None = Field(None, title="ảnh bìa",
                              description="Đường dẫn ảnh trong static/, ví dụ /images/bia-so-03.jpg.")
    cover_caption: str | None = Field(None, title="chú thích ảnh bìa")
    colophon: str | None = Field(None, title="dòng xuất bản", description="Giấy phép, số lượng in, nơi in.")
    items: tuple[Text, ...] = Field(
        (), title="mục lục",
        description="Văn bản, tin bài theo thứ tự đăng: đường dẫn tệp (../van-ban/a.md hoặc tin-bai/b.md) "
                    "hoặc đường dẫn trang (/tin-bai/b/).",
    )
    slug: str | None = _slug_field("đường dẫn", "Mặc định là tên tệp: /ban-tin/2020-so-03/.")
    draft: bool = Field(False, title="bản nháp", description="true: không đưa lên trang.")
    audience: Literal["public", "internal"] | None = Field(
        None, title="phạm vi phát hành", description="public: công khai; internal: lưu hành nội bộ (mỗi "
                                                     "trang in ghi 'Lưu hành nội bộ')."
    )
    extra: dict[str, Any] = Field({}, title="dữ liệu thêm", description="Dữ liệu tự do cho mẫu trang riêng.")

    @field_validator("month")
    @classmethod
    def _one_period(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is not None and info.data.get("quarter") is not None:
            raise PydanticCustomError("edition_period", catalog.MSG["edition_period"], {})
        return value


Meta = DocumentMeta | ArticleMeta | PageMeta | EditionMeta
MODELS: dict[str, type[Meta]] = {
    folders.DOCUMENTS: DocumentMeta, folders.ARTICLES: ArticleMeta, folders.PAGES: PageMeta,
    folders.EDITIONS: EditionMeta,
}

# Keys sitegen computes; an editor setting one is told so instead of "unknown field".
RESERVED = frozenset({"url", "id", "kind", "cited_by", "citations", "permalink", "content", "body"})


def validate(kind: str, data: Any, lines: dict[Path, int], file: str, line_offset: int,
             context: dict[str, Any]) -> tuple[Meta | None, list[Diagnostic]]:
    """Validate front-matter data; YAML line numbers are shifted by `line_offset` to file lines."""
    model = MODELS[kind]
    if not isinstance(data, dict):
        return None, [Diagnostic("error", "frontmatter-not-mapping", file, line_offset + 1,
                                 catalog.MSG["not_mapping"])]
    diagnostics = [
        Diagnostic("error", "reserved-field", file, line_offset + lines.get((key,), 1),
                   catalog.MSG["reserved"].format(field=key), field=key)
        for key in data
        if key in RESERVED
    ]
    data = {k: v for k, v in data.items() if k not in RESERVED}
    try:
        meta = model.model_validate(data, context=context)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            diagnostics.append(validation.translate_error(error, model, lines, file, line_offset))
        return None, diagnostics
    return (meta if not diagnostics else None), diagnostics


def json_schema(types: dict[str, Any]) -> dict[str, Any]:
    """One JSON Schema for every content file (editors' autocomplete), with this site's type vocabulary."""
    variants = []
    for kind, model in MODELS.items():
        schema = model.model_json_schema()
        if "type" in schema.get("properties", {}) and model is DocumentMeta:
            schema["properties"]["type"]["enum"] = list(types)
        schema["title"] = {folders.DOCUMENTS: "Văn bản", folders.ARTICLES: "Tin bài", folders.PAGES: "Trang",
                           folders.EDITIONS: "Số bản tin"}[kind]
        variants.append(schema)
    defs: dict[str, Any] = {}
    for schema in variants:
        defs.update(schema.pop("$defs", {}))
    out: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "sitegen front-matter",
        "description": "content/van-ban/*.md: Văn bản; content/tin-bai/*.md: Tin bài; content/ban-tin/*.md: "
                       "Số bản tin; "
        "content/*.md: Trang.",
        "anyOf": variants,
    }
    if defs:
        out["$defs"] = defs
    return out
