"""Body structure of imported text: headings, nested lists, footnotes, page-break joins."""

import re
import textwrap

from sitegen.commands.importer.body import build_body
from sitegen.commands.importer.text import Fixes


def body(text: str, fixes: Fixes | None = None) -> str:
    return build_body(textwrap.dedent(text).strip("\n").split("\n"), fixes or Fixes()).markdown


def test_roman_sections_and_numbered_titles():
    md = body("""
        I. MỤC ĐÍCH, YÊU CẦU

        1. Mục đích

        Nâng cao nhận thức.

        2. Yêu cầu

        Các cấp ủy thực hiện.

        II. NỘI DUNG

        1. Tổ chức học tập

        - Ban Tuyên giáo tham mưu.
        """)
    assert md == textwrap.dedent("""\
        ## I. MỤC ĐÍCH, YÊU CẦU

        ### 1. Mục đích

        Nâng cao nhận thức.

        ### 2. Yêu cầu

        Các cấp ủy thực hiện.

        ## II. NỘI DUNG

        ### 1. Tổ chức học tập

        - Ban Tuyên giáo tham mưu.
        """)


def test_numbered_titles_without_roman_sections_are_level_two():
    md = body("""
        1. Tăng cường sự lãnh đạo

        - Các cấp ủy thực hiện.

        2. Đổi mới công tác

        - Tiếp tục triển khai.
        """)
    assert md.startswith("## 1. Tăng cường sự lãnh đạo\n\n- Các cấp ủy thực hiện.\n\n## 2. Đổi mới")


def test_numbered_sentences_stay_an_ordered_list_with_nested_dashes():
    md = body("""
        III. TỔ CHỨC THỰC HIỆN

        1. Các cơ quan, đơn vị: xây dựng kế hoạch cụ thể.

        2. Đài Truyền thanh: tuyên truyền.

        3. Phòng Văn hóa và Thông tin

        - Tổ chức các hoạt động văn hóa;

        - Tăng cường quản lý.

        4. Phòng Nội vụ: theo dõi, đôn đốc.
        """)
    assert md == textwrap.dedent("""\
        ## III. TỔ CHỨC THỰC HIỆN

        1. Các cơ quan, đơn vị: xây dựng kế hoạch cụ thể.
        2. Đài Truyền thanh: tuyên truyền.
        3. Phòng Văn hóa và Thông tin
           - Tổ chức các hoạt động văn hóa;
           - Tăng cường quản lý.
        4. Phòng Nội vụ: theo dõi, đôn đốc.
        """)


LETTERED = """
    a) Về tuyên truyền:

    - Đối với thông tin cơ sở:

    + Các cấp ủy quán triệt.

    + Ủy ban nhân dân huyện chỉ đạo.

    - Đối với tuyên truyền trực quan.

    b) Về báo chí.
    """


def test_lettered_items_stay_lettered_with_their_dash_and_plus_items_under_them():
    md = body(LETTERED)
    assert md == textwrap.dedent("""\
        a) Về tuyên truyền:

        - Đối với thông tin cơ sở:
          - Các cấp ủy quán triệt.
          - Ủy ban nhân dân huyện chỉ đạo.
        - Đối với tuyên truyền trực quan.

        b) Về báo chí.
        """)


def test_lettered_items_render_with_one_marker_and_dashes_as_dashes():
    """On the page, "a)" is not preceded by a bullet; the "-" items under "b)" are first-level items (the
    theme marks those "-") and only the "+" items are nested (marked "+")."""
    from sitegen.pipeline.parse import make_parser

    html = make_parser().render(body(LETTERED))
    assert "<p>a) Về tuyên truyền:</p>" in html and "<p>b) Về báo chí.</p>" in html
    assert "<li>a)" not in html and "<li>b)" not in html
    tree = re.sub(r"\s+", "", re.sub(r">[^<]+<", "><", html))
    assert tree == ("<p></p><ul><li><ul><li></li><li></li></ul></li><li></li></ul><p></p>")


def test_lettered_items_inside_a_numbered_item_stay_inside_it():
    md = body("""
        1. Các cấp ủy thực hiện tốt các nội dung sau đây, bảo đảm đúng tiến độ đề ra;
        a) Quán triệt nghị quyết.
        - Tổ chức hội nghị.
        b) Kiểm tra, giám sát.
        2. Các cơ quan báo chí tuyên truyền rộng rãi.
        """)
    assert "   a) Quán triệt nghị quyết." in md and "   - Tổ chức hội nghị." in md
    assert "\n\n   b) Kiểm tra, giám sát." in md


def test_paragraph_between_items_continues_the_item():
    md = body("""
        - Trung tâm Chính trị huyện tham mưu.

        Tham mưu kiện toàn Trung tâm.

        - Phòng Giáo dục phối hợp.

        Trên đây là kế hoạch.
        """)
    assert md == textwrap.dedent("""\
        - Trung tâm Chính trị huyện tham mưu.

          Tham mưu kiện toàn Trung tâm.

        - Phòng Giáo dục phối hợp.

        Trên đây là kế hoạch.
        """)


def test_page_break_splits_are_joined():
    fixes = Fixes()
    md = body("""
        - Chỉ đạo đưa nhiệm vụ vào quy chế hoạt động của các chi bộ, đảng bộ, cơ quan, đơn vị;

        coi đây là nhiệm vụ quan trọng.

        - Tiếp tục quán triệt các Chỉ thị, Nghị quyết, Quy định của

        Đảng, nhất là các Nghị quyết Trung ương 4.

        Một đoạn kết thúc.

        Đoạn sau viết hoa.
        """, fixes)
    assert md == textwrap.dedent("""\
        - Chỉ đạo đưa nhiệm vụ vào quy chế hoạt động của các chi bộ, đảng bộ, cơ quan, đơn vị; coi đây là nhiệm vụ quan trọng.
        - Tiếp tục quán triệt các Chỉ thị, Nghị quyết, Quy định của Đảng, nhất là các Nghị quyết Trung ương 4.

        Một đoạn kết thúc.

        Đoạn sau viết hoa.
        """)  # noqa: E501 - test content, one paragraph per line as editors write it
    assert fixes.counts["fix_joined"] == 2


def test_headings_are_never_joined_with_the_next_paragraph():
    md = body("""
        1. Mục đích

        Nhằm nâng cao nhận thức.
        """)
    assert md == "## 1. Mục đích\n\nNhằm nâng cao nhận thức.\n"


def test_superscript_footnote_moves_to_the_end_and_the_split_paragraph_joins():
    md = body("""
        - Sơ tổng kết theo hướng dẫn của cấp trên¹.

        - Chỉ thị số 23-CT/TW về nâng cao hiệu quả học tập,

        ¹ Tổng kết 10 năm thực hiện Nghị quyết số 37-NQ/TW.

        ngiên cứu, vận dụng chủ nghĩa Mác - Lênin.
        """)
    assert md == textwrap.dedent("""\
        - Sơ tổng kết theo hướng dẫn của cấp trên[^1].
        - Chỉ thị số 23-CT/TW về nâng cao hiệu quả học tập, ngiên cứu, vận dụng chủ nghĩa Mác - Lênin.

        [^1]: Tổng kết 10 năm thực hiện Nghị quyết số 37-NQ/TW.
        """)


def test_bracket_footnotes_only_when_cited():
    md = body("""
        Theo Nghị quyết[1] và Kết luận[2].

        [1] Nghị quyết số 04-NQ/TU.

        [2] Kết luận số 01-KL/TW.

        [3] không được dẫn nên là một đoạn văn.
        """)
    assert "Theo Nghị quyết[^1] và Kết luận[^2]." in md
    assert md.endswith("[^1]: Nghị quyết số 04-NQ/TU.\n\n[^2]: Kết luận số 01-KL/TW.\n")
    assert "[3] không được dẫn" in md


def test_lone_asterisk_lines_are_thematic_breaks():
    assert body("Đoạn một.\n\n*\n\nĐoạn hai.") == "Đoạn một.\n\n***\n\nĐoạn hai.\n"


def test_markdown_headings_from_word_keep_their_level_when_unnumbered():
    assert body("## Mục đích\n\nNội dung.") == "## Mục đích\n\nNội dung.\n"
    assert body("### **1. Mục đích**\n\nNội dung.") == "## 1. Mục đích\n\nNội dung.\n"


def test_markdown_input_keeps_nested_dashes_and_tables():
    md = body("""
        - Một
          - Một một
        - Hai

        | cột | giá trị |
        |---|---|
        | a | 1 |
        """)
    assert md == "- Một\n  - Một một\n- Hai\n\n| cột | giá trị |\n|---|---|\n| a | 1 |\n"
