"""Word input: a .docx made here with python-docx from a seed's text — header and signature in tables, real
heading styles, bulleted list styles, bold and italic runs, a real footnote — imports to exactly what the
seed's text export imports to. Also Word's automatic numbering, and broken files."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from conftest import REPO
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from sitegen.commands.importer import convert
from sitegen.commands.importer.docx import DocxError, docx_to_text
from sitegen.pipeline.config import load_config

SEEDS = next((p for p in (REPO.parent / "shared" / "seeds", Path("/work/shared/seeds")) if p.is_dir()), None)
needs_seeds = pytest.mark.skipif(SEEDS is None, reason="shared/seeds/ is not beside the repository")
TYPES = dict(load_config(REPO)[0].types)  # type: ignore[union-attr]
SEED = "004_2f731f111e68ef86.txt"
_FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def add_runs(paragraph, text: str, bold: bool = False) -> None:
    """Markdown-ish "*italic*" and "**bold**" spans of the seed text -> formatted Word runs."""
    for piece in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not piece:
            continue
        if piece.startswith("**"):
            paragraph.add_run(piece[2:-2]).bold = True
        elif piece.startswith("*"):
            run = paragraph.add_run(piece[1:-1])
            run.italic = True
            run.bold = bold or None
        else:
            paragraph.add_run(piece).bold = bold or None


class Footnotes:
    """A footnotes part, which python-docx cannot make itself."""

    def __init__(self, document) -> None:
        self.document = document
        self.notes: list[str] = []

    def cite(self, paragraph, text: str) -> None:
        self.notes.append(text)
        run = paragraph.add_run()
        run.font.superscript = True
        run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{len(self.notes)}"/>'))

    def save(self) -> None:
        notes = "".join(
            f'<w:footnote w:id="{i}"><w:p><w:r><w:rPr><w:vertAlign '
            'w:val="superscript"/></w:rPr><w:footnoteRef/>'
            f'</w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
            for i, text in enumerate(self.notes, 1)
        )
        xml = (f'<w:footnotes {nsdecls("w")}><w:footnote w:type="separator" '
               'w:id="-1"><w:p><w:r><w:separator/>'
               f"</w:r></w:p></w:footnote>{notes}</w:footnotes>").encode()
        part = Part(PackURI("/word/footnotes.xml"), _FOOTNOTES_CT, xml, self.document.part.package)
        self.document.part.relate_to(part, RT.FOOTNOTES)


def docx_from_seed(text: str) -> bytes:
    """A Word file laid out as the original would be: the header as a two-column table, "KẾ HOẠCH" and the
    trích yếu bold, "I."/"1." in heading styles, "-" lines in the List Bullet style, the "¹" note as a real
    footnote, "Nơi nhận" and the signature as a two-column table."""
    lines = [line for line in text.split("\n")]
    paras = [line for line in lines if line.strip()]
    document = docx.Document()
    notes = Footnotes(document)
    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.paragraphs[0].add_run("*")
    add_runs(left.add_paragraph(), "Số 232 - KH/HU")
    right.paragraphs[0].add_run("Tam Đường, ngày 02 tháng 01 năm 2024").italic = True
    start = paras.index("KẾ HOẠCH")
    add_runs(document.add_paragraph(), "KẾ HOẠCH", bold=True)
    add_runs(document.add_paragraph(), paras[start + 1], bold=True)
    end = paras.index("Nơi nhận:")
    footnote = next(p for p in paras if p.startswith("¹ "))
    for line in paras[start + 2 : end]:
        if line == footnote:
            continue
        if re.match(r"^[IVX]+\. ", line):
            document.add_paragraph(line, style="Heading 1")
        elif re.match(r"^\d+\. ", line):
            document.add_paragraph(line, style="Heading 2")
        else:
            paragraph = document.add_paragraph(style="List Bullet" if line.startswith("- ") else None)
            before, _, after = line.removeprefix("- ").partition("¹")
            add_runs(paragraph, before)
            if "¹" in line:
                notes.cite(paragraph, footnote[2:])
                add_runs(paragraph, after)
    closing = document.add_table(rows=1, cols=2)
    left, right = closing.rows[0].cells
    left.paragraphs[0].add_run("Nơi nhận:").bold = True
    for item in paras[end + 1 :]:
        if item.startswith("- "):
            left.add_paragraph(item)
    signature = right.paragraphs[0]
    signature.add_run("T/M BAN THƯỜNG VỤ").bold = True
    signature.add_run().add_break()
    signature.add_run("PHÓ BÍ THƯ").bold = True
    right.add_paragraph("(Đã ký)").runs[0].italic = True
    right.add_paragraph().add_run("Cao Trang Trọng").bold = True
    notes.save()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@needs_seeds
def test_word_file_imports_to_the_same_result_as_the_text_export():
    text = (SEEDS / SEED).read_text(encoding="utf-8")
    data = docx_from_seed(text)
    assert len(data) < 50_000
    from_docx = convert("ke-hoach.docx", data, TYPES)
    from_text = convert(SEED, text.encode(), TYPES)
    assert from_docx.error is None
    assert from_docx.text == from_text.text
    assert from_docx.stem == from_text.stem == "ke-hoach-232-kh-hu-2024"
    assert "[^1]: Tổng kết 10 năm" in from_docx.text


@needs_seeds
def test_word_reader_output_shows_headings_bold_italic_and_notes():
    raw = docx_to_text(docx_from_seed((SEEDS / SEED).read_text(encoding="utf-8")))
    assert "\n## I. MỤC ĐÍCH, YÊU CẦU\n" in raw
    assert "\n### 1. Mục đích\n" in raw
    assert "\n**KẾ HOẠCH**\n" in raw
    assert "*Tam Đường, ngày 02 tháng 01 năm 2024*" in raw
    assert "\n- Ban Tuyên giáo Huyện ủy chủ động" in raw
    assert "(*sau khi có văn bản hướng dẫn của cấp trên*)" in raw
    assert "hướng dẫn của cấp trên[^1]." in raw
    assert "**T/M BAN THƯỜNG VỤ**\n**PHÓ BÍ THƯ**" in raw
    assert raw.rstrip().endswith("giáo dục quốc dân”...")


def _numbered_document() -> bytes:
    """Sections numbered by Word itself (the numbers are not in the text): I., 1., a)."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")]
    lvl_xml = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText '
        f'w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    numbering.append(parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{lvl_xml}'
                               '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int, style: str | None = None) -> None:
        paragraph = document.add_paragraph(text, style=style)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].paragraphs[0].add_run("HUYỆN ỦY KIM BẢNG")
    table.rows[0].cells[0].add_paragraph("Số 15-KH/HU")
    table.rows[0].cells[1].paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM")
    table.rows[0].cells[1].add_paragraph("Kim Bảng, ngày 10 tháng 5 năm 2024")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("tuyên truyền kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh")
    numbered("MỤC ĐÍCH, YÊU CẦU", 0, "Heading 1")
    numbered("Mục đích", 1)
    document.add_paragraph("Nâng cao nhận thức.")
    numbered("NỘI DUNG", 0, "Heading 1")
    numbered("Hình thức tuyên truyền", 1)
    numbered("Tuyên truyền trên Đài truyền thanh;", 2)
    numbered("Treo băng rôn, khẩu hiệu.", 2)
    document.add_paragraph("Nguyễn Mạnh Tuấn").style = document.styles["Normal"]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_automatic_numbering_becomes_sections_and_lettered_items():
    imp = convert("kh.docx", _numbered_document(), TYPES)
    body = imp.text.split("\n---\n", 1)[1]
    assert "## I. MỤC ĐÍCH, YÊU CẦU\n\n### 1. Mục đích\n\nNâng cao nhận thức." in body
    assert "## II. NỘI DUNG\n\n### 1. Hình thức tuyên truyền\n\na) Tuyên truyền trên Đài truyền thanh;\n\n" \
           "b) Treo băng rôn, khẩu hiệu." in body  # lettered items keep their own letter, no bullet
    assert "number: \"15-KH/HU\"" in imp.text and "issuer: \"Huyện ủy Kim Bảng\"" in imp.text


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04broken", b"not a zip at all", b"PK\x05\x06" + b"\0" * 18])
def test_broken_word_files_raise_a_docx_error(data):
    with pytest.raises(DocxError):
        docx_to_text(data)
    imp = convert("x.docx", data, TYPES)
    assert imp.error is not None and "docx" in imp.error


def test_a_zip_that_is_not_a_word_file():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("hello.txt", "xin chào")
    imp = convert("x.docx", buffer.getvalue(), TYPES)
    assert imp.error is not None


def test_text_boxes_are_read_once_after_their_anchor_paragraph():
    document = docx.Document()
    anchor = document.add_paragraph("HUYỆN ỦY KIM BẢNG")
    box = (f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
           "<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>"
           "<w:p><w:r><w:t>Số 12-HD/HU</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
           "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Số 12-HD/HU</w:t></w:r></w:p></w:txbxContent>"
           "</w:pict></mc:Fallback></mc:AlternateContent></w:r>")
    anchor._p.append(parse_xml(box))
    buffer = io.BytesIO()
    document.save(buffer)
    text = docx_to_text(buffer.getvalue())
    assert text.count("Số 12-HD/HU") == 1
    assert text.index("HUYỆN ỦY KIM BẢNG") < text.index("Số 12-HD/HU")
    assert "KIM BẢNGSố" not in text
