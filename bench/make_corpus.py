"""Generate a seeded bulletin of N pages for the search benchmark: documents of Party and state bodies of
several provinces (with symbols, dates, citations of each other) and news articles, in plain Vietnamese
built from stock phrases of the genre. Same seed, same files.

    python bench/make_corpus.py --pages 10000 --out /tmp/sitegen-bench/site
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

PROVINCES = ["Hà Nam", "Bình Phước", "Lai Châu", "Nam Định", "Thái Bình", "Ninh Bình", "Hưng Yên", "Hải Dương",
             "Bắc Ninh", "Vĩnh Phúc", "Đắk Lắk", "Đồng Nai", "Điện Biên", "Quảng Ninh", "Thanh Hóa", "Nghệ An"]
DISTRICTS = ["Kim Bảng", "Duy Tiên", "Thanh Liêm", "Lý Nhân", "Bình Lục", "Hớn Quản", "Tam Đường", "Đông Hưng",
             "Gia Viễn", "Văn Lâm", "Đức Thọ", "Yên Định", "Đông Triều", "Krông Pắc"]
TYPES = {  # key: (label, code, system)
    "nghi-quyet": ("Nghị quyết", "NQ", "party"), "chi-thi": ("Chỉ thị", "CT", "party"),
    "ket-luan": ("Kết luận", "KL", "party"), "huong-dan": ("Hướng dẫn", "HD", "party"),
    "ke-hoach": ("Kế hoạch", "KH", "both"), "thong-bao": ("Thông báo", "TB", "both"),
    "bao-cao": ("Báo cáo", "BC", "both"), "quyet-dinh": ("Quyết định", "QĐ", "both"),
    "chuong-trinh": ("Chương trình", "CTr", "party"), "cong-van": ("Công văn", "CV", "state"),
}
SUBJECTS = ["Các cấp ủy, tổ chức đảng", "Ban Thường vụ Tỉnh ủy", "Ủy ban nhân dân các huyện, thành phố",
            "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội", "Ban Tuyên giáo Tỉnh ủy", "Các sở, ban, ngành",
            "Đảng ủy Khối các cơ quan tỉnh", "Người đứng đầu cấp ủy, chính quyền", "Cán bộ, đảng viên",
            "Đảng bộ các huyện, thị xã", "Sở Thông tin và Truyền thông", "Ủy ban Kiểm tra Tỉnh ủy"]
VERBS = ["tập trung lãnh đạo, chỉ đạo", "tăng cường", "đẩy mạnh", "triển khai thực hiện có hiệu quả",
         "nâng cao chất lượng", "quán triệt sâu sắc", "kiểm tra, giám sát việc thực hiện", "tiếp tục đổi mới",
         "xây dựng kế hoạch cụ thể về", "chủ động tham mưu", "định kỳ sơ kết, tổng kết", "đổi mới phương thức"]
OBJECTS = ["công tác xây dựng Đảng và hệ thống chính trị", "chuyển đổi số", "cải cách hành chính",
           "công tác tư tưởng", "phát triển kinh tế - xã hội", "xây dựng nông thôn mới", "công tác cán bộ",
           "phòng, chống tham nhũng, lãng phí, tiêu cực", "bảo vệ nền tảng tư tưởng của Đảng",
           "công tác dân vận", "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
           "công tác tuyên truyền, giáo dục chính trị", "quốc phòng, an ninh", "công tác kiểm tra, giám sát",
           "phát triển văn hóa, con người", "ứng dụng công nghệ thông tin", "thu hút đầu tư"]
TAILS = ["trên địa bàn tỉnh", "trong tình hình mới", "giai đoạn 2021 - 2025", "đến năm 2030",
         "ở cơ sở", "trong cán bộ, đảng viên và Nhân dân", "theo đúng quy định", "gắn với nhiệm vụ chính trị",
         "một cách thực chất, hiệu quả", "bảo đảm tiến độ đề ra"]
HEADINGS = ["I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ, GIẢI PHÁP", "III. TỔ CHỨC THỰC HIỆN", "1. Mục đích",
            "2. Yêu cầu", "3. Nhiệm vụ trọng tâm", "4. Giải pháp chủ yếu"]
AUTHORS = ["Minh Châu", "Thu Hằng", "Quang Huy", "Đức Anh", "Giao Tuyến", "Hồng Nhung", "Văn Đông"]


def sentence(rng: random.Random, cites: list[str]) -> str:
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    if cites and rng.random() < 0.15:
        text = f"Thực hiện {rng.choice(cites)}, " + text[0].lower() + text[1:]
    return text + "."


def body(rng: random.Random, cites: list[str], paragraphs: int) -> str:
    out = []
    for i in range(paragraphs):
        if i and i % 3 == 0:
            out.append(f"## {rng.choice(HEADINGS)}")
        out.append(" ".join(sentence(rng, cites) for _ in range(rng.randint(2, 5))))
    return "\n\n".join(out) + "\n"


def issuer_of(rng: random.Random, system: str) -> tuple[str, str, str | None]:
    """(issuer, issuer code, parent)."""
    province = rng.choice(PROVINCES)
    if system == "state":
        return f"Ủy ban nhân dân tỉnh {province}", "UBND", None
    kind = rng.randrange(4)
    if kind == 0:
        return f"Tỉnh ủy {province}", "TU", None
    if kind == 1:
        return f"Ban Tuyên giáo Tỉnh ủy {province}", "BTGTU", f"Tỉnh ủy {province}"
    if kind == 2:
        return f"Đảng ủy Khối các cơ quan tỉnh {province}", "ĐUK", f"Đảng bộ tỉnh {province}"
    return f"Huyện ủy {rng.choice(DISTRICTS)}", "HU", f"Đảng bộ tỉnh {province}"


def document(rng: random.Random, seen: set[str], cites: list[str]) -> tuple[str, str | None]:
    """(front matter + body, citation phrase for later documents: only for issuers named with their province,
    so that citations resolve instead of making a stub page per citing province)."""
    while True:
        key = rng.choice(list(TYPES))
        label, code, system = TYPES[key]
        system = rng.choice(["party", "state"]) if system == "both" else system
        issuer, issuer_code, parent = issuer_of(rng, system)
        year, number = rng.randint(2015, 2025), rng.randint(1, 400)
        if key == "cong-van":
            symbol = f"{number}/UBND-{rng.choice(['VX', 'KT', 'NC', 'TH'])}"
        elif system == "party":
            symbol = f"{number:02d}-{code}/{issuer_code}"
        else:
            symbol = f"{number:02d}/{code}-{issuer_code}"
        if (identity := f"{label} {symbol} {year}") not in seen:
            seen.add(identity)
            break
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    title = f"Về {rng.choice(VERBS).split(',')[0]} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    lines = ["---", f'title: "{title}"', f"type: {key}", f'number: "{symbol}"', f'issuer: "{issuer}"']
    if parent:
        lines.append(f'parent: "{parent}"')
    lines += [f"date: {year}-{month:02d}-{day:02d}", "---", ""]
    cite = f"{label} số {symbol}, ngày {day}/{month}/{year} của {issuer}" if issuer_code in ("TU", "UBND") else None
    return "\n".join(lines) + body(rng, cites, rng.randint(4, 12)), cite


def article(rng: random.Random, cites: list[str]) -> str:
    year, month, day = rng.randint(2018, 2025), rng.randint(1, 12), rng.randint(1, 28)
    title = f"{rng.choice(PROVINCES)}: {rng.choice(VERBS).split(',')[0].capitalize()} {rng.choice(OBJECTS)}"
    front = ["---", f'title: "{title}"', f"date: {year}-{month:02d}-{day:02d}", f'author: "{rng.choice(AUTHORS)}"',
             "---", ""]
    return "\n".join(front) + body(rng, cites, rng.randint(3, 8))


def site_yaml() -> str:
    types = "\n".join(f'  {k}: {{ label: "{label}", code: "{code}" }}' for k, (label, code, _) in TYPES.items())
    return (f'title: "Bản tin thử tải"\nbase_url: "https://bantin.example.vn"\nper_page: 20\nhome_latest: 8\n'
            f"types:\n{types}\n")


def make_corpus(out: Path, pages: int, seed: int = 1) -> None:
    """Write a site of `pages` content files (80 % documents) into `out` (replaced if it exists)."""
    if out.exists():
        shutil.rmtree(out)
    (out / "content/van-ban").mkdir(parents=True)
    (out / "content/tin-bai").mkdir(parents=True)
    (out / "site.yaml").write_text(site_yaml(), encoding="utf-8")
    rng = random.Random(seed)
    seen: set[str] = set()
    cites: list[str] = []
    for i in range(pages):
        if i % 5 == 4:
            text = article(rng, cites[-200:])
            (out / f"content/tin-bai/bai-{i:05d}.md").write_text(text, encoding="utf-8")
        else:
            text, cite = document(rng, seen, cites[-200:])
            if cite:
                cites.append(cite)
            (out / f"content/van-ban/vb-{i:05d}.md").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("/tmp/sitegen-bench/site"))
    args = parser.parse_args()
    make_corpus(args.out, args.pages, args.seed)
    print(f"{args.pages} pages in {args.out}")


if __name__ == "__main__":
    main()
