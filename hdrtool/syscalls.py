"""Syscall-number headers, made from an arch's syscall table as Linux 6.1 does.

Two generators exist in 6.1 and both are reproduced here byte for byte:

* ``scripts/syscallhdr.sh`` (x86, arm, mips, powerpc, sparc and the other
  arches with a table): the table lines whose ABI column starts with one of
  the wanted ABIs (all lines when none is given), in file order, as
  ``#define __NR_<prefix><name> <nr>`` (``(<offset> + <nr>)`` with an
  offset), then with ``--emit-nr`` ``__NR_syscalls`` (the last number plus
  one) under ``#ifdef __KERNEL__``; guard ``_UAPI_ASM_<FILE>``.
* ``arch/s390/kernel/syscalls/syscalltbl -H``: an SPDX line, the lines of the
  wanted ABIs sorted by number, guard ``_UAPI_ASM_S390_<FILE>``.

Which headers an arch generates, from which table, for which ABIs, is data
(:data:`SYSCALL_HEADERS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from hdrtool.errors import InputError


@dataclass(frozen=True)
class SyscallHeader:
    name: str              # installed as asm/<name>
    table: str             # relative to the tree, {arch} substituted
    abis: Tuple[str, ...]
    style: str = "syscallhdr"   # or "s390"
    offset: Optional[str] = None
    prefix: str = ""
    emit_nr: bool = True        # syscallhdr.sh --emit-nr


def _simple(arch: str, name: str, offset: Optional[str] = None) -> Tuple[SyscallHeader, ...]:
    """One header from arch/<arch>/kernel/syscalls/syscall.tbl, every ABI."""
    return (SyscallHeader(name, f"arch/{arch}/kernel/syscalls/syscall.tbl", (), offset=offset),)


def _per_abi(arch: str, *abis: str) -> Tuple[SyscallHeader, ...]:
    """unistd_<abi>.h for each ABI, lines of ABI ``common`` or ``<abi>``."""
    return tuple(SyscallHeader(f"unistd_{a}.h", f"arch/{arch}/kernel/syscalls/syscall.tbl",
                               ("common", a)) for a in abis)


#: Per SRCARCH: the uapi headers of ``generated-y`` in
#: arch/<arch>/include/uapi/asm/Kbuild.  Facts: the $(uapi)/unistd*.h rules
#: of Linux 6.1 arch/x86/entry/syscalls/Makefile, arch/arm/tools/Makefile and
#: arch/<arch>/kernel/syscalls/Makefile (abis, --offset, --emit-nr).
SYSCALL_HEADERS: Dict[str, Tuple[SyscallHeader, ...]] = {
    "x86": (
        SyscallHeader("unistd_32.h", "arch/x86/entry/syscalls/syscall_32.tbl", ("i386",)),
        SyscallHeader("unistd_64.h", "arch/x86/entry/syscalls/syscall_64.tbl", ("common", "64")),
        SyscallHeader("unistd_x32.h", "arch/x86/entry/syscalls/syscall_64.tbl", ("common", "x32"),
                      offset="__X32_SYSCALL_BIT"),
    ),
    "s390": (
        SyscallHeader("unistd_32.h", "arch/s390/kernel/syscalls/syscall.tbl", ("common", "32"),
                      style="s390"),
        SyscallHeader("unistd_64.h", "arch/s390/kernel/syscalls/syscall.tbl", ("common", "64"),
                      style="s390"),
    ),
    "alpha": _simple("alpha", "unistd_32.h"),
    "arm": tuple(SyscallHeader(f"unistd-{a}.h", "arch/arm/tools/syscall.tbl", ("common", a),
                               offset="__NR_SYSCALL_BASE", emit_nr=False)
                 for a in ("oabi", "eabi")),
    "ia64": _simple("ia64", "unistd_64.h", offset="__NR_Linux"),
    "m68k": _simple("m68k", "unistd_32.h"),
    "microblaze": _simple("microblaze", "unistd_32.h"),
    "mips": tuple(SyscallHeader(f"unistd_{a}.h", f"arch/mips/kernel/syscalls/syscall_{a}.tbl", (),
                                offset="__NR_Linux", emit_nr=False)
                  for a in ("n32", "n64", "o32")),
    "parisc": _per_abi("parisc", "32", "64"),
    "powerpc": tuple(SyscallHeader(f"unistd_{a}.h", "arch/powerpc/kernel/syscalls/syscall.tbl",
                                   ("common", "nospu", a)) for a in ("32", "64")),
    "sh": _simple("sh", "unistd_32.h"),
    "sparc": _per_abi("sparc", "32", "64"),
    "xtensa": _simple("xtensa", "unistd_32.h"),
}


def _lines(table: bytes) -> List[bytes]:
    lines = table.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


def _shell_int(word: bytes, path: str) -> int:
    """A number as sh arithmetic reads it (0x hex, leading 0 octal)."""
    s = word.decode("ascii", "replace")
    try:
        if s[:2].lower() == "0x":
            return int(s, 16)
        if len(s) > 1 and s.startswith("0"):
            return int(s, 8)
        return int(s)
    except ValueError:
        raise InputError(f"bad syscall number {s!r}", path) from None


def _guard(prefix: str, name: str) -> str:
    # sed y/a-z/A-Z/; s/[^A-Z0-9_]/_/g; s/__/_/g
    return re.sub(r"[^A-Z0-9_]", "_", (prefix + name).upper()).replace("__", "_")


def syscallhdr(table: bytes, hdr: SyscallHeader, path: str) -> bytes:
    """What ``scripts/syscallhdr.sh --emit-nr`` writes."""
    guard = "_UAPI_ASM_" + _guard("", hdr.name)
    want = re.compile(rb"^[0-9A-Fa-fXx]+[ \t\v\f\r]+(" + "|".join(hdr.abis).encode() + rb")")
    out = [f"#ifndef {guard}", f"#define {guard}", ""]
    last = None
    for line in _lines(table):
        if not want.match(line):
            continue
        fields = line.split()
        nr, name = fields[0], fields[2].decode() if len(fields) > 2 else ""
        last = nr
        shown = nr.decode()
        if hdr.offset:
            shown = f"({hdr.offset} + {shown})"
        out.append(f"#define __NR_{hdr.prefix}{name} {shown}")
    if hdr.emit_nr:
        out += ["", "#ifdef __KERNEL__",
                f"#define __NR_{hdr.prefix}syscalls {_shell_int(last, path) + 1 if last else 1}",
                "#endif"]
    out += ["", f"#endif /* {guard} */", ""]
    return "\n".join(out).encode()


def s390_syscall_header(table: bytes, hdr: SyscallHeader, path: str) -> bytes:
    """What ``arch/s390/kernel/syscalls/syscalltbl -H -a ABIS -f FILE`` writes."""
    guard = _guard("__UAPI_ASM_S390_", hdr.name)
    want = re.compile(rb"^[0-9]+[ \t\v\f\r]+(" + "|".join(hdr.abis).encode() + rb")")
    picked = []
    for line in _lines(table):
        if want.match(line):
            fields = line.split()
            picked.append((int(fields[0]), line, fields))
    picked.sort(key=lambda t: (t[0], t[1]))   # sort -k1 -n, ties by the whole line
    out = ["/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */",
           f"#ifndef {guard}", f"#define {guard}", ""]
    out += [f"#define __NR_{f[2].decode() if len(f) > 2 else ''} {nr}" for nr, _, f in picked]
    out += ["", f"#endif /* {guard} */", ""]
    return "\n".join(out).encode()


_STYLES = {"syscallhdr": syscallhdr, "s390": s390_syscall_header}


def generate(table: bytes, hdr: SyscallHeader, path: str) -> bytes:
    return _STYLES[hdr.style](table, hdr, path)
