"""The oldest glibc a Linux bundle starts on: the newest GLIBC_x.y version any bundled file needs.

Every ELF file lists, per library it links, the symbol versions it needs (.gnu.version_r). The
dynamic loader refuses to start a program when the system's libc lacks one of them ("version
`GLIBC_2.34' not found"). build.py reads those lists with readelf (objdump as a fallback) over the
whole bundle and fails when they ask for more than the configured floor: 2.28 on x86_64 (UOS 20;
Kylin V10 has 2.31), 2.31 on aarch64 (no PySide6 aarch64 wheel needs less).
"""

from __future__ import annotations

import platform
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

# The oldest C library of the clerks' systems, per machine (override: build.py --glibc-floor X.Y).
FLOORS = {"x86_64": (2, 28), "aarch64": (2, 31)}
TARGETS = {(2, 28): "UOS 20", (2, 31): "Kylin V10, UOS 20 1060+"}

_VERSION = re.compile(r"GLIBC_(\d+(?:\.\d+)+)$")


def parse_version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def show(version: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in version)


def default_floor(machine: str | None = None) -> tuple[int, ...]:
    machine = (machine or platform.machine()).lower()
    return FLOORS.get({"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine), FLOORS["x86_64"])


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


def parse_readelf(text: str) -> set[tuple[int, ...]]:
    """GLIBC versions in the 'Version needs' section of `readelf --version-info` output (the
    definitions a libc itself carries are not needs, and are skipped)."""
    needs: set[tuple[int, ...]] = set()
    in_needs = False
    for line in text.splitlines():
        if line.startswith("Version needs section"):
            in_needs = True
        elif line.startswith(("Version definition section", "Version symbols section")):
            in_needs = False
        elif in_needs:
            match = re.search(r"Name:\s*(\S+)", line)
            version = _VERSION.match(match.group(1)) if match else None
            if version:
                needs.add(parse_version(version.group(1)))
    return needs


def parse_objdump(text: str) -> set[tuple[int, ...]]:
    """The same from `objdump -p` ('Version References:' … 'required from libc.so.6:' … GLIBC_2.14)."""
    needs: set[tuple[int, ...]] = set()
    in_refs = False
    for line in text.splitlines():
        if line.startswith("Version References:"):
            in_refs = True
        elif in_refs and line and not line.startswith(" "):
            in_refs = False
        elif in_refs:
            version = _VERSION.match(line.split()[-1]) if line.split() else None
            if version:
                needs.add(parse_version(version.group(1)))
    return needs


def needed_versions(path: Path) -> set[tuple[int, ...]]:
    readelf, objdump = shutil.which("readelf"), shutil.which("objdump")
    if readelf:
        result = subprocess.run([readelf, "--version-info", "--wide", str(path)], capture_output=True, text=True)
        return parse_readelf(result.stdout)
    if objdump:
        result = subprocess.run([objdump, "-p", str(path)], capture_output=True, text=True)
        return parse_objdump(result.stdout)
    raise RuntimeError("neither readelf nor objdump found: install binutils (apt-get install binutils)")


def symbols_needing(path: Path, version: tuple[int, ...]) -> list[str]:
    """The undefined dynamic symbols bound to GLIBC_<version> (which calls make the file need it)."""
    readelf = shutil.which("readelf")
    if not readelf:
        return []
    out = subprocess.run([readelf, "--dyn-syms", "--wide", str(path)], capture_output=True, text=True).stdout
    tag = f"@GLIBC_{show(version)}"
    return sorted({line.split()[7].split("@")[0] for line in out.splitlines()
                   if " UND " in line and len(line.split()) >= 8 and tag in line.split()[7]})


@dataclass
class Report:
    floor: tuple[int, ...]
    needs: dict[str, tuple[int, ...]] = field(default_factory=dict)  # bundle-relative file -> its newest need

    @property
    def newest(self) -> tuple[int, ...] | None:
        return max(self.needs.values(), default=None)

    @property
    def over(self) -> list[tuple[str, tuple[int, ...]]]:
        return sorted(((f, v) for f, v in self.needs.items() if v > self.floor), key=lambda fv: (fv[1], fv[0]),
                      reverse=True)

    @property
    def ok(self) -> bool:
        return not self.over


def check_bundle(folder: Path, floor: tuple[int, ...], versions=needed_versions) -> Report:
    report = Report(floor=floor)
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and is_elf(path):
            found = versions(path)
            if found:
                report.needs[str(path.relative_to(folder))] = max(found)
    return report


def describe(report: Report, folder: Path | None = None) -> list[str]:
    """The lines build.py prints; the first is the one to quote ("glibc floor: …")."""
    newest = report.newest
    target = TARGETS.get(report.floor, "")
    floor_text = f"{show(report.floor)}" + (f" ({target})" if target else "")
    if newest is None:
        return [f"glibc floor: no bundled file names a GLIBC version — configured floor {floor_text}"]
    holders = sorted(f for f, v in report.needs.items() if v == newest)
    first = (f"glibc floor: the bundle needs glibc >= {show(newest)} (GLIBC_{show(newest)} in {holders[0]}"
             + (f" and {len(holders) - 1} more" if len(holders) > 1 else "") + f"); configured floor {floor_text}")
    if report.ok:
        return [first + " — OK"]
    lines = [first + f" — ABOVE the floor: {len(report.over)} files need more:"]
    for name, version in report.over[:12]:
        calls = symbols_needing(folder / name, version) if folder is not None else []
        lines.append(f"    GLIBC_{show(version):<6} {name}" + (f"  ({', '.join(calls[:4])})" if calls else ""))
    if len(report.over) > 12:
        lines.append(f"    … and {len(report.over) - 12} more")
    lines.append("  Build on an older system: build/linux/build_old_glibc.sh (README, Packaging), or pass "
                 f"--glibc-floor {show(newest)} for a bundle meant for systems like this one only.")
    return lines
