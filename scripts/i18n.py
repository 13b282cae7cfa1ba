"""Translation workflow: extract tr() strings, fill translations, compile .qm.

    python scripts/i18n.py update [AREA ...]   # lupdate every (or the named) area's .ts from ui/ sources
    python scripts/i18n.py apply zh.json AREA [AREA ...]  # fill translations from {"English": "中文", ...}
    python scripts/i18n.py missing             # list strings still untranslated
    python scripts/i18n.py release [AREA ...]  # compile every (or the named) .ts to .qm

An area is a group of ui/ files with one .ts each (resources/translations/<area>_zh_CN.ts), so people
working on different pages never edit the same catalogue. ui/views/ledger_page.py belongs to area
"ledger" (the file name up to its first "_"); files directly in ui/ belong to "shell".
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LOCALE = "zh_CN"


def area_of(path: Path) -> str:
    rel = path.relative_to(ROOT / "ui")
    if len(rel.parts) == 1:
        return "shell"
    return rel.stem.split("_")[0]


def areas() -> dict[str, list[Path]]:
    grouped: dict[str, list[Path]] = defaultdict(list)
    for path in sorted((ROOT / "ui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if any(marker in text for marker in ("tr(", "translate(", "QT_TR")):
            grouped[area_of(path)].append(path)
    return grouped


def tool(name: str) -> str:
    """The Qt tool itself where PySide6 ships it (pyside6-lupdate is a Python wrapper around it, whose
    start-up costs ten times the tool's own run), else the wrapper beside this Python or on the PATH."""
    try:
        import PySide6

        binary = Path(PySide6.__file__).parent / (name.removeprefix("pyside6-") + (".exe" if sys.platform == "win32" else ""))
        if binary.exists():
            return str(binary)
    except ImportError:
        pass
    exe = Path(sys.executable).parent / name
    return str(exe) if exe.exists() else (shutil.which(name) or name)


def ts_files() -> list[Path]:
    return sorted(TS_DIR.glob(f"*_{LOCALE}.ts"))


def update(only: list[str] | None = None) -> None:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    for area, files in areas().items():
        if only and area not in only:
            continue
        ts = TS_DIR / f"{area}_{LOCALE}.ts"
        subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none",
                        *[str(f.relative_to(ROOT)) for f in files], "-ts", str(ts.relative_to(ROOT))],
                       check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        ET.parse(ts)  # lupdate must leave valid XML
        print(f"{ts.name}: {len(files)} files")


def _messages(ts: Path):
    tree = ET.parse(ts)
    for context in tree.getroot().iter("context"):
        ctx = context.findtext("name")
        for message in context.iter("message"):
            yield tree, ctx, message


def apply(mapping_file: str, only: list[str] | None = None) -> None:
    mapping = json.loads(Path(mapping_file).read_text(encoding="utf-8"))
    for ts in ts_files():
        if only and ts.name.removesuffix(f"_{LOCALE}.ts") not in only:
            continue
        tree = ET.parse(ts)
        changed = 0
        for message in tree.getroot().iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source in mapping and translation is not None:
                translation.text = mapping[source]
                translation.attrib.pop("type", None)
                changed += 1
        if changed:
            _write_like_lupdate(tree, ts)
            print(f"{ts.name}: {changed} translated")


def _write_like_lupdate(tree: ET.ElementTree, ts: Path) -> None:
    """Same header and ending as lupdate writes, so the two tools never churn each other's output."""
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def missing() -> list[tuple[str, str, str]]:
    gaps = []
    for ts in ts_files():
        for _tree, ctx, message in _messages(ts):
            translation = message.find("translation")
            if translation is None or translation.get("type") == "unfinished" or not (translation.text or "").strip():
                gaps.append((ts.name, ctx, message.findtext("source")))
    return gaps


def release(out_dir: Path = TS_DIR, only: list[str] | None = None) -> None:
    for ts in ts_files():
        if only and ts.name.removesuffix(f"_{LOCALE}.ts") not in only:
            continue
        qm = out_dir / ts.with_suffix(".qm").name
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    command = argv[0]
    if command == "update":
        update(argv[1:] or None)
    elif command == "apply":
        if len(argv) < 3:
            print("apply needs the areas to fill, e.g.: scripts/i18n.py apply zh.json ledger entry "
                  "(so one area's wording never lands in another's catalogue)")
            return 2
        apply(argv[1], argv[2:])
    elif command == "missing":
        gaps = missing()
        for name, ctx, source in gaps:
            print(f"{name}\t{ctx}\t{source}")
        return 1 if gaps else 0
    elif command == "release":
        release(TS_DIR, argv[1:] or None)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
