"""Generate a seeded bulletin of N pages for the search benchmark: documents of Party and state bodies of
several provinces (with symbols, dates, citations of each other) and news articles, in plain Vietnamese
built from stock phrases of the genre. Same seed, same files. Documents are 10–20 KB, articles 5–10 KB, each
citing 3–10 others ("Nghị quyết số 12-NQ/TU, ngày 3/4/2015 của Tỉnh ủy Hà Nam", a few central ones), with
tags, issuers and dates spread over 20 years; DIR gets site.yaml and content/, ready for `sitegen build`.

    python bench/make_corpus.py 1000 /tmp/sitegen-bench/site-1000
    python bench/make_corpus.py --pages 10000 --out /tmp/sitegen-bench/site   # the same, with flags
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

PROVINCES = ["Hà Nam", "Bình Phước", "Lai Châu", "Nam Định", "Thái Bình", "Ninh Bình", "Hưng Yên",
             "Hải Dương",
             "Bắc Ninh", "Vĩnh Phúc", "Đắk Lắk", "Đồng Nai", "Điện Biên", "Quảng Ninh", "Thanh Hóa",
             "Nghệ An"]
DISTRICTS = ["Kim Bảng", "Duy Tiên", "Thanh Liêm", "Lý Nhân", "Bình Lục", "Hớn Quản", "Tam Đường",
             "Đông Hưng",
             "Gia Viễn", "Văn Lâm", "Đức Thọ", "Yên Định", "Đông Triều", "Krông Pắc"]
TYPES = {  # key: (label, code, system)
    "nghi-quyet": ("Nghị quyết", "NQ", "party"), "chi-thi": ("Chỉ thị", "CT", "party"),
    "ket-luan": ("Kết luận", "KL", "party"), "huong-dan": ("Hướng dẫn", "HD", "party"),
    "ke-hoach": ("Kế hoạch", "KH", "both"), "thong-bao": ("Thông báo", "TB", "both"),
    "bao-cao": ("Báo cáo", "BC", "both"), "quyet-dinh": ("Quyết định", "QĐ", "both"),
    "chuong-trinh": ("Chương trình", "CTr", "party"), "cong-van": ("Công văn", "CV", "state"),
}
SUBJECTS = ["Các cấp ủy, tổ chức đảng", "Ban Thường vụ Tỉnh ủy", "Ủy ban nhân dân các huyện, thành phố",
            "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội", "Ban Tuyên giáo Tỉnh ủy",
            "Các sở, ban, ngành",
            "Đảng ủy Khối các cơ quan tỉnh", "Người đứng đầu cấp ủy, chính quyền", "Cán bộ, đảng viên",
            "Đảng bộ các huyện, thị xã", "Sở Thông tin và Truyền thông", "Ủy ban Kiểm tra Tỉnh ủy"]
VERBS = ["tập trung lãnh đạo, chỉ đạo", "tăng cường", "đẩy mạnh", "triển khai thực hiện có hiệu quả",
         "nâng cao chất lượng", "quán triệt sâu sắc", "kiểm tra, giám sát việc thực hiện", "tiếp tục đổi mới",
         "xây dựng kế hoạch cụ thể về", "chủ động tham mưu", "định kỳ sơ kết, tổng kết",
         "đổi mới phương thức"]
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


TAGS = ["Công tác tư tưởng", "Chuyển đổi số", "Cải cách hành chính", "Xây dựng Đảng", "Công tác cán bộ",
        "Phòng, chống tham nhũng", "Nông thôn mới", "Dân vận", "Học tập và làm theo Bác",
        "Quốc phòng, an ninh",
        "Kiểm tra, giám sát", "Văn hóa", "Kinh tế - xã hội", "Tuyên truyền", "Đầu tư", "Giáo dục", "Y tế",
        "Môi trường", "Thanh niên", "Phụ nữ"]
SIGNERS = ["Trần Quốc Hưng", "Nguyễn Văn Thành", "Lê Thị Hoa", "Phạm Minh Tuấn", "Đỗ Đức Long", "Vũ Thị Lan"]
RECIPIENTS = ["Ban Tuyên giáo Trung ương (báo cáo)", "Các đồng chí Tỉnh ủy viên", "Các huyện ủy, thành ủy",
              "Các ban đảng, ban cán sự đảng, đảng đoàn", "Các sở, ban, ngành", "Lưu: VPTU"]
# Central documents every province cites (a handful of stub pages, as on real bulletins).
CENTRAL = ["Nghị quyết số 35-NQ/TW, ngày 22/10/2018 của Bộ Chính trị",
           "Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị",
           "Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị",
           "Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị",
           "Quy định số 144-QĐ/TW, ngày 09/5/2024 của Bộ Chính trị"]
LEADS = ["Thực hiện {c}, ", "Căn cứ {c}, ", "Triển khai {c}, ", "Theo tinh thần {c}, ", "Quán triệt {c}, "]
FIRST_YEAR, YEARS = 2006, 20  # dates spread over 20 years, in file order (so citations look back in time)


def sentence(rng: random.Random, cite: str | None = None) -> str:
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    if cite:
        text = rng.choice(LEADS).format(c=cite) + text[0].lower() + text[1:]
    return text + "."


def body(rng: random.Random, cites: list[str], size: int) -> str:
    """Paragraphs, headings and lists until the text reaches `size` bytes; each of `cites` appears once."""
    pending = list(cites)
    out: list[str] = []
    length, i = 0, 0
    while length < size or pending:
        if i and i % 4 == 0:
            part = f"## {rng.choice(HEADINGS)}"
        elif i % 7 == 5:
            part = "\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 5)))
        else:
            n = rng.randint(2, 5)
            part = " ".join(sentence(rng,
                                     pending.pop() if pending
                                     and ((k == 0 and rng.random() < 0.3) or length > size * 0.7) else None)
                            for k in range(n))
        out.append(part)
        length += len(part.encode()) + 2
        i += 1
    return "\n\n".join(out) + "\n"


def issuer_of(rng: random.Random, system: str) -> tuple[str, str, str | None, str]:
    """(issuer, issuer code, parent, province)."""
    province = rng.choice(PROVINCES)
    if system == "state":
        return f"Ủy ban nhân dân tỉnh {province}", "UBND", None, province
    kind = rng.randrange(4)
    if kind == 0:
        return f"Tỉnh ủy {province}", "TU", None, province
    if kind == 1:
        return f"Ban Tuyên giáo Tỉnh ủy {province}", "BTGTU", f"Tỉnh ủy {province}", province
    if kind == 2:
        return f"Đảng ủy Khối các cơ quan tỉnh {province}", "ĐUK", f"Đảng bộ tỉnh {province}", province
    return f"Huyện ủy {rng.choice(DISTRICTS)}", "HU", f"Đảng bộ tỉnh {province}", province


def date_at(rng: random.Random, i: int, pages: int) -> tuple[int, int, int]:
    """Date of the i-th file: spread evenly over YEARS years with a few weeks of jitter."""
    months = min(YEARS * 12 - 1, max(0, int(i * YEARS * 12 / max(pages, 1)) + rng.randint(-1, 1)))
    return FIRST_YEAR + months // 12, months % 12 + 1, rng.randint(1, 28)


def pick_cites(rng: random.Random, pool: list[str]) -> list[str]:
    """3–10 citations: earlier local documents (recent ones more likely), now and then a central one."""
    want = rng.randint(3, 10)
    recent = pool[-300:]
    cites = rng.sample(recent, min(len(recent), want))
    while len(cites) < want or rng.random() < 0.1:
        cites.append(rng.choice(CENTRAL))
        if len(cites) > want:
            break
    return cites


def tags(rng: random.Random) -> str:
    return "[" + ", ".join(f'"{t}"' for t in rng.sample(TAGS, rng.randint(2, 4))) + "]"


def document(rng: random.Random, seen: set[str], pool: list[str],
             date: tuple[int, int, int]) -> tuple[str, str | None]:
    """(front matter + body, citation phrase for later documents: only for issuers named with their province,
    so that citations resolve instead of making a stub page per citing province)."""
    year, month, day = date
    while True:
        key = rng.choice(list(TYPES))
        label, code, system = TYPES[key]
        system = rng.choice(["party", "state"]) if system == "both" else system
        issuer, issuer_code, parent, province = issuer_of(rng, system)
        number = rng.randint(1, 400)
        if key == "cong-van":
            symbol = f"{number}/UBND-{rng.choice(['VX', 'KT', 'NC', 'TH'])}"
        elif system == "party":
            symbol = f"{number:02d}-{code}/{issuer_code}"
        else:
            symbol = f"{number:02d}/{code}-{issuer_code}"
        if (identity := f"{label} {symbol} {year}") not in seen:
            seen.add(identity)
            break
    title = f"Về {rng.choice(VERBS).split(',')[0]} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    lines = ["---", f'title: "{title}"', f"type: {key}", f'number: "{symbol}"', f'issuer: "{issuer}"']
    if parent:
        lines.append(f'parent: "{parent}"')
    lines += [f'place: "{province}"', f"date: {year}-{month:02d}-{day:02d}", "signer:",
              f'  position: "{rng.choice(["Bí thư", "Phó Bí thư", "Chủ tịch", "Trưởng ban"])}"',
              f'  name: "{rng.choice(SIGNERS)}"', "recipients:"]
    lines += [f'  - "{r}"' for r in rng.sample(RECIPIENTS, 3)]
    lines += [f"tags: {tags(rng)}", f'summary: "{label} của {issuer} {title[0].lower() + title[1:]}."', "---",
              ""]
    if issuer_code in ("TU", "UBND"):
        sep = rng.choice([", ngày ", " ngày "])
        cite = f"{label} số {symbol}{sep}{day}/{month}/{year} của {issuer}"
    else:
        cite = None
    return "\n".join(lines) + body(rng, pick_cites(rng, pool), rng.randint(10_000, 18_500)), cite


def article(rng: random.Random, pool: list[str], date: tuple[int, int, int]) -> str:
    year, month, day = date
    title = f"{rng.choice(PROVINCES)}: {rng.choice(VERBS).split(',')[0].capitalize()} {rng.choice(OBJECTS)}"
    front = ["---", f'title: "{title}"', f"date: {year}-{month:02d}-{day:02d}",
             f'author: "{rng.choice(AUTHORS)}"',
             f"tags: {tags(rng)}", "---", ""]
    return "\n".join(front) + body(rng, pick_cites(rng, pool), rng.randint(5_000, 8_500))


def site_yaml() -> str:
    types = "\n".join(f'  {k}: {{ label: "{label}", code: "{code}" }}' for k,
                      (label, code, _) in TYPES.items())
    return (f'title: "Bản tin thử tải"\nbase_url: "https://bantin.example.vn"\nper_page: 20\nhome_latest: 8\n'
            f"types:\n{types}\n")


def make_corpus(out: Path, pages: int, seed: int = 1) -> None:
    """Write a site of `pages` content files (80 % documents) into `out` (replaced if it exists)."""
    if out.exists():
        shutil.rmtree(out)
    (out / "content/van-ban").mkdir(parents=True)
    (out / "content/tin-bai").mkdir(parents=True)
    (out / "site.yaml").write_text(site_yaml(), encoding="utf-8")
    rng = random.Random(seed)  # noqa: S311 - a reproducible corpus, not a secret
    seen: set[str] = set()
    pool: list[str] = []
    for i in range(pages):
        date = date_at(rng, i, pages)
        if i % 5 == 4:
            text = article(rng, pool, date)
            (out / f"content/tin-bai/bai-{i:05d}.md").write_text(text, encoding="utf-8")
        else:
            text, cite = document(rng, seen, pool, date)
            if cite:
                pool.append(cite)
            (out / f"content/van-ban/vb-{i:05d}.md").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", help="number of pages (same as --pages)")
    parser.add_argument("dir", type=Path, nargs="?", help="site folder to write (same as --out)")
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("/tmp/sitegen-bench/site"))  # noqa: S108
    args = parser.parse_args()
    pages = args.n if args.n is not None else args.pages
    out = args.dir if args.dir is not None else args.out
    make_corpus(out, pages, args.seed)
    print(f"{pages} pages in {out}")


if __name__ == "__main__":
    main()
