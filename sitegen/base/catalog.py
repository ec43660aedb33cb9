"""Every Vietnamese string sitegen shows: site UI labels and editor-facing messages, in one place."""

from __future__ import annotations

# Site UI, available in templates as `ui`.
UI: dict[str, str] = {
    "home": "Trang chủ",
    "documents": "Văn bản",
    "articles": "Tin bài",
    "all_documents": "Tất cả văn bản",
    "all_articles": "Tất cả tin bài",
    "latest_documents": "Văn bản mới",
    "latest_articles": "Tin bài mới",
    "see_all": "Xem tất cả",
    "by_type": "Loại văn bản",
    "by_issuer": "Cơ quan ban hành",
    "by_year": "Năm",
    "by_tag": "Chủ đề",
    "number": "Số",
    "number_label": "Số ký hiệu",
    "type": "Loại",
    "issuer": "Cơ quan ban hành",
    "date": "Ngày ban hành",
    "published": "Ngày đăng",
    "signer": "Người ký",
    "recipients": "Nơi nhận",
    "author": "Tác giả",
    "tags": "Chủ đề",
    "summary": "Tóm tắt",
    "page": "Trang",
    # A list's pages are numbered from the oldest (render/paging.py): the pager says newer / older.
    "newer_page": "Mới hơn",
    "older_page": "Cũ hơn",
    "newest_page": "Mới nhất",
    "oldest_page": "Cũ nhất",
    "pagination": "Phân trang",
    "item_unit": "mục",
    "documents_count": "văn bản",
    "skip_to_content": "Chuyển đến nội dung chính",
    "menu": "Danh mục",
    "feed": "Tin mới (Atom)",
    "not_found_title": "Không tìm thấy trang",
    "not_found_text": "Trang bạn tìm không có hoặc đã được chuyển đi. Mời quay về trang chủ hoặc xem danh "
                      "mục văn bản.",
    "back_home": "Về trang chủ",
    "print": "In trang này",
    "empty_list": "Chưa có nội dung.",
    "party_motto": "ĐẢNG CỘNG SẢN VIỆT NAM",
    "state_motto": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "state_motto_sub": "Độc lập - Tự do - Hạnh phúc",
    "generated_by": "Trang tạo bởi sitegen",
    "document_details": "Thông tin văn bản",
    "no_number": "(chưa có số)",
    "image": "Ảnh",
    "document": "Văn bản",
    "document_numbered": "{type} số {number}",  # a page's description when it has no summary
    "issued_by": "của {issuer}",
    "internal_banner": "Lưu hành nội bộ",
    "internal_badge": "Nội bộ",
    "search_stale": "Chỉ mục tìm kiếm đang được cập nhật theo những thay đổi mới nhất; kết quả có thể chưa "
                    "có trang vừa sửa.",
    "draft_label": "Bản nháp",
    "draft_banner": "({source}) Trang này chỉ hiện khi xem trước bằng sitegen serve; sitegen build không đưa "
                    "nó lên bản tin. Khi sẵn sàng đăng, xóa dòng 'draft: true' trong tệp.",
    "live_warnings_title": "Cảnh báo ({count})",
    "live_warnings_text": "trang vẫn được dựng; sửa tệp để trích dẫn được nối đúng (sitegen check --strict "
                          "coi cảnh báo là lỗi).",
    "live_error_title": "Nội dung có lỗi — trang chưa được cập nhật",
    "live_error_text": "Trình duyệt đang hiện bản dựng thành công gần nhất. Sửa các lỗi dưới đây rồi lưu "
                       "tệp: trang sẽ tự tải lại.",
    "stub_short": "chưa có toàn văn",
    "stub_group": "Văn bản được dẫn, chưa đăng toàn văn",
    "stub_group_link": "Xem các văn bản được dẫn",
    "full_group": "Văn bản đăng toàn văn",
    "full_text_count": "toàn văn",
    "cited_count": "được dẫn",
    "cited_only_count": "văn bản được dẫn",
    "stub_notice": "Toàn văn văn bản này chưa có trong bản tin. Trang này tổng hợp những gì các văn bản, bài "
                   "viết khác cho biết về nó.",
    # How a page says a relation between documents (front-matter `relations`, the verbs before citations).
    "rel_thuc-hien": "thực hiện", "rel_huong-dan": "hướng dẫn", "rel_can-cu": "căn cứ",
    "rel_thay-the": "thay thế", "rel_sua-doi": "sửa đổi, bổ sung", "rel_bai-bo": "bãi bỏ",
    "stub_unknown_date": "chưa rõ ngày ban hành",
    "cited_issuer": "Cơ quan ban hành (theo trích dẫn)",
    "cites": "Văn bản được dẫn",
    "cited_by": "Văn bản, bài viết dẫn văn bản này",
    "relations": "Quan hệ văn bản",
    "graph": "Sơ đồ trích dẫn",
    "graph_note": "bên trái: văn bản, bài viết dẫn văn bản này; bên phải: văn bản được văn bản này dẫn",
    "graph_more": "Sơ đồ chỉ vẽ 10 văn bản mỗi bên; danh sách đầy đủ ở trên.",
    "cites_none": "Văn bản này không dẫn văn bản nào.",
    "relation_prefix": "Quan hệ",
    "search": "Tìm kiếm",
    "search_label": "Từ khóa hoặc số ký hiệu",
    "search_placeholder": "Tìm văn bản, số ký hiệu…",
    "search_button": "Tìm",
    "search_intro": "Gõ có dấu hay không dấu đều được, hoặc gõ số ký hiệu văn bản như 04-NQ/TU, 289/KH-UBND.",
    "search_filters": "Lọc và sắp xếp",
    "search_any": "Tất cả",
    "search_sort": "Sắp xếp",
    "search_sort_relevance": "Phù hợp nhất",
    "search_sort_newest": "Mới nhất trước",
    "search_sort_oldest": "Cũ nhất trước",
    "search_results": "Kết quả tìm kiếm",
    "search_loading": "Đang tìm…",
    "search_count": "Tìm thấy {n} kết quả.",
    "search_none": "Không tìm thấy kết quả nào. Hãy thử bỏ bớt từ, gõ không dấu, hoặc bỏ bộ lọc.",
    "search_prompt": "Nhập từ khóa, hoặc chọn một bộ lọc để xem danh sách.",
    "search_more": "Xem thêm kết quả",
    "search_failed": "Chưa tải được chỉ mục tìm kiếm. Hãy thử tải lại trang.",
    "search_noscript": "Ô tìm kiếm cần JavaScript. Bạn vẫn có thể tra cứu văn bản theo loại, cơ quan ban "
                       "hành và năm ở trang chủ.",
    "search_page_kind": "Trang",
    "editions": "Các số bản tin",
    "edition_name": "Số {number:02d} năm {year}",
    "edition_quarter": "Quý {quarter} năm {year}",
    "edition_month": "Tháng {month} năm {year}",
    "edition_year": "Năm {year}",
    "edition_released": "Phát hành",
    "edition_toc": "Mục lục",
    "edition_prev": "Số trước",
    "edition_next": "Số sau",
    "edition_nav": "Các số khác",
    "edition_board": "Ban biên tập",
    "edition_count": "bài",
    "edition_back": "Đăng trong",
    "edition_read": "Đọc số này",
    "breadcrumbs": "Vị trí trang",
    "doc_toc": "Mục lục văn bản",
    "status_by_thay-the": "Văn bản này đã được thay thế bởi",
    "status_by_sua-doi": "Văn bản này đã được sửa đổi, bổ sung bởi",
    "status_by_bai-bo": "Văn bản này đã bị bãi bỏ bởi",
    "status_thay-the": "Đã được thay thế",
    "status_sua-doi": "Đã được sửa đổi, bổ sung",
    "status_bai-bo": "Đã bị bãi bỏ",
    "status_khong": "Chưa ghi nhận thay thế, sửa đổi, bãi bỏ",
    "by_status": "Tình trạng",
}

# Editor-facing messages. Placeholders: {field} the key, {label} its Vietnamese name.
RELATION_LABELS = {key[4:]: label for key, label in UI.items() if key.startswith("rel_")}

MSG: dict[str, str] = {
    "did_you_mean": "ý bạn là '{value}'?",
    "valid_fields": "các trường hợp lệ: {fields}",
    "only_accepts": "chỉ nhận: {expected}",
    "field_problem": "trường '{field}' ({label}): {detail}",
    "duplicate_key": "trường '{key}' khai báo hai lần (lần đầu ở dòng {first})",
    "missing": "thiếu trường bắt buộc '{field}' ({label})",
    "unknown_field": "trường '{field}' không có trong lược đồ",
    "reserved": "trường '{field}' do sitegen tự tính, không được khai báo trong tệp",
    "invalid": "trường '{field}' ({label}) không hợp lệ: {detail}",
    "not_mapping": "phần front-matter phải là các cặp 'khóa: giá trị'",
    "date_format": "ngày '{value}' không đúng dạng; cần YYYY-MM-DD (2022-03-08), DD/MM/YYYY (08/03/2022) "
                   "hoặc chỉ năm (2023)",
    "date_invalid": "ngày '{value}' không có thật trên lịch",
    "unknown_type": "loại văn bản '{value}' không có trong danh mục 'types' của site.yaml ({hint})",
    "no_frontmatter": "tệp thiếu phần front-matter; tệp phải mở đầu bằng dòng '---', các trường, rồi dòng "
                      "'---'",
    "unclosed_frontmatter": "phần front-matter mở bằng '---' nhưng không có dòng '---' đóng lại",
    "yaml_syntax": "front-matter sai cú pháp YAML: {problem}",
    "yaml_limit": "front-matter vượt giới hạn: {problem}",
    "yaml_too_many": "có {values} giá trị khi mở hết các bí danh YAML (&tên, *tên), giới hạn {limit}: "
                     "không bản tin nào cần nhiều như vậy; hãy viết thẳng giá trị thay cho bí danh",
    "yaml_too_deep": "các danh sách, nhóm trường lồng nhau {depth} cấp, giới hạn {limit}: hãy viết phẳng hơn",
    "yaml_recursive": "bí danh YAML (*tên) nằm bên trong chính nhóm mà nó gọi tới (&tên): giá trị không có "
                      "điểm dừng; hãy bỏ bí danh đó",
    "changed_while_building": "tệp đã thay đổi trong khi đang dựng trang: hãy dựng lại",
    "not_utf8": "tệp không phải văn bản UTF-8 (từ dòng này): có lẽ được lưu bằng bảng mã cũ (TCVN3, VNI, "
                "Windows-1258 hay Latin-1). Hãy mở bằng trình soạn thảo và lưu lại với mã hóa UTF-8, hoặc "
                "chuyển mã bằng Unikey",
    "reserved_url": "đường dẫn '{url}' thuộc mục do sitegen tự tạo; hãy đổi tên tệp hoặc đặt 'slug' khác",
    "cite_ambiguous": "trích dẫn '{surface}' ứng với {count} văn bản khác nhau; hãy ghi thêm năm ban hành "
                      "ngay sau số ký hiệu (\"năm 2026\" hoặc \"(2026)\"), ngày, hoặc cơ quan ban hành",
    "cite_failure": "lỗi của sitegen khi tìm trích dẫn trong đoạn này ({detail}); bản tin chưa được dựng. "
                    "Hãy báo lỗi kèm tệp này",
    "cite_unresolved": "trích dẫn '{surface}' chỉ ghi số, không ghi ký hiệu, và không ứng với văn bản nào "
                       "trong bản tin nên chưa được nối; hãy ghi đủ số ký hiệu (ví dụ 04-NQ/TU), hoặc năm "
                       "và cơ quan ban hành (\"… năm 2023 của UBND tỉnh\")",
    "cite_year_conflict": "trích dẫn '{surface}': số ký hiệu ghi năm {symbol_year} nhưng ngày ghi năm {year}",
    "cite_type_conflict": "số ký hiệu {symbol} được dẫn với nhiều loại văn bản khác nhau: {types}",
    "cite_type_mismatch": "trích dẫn '{surface}' gọi là {cited} nhưng văn bản trong bản tin là {actual}",
    "nesting_lost": "danh sách hoặc đoạn trích lồng nhau sâu hơn khoảng {levels} cấp: từ dòng này, phần lồng "
                    "sâu hơn không được đưa lên trang; hãy viết phẳng hơn (không văn bản nào cần nhiều cấp "
                    "như vậy)",
    "stub_limit": "tệp dẫn hơn {limit} văn bản không có trong bản tin; từ đây, {more} văn bản được dẫn thêm "
                  "để nguyên chữ, không có trang tóm tắt. Một danh sách số văn bản dài như vậy có phải đã "
                  "dán nhầm không?",
    "duplicate_document": "văn bản {url} trùng số ký hiệu và ngày với {other}",
    "bad_symbol": "trường 'number' (số ký hiệu): '{value}' không đúng dạng số ký hiệu (ví dụ 12-HD/HU, "
                  "289/KH-UBND, 09/2017/NĐ-CP); văn bản sẽ không được nối với các trích dẫn",
    "relation_symbol": "'{value}' không đúng dạng số ký hiệu (ví dụ 04-NQ/TU, 289/KH-UBND, 09/2017/NĐ-CP)",
    "link_outside": "liên kết '{href}' trỏ ra ngoài thư mục content/; chỉ được liên kết tới tệp trong "
                    "content/",
    "link_outside_site": "'{path}' là liên kết tới '{target}', nằm ngoài thư mục bản tin: sitegen không đọc "
                         "tệp ngoài bản tin (tệp đó có thể bị xuất bản). Hãy chép tệp cần dùng vào bản tin "
                         "thay cho liên kết",
    "link_into_sources": "'{path}' dẫn tới '{target}': tệp nguồn trong content/, thư mục ẩn hoặc thư mục "
                         "xuất do sitegen dựng. Tệp tĩnh được chép nguyên lên trang, nên sẽ xuất bản cả tệp "
                         "nguồn (kể cả tệp nội bộ); hãy liên kết tới đúng thư mục ảnh, tệp cần dùng",
    "image_missing": "ảnh '{src}' không có trong static/ của bản tin: trên trang sẽ là ảnh hỏng; hãy đặt tệp "
                     "ảnh vào static/ (ví dụ static/images/a.jpg, ghi /images/a.jpg) hoặc sửa đường dẫn",
    "image_outside": "ảnh '{src}' trỏ ra ngoài bản tin; chỉ dùng được ảnh đặt trong static/ (ghi "
                     "/images/a.jpg)",
    "link_missing": "liên kết '{href}' tới tệp {target} không có (hoặc là bản nháp)",
    "too_large": "tệp quá lớn ({size:.1f} MB, giới hạn {limit:.0f} MB): có thể đã dán nhầm dữ liệu; hãy tách "
                 "hoặc rút gọn",
    "empty_file": "tệp rỗng; tệp phải mở đầu bằng phần front-matter giữa hai dòng '---'",
    "url_conflict": "trùng đường dẫn '{url}' với tệp {other}",
    "config_missing": "không tìm thấy site.yaml trong thư mục {site}",
    "template_error": "lỗi mẫu trang {template}: {detail}",
    "output_not_ours": "thư mục xuất '{path}' đã có nội dung không do sitegen tạo; sitegen không xóa nó. Hãy "
                       "chọn thư mục khác (--out) hoặc tự xóa",
    "output_not_writable": "không thay được thư mục xuất {out}: tài khoản {user} không có quyền ghi vào "
                           "{path}. Chưa ghi gì, thư mục xuất giữ nguyên. Hãy cấp quyền (ví dụ chown -R "
                           "{user} {path}), xóa thư mục đó, hoặc chọn thư mục khác (--out)",
    "output_other_edition": "thư mục xuất {out} đang chứa bản {found}; sitegen không ghi bản {expected} đè "
                            "lên nó. Hãy chọn thư mục khác (--out) hoặc tự xóa thư mục đó",
    "output_leftover": "không xóa được thư mục cũ {path} mà một lần dựng trước để lại (có tệp của tài khoản "
                       "khác); nó không cản các lần dựng sau. Hãy tự xóa nó, có thể cần quyền quản trị",
    "output_kept": "Thư mục xuất giữ nguyên như lần dựng trước.",
    "cache_not_saved": "không dùng được bộ nhớ đệm .sitegen-cache/ ({reason}); trang vẫn được dựng đủ, "
                       "nhưng lần dựng sau phải làm lại nhiều hơn",
    "texts_not_spilled": "không ghi được các văn bản đã dựng ra tệp tạm ({reason}); chúng ở lại trong bộ "
                         "nhớ: trang vẫn như thế, nhưng lần dựng tốn bộ nhớ hơn",
    "cache_unreadable": "không đọc được bộ nhớ đệm .sitegen-cache/ ({reason}); lần dựng này làm lại mọi "
                        "trang từ đầu và ghi bộ nhớ đệm mới",
    "cache_damaged": "tệp {path} bị hỏng ({detail})",
    "cache_not_kept": "không ghi được kết quả kiểm tra vào bộ nhớ đệm ({reason}); lần kiểm tra sau sẽ đọc "
                      "lại mọi trang",
    "lock_wait_output": "thư mục xuất {path} đang được một lần dựng khác ghi (tiến trình {pid}); đang chờ "
                        "lần dựng đó xong rồi dựng tiếp…",
    "lock_wait_cache": "bộ nhớ đệm {path} đang được một lần dựng khác dùng (tiến trình {pid}); đang chờ…",
    # Operating system errors (base/oserrors.py): the path, what went wrong, what to do.
    "os_no_space": "ổ đĩa đã đầy khi ghi {path}: hãy giải phóng dung lượng (xóa tệp không cần, bản dựng cũ) "
                   "rồi chạy lại",
    "os_permission": "tài khoản {user} không có quyền với {path}: hãy cấp quyền (chown, chmod) cho tài khoản "
                     "này, chạy bằng tài khoản sở hữu thư mục, hoặc chọn thư mục khác (--out)",
    "os_read_only": "{path} nằm trên ổ hoặc phân vùng chỉ đọc: hãy chọn thư mục ghi được (--out)",
    "os_too_big": "tệp {path} vượt giới hạn kích thước tệp của hệ thống (ulimit -f): hãy nới giới hạn rồi "
                  "chạy lại",
    "os_gone": "không tìm thấy {path}: có thể một chương trình khác vừa xóa hoặc đổi tên nó; hãy kiểm tra "
               "rồi chạy lại",
    "os_busy": "{path} đang bị một chương trình khác dùng hoặc vừa bị thay đổi cùng lúc: hãy chờ chương "
               "trình đó xong rồi chạy lại",
    "os_name_too_long": "đường dẫn quá dài: {path}; hãy dùng thư mục có đường dẫn ngắn hơn",
    "os_too_many_files": "hệ thống không cho mở thêm tệp khi đọc {path} (ulimit -n): hãy nới giới hạn rồi "
                         "chạy lại",
    "os_not_dir": "một phần của đường dẫn {path} là tệp, không phải thư mục: hãy kiểm tra đường dẫn",
    "os_is_dir": "{path} là thư mục, không phải tệp: hãy kiểm tra đường dẫn",
    "os_loop": "{path} là một vòng liên kết (liên kết trỏ về chính nó): hãy sửa hoặc xóa liên kết",
    "os_other": "lỗi hệ thống ({code}) khi đọc hoặc ghi {path}: hãy kiểm tra ổ đĩa và quyền rồi chạy lại",
    "build_ok": "Đã dựng {pages} trang vào {out} trong {seconds:.2f} giây.",
    "build_failed": "Dựng trang thất bại: {errors} lỗi. Thư mục {out} giữ nguyên như lần dựng trước.",
    "check_ok": "Kiểm tra xong {files} tệp: không có lỗi, không có cảnh báo.",
    "check_ok_warnings": "Kiểm tra xong {files} tệp: không có lỗi, {warnings} cảnh báo (xem ở trên; với "
                         "--strict, cảnh báo cũng là lỗi).",
    "check_failed": "Kiểm tra {files} tệp: {errors} lỗi, {warnings} cảnh báo.",
    "serve_url_too_long": "Địa chỉ quá dài: không trang nào của bản tin có địa chỉ như vậy.",
    "serve_bad_url": "Địa chỉ có ký tự không hợp lệ.",
    "serving": "Đang phục vụ {out} tại {url} (Ctrl+C để dừng).",
    "watching": "Đang theo dõi content/, templates/, static/ và site.yaml: lưu tệp là trang tự cập nhật.",
    "rebuilt": "Đã dựng lại: {rendered} trang thay đổi, {seconds:.2f} giây.",
    "view_hint": "Xem trang: mở {path} bằng trình duyệt, hoặc chạy 'make serve' rồi mở {url}",
    "new_written": "Đã tạo {path} (bản nháp). Mở tệp, điền các trường, xem trước bằng 'sitegen serve'; khi "
                   "sẵn sàng đăng, xóa dòng 'draft: true' rồi chạy 'sitegen check'.",
    # sitegen import: the per-file report and the comments written into imported files.
    "import_written": "{source} → {path} ({kind})",
    "import_kind_document": "văn bản",
    "import_kind_article": "tin bài",
    "import_found": "Tìm thấy:",
    "import_not_found": "Không tìm thấy:",
    "import_missing": "{label}: không tìm thấy — đã để trống, cần điền trước khi dựng trang",
    "import_absent": "{label}: không tìm thấy (không bắt buộc)",
    "import_fixed": "Đã sửa:",
    "import_check": "Cần kiểm tra:",
    "import_invalid": "Tệp chưa hợp lệ ({count} lỗi; 'sitegen check' sẽ báo như sau):",
    "import_invalid_line": "dòng {line}: {message}",
    "import_failed": "{source}: không nhập được: {detail}",
    "import_exists": "tệp {path} đã có; sitegen không ghi đè (thêm --force để ghi đè)",
    "import_internal": "{source}: lỗi của sitegen khi nhập tệp này ({detail}); các tệp khác vẫn được nhập. "
                       "Hãy báo lỗi kèm tệp",
    "import_write_error": "không ghi được tệp {path}: {detail}",
    "import_unsupported": "{source}: chỉ nhập được tệp .txt, .md và .docx",
    "import_no_config": "cảnh báo: không đọc được site.yaml ({detail}); loại văn bản chưa được đối chiếu với "
                        "danh mục 'types'",
    "import_summary": "Đã nhập {written}/{total} tệp; {todo} tệp cần điền hoặc sửa trước khi dựng trang (xem "
                      "'Không tìm thấy' và 'Tệp chưa hợp lệ' ở trên).",
    "import_summary_ok": "Đã nhập {written}/{total} tệp. Hãy đọc lại từng tệp, thêm 'summary' và 'tags', rồi "
                         "chạy 'sitegen check'.",
    "import_not_utf8": "tệp không phải văn bản UTF-8 (từ dòng {line}): có lẽ được lưu bằng bảng mã cũ "
                       "(TCVN3, VNI, Windows-1258 hay Latin-1); hãy mở bằng trình soạn thảo và lưu lại với "
                       "mã hóa UTF-8, hoặc chuyển mã bằng Unikey",
    "import_bad_docx": "tệp Word hỏng hoặc không phải .docx: {detail}",
    "docx_too_many_parts": "tệp .docx có {parts} phần, giới hạn {limit}: tệp hỏng hoặc độc hại",
    "docx_too_large": "tệp .docx giải nén ra quá lớn ({part}: {size} MB, giới hạn {limit} MB): tệp hỏng hoặc "
                      "độc hại (bom nén), không phải một văn bản thật",
    "docx_no_document": "thiếu phần nội dung chính (word/document.xml): không phải tệp Word, hoặc tệp đã "
                        "hỏng; hãy mở bằng Word và lưu lại thành .docx",
    "import_old_doc": "tệp Word cũ (.doc) chưa đọc được; hãy mở bằng Word và lưu thành .docx rồi nhập lại",
    "import_has_frontmatter": "tệp đã có phần front-matter (đã là tệp nội dung của sitegen); không cần nhập, "
                              "hãy chép thẳng vào content/",
    "import_empty": "tệp không có nội dung",
    "import_legacy_font": "văn bản có vẻ gõ bằng phông cũ (TCVN3/VNI): chữ có dấu bị sai; hãy chuyển mã sang "
                          "Unicode (ví dụ bằng Unikey) rồi nhập lại",
    "import_body_label": "nội dung",
    "import_body_stats": "{headings} đề mục, {items} ý trong danh sách, {notes} chú thích",
    "import_no_body": "không tìm thấy phần nội dung",
    "import_unmatched_notes": "chú thích số {notes} không có chỗ dẫn trong nội dung (hoặc chỗ dẫn không có "
                              "chú thích)",
    "import_type_from_symbol": "loại văn bản '{type}' suy từ mã loại trong số ký hiệu {number} (không có "
                               "dòng tên loại)",
    "import_type_not_in_site": "loại văn bản '{type}' chưa có trong danh mục 'types' của site.yaml",
    "import_year_only": "ngày và tháng để trống (bản dự thảo): chỉ ghi năm {year}",
    "import_year_conflict": "số ký hiệu {number} ghi năm khác với năm ban hành {year}",
    "import_check_case": "các trường {fields} được chuyển từ chữ in hoa: kiểm tra cách viết hoa tên riêng",
    "import_marks": "dòng mức độ mật, khẩn hoặc dự thảo ở đầu văn bản (không đưa vào tệp): {marks}",
    "import_unknown_lines": "dòng ở phần đầu hoặc phần cuối văn bản không nhận ra, không đưa vào tệp: "
                            "{lines}",
    "import_place_variant": "nơi ban hành ghi '{place}' nhưng trong nội dung viết '{other}': kiểm tra chính "
                            "tả",
    "import_place_repaired": "nơi ban hành ghi '{old}', đã sửa thành '{new}' theo danh mục đơn vị hành chính "
                             "({unit}): kiểm tra chính tả",
    "import_inferred": "{label} '{value}': bản gốc không ghi; sitegen suy ra từ {sources}: kiểm tra lại",
    "import_source_code": "mã '{code}' trong số ký hiệu {number}",
    "import_source_level": "câu '{phrase}' trong nội dung",
    "import_source_place": "nơi ban hành '{place}' ({unit} theo danh mục đơn vị hành chính 01/2025)",
    "import_source_narrowed": ", chọn trong {count} tỉnh, thành phố có tên này ({provinces}) vì nội dung "
                              "nhắc tới",
    "import_place_ambiguous": "nơi ban hành '{place}' trùng tên nhiều đơn vị hành chính (ở {provinces}) và "
                              "nội dung không cho biết là nơi nào: không suy ra {fields}",
    "import_place_unknown": "nơi ban hành '{place}' không có trong danh mục đơn vị hành chính cấp huyện "
                            "(01/2025): không suy ra {fields}",
    "import_level_unclear": "số ký hiệu {number} mang mã '{code}' nhưng nội dung không cho biết cấp nào "
                            "(huyện, quận, thị xã, thành phố hay tỉnh) ban hành: không suy ra {fields}",
    "import_place_many": "tên của {count} đơn vị hành chính",
    "import_inferred_value": "{value} (suy ra, xem 'Cần kiểm tra')",
    "import_repaired_value": "{value} (bản gốc ghi '{old}', xem 'Cần kiểm tra')",
    "import_repaired_comment": "bản gốc ghi '{old}', sitegen sửa theo danh mục đơn vị hành chính: kiểm tra "
                               "lại",
    "import_inferred_comment": "sitegen suy ra, bản gốc không ghi: kiểm tra lại",
    "import_blank_number": "số văn bản để trống ({number}): bản dự thảo, chưa có số",
    "import_web_tail": "đã bỏ phần thừa của trang web ở cuối bài: {lines}",
    "import_fill": "KHÔNG TÌM THẤY: điền {hint}",
    "import_hint_title": "trích yếu / tiêu đề",
    "import_hint_type": "loại văn bản (một khóa trong 'types' của site.yaml)",
    "import_hint_number": "số ký hiệu, ví dụ \"12-HD/HU\"",
    "import_hint_issuer": "cơ quan ban hành, ví dụ \"Huyện ủy Kim Bảng\"",
    "import_hint_date": "ngày ban hành YYYY-MM-DD",
    "import_hint_published": "ngày đăng YYYY-MM-DD",
    "import_year_only_comment": "bản gốc để trống ngày và tháng",
    "import_summary_comment": "tóm tắt một, hai câu",
    "import_tags_comment": "chủ đề",
    "import_image_comment": "khi có ảnh: đặt vào static/images/, bỏ dấu # ở hai dòng này và xóa dòng chú "
                            "thích in nghiêng đầu bài",
    "fix_nfc": "chuyển chữ Unicode tổ hợp (NFD) về dạng dựng sẵn (NFC)",
    "fix_nbsp": "thay {n} dấu cách không ngắt (NBSP) bằng dấu cách thường",
    "fix_spaces": "gộp {n} chuỗi nhiều dấu cách liền nhau",
    "fix_invisible": "bỏ {n} ký tự vô hình (dấu cách độ rộng 0, gạch nối mềm)",
    "fix_asterisks": "bỏ dấu * thừa quanh {n} con số (ví dụ 'Số *12**')",
    "fix_joined": "nối {n} đoạn bị ngắt trang hoặc xuống dòng giữa câu",
    "fix_footnotes": "chuyển {n} chú thích cuối trang thành chú thích Markdown",
    "fix_web_tail": "bỏ {n} dòng thừa của trang web ở cuối bài",
    "fix_place": "sửa chính tả {n} địa danh theo danh mục đơn vị hành chính",
    "provisional_name": "tệp {name} được đặt tên tạm khi văn bản chưa có số; nay đã có số {number}, hãy đổi "
                        "tên tệp thành {expected}",
    "new_no_title": "hãy ghi tiêu đề: sitegen new {kind} \"Tiêu đề\"",
    "new_no_config": "không đọc được site.yaml trong {site}: hãy chạy lệnh trong thư mục bản tin (hoặc ghi "
                     "--site THƯ-MỤC)",
    "new_no_type": "không biết loại văn bản: tiêu đề không bắt đầu bằng tên một loại (\"Kế hoạch …\", \"Báo "
                   "cáo …\"). Hãy ghi --type, một trong: {known}",
    "new_bad_type": "không có loại văn bản '{type}' trong 'types' của site.yaml; các loại có: {known}",
    "new_bad_edition": "số bản tin phải là một số (ví dụ --number 3), không phải '{number}'",
    "new_exists": "tệp {path} đã có; sitegen không ghi đè",
    "search_failed": "không lập được chỉ mục tìm kiếm ({detail}); các trang vẫn được dựng nhưng ô tìm kiếm "
                     "sẽ không có kết quả",
    "search_internal": "lỗi của sitegen khi lập chỉ mục tìm kiếm ({detail}); các trang vẫn được dựng nhưng ô "
                       "tìm kiếm chưa có những thay đổi mới. Hãy báo lỗi kèm dòng này",
    "search_not_installed": "chưa cài gói pagefind[bin]; chạy 'make site' (hoặc pip install -e .) để cài",
    "search_kept_old": "không lập được chỉ mục tìm kiếm ({detail}); giữ chỉ mục của lần dựng trước: ô tìm "
                       "kiếm vẫn chạy nhưng chưa có những thay đổi mới",
    "search_dropped_old": "không lập được chỉ mục tìm kiếm ({detail}); phần chỉ mục của lần dựng trước "
                          "không được giữ vì nó còn chứa {count} trang nay đã bị xóa hoặc chuyển sang nội bộ "
                          "({url}): ô tìm kiếm không tìm thấy các trang của phần đó cho tới khi dựng lại. "
                          "Hãy dựng lại khi Pagefind chạy được",
    "search_no_bundle": "Pagefind chạy xong nhưng không tạo ra tệp pagefind.js",
    "progress_load": "Đọc nội dung",
    "progress_parse": "Đọc Markdown, tìm trích dẫn",
    "progress_assemble": "Nối các văn bản",
    "progress_render": "Dựng trang",
    "progress_search": "Lập chỉ mục tìm kiếm",
    "progress_write": "Ghi trang",
    "progress_counted": "{label}: {done}/{total}, {seconds:.1f} giây",
    "progress_running": "{label}: {done}/{total}…",
    "progress_uncounted": "{label}: {seconds:.1f} giây",
    "search_indexed": "Chỉ mục tìm kiếm: {pages} trang, {seconds:.1f} giây.",
    "search_kept": "Chỉ mục tìm kiếm: không trang nào thay đổi, giữ nguyên.",
    "edition_period": "chỉ ghi một trong hai trường 'quarter' (quý) hoặc 'month' (tháng)",
    "edition_item_missing": "mục '{item}' trong 'items' (mục lục): không có tệp {target}",
    "edition_item_outside": "mục '{item}' trong 'items' (mục lục) trỏ ra ngoài thư mục content/",
    "edition_item_page": "mục '{item}' trong 'items' (mục lục) là trang thường; số bản tin chỉ gồm văn bản "
                         "và tin bài",
    "edition_item_draft": "mục '{item}' trong 'items' (mục lục) là bản nháp nên chưa có trong số này",
    "edition_item_twice": "mục '{item}' có hai lần trong 'items' (mục lục); chỉ giữ lần đầu",
    "edition_unknown": "trường 'edition' (số bản tin): không có số bản tin '{value}' trong content/ban-tin/",
    "edition_duplicate": "số {number:02d} năm {year} trùng với {other}",
    "print_unknown": "không có số bản tin '{edition}'; các số hiện có: {known}",
    "print_none": "chưa có số bản tin nào trong content/ban-tin/",
    "print_failed": "In thất bại: {errors} lỗi. Sửa các lỗi trên rồi chạy lại.",
    "print_ok": "Đã in {name} ({pages} trang {size}) vào {out}.",
    "print_unavailable": "không dùng được WeasyPrint để in PDF ({detail}); hãy cài các thư viện hệ thống của "
                         "nó (pango) rồi thử lại",
    "print_write": "không ghi được tệp {out}: {detail}",
    "print_resource": "bản in thiếu tệp {detail}: không có trong static/ của bản tin (ảnh) hoặc trong giao "
                      "diện",
    # CI: report formats, guards before publishing (verify), deploy, init.
    "report_error": "lỗi",
    "report_warning": "cảnh báo",
    "report_strict_warning": "cảnh báo (--strict coi là lỗi): {message}",
    "report_summary_title": "sitegen {command}: {errors} lỗi, {warnings} cảnh báo",
    "report_summary_header": "| tệp | dòng | mức | thông báo |",
    "report_summary_more": "… và {count} mục nữa: xem nhật ký của bước này.",
    "audience_public": "công khai",
    "audience_internal": "nội bộ",
    "guard_broken_link": "liên kết '{href}' trỏ tới trang hoặc tệp không có trong bản dựng",
    "guard_broken_cite": "liên kết trích dẫn '{href}' trỏ tới trang văn bản không có trong bản dựng",
    "guard_outside_base": "liên kết '{href}' nằm ngoài đường dẫn gốc '{base}' của bản tin (theo base_url "
                          "trong site.yaml); trong mẫu trang riêng hãy viết đường dẫn qua bộ lọc url, ví dụ "
                          "{{{{ '/van-ban/'|url }}}}",
    "guard_broken_anchor": "liên kết '{href}': trang đích không có mục '#{anchor}'",
    "guard_from_source": "trang dựng từ {source}",
    "guard_empty_page": "trang {url} không có nội dung (trống hoặc chỉ có tiêu đề)",
    "guard_empty_body": "trang {url} không có nội dung: phần thân của tệp trống; hãy viết nội dung bên dưới "
                        "dòng '---' thứ hai",
    "guard_bad_xml": "tệp không phải XML hợp lệ: {detail}",
    "guard_bad_json": "tệp không phải JSON hợp lệ: {detail}",
    "guard_xml_root": "phần tử gốc là {found}, cần {expected}",
    "guard_static_shadowed": "tệp tĩnh này trùng đường dẫn '{url}' với một trang sitegen tạo ra nên đã bị "
                             "trang đó thay thế; hãy đổi tên hoặc chuyển tệp",
    "guard_internal_page": "trang có dòng 'Lưu hành nội bộ' nằm trong bản công khai; không được xuất bản thư "
                           "mục này",
    "guard_index_unreadable": "chỉ mục tìm kiếm hỏng, không đọc được ({detail}); hãy dựng lại",
    "guard_index_stale": "chỉ mục tìm kiếm còn chứa {count} trang không có trong bản dựng ({urls}): chỉ "
                         "mục cũ vẫn cho tìm thấy nội dung của chúng. Không được xuất bản thư mục này; hãy "
                         "dựng lại",
    "guard_index_internal": "chỉ mục tìm kiếm của bản công khai chứa {count} trang 'Lưu hành nội bộ' "
                            "({urls}); không được xuất bản thư mục này",
    "guard_index_incomplete": "chỉ mục tìm kiếm thiếu {count} trang ({urls}): ô tìm kiếm không tìm thấy "
                              "chúng; hãy dựng lại",
    "verify_ok": "Kiểm tra bản dựng {out} (bản {audience}): {pages} trang, không có lỗi.",
    "verify_failed": "Kiểm tra bản dựng {out}: {errors} lỗi, {warnings} cảnh báo. Chưa được xuất bản thư mục "
                     "này.",
    "verify_wrong_edition": "thư mục {out} là bản {found}, không phải bản {expected}; hãy chọn đúng "
                            "--audience hoặc --out",
    "deploy_no_output": "không có thư mục bản dựng {out}; hãy chạy 'sitegen build' trước",
    "deploy_not_ours": "thư mục {out} không do sitegen dựng (thiếu tệp .sitegen-output); sitegen chỉ xuất "
                       "bản thư mục do nó dựng",
    "deploy_internal_refused": "thư mục {out} là bản NỘI BỘ nên không được đưa lên nơi công khai. Bản nội bộ "
                               "chỉ được đưa lên máy chủ có kiểm soát truy cập, với tùy chọn "
                               "--internal-target",
    "deploy_bad_target": "nơi nhận '{target}' không dùng được: cần một thư mục cụ thể (không phải thư mục "
                         "gốc, thư mục nhà, hay thư mục nằm trong chính bản dựng)",
    "deploy_target_not_ours": "nơi nhận '{target}' đã có nội dung không do sitegen tạo; sitegen không xóa "
                              "nó. Hãy chọn nơi nhận khác hoặc tự dọn thư mục",
    "deploy_no_rsync": "không tìm thấy lệnh rsync; hãy cài rsync (ví dụ apt-get install rsync) để xuất bản "
                       "lên máy chủ",
    "deploy_rsync_failed": "rsync lên {target} thất bại (mã {code}); xem thông báo của rsync ở trên",
    "deploy_ok": "Đã đưa bản {audience} ({files} tệp) từ {out} lên {target}.",
    "deploy_dry_run": "Chạy thử: sẽ đưa bản {audience} ({files} tệp) từ {out} lên {target}; chưa ghi gì.",
    "init_exists": "{folder} đã có {files}; sitegen init không ghi đè tệp nào. Hãy chọn thư mục khác",
    "init_not_folder": "{folder} không phải là thư mục",
    "init_ok": "Đã tạo bản tin \"{title}\" trong {folder}:",
    "init_next": "Tiếp theo: cd {folder} && sitegen check --strict && sitegen build. Trước khi xuất bản, sửa "
                 "base_url trong site.yaml và xóa các tệp minh họa (README của sitegen, mục \"Xuất bản\").",
    "init_ci_exact": "Tệp CI cài đúng bản sitegen đang chạy: {requirement}",
    "init_ci_local": "sitegen này được cài từ {origin}, một địa chỉ chỉ có trên máy này.",
    "init_ci_local_fix": "lưu ý: máy CI không đọc được địa chỉ đó. Trước khi đẩy kho lên GitHub/GitLab, sửa "
                         "dòng {line} của {file} thành địa chỉ kho sitegen mà máy CI đọc được, ví dụ: "
                         "SITEGEN_PACKAGE: \"{release}\"",
    "init_ci_checkout": "sitegen này chạy từ mã nguồn trên máy ({origin}), không phải một bản phát hành: tệp "
                        "CI cài bản phát hành v{version}.",
    "init_ci_file": "sitegen này được cài từ tệp {origin}: tệp CI cài bản phát hành v{version}.",
    "init_ci_release": "Tệp CI cài sitegen {version} (bản phát hành v{version}).",
    "init_ci_unknown": "Không rõ sitegen này được cài từ đâu: tệp CI cài bản phát hành v{version}.",
    "init_ci_change": "lưu ý: nếu máy CI cần bản khác, chỉ sửa dòng {line} của {file}: {text}",
    "init_ci_unset": "lưu ý: chưa có địa chỉ kho mã nguồn của sitegen ({placeholder} chỉ là chỗ trống). "
                     "Trước khi đẩy kho lên GitHub/GitLab, sửa dòng {line} của {file}: {text}",
    "init_province_merged": "lưu ý: từ 1/7/2025 tỉnh {old} là một phần của tỉnh {new}. Nếu bản tin là của "
                            "tỉnh mới, sửa 'province' trong site.yaml thành \"{new}\".",
}

# Pydantic error types -> Vietnamese.
PYDANTIC: dict[str, str] = {
    "string_type": "trường '{field}' ({label}) phải là chuỗi văn bản",
    "string_too_short": "trường '{field}' ({label}) không được để trống",
    "string_pattern_mismatch": "trường '{field}' ({label}) chỉ được gồm chữ thường không dấu, số và dấu gạch "
                               "nối",
    "bool_type": "trường '{field}' ({label}) phải là true hoặc false",
    "bool_parsing": "trường '{field}' ({label}) phải là true hoặc false",
    "tuple_type": "trường '{field}' ({label}) phải là một danh sách (mỗi mục một dòng bắt đầu bằng '- ')",
    "list_type": "trường '{field}' ({label}) phải là một danh sách (mỗi mục một dòng bắt đầu bằng '- ')",
    "dict_type": "trường '{field}' ({label}) phải là một nhóm trường 'khóa: giá trị'",
    "model_type": "trường '{field}' ({label}) phải là một nhóm trường 'khóa: giá trị'",
    "model_attributes_type": "trường '{field}' ({label}) phải là một nhóm trường 'khóa: giá trị'",
    "int_type": "trường '{field}' ({label}) phải là một số nguyên",
    "int_parsing": "trường '{field}' ({label}) phải là một số nguyên",
    "literal_error": "trường '{field}' ({label}) không nhận giá trị này; {expected}",
}

# PyYAML's problems -> Vietnamese (base/yamldoc.py); a problem not listed is shown as PyYAML says it.
YAML_PROBLEMS: dict[str, str] = {
    "did not find expected ',' or ']'": "danh sách mở bằng '[' nhưng không đóng bằng ']'",
    "did not find expected ',' or '}'": "nhóm mở bằng '{' nhưng không đóng bằng '}'",
    "mapping values are not allowed here": "dấu ':' không được đứng ở đây; giá trị có dấu hai chấm phải đặt "
                                           "trong ngoặc kép",
    "could not find expected ':'": "thiếu dấu ':' sau tên trường",
    "did not find expected key": "thụt lề không đúng hoặc thiếu tên trường",
    "did not find expected '-' indicator": "các mục của danh sách phải thẳng hàng và bắt đầu bằng '- '",
    "mapping values are not allowed in this context": "dấu ':' không được đứng ở đây; giá trị có dấu hai "
                                                      "chấm phải đặt trong ngoặc kép",
    "found character that cannot start any token": (
        "có ký tự không được đứng đầu giá trị: thụt lề bằng phím Tab (hãy dùng dấu cách), hoặc '@', '`' (hãy "
        "đặt giá trị trong ngoặc kép)"
    ),
}

# A quoted value left open (base/yamldoc.py finds its line), by its opening quote.
YAML_UNCLOSED: dict[str, str] = {
    '"': 'giá trị mở bằng dấu ngoặc kép (") nhưng không đóng trên dòng này: thêm dấu " ở cuối giá trị',
    "'": "giá trị mở bằng dấu nháy (') nhưng không đóng trên dòng này: thêm dấu ' ở cuối giá trị",
}
