"""The two administrative maps of Vietnam sitegen reads a text with (issue 14, class 10): `make admin-maps`.

On 1 July 2025 local government became two-level (districts abolished) and 63 provinces became 34 (Nghị quyết
60-NQ/TW of 12/4/2025; Nghị quyết 202/2025/QH15). sitegen depends on the current release of
vietnam-provinces (the General Statistics Office's list after the reorganisation: 34 provinces and their
communes, wards and special zones). This script keeps, as generated data beside the code, what that release
no longer has:

- sitegen/commands/importer/data/districts-2025-01-04.json: the 63 provinces and their districts before the
  reorganisation (GSO list of 2025-01-04, as vietnam-provinces 0.6.0 ships it), for the importer's
  gazetteer of documents dated before 1 July 2025;
- sitegen/base/data/provinces-2025.json: which provinces were merged into which, read from the two lists:
  every commune of 2025 keeps the GSO code of the commune that holds its seat, so each new province's
  communes name the old provinces it was made of.

Run with the project's venv: `.venv/bin/python tools/make_admin_maps.py`. It downloads vietnam-provinces
0.6.0 (the list before the reorganisation) with pip into a temporary folder; the GSO lists are public data.
Output is deterministic (sorted keys, fixed order).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter, defaultdict
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen.base.vi import same_words  # noqa: E402 -- the names as the site writes them

OLD_RELEASE = "vietnam-provinces==0.6.0"
DISTRICTS = ROOT / "sitegen" / "commands" / "importer" / "data" / "districts-2025-01-04.json"
MERGERS = ROOT / "sitegen" / "base" / "data" / "provinces-2025.json"
_LEVELS = ("Thành phố ", "Tỉnh ")


def _bare(name: str) -> str:
    """ "Tỉnh Hoà Bình" -> "Hòa Bình", "Thành phố Hà Nội" -> "Hà Nội"."""
    name = same_words(name)
    for level in _LEVELS:
        if name.startswith(level):
            return name[len(level):]
    return name


def _old_list() -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", tmp,  # noqa: S603
                        OLD_RELEASE], check=True)
        wheel = next(Path(tmp).glob("vietnam_provinces-0.6.0-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            data: list[dict[str, object]] = json.loads(
                archive.read("vietnam_provinces/data/nested-divisions.json"))
            return data


def main() -> int:
    from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

    old = _old_list()
    new = json.loads(NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    # Districts before the reorganisation: provinces with their districts, no communes.
    districts = [
        {"name": p["name"], "division_type": p["division_type"],
         "districts": [{"name": d["name"], "division_type": d["division_type"]}
                       for d in p["districts"]]}  # type: ignore[attr-defined]
        for p in old
    ]
    DISTRICTS.parent.mkdir(parents=True, exist_ok=True)
    DISTRICTS.write_text(json.dumps(districts, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    # Which old provinces each new one was made of, by the seats of its communes.
    province_of_commune = {w["code"]: _bare(str(p["name"])) for p in old for d in p["districts"]  # type: ignore[attr-defined]
                           for w in d.get("wards", ())}
    parts: dict[str, Counter[str]] = defaultdict(Counter)
    for p in new:
        for w in p["wards"]:
            if w["code"] in province_of_commune:
                parts[_bare(p["name"])][province_of_commune[w["code"]]] += 1
    merged = {name: sorted(found) for name, found in sorted(parts.items()) if len(found) > 1}
    unchanged = sorted(name for name, found in parts.items() if len(found) == 1)
    MERGERS.parent.mkdir(parents=True, exist_ok=True)
    MERGERS.write_text(json.dumps({
        "reorganised": "2025-07-01",
        "source": f"GSO lists: {OLD_RELEASE} (2025-01-04), vietnam-provinces=={version('vietnam-provinces')}",
        "merged": merged, "unchanged": unchanged,
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{DISTRICTS.relative_to(ROOT)}: {len(districts)} provinces, "
          f"{sum(len(p['districts']) for p in districts)} districts")  # type: ignore[arg-type]
    print(f"{MERGERS.relative_to(ROOT)}: {len(merged)} merged provinces, {len(unchanged)} unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
