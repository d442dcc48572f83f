"""The merge's equivalence proof.

The criterion (docs/merge.md, "The proof"): for each variant of the arch, with and
without ``__KERNEL__``, every header of the variant's old directory and the
same header name in the merged tree preprocess to the same tokens.  Also
checked: every header outside the old directories whose references were
rewritten (``include/linux/...``).

With a C compiler (:func:`verify_cc`): ``cc -E -dD -nostdinc`` (``-dD`` keeps the
``#define`` lines: a header of macros alone would otherwise compare empty) with the
variant's build include paths (:func:`hdrtool.core.tree.build_layout`, its
``asm`` link aimed at the old directory for the old tree and at the merged
one for the new), many headers per compiler run and runs in parallel; the
line markers map each token back to its file:line so that the first
differing token is reported with both positions.  A string literal that
names a file the compiler entered (``__FILE__``) compares equal to any
other such name: after a split it names the half, which is expected.
A header that fails to preprocess in both trees counts as equal (the same
failure); in one only, as a difference.

Without one (:func:`verify_engine`), the directive engine checks what the
merge generated: each wrapper, run through unifdef with the variant's
symbols, must include exactly the half of that variant's side.
"""

from __future__ import annotations

import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from hdrtool.core.config import ArchConfig, Variant
from hdrtool.core.directives import Symbols, find_includes, unifdef
from hdrtool.core.errors import Diagnostic
from hdrtool.merge.plan import KERNEL_SYMBOL, MergePlan, suffixed
from hdrtool.core.tree import all_cpp_symbols, build_layout

_MARKER = re.compile(rb'^# (\d+) "((?:[^"\\]|\\.)*)"')
_TOKEN = re.compile(rb"""[A-Za-z_$][\w$]*|\.?\d(?:[eEpP][+-]|[\w.])*|"(?:\\.|[^"\\\n])*"|"""
                    rb"""'(?:\\.|[^'\\\n])*'|\S""")
#: What a string naming a file that cc entered compares as: __FILE__ names
#: the half after a split (and the scratch link), which is not a difference.
_FILE = b'"<__FILE__>"'
#: Headers per compiler run (more amortises process start, fewer spreads work).
BATCH = 48


@dataclass(frozen=True)
class Unproven:
    """A check that could not be made: the header does not preprocess on its
    own in either tree (it needs a config symbol, a generated file, ...)."""

    where: str                       # "x86_32 -D__KERNEL__"
    name: str                        # "asm/apic.h"
    reason: str                      # the compiler's first error, tree-relative


@dataclass
class VerifyResult:
    proof: str                       # "cc" or "engine"
    checked: int = 0                 # (variant, mode, header) comparisons
    failures: List[Diagnostic] = field(default_factory=list)
    unproven: List[Unproven] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def both_fail(self) -> int:
        return len(self.unproven)

    @property
    def proven(self) -> int:
        return self.checked - len(self.unproven) - len(self.failures)

    def why_unproven(self) -> Dict[str, int]:
        """Reasons by kind (:func:`reason_kind`), with counts."""
        out: Dict[str, int] = {}
        for u in self.unproven:
            k = reason_kind(u.reason)
            out[k] = out.get(k, 0) + 1
        return dict(sorted(out.items(), key=lambda kv: -kv[1]))

    def unproven_by_header(self) -> List[Diagnostic]:
        """One note per header that could not be proven, naming where and why."""
        by: Dict[str, List[Unproven]] = {}
        for u in self.unproven:
            by.setdefault(u.name, []).append(u)
        return [Diagnostic(f"<{name}>", None, "note", "merge-unproven",
                           f"could not be preprocessed on its own ({', '.join(u.where for u in us)}): "
                           f"{us[0].reason}") for name, us in sorted(by.items())]

    def summary(self) -> str:
        what = ("cc -E token comparison" if self.proof == "cc"
                else "directive-engine wrapper selection (no C compiler)")
        verdict = "equivalent" if self.ok else f"{len(self.failures)} difference(s)"
        text = f"verify ({what}): {self.checked} checks: {self.proven} proven"
        if self.unproven:
            why = ", ".join(f"{k} {n}" for k, n in self.why_unproven().items())
            text += f", {len(self.unproven)} could not be ({why})"
        return f"{text}: {verdict}"


#: How a compiler error reads -> why a header cannot be checked on its own.
_REASONS = (
    (re.compile(r"autoconf\.h|asm-offsets\.h|compile\.h|bounds\.h|version\.h"),
     "needs a generated file"),
    (re.compile(r"No such file or directory"), "includes a file the tree does not have"),
    (re.compile(r"#error"), "#error (needs a config symbol or another header first)"),
    (re.compile(r"\bCONFIG_\w+|division by zero in #if"), "needs a config symbol"),
)


def reason_kind(reason: str) -> str:
    """``'include/linux/autoconf.h: No such file...'`` -> ``'needs a generated file'``."""
    for pattern, kind in _REASONS:
        if pattern.search(reason):
            return kind
    return "other preprocessor error"


def _modes() -> Tuple[Tuple[str, bool], ...]:
    return ((f"-D{KERNEL_SYMBOL}", True), (f"-U{KERNEL_SYMBOL}", False))


def headers_to_check(plan: MergePlan, variant: Variant) -> List[str]:
    """Include names (relative to include/, asm dir as ``asm/``) to compare."""
    prefix = f"include/{variant.old_dir}/"
    names = [f"asm/{p[len(prefix):]}" for p in sorted(plan.hashes)
             if p.startswith(prefix) and p.endswith(".h")]
    old = (f"include/{plan.spec.dir32}/", f"include/{plan.spec.dir64}/")
    names += [o.path[len("include/"):] for o in sorted(plan.outputs.values(), key=lambda o: o.path)
              if o.edits and o.path == o.origin and o.path.startswith("include/")
              and not o.path.startswith(old) and o.path.endswith(".h")]
    return names


# --------------------------------------------------------------------------
# With the compiler
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class _Tok:
    text: bytes
    path: str
    line: int


@dataclass
class _Run:
    """What cc printed per main file.  Tokens are made only on demand: two
    outputs equal once line markers and white space are dropped are equal
    token for token, and that is nearly every header (the tokenizer is
    what would cost the time)."""

    chunks: Dict[str, bytes]         # main file -> its part of cc's stdout
    errors: Dict[str, str]           # main file -> first error line
    root: Optional[Path] = None      # the tree, for file:line of tokens

    def tokens(self, main: str) -> List[_Tok]:
        chunk = self.chunks.get(main)
        return [] if chunk is None else _split_tokens(chunk, {main}, self.root).get(main, [])

    def flat(self, main: str) -> bytes:
        return b" ".join(_MARKERS.sub(b"", self.chunks.get(main, b"")).split())

    def update(self, other: "_Run") -> None:
        self.chunks.update(other.chunks)
        self.errors.update(other.errors)
        self.root = other.root or self.root


#: Not anchored at a line start: after a fatal error cc's output for the
#: previous main can end in the middle of a line.
_MAIN_START = re.compile(rb'# 0 "([^"\n]*\.c)"\n')
_MARKERS = re.compile(rb'^# \d+ "[^\n]*\n', re.M)


def _chunks(out: bytes, mains: set) -> Dict[str, bytes]:
    """cc's stdout for many mains, cut at each main's first line marker."""
    starts = [(m.start(), m.group(1).decode("utf-8", "replace"))
              for m in _MAIN_START.finditer(out)]
    result = {}
    for i, (at, name) in enumerate(starts):
        if name in mains:
            end = starts[i + 1][0] if i + 1 < len(starts) else len(out)
            result.setdefault(name, out[at:end])
    return result


#: ``show(side, path)``: how a tree-relative path of the "old" or "new"
#: tree is printed (e.g. relative to the user's directory); default as is.
Show = Callable[[str, str], str]


def _as_is(side: str, path: str) -> str:
    return path


def verify_cc(plan: MergePlan, cfg: ArchConfig, old_tree: Path, new_tree: Path,
              scratch: Path, cc: str = "cc", jobs: int = 1,
              progress: Optional[Callable[[int, int], None]] = None,
              show: Show = _as_is) -> VerifyResult:
    """Compare old and new tree header by header with ``cc -E``;
    ``progress(done, total)`` is called as compiler runs finish; paths in
    the findings go through ``show``."""
    result = VerifyResult("cc")
    scratch = Path(scratch)
    mains_dir = scratch / "mains"
    mains_dir.mkdir(parents=True, exist_ok=True)
    tasks = []
    for v in cfg.variants:
        names = headers_to_check(plan, v)
        mains = _write_mains(mains_dir / v.name, names)
        old = build_layout(old_tree, cfg, v, scratch / "old", asm_dir=Path(old_tree) / "include"
                           / v.old_dir)
        new = build_layout(new_tree, cfg, v, scratch / "new",
                           asm_dir=Path(new_tree) / "include" / cfg.merge.into)
        for flag, kernel in _modes():
            tasks.append((v, flag, names, mains, old.flags(kernel=kernel),
                          new.flags(kernel=kernel)))
    roots = (Path(old_tree).resolve(), Path(new_tree).resolve())
    runs = _run_all(cc.split() + compiler_includes(cc, old_tree), tasks, jobs, roots, progress)
    for i, (v, flag, names, mains, _f_old, _f_new) in enumerate(tasks):
        old_run, new_run = runs[2 * i], runs[2 * i + 1]
        for name, main in zip(names, mains):
            result.checked += 1
            diag = _compare(f"{v.name} {flag}", name, main, old_run, new_run, show)
            if diag == "both":
                result.unproven.append(Unproven(f"{v.name} {flag}", name,
                                                _show_error(show, "old", old_run.errors[main])))
            elif diag is not None:
                result.failures.append(diag)
    return result


def compiler_includes(cc: str, tree: Path) -> List[str]:
    """The compiler's own header directory (``stdarg.h``), where the tree's
    top Makefile puts it on the path as the kernel build does
    (2.6.23: ``NOSTDINC_FLAGS += -nostdinc -isystem $(shell $(CC)
    -print-file-name=include)``); none for a tree that does not."""
    try:
        makefile = (Path(tree) / "Makefile").read_bytes()
    except OSError:
        return []
    if b"-isystem $(shell $(CC) -print-file-name=include)" not in makefile:
        return []
    r = subprocess.run(cc.split() + ["-print-file-name=include"], capture_output=True, text=True)
    d = r.stdout.strip()
    return ["-isystem", d] if r.returncode == 0 and os.path.isdir(d) else []


def _write_mains(d: Path, names: Sequence[str]) -> List[str]:
    d.mkdir(parents=True, exist_ok=True)
    out = []
    for i, name in enumerate(names):
        p = d / f"h{i}.c"
        p.write_bytes(b"#include <%s>\n" % name.encode())
        out.append(str(p.resolve()))
    return out


def _run_all(cc: List[str], tasks, jobs: int, roots, progress=None) -> List[_Run]:
    """Two runs (old, new) per task, each split into batches, in parallel."""
    calls = []
    for (_v, _flag, _names, mains, f_old, f_new) in tasks:
        for flags, root in ((f_old, roots[0]), (f_new, roots[1])):
            calls.append([(cc + ["-E", "-dD"] + flags + mains[i:i + BATCH], root)
                          for i in range(0, len(mains), BATCH)])
    flat = [c for group in calls for c in group]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        outs = []
        for out in pool.map(lambda c: _preprocess(*c), flat):
            outs.append(out)
            if progress is not None:
                progress(len(outs), len(flat))
    runs, k = [], 0
    for group in calls:
        run = _Run({}, {})
        for _ in group:
            run.update(outs[k])
            k += 1
        runs.append(run)
    return runs


_CHAIN = re.compile(r"^(?:In file included from|\s+from) (.+?):\d+[:,]$")
_DIAG = re.compile(r"^(.+?):\d+:(?:\d+:)? (fatal error|error|warning|note): ")


def _attribute(stderr: str, mains: Sequence[str], root: Path) -> Optional[Dict[str, str]]:
    """main file -> its first error line, from the stderr of one ``cc -E``
    run over many mains (gcc goes on to the next input after an error).
    gcc prints the "In file included from" chain down to the main when the
    include stack changes, and only the part that changed while it stays
    below the same main: the last main a chain reached owns what follows.
    None if an error cannot be placed."""
    mains_set, out, main = set(mains), {}, None
    for line in stderr.splitlines():
        m = _CHAIN.match(line)
        if m:
            if m.group(1) in mains_set:
                main = m.group(1)
            continue
        m = _DIAG.match(line)
        if m is None:
            continue
        if m.group(1) in mains_set:
            main = m.group(1)
        owner = main
        if m.group(2) in ("error", "fatal error"):
            if owner is None:
                return None
            out.setdefault(owner, _relative(line, root))
    return out


def _preprocess(argv: List[str], root: Path) -> _Run:
    mains = [a for a in argv if a.endswith(".c")]
    r = subprocess.run(argv, capture_output=True)
    if r.returncode != 0 and len(mains) > 1:
        errors = _attribute(r.stderr.decode("utf-8", "replace"), mains, root)
        if errors:
            return _Run(_chunks(r.stdout, set(mains)), errors, root)
    if r.returncode == 0 or len(mains) == 1:
        run = _Run(_chunks(r.stdout, set(mains)), {}, root)
        if r.returncode != 0:
            err = next((l for l in r.stderr.decode("utf-8", "replace").splitlines()
                        if "error" in l), r.stderr.decode("utf-8", "replace").strip())
            run.errors[mains[0]] = _relative(err, root)
        return run
    # one of them failed: find which, one at a time (rare, and only then)
    flags = [a for a in argv if not a.endswith(".c")]
    run = _Run({}, {}, root)
    for m in mains:
        run.update(_preprocess(flags + [m], root))
    return run


def _split_tokens(out: bytes, mains: set, root: Path) -> Dict[str, List[_Tok]]:
    result: Dict[str, List[_Tok]] = {}
    current: Optional[List[_Tok]] = None
    path, line = "", 0
    names: Dict[bytes, str] = {}
    for raw in out.split(b"\n"):
        m = _MARKER.match(raw)
        if m:
            fname = m.group(2)
            if fname not in names:
                names[fname] = _relative(fname.decode("utf-8", "replace"), root)
            if fname.decode("utf-8", "replace") in mains and \
                    fname.decode("utf-8", "replace") not in result:
                current = result.setdefault(fname.decode("utf-8", "replace"), [])
            path, line = names[fname], int(m.group(1))
            continue
        if current is not None and raw.strip() and not path.startswith("<"):
            current.extend(_Tok(_FILE if t[:1] == b'"' and t[1:-1] in names else t, path, line)
                           for t in _TOKEN.findall(raw))
        line += 1
    return result


def _relative(path: str, root: Path) -> str:
    """A compiler path (maybe through the asm link) relative to its tree."""
    head, sep, rest = path.partition(":")
    real = os.path.realpath(head)
    try:
        rel = os.path.relpath(real, root)
    except ValueError:
        return path
    return (rel if not rel.startswith("..") else head) + sep + rest


def _show_error(show: Show, side: str, err: str) -> str:
    """A compiler message ``path:line: ...`` with its path shown."""
    head, sep, rest = err.partition(":")
    return show(side, head) + sep + rest if sep else err


def _compare(where: str, name: str, main: str, old: _Run, new: _Run, show: Show = _as_is):
    e_old, e_new = old.errors.get(main), new.errors.get(main)
    if e_old and e_new:
        return "both"
    if e_old or e_new:
        which = "old tree only" if e_old else "new tree only"
        err = _show_error(show, "old", e_old) if e_old else _show_error(show, "new", e_new)
        return Diagnostic(f"<{name}>", None, "error", "merge-verify",
                          f"{where}: fails to preprocess in the {which}: {err}")
    if old.flat(main) == new.flat(main):
        return None
    a, b = old.tokens(main), new.tokens(main)
    for i in range(max(len(a), len(b))):
        ta = a[i] if i < len(a) else None
        tb = b[i] if i < len(b) else None
        if ta is None or tb is None or ta.text != tb.text:
            return Diagnostic(show("new", tb.path) if tb else f"<{name}>",
                              tb.line if tb else None, "error", "merge-verify",
                              f"{where}: <{name}> differs at token {i + 1}: old "
                              f"{_where(ta, show, 'old')} vs new {_where(tb, show, 'new')}")
    return None


def _where(t: Optional[_Tok], show: Show = _as_is, side: str = "") -> str:
    if t is None:
        return "<end of output>"
    return f"{show(side, t.path)}:{t.line}: '{t.text.decode('utf-8', 'replace')}'"


def compare_installed(cc: str, old_dir: Path, new_dir: Path, cflags: Sequence[str],
                      scratch: Path, jobs: int = 1,
                      names: Optional[Sequence[str]] = None,
                      defines: bool = True) -> Tuple[int, List[str]]:
    """Compare two installed header trees (``INSTALL_HDR_PATH/include``):
    every header of ``old_dir`` (or only ``names``) against the same name in
    ``new_dir``, each compiled with ``-I`` its own tree and ``cflags``; with
    ``defines`` (``-dD``) the macro definitions count too, without it the
    tokens of ``cc -E -P`` only (2.6.23's x86_64 ``asm/`` stubs have include
    guards of their own, ``__ASM_STUB_*``, that a merged tree does not).
    Returns (headers compared, messages for those that differ)."""
    old_dir, new_dir = Path(old_dir).resolve(), Path(new_dir).resolve()
    if names is None:
        names = [p.relative_to(old_dir).as_posix() for p in sorted(old_dir.rglob("*.h"))]
    mains = _write_mains(Path(scratch) / "installed", names)
    base = cc.split() + ["-E"] + (["-dD"] if defines else []) + ["-nostdinc", *cflags]
    runs = []
    for root in (old_dir, new_dir):
        calls = [(base + [f"-I{root}"] + mains[i:i + BATCH], root)
                 for i in range(0, len(mains), BATCH)]
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            parts = list(pool.map(lambda c: _preprocess(*c), calls))
        run = _Run({}, {})
        for part in parts:
            run.update(part)
        runs.append(run)
    bad = []
    for name, main in zip(names, mains):
        d = _compare(" ".join(cflags), name, main, runs[0], runs[1])
        if d is not None and d != "both":
            bad.append(d.render())
    return len(names), bad


# --------------------------------------------------------------------------
# Without the compiler
# --------------------------------------------------------------------------

def verify_engine(plan: MergePlan, cfg: ArchConfig, tree_symbols: Sequence[str],
                  read, show: Show = _as_is) -> VerifyResult:
    """Each wrapper, unifdef'ed with a variant's symbols, must include exactly
    the half of that variant's side.  ``read(path)`` gives output bytes;
    paths in the findings go through ``show``."""
    spec, result = plan.spec, VerifyResult("engine")
    wrappers = [e for e in plan.entries if e.cls == "split" and len(e.outputs) == 3]
    for v in cfg.variants:
        suffix = spec.suffix32 if v.old_dir == spec.dir32 else spec.suffix64
        # what cc leaves undefined is false: every symbol any variant defines
        known = set(tree_symbols) | {s for w in cfg.variants for s in w.defines} \
            | {spec.kernel_symbol, spec.user_symbol}
        others = frozenset(known - set(v.defines))
        for flag, kernel in _modes():
            defined = {s: None for s in v.defines}
            undefined = set(others)
            if kernel:
                defined[KERNEL_SYMBOL] = None
            else:
                undefined.add(KERNEL_SYMBOL)
            syms = Symbols(defined, frozenset(undefined))
            for e in wrappers:
                result.checked += 1
                path = e.outputs[0]
                want = os.path.basename(suffixed(e.name, suffix)).encode()
                got = [i.name for i in find_includes(unifdef(read(path), syms, path))]
                if got != [want]:
                    result.failures.append(Diagnostic(
                        show("new", path), None, "error", "merge-verify",
                        f"{v.name} {flag}: wrapper includes {b' '.join(got).decode() or 'nothing'}"
                        f", expected {want.decode()}"))
    return result


def tree_symbols(tree: Path) -> Tuple[str, ...]:
    return all_cpp_symbols(Path(tree))
