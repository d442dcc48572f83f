"""Which checks a Linux tree's own ``make headers_check`` runs, read from the tree.

A release says how it checks its installed headers through the files it
carries; nothing here is keyed on a release number.  :func:`read_check_rules`
looks, in this order, at

* ``usr/include/Makefile`` (5.3-): its ``cmd_hdrtest`` compiles each header
  on its own (unless ``no-header-test`` names it; the list and its
  ``ifeq ($(SRCARCH),...)`` blocks are read from that Makefile) and runs the
  ``headers_check.pl`` it names;
* ``scripts/Makefile.headersinst``'s ``cmd_check`` (2.6.18-5.2): either
  ``scripts/hdrcheck.sh`` per header (2.6.18-2.6.26) or
  ``scripts/headers_check.pl`` per directory (2.6.27-);
* a top ``Makefile`` whose ``headers_check:`` does nothing (``@:``).

A ``headers_check.pl`` is read sub by sub (:mod:`hdrtool.check.perlcheck`
models each): which ``check_*`` subs its main loop calls (a call that is
commented out, like 4.4's ``# Dropped for now. Too much noise
&check_config();``, is not called), the regular expressions and messages
of each, and whether a sub fails the check (an uncommented ``$ret = 1``) or
only warns.  ``hdrcheck.sh`` is read for its ``grep`` pattern, its
``egrep`` filter and its message (:mod:`hdrtool.check.shellcheck`).

    >>> read_check_rules(Path("/usr/src/linux-4.4"), "x86").describe()  # doctest: +SKIP
    'scripts/headers_check.pl: check_include, check_asm_types, check_sizetypes, check_declarations'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from hdrtool.check.data import Exclusion
from hdrtool.check.perlcheck import MODELS
from hdrtool.core.errors import InputError

HEADERSINST = "scripts/Makefile.headersinst"
USR_MAKEFILE = "usr/include/Makefile"


@dataclass(frozen=True)
class ShellCheck:
    """``scripts/hdrcheck.sh``: every ``#include <...>`` line its grep finds
    whose name its egrep keeps must name a file of the installed tree."""

    script: str
    include_line: "re.Pattern[bytes]"     # the grep pattern, as a Python regex
    keep: "re.Pattern[bytes]"             # the egrep filter of the names
    message: str                          # with {file} for $FILE


@dataclass(frozen=True)
class PerlSub:
    """One ``check_*`` sub of a ``headers_check.pl`` that the main loop calls.

    ``patterns``: its ``$line =~ m/.../`` (and ``$filename =~ /.../``)
    regexes by role; ``message``: its printf text after ``$filename:$lineno:``;
    ``error``: it sets ``$ret = 1`` (the check fails) rather than only warning."""

    name: str
    error: bool
    message: str
    patterns: Dict[str, "re.Pattern[bytes]"] = field(default_factory=dict)
    exceptions: Tuple["re.Pattern[bytes]", ...] = ()
    flags: Tuple[str, ...] = ()


@dataclass(frozen=True)
class PerlCheck:
    script: str
    subs: Tuple[PerlSub, ...]


@dataclass(frozen=True)
class CheckRules:
    """What a tree's own header check runs.

    ``kind``: ``hdrcheck.sh``, ``headers_check.pl``, ``hdrtest`` (the
    usr/include compile test, with or without a perl script) or ``none``;
    ``srcarch``: the arch argument the kernel passes (``$(SRCARCH)``);
    ``unchecked``: installed directories the release's check does not visit,
    with why; ``perl_needs_compile``: the script runs only on headers that
    compiled (``$(CC) ...; $(PERL) ...`` under kbuild's ``set -e``)."""

    srctree: Path
    kind: str
    srcarch: Optional[str] = None
    shell: Optional[ShellCheck] = None
    perl: Optional[PerlCheck] = None
    compile: bool = False
    exclusions: Tuple[Exclusion, ...] = ()
    unchecked: Dict[str, str] = field(default_factory=dict)
    source: str = ""
    perl_needs_compile: bool = False    # cmd_hdrtest stops (set -e) where the compile fails
    uapi_cflags: Tuple[str, ...] = ()   # the Makefile's UAPI_CFLAGS words without $(...)
    shadowed: Tuple[str, ...] = ()      # usr/dummy-include's headers, where c_flags has it

    def describe(self) -> str:
        """One line: which of the tree's files decide, and which checks run."""
        parts = []
        if self.compile:
            parts.append(f"{USR_MAKEFILE} compile test ({len(self.exclusions)} no-header-test entries)")
        if self.shell:
            parts.append(f"{self.shell.script} (#include <linux*|asm*> must be installed)")
        if self.perl:
            parts.append(f"{self.perl.script}: " + ", ".join(s.name for s in self.perl.subs))
        return "; ".join(parts) if parts else f"{self.source}: no checks"


def read_check_rules(srctree: Path, arch: Optional[str] = None) -> Optional[CheckRules]:
    """The checks the Linux tree at ``srctree`` runs for ``ARCH=arch``; None
    for hdrtool's own tree layout (no kernel check machinery)."""
    from hdrtool.core.era import read_tree
    srctree = Path(srctree)
    tree = read_tree(srctree)
    if tree.machinery == "hdrtool":
        return None
    srcarch = tree.arch_dir_name(arch) if arch else None
    usr = srctree / USR_MAKEFILE
    if usr.is_file():
        text = _text(usr, USR_MAKEFILE)
        cmd = _make_var(text, "cmd_hdrtest")
        if cmd is not None:
            return _hdrtest(srctree, text, cmd, srcarch)
    hi = _text(srctree / HEADERSINST, HEADERSINST)
    cmd = _make_var(hi, "cmd_check")
    if cmd is not None and "hdrcheck.sh" in cmd:
        script = _script_path(cmd, "hdrcheck.sh")
        return CheckRules(srctree, "hdrcheck.sh", srcarch,
                          shell=_read_shell(srctree, script),
                          unchecked=_altarch_unchecked(srctree, hi, srcarch),
                          source=f"{HEADERSINST} cmd_check")
    if cmd is not None and ("headers_check.pl" in cmd or "$<" in cmd):
        m = re.search(r"(\S*headers_check\.pl)", hi)
        if m is None:
            raise InputError("cmd_check runs $< but no headers_check.pl is named", HEADERSINST)
        script = _script_path(m.group(1), "headers_check.pl")
        return CheckRules(srctree, "headers_check.pl", srcarch,
                          perl=read_perl_script(srctree, script),
                          source=f"{HEADERSINST} cmd_check")
    top = _text(srctree / "Makefile", "Makefile") if (srctree / "Makefile").is_file() else ""
    if re.search(r"^headers_check:[^\n]*\n\t@:\s*$", top, re.M):
        return CheckRules(srctree, "none", srcarch, source="Makefile headers_check (a no-op)")
    raise InputError(
        "cannot tell how this tree checks its headers: looked for cmd_hdrtest in "
        f"{USR_MAKEFILE}, cmd_check (hdrcheck.sh or headers_check.pl) in {HEADERSINST}, "
        "and a no-op headers_check: in Makefile", srctree)


# --------------------------------------------------------------------------
# Makefiles.
# --------------------------------------------------------------------------


def _make_var(text: str, name: str) -> Optional[str]:
    """The value of ``name = ...`` with its backslash-continued lines joined."""
    m = re.search(rf"^\s*{re.escape(name)}\s*:?=((?:[^\n]*\\\n)*[^\n]*)", text, re.M)
    return None if m is None else m.group(1).replace("\\\n", " ")


def _script_path(word: str, name: str) -> str:
    """The tree-relative path of the script ``name`` a command names
    (``$(src)`` is usr/include, where usr/include/Makefile runs)."""
    m = re.search(rf"(\S*{re.escape(name)})", word)
    path = m.group(1) if m else name
    for var, value in (("$(srctree)/$(src)/", "usr/include/"), ("$(src)/", "usr/include/"),
                       ("$(srctree)/", "")):
        path = path.replace(var, value)
    return path


_IFEQ_SRCARCH = re.compile(r"^ifeq\s*\(\s*\$\(SRCARCH\)\s*,\s*(\w+)\s*\)")
_NO_HEADER_TEST = re.compile(r"^no-header-test\s*\+=\s*(.+?)\s*$")


def makefile_exclusions(text: str) -> Tuple[Exclusion, ...]:
    """``no-header-test += X`` lines of usr/include/Makefile (``%`` -> ``*``),
    those inside ``ifeq ($(SRCARCH),A)`` for arch A only.

    >>> makefile_exclusions("no-header-test += asm-generic/%\\n")[0].pattern
    'asm-generic/*'
    """
    out: List[Exclusion] = []
    arch: Optional[str] = None
    for line in text.splitlines():
        m = _IFEQ_SRCARCH.match(line)
        if m:
            arch = m.group(1)
            continue
        if line.startswith("endif"):
            arch = None
            continue
        m = _NO_HEADER_TEST.match(line)
        if m:
            where = f" (ifeq SRCARCH {arch})" if arch else ""
            for word in m.group(1).split():
                out.append(Exclusion(word.replace("%", "*"),
                                     f"no-header-test in {USR_MAKEFILE}{where}",
                                     (arch,) if arch else ()))
    return tuple(out)


def _hdrtest(srctree: Path, text: str, cmd: str, srcarch: Optional[str]) -> CheckRules:
    compiles = "$(CC)" in cmd
    perl = None
    m = re.search(r"\$\(PERL\)\s+(\S+)", cmd)
    if m:
        perl = read_perl_script(srctree, _script_path(m.group(1), "headers_check.pl"))
    kbuild = srctree / "scripts/Kbuild.include"
    kbuild_text = _text(kbuild, "scripts/Kbuild.include") if kbuild.is_file() else ""
    set_e = any("set -e" in (_make_var(kbuild_text, v) or "") for v in ("cmd", "if_changed_dep"))
    after = compiles and perl is not None and set_e and cmd.find("$(CC)") < cmd.find("$(PERL)")
    shadowed: Tuple[str, ...] = ()
    dummy = srctree / "usr/dummy-include"
    if "usr/dummy-include" in text and dummy.is_dir():
        shadowed = tuple(sorted(p.name for p in dummy.iterdir() if p.name.endswith(".h")))
    return CheckRules(srctree, "hdrtest", srcarch, perl=perl, compile=compiles,
                      exclusions=makefile_exclusions(text) if compiles else (),
                      source=f"{USR_MAKEFILE} cmd_hdrtest", perl_needs_compile=after,
                      uapi_cflags=uapi_cflags(text), shadowed=shadowed)


def uapi_cflags(text: str) -> Tuple[str, ...]:
    """The plain words of usr/include/Makefile's ``UAPI_CFLAGS :=`` / ``+=``
    lines (``$(filter -m32 -m64 ...)`` and ``$(USERCFLAGS)`` come from the
    build: ARCH's flags are hdrtool's arches.toml, CC= the user's).

    >>> uapi_cflags("UAPI_CFLAGS := -std=c90 -Wall\\nUAPI_CFLAGS += $(USERCFLAGS)\\n")
    ('-std=c90', '-Wall')
    """
    words: List[str] = []
    for m in re.finditer(r"^UAPI_CFLAGS\s*(?::=|\+=|=)\s*(.*)$", text, re.M):
        value = re.sub(r"\$\([^()]*(?:\([^()]*\)[^()]*)*\)", " ", m.group(1))
        words += value.split()
    return tuple(words)


def _altarch_unchecked(srctree: Path, headersinst: str, srcarch: Optional[str]) -> Dict[str, str]:
    """Directories a biarch install writes but its check does not visit.

    2.6.18-2.6.26: ``__headersinst`` depends on ``$(altarch-y)`` (the
    ``altarch-dir`` rule installs ``include/asm-$(ALTARCH)`` and the
    ``include/asm`` stubs) where ``__headerscheck`` does not; ALTARCH comes
    from ``include/asm-$(ARCH)/Kbuild``."""
    if srcarch is None:
        return {}
    check = re.search(r"^__headerscheck:([^\n]*)", headersinst, re.M)
    inst = re.search(r"^__headersinst:([^\n]*)", headersinst, re.M)
    if not (check and inst and "altarch-y" in inst.group(1) and "altarch-y" not in check.group(1)):
        return {}
    kbuild = srctree / "include" / f"asm-{srcarch}" / "Kbuild"
    if not kbuild.is_file():
        return {}
    m = re.search(r"^ALTARCH\s*:?=\s*(\S+)", _text(kbuild, str(kbuild)), re.M)
    rule = re.search(r"^altarch-dir:[^\n]*\n((?:\t[^\n]*\n)+)", headersinst, re.M)
    if m is None or rule is None:
        return {}
    out = {}
    for dst in re.findall(r"dst=(\S+)", rule.group(1)):
        d = dst.replace("$(ALTARCH)", m.group(1)).replace("$(BIASMDIR)", "")
        if d.startswith("include/"):
            out[d[len("include/"):]] = ("not visited by this release's headers_check "
                                        f"(written by {HEADERSINST}'s altarch-dir rule)")
    return out


# --------------------------------------------------------------------------
# scripts/hdrcheck.sh
# --------------------------------------------------------------------------


def _bre_to_python(bre: str) -> str:
    """A grep basic regex of the kind hdrcheck.sh uses (``^``, ``[...]``,
    ``*``, literals) as a Python regex.  Inside brackets a backslash is a
    literal backslash for grep: ``[ \\t]`` is space, backslash, 't'."""
    out, i = [], 0
    while i < len(bre):
        c = bre[i]
        if c == "[":
            j = bre.index("]", i + 2 if bre[i + 1:i + 2] in ("]", "^") else i + 1)
            body = bre[i + 1:j]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = j + 1
            continue
        if c in "^*.":
            out.append(c)
        elif c == "\\" and i + 1 < len(bre):
            i += 1
            out.append(re.escape(bre[i]))
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def _read_shell(srctree: Path, script: str) -> ShellCheck:
    text = _text(srctree / script, script)
    grep = re.search(r"grep\s+'([^']*)'\s+\$2", text)
    keep = re.search(r"egrep\s+(\S+?)\s*`", text)
    msg = re.search(r"echo\s+\$2\s+(.*?)\s*$", text, re.M)
    if not (grep and keep and msg and re.search(r"-r\s+\$1/\$FILE", text)):
        raise InputError("not the hdrcheck.sh this reader knows: looked for grep '...' $2, "
                         "egrep ..., [ ! -r $1/$FILE ] and echo $2 ...", script)
    filt = re.sub(r"\\(.)", r"\1", keep.group(1))     # the shell removes the backslashes
    return ShellCheck(script, re.compile(_bre_to_python(grep.group(1)).encode()),
                      re.compile(filt.encode()), msg.group(1).replace("$FILE", "{file}"))


# --------------------------------------------------------------------------
# headers_check.pl
# --------------------------------------------------------------------------

_CALL = re.compile(r"^\s*&?(check_\w+)\s*\(\s*\)\s*;", re.M)
_SUB = re.compile(r"^sub\s+(\w+)\s*\{(.*?)^\}", re.M | re.S)
_MATCH = re.compile(r"\$(line|filename)\s*=~\s*m?/((?:[^/\\\n]|\\.)*)/o?")
_SUBST = re.compile(r"\$line\s*=~\s*s(.)(.*?)\1\1\s*;")
_PRINTF = re.compile(r"printf\s+STDERR\s+((?:\"(?:[^\"\\]|\\.)*\"\s*\.?\s*)+)")
_STRING = re.compile(r"\"((?:[^\"\\]|\\.)*)\"")


def _uncommented(body: str) -> str:
    return "\n".join(line for line in body.splitlines() if not line.lstrip().startswith("#"))


def _perl_re(pattern: str) -> "re.Pattern[bytes]":
    # The patterns these scripts use (\s, \b, \S, classes, groups, \/ and \()
    # mean the same to Python's re on bytes.
    return re.compile(pattern.encode("latin-1"))


def _message(body: str, sub: str, script: str) -> str:
    m = _PRINTF.search(body)
    if m is None:
        raise InputError(f"{sub}: no printf STDERR message", script)
    text = "".join(_STRING.findall(m.group(1)))
    text = re.sub(r"^\$filename:\$lineno:\s*", "", text)
    return text.replace("\\n", "").replace("\\", "")


def read_perl_script(srctree: Path, script: str) -> PerlCheck:
    """The ``check_*`` subs the main loop of ``script`` calls, each read."""
    text = _text(srctree / script, script)
    first_sub = text.find("\nsub ")
    calls = _CALL.findall(text[:first_sub if first_sub >= 0 else len(text)])
    bodies = {m.group(1): _uncommented(m.group(2)) for m in _SUB.finditer(text)}
    subs = []
    for name in calls:
        if name not in bodies:
            raise InputError(f"the main loop calls {name}, which is not defined", script)
        if name not in MODELS:
            raise InputError(f"{name}: a check hdrtool does not model (it knows "
                             f"{', '.join(sorted(MODELS))})", script)
        subs.append(_read_sub(name, bodies[name], bodies, script))
    return PerlCheck(script, tuple(subs))


def _read_sub(name: str, body: str, bodies: Dict[str, str], script: str) -> PerlSub:
    roles = MODELS[name].roles
    error = re.search(r"\$ret\s*=\s*1\s*;", body) is not None
    patterns: Dict[str, "re.Pattern[bytes]"] = {}
    exceptions: List["re.Pattern[bytes]"] = []
    flags: List[str] = []
    # Each `if ($x =~ m/P/) { ... }`: its block decides its role.
    for m in _MATCH.finditer(body):
        block = body[m.end():body.find("}", m.end()) + 1]
        pat = m.group(2)
        role = roles(m.group(1), pat, block)
        if role == "exception":
            exceptions.append(_perl_re(pat))
        elif role and role not in patterns:
            patterns[role] = _perl_re(pat)
    s = _SUBST.search(body)
    if s:
        patterns["strip"] = _perl_re(s.group(2))
    if re.search(r"s#asm/#asm-\$arch/#", body):
        flags.append("asm-arch-fallback")
    if "check_include_typesh(" in body and "check_include_typesh" in bodies:
        flags.append("recursive-types")
    missing = [r for r in MODELS[name].needs if r not in patterns]
    if missing:
        raise InputError(f"{name}: cannot find its {', '.join(missing)} pattern", script)
    return PerlSub(name, error, _message(body, name, script), patterns, tuple(exceptions),
                   tuple(flags))


def _text(path: Path, label: str) -> str:
    try:
        return path.read_bytes().decode("utf-8", "replace")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", label) from None
