"""headers_install of Linux 2.6.18 - 3.x, read from the tree being installed.

Two install machineries (:data:`hdrtool.core.era.MACHINERIES`) export headers from
``Kbuild`` lists; this module plans what they install, walking the lists the
way ``scripts/Makefile.headersinst`` recurses through them:

``headersinst-sed`` (2.6.18 - 2.6.26)
    Per directory ``obj`` (installed to ``dst``, default ``obj``):
    ``header-y`` files go through the HDRSED sed pipeline only (steps
    ``("rewrite",)``); ``unifdef-y`` files through unifdef, then sed
    (``("unifdef", "rewrite")``); ``objhdr-y`` files (``linux/version.h``)
    are copied from the object tree as generated (``()``).  Both lists are
    ``$(sort)``ed and a name in both is ``unifdef-y``; a ``header-y`` entry
    ending in ``/`` is a subdirectory with its own Kbuild.  The arch's
    ``include/asm-$(ARCH)`` installs as ``asm/`` unless its Kbuild sets
    ``ALTARCH``: then it stays ``asm-$(ARCH)/``, ``include/asm-$(ALTARCH)``
    is installed as ``asm-$(ALTARCH)/``, and ``asm/`` gets a generated stub
    for every name either Kbuild lists (the tree's own ``cmd_gen`` recipe,
    interpreted by :func:`_stub_recipe`).
``headers_install.pl`` (2.6.27 - 3.x)
    Every listed file (``header-y``, ``unifdef-y``, ``objhdr-y``) goes
    through the perl substitutions, then unifdef (``("rewrite",
    "unifdef")``).  The top directories come from ``include/Kbuild``; the
    arch's ``arch/$(hdr-arch)/include/asm`` (or ``include/asm-$(hdr-arch)``)
    installs as ``asm/``.  ``destination-y`` (2.6.30+) moves a directory,
    where the tree's Makefile.headersinst reads it.

``ARCH=`` maps through the top Makefile's SRCARCH/hdr-arch
(:meth:`hdrtool.core.era.TreeRules.arch_dir_name`).  ``linux/version.h`` is
generated the way the top Makefile's ``filechk_version.h`` recipe makes it
(:func:`version_h`).  Every Kbuild file goes through the one reader,
:func:`hdrtool.core.kbuild.read_kbuild` (unknown variables and missing listed
files are errors at ``path:line``); :class:`hdrtool.install.uptodate.Deps` records
every file read, directory listed and path probed.

    >>> files, diags = headersinst_exports(tree, "x86_64", read_tree(tree), Deps())  # doctest: +SKIP
    >>> [f.dst for f in files if f.dst.startswith("asm/")][:1]                       # doctest: +SKIP
    ['asm/a.out.h']
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from hdrtool.core.era import HEADERSINST, TreeRules
from hdrtool.install.versionh import version_h
from hdrtool.core.errors import Diagnostic, InputError
from hdrtool.core.kbuild import Roots, read_kbuild
from hdrtool.core.make import Make, Word
from hdrtool.core.tree import read_bytes
from hdrtool.install.uptodate import Deps

#: Steps per kind of entry, in the order each era applies them.
SED_HEADER_STEPS: Tuple[str, ...] = ("rewrite",)
SED_UNIFDEF_STEPS: Tuple[str, ...] = ("unifdef", "rewrite")
SED_OBJHDR_STEPS: Tuple[str, ...] = ()
PL_STEPS: Tuple[str, ...] = ("rewrite", "unifdef")

#: Where ``$(INSTALL_HDR_PATH)`` stands while a recipe is expanded.
_HDR = "/@INSTALL_HDR_PATH@"


@dataclass(frozen=True)
class LegacyFile:
    """One installed file (the shape :func:`hdrtool.install.plan.plan_install`
    takes): ``dst`` below ``INSTALL_HDR_PATH/include``; ``label`` the
    kernel's name for it; ``src`` tree-relative, or ``data`` generated;
    ``inputs`` the files it is made from; ``steps`` the transformation."""

    dst: str
    label: str
    src: Optional[str] = None
    data: Optional[bytes] = None
    inputs: Tuple[str, ...] = ()
    steps: Tuple[str, ...] = ()


@dataclass
class _Lists:
    """One directory's lists after Makefile.headersinst's own processing."""

    files: Dict[str, Word]          # name -> entry that lists it
    unifdef: Dict[str, Word]
    objhdr: Dict[str, Word]
    subdirs: Dict[str, Word]
    mk: Make
    kbuilds: Tuple[str, ...]


class _Planner:
    def __init__(self, srctree: Path, arch: str, rules: TreeRules, deps: Deps):
        self.srctree = Path(srctree)
        self.arch = arch
        self.rules = rules
        self.deps = deps
        self.roots = Roots(self.srctree, None, deps)
        self.sed = rules.machinery == "headersinst-sed"
        deps.add(self.srctree / HEADERSINST)
        # destination-y (2.6.30+) only where the tree's Makefile.headersinst reads it
        self.destination = b"destination-y" in read_bytes(self.srctree / HEADERSINST)
        self.out: Dict[str, LegacyFile] = {}
        self.diags: List[Diagnostic] = []
        self._stub = None
        self._makefile: Optional[bytes] = None
        sarch = rules.arch_dir_name(arch)
        self.hdr_arch = sarch
        # era A from 2.6.24 runs Makefile.headersinst with ARCH=$(SRCARCH)
        self.make_arch = sarch if self.sed else arch
        self.base_vars = {"ARCH": self.make_arch, "SRCARCH": sarch, "hdr-arch": sarch,
                          "srctree": str(self.srctree.resolve()), "objtree": ".",
                          "INSTALL_HDR_PATH": _HDR}

    # -- reading lists ---------------------------------------------------------

    def read_lists(self, obj: str, kbuilds: List[str], env: Dict[str, str],
                   origin: Optional[Word]) -> _Lists:
        """Read ``kbuilds`` (all into one make, as Makefile.headersinst's
        ``include $(KBUILDFILES)``) for directory ``obj``."""
        variables = dict(self.base_vars)
        variables.update(env)
        variables["obj"] = obj
        if len(kbuilds) == 1:
            path = kbuilds[0]
            if self.roots.find(path) is None:
                if origin is None:
                    raise InputError(f"no export list {path}", self.srctree / path)
                raise InputError(f"header-y names directory {origin.text} but {path} "
                                 "does not exist", origin.path, origin.line)
            mk = read_kbuild(self.roots.read(path), path, self.roots, variables)
        else:
            text = "".join(f"include {k}\n" for k in kbuilds)
            mk = read_kbuild(text.encode(), HEADERSINST, self.roots, variables)
        header = _first(mk.entries("header-y"))
        unifdef = _first(mk.entries("unifdef-y"))
        objhdr = _first(mk.entries("objhdr-y"))
        if not self.sed:                       # 2.6.27: unifdef-y is header-y
            for name, w in unifdef.items():
                header.setdefault(name, w)
            unifdef = {}
        subdirs = {n.rstrip("/"): w for n, w in header.items() if n.endswith("/")}
        files = {n: w for n, w in header.items() if not n.endswith("/") and n not in unifdef}
        for lst in (unifdef, objhdr):
            for name, w in lst.items():
                if name.endswith("/"):
                    raise InputError(f"a directory ({name}) may only be listed in header-y",
                                     w.path, w.line)
        for name, w in list(files.items()) + list(unifdef.items()) + list(objhdr.items()) \
                + list(subdirs.items()):
            if name.startswith("/") or ".." in name.split("/") or "/" in name.rstrip("/"):
                raise InputError(f"'{name}' is not a name in this directory", w.path, w.line)
        return _Lists(files, unifdef, objhdr, subdirs, mk, tuple(kbuilds))

    # -- one directory -------------------------------------------------------

    def walk(self, obj: str, dst: Optional[str], env: Dict[str, str],
             origin: Optional[Word] = None) -> None:
        """Makefile.headersinst run with ``obj=`` and ``dst=``."""
        lists = self.read_lists(obj, [f"{obj}/Kbuild"], env, origin)
        mk = lists.mk
        altarch = mk.value("ALTARCH") if mk.origin("ALTARCH") else env.get("ALTARCH", "")
        _dst = dst if dst else obj
        if self.sed and obj + altarch == f"include/asm-{self.make_arch}":
            _dst = "include/asm"
        if self.destination and mk.value("destination-y"):
            _dst = mk.value("destination-y")
        child = dict(env)
        for name in ("ALTARCH", "ARCHDEF", "ALTARCHDEF"):
            if mk.origin(name) is not None:
                child[name] = mk.value(name)
        for name, w in lists.subdirs.items():
            self.walk(f"{obj}/{name}", f"{_dst}/{name}", child, w)
        self.install_dir(obj, _dst, lists)
        if self.sed and altarch and obj == f"include/asm-{self.make_arch}":
            self.walk(f"include/asm-{altarch}", f"include/asm-{altarch}", child)
            self.walk_genasm("include/asm", "include/asm", child)

    def install_dir(self, obj: str, _dst: str, lists: _Lists) -> None:
        dst_dir = _include_rel(_dst, lists)
        kinds = [(lists.files, SED_HEADER_STEPS if self.sed else PL_STEPS),
                 (lists.unifdef, SED_UNIFDEF_STEPS)]
        for names, steps in kinds:
            for name, w in names.items():
                src = f"{obj}/{name}"
                if self.roots.find(src) is None:
                    var = "unifdef-y" if names is lists.unifdef else "header-y"
                    raise InputError(f"{var} entry '{name}': no such file {src}", w.path, w.line)
                self.add(LegacyFile(dst_dir + name, src, src=src, inputs=(src,),
                                    steps=steps))
        for name, w in lists.objhdr.items():
            label = f"{obj}/{name}"
            data, inputs = self.generated(label, w)
            self.add(LegacyFile(dst_dir + name, label, data=data, inputs=inputs,
                                steps=SED_OBJHDR_STEPS if self.sed else PL_STEPS))

    def add(self, f: LegacyFile) -> None:
        if f.dst in self.out:
            self.diags.append(Diagnostic(f.label, None, "warning", "duplicated-export",
                                         f"{f.dst} is installed twice; the first "
                                         f"({self.out[f.dst].label}) wins"))
            return
        self.out[f.dst] = f

    # -- generated asm/ stubs (ALTARCH) ------------------------------------

    def walk_genasm(self, obj: str, _dst: str, env: Dict[str, str]) -> None:
        """``obj=include/asm...`` (GENASM): both arches' lists, one stub each."""
        archasm = obj.replace("include/asm", f"asm-{self.make_arch}")
        altarchasm = obj.replace("include/asm", f"asm-{env.get('ALTARCH', '')}")
        kbuilds = [k for k in (f"include/{archasm}/Kbuild", f"include/{altarchasm}/Kbuild")
                   if self.roots.find(k) is not None]
        lists = self.read_lists(obj, kbuilds, env, None)
        for name, w in lists.subdirs.items():
            self.walk_genasm(f"{obj}/{name}", f"{_dst}/{name}", env)
        names = sorted(set(lists.files) | set(lists.unifdef) | set(lists.objhdr))
        dst_dir = _include_rel(_dst, lists)
        for name in names:
            data = self.stub(name, _dst, archasm, altarchasm, env)
            self.add(LegacyFile(dst_dir + name, f"{obj}/{name}", data=data,
                                inputs=tuple(kbuilds) + (HEADERSINST,), steps=()))

    def stub(self, name: str, _dst: str, archasm: str, altarchasm: str,
             env: Dict[str, str]) -> bytes:
        if self._stub is None:
            self.deps.add(self.srctree / HEADERSINST)
            self._stub = _stub_recipe(read_bytes(self.srctree / HEADERSINST))
        variables = {"ARCH": self.make_arch, "ALTARCH": env.get("ALTARCH", ""),
                     "ARCHDEF": env.get("ARCHDEF", ""), "ALTARCHDEF": env.get("ALTARCHDEF", ""),
                     "INSTALL_HDR_PATH": _HDR, "_dst": _dst, "archasm": archasm,
                     "altarchasm": altarchasm, "@": f"{_HDR}/{_dst}/{name}"}
        return self._stub(variables, self.installed)

    def installed(self, path: str) -> bool:
        """``[ -r $(INSTALL_HDR_PATH)/include/X ]``: already planned."""
        prefix = _HDR + "/include/"
        return path.startswith(prefix) and path[len(prefix):] in self.out

    # -- generated files (objhdr-y) ----------------------------------------

    def generated(self, label: str, w: Word) -> Tuple[bytes, Tuple[str, ...]]:
        if label != "include/linux/version.h":
            raise InputError(f"objhdr-y entry '{label.rsplit('/', 1)[1]}': {label} is made by "
                             "the kernel build and hdrtool has no rule for it", w.path, w.line)
        if self._makefile is None:
            self.deps.add(self.srctree / "Makefile")
            if not (self.srctree / "Makefile").is_file():
                raise InputError("objhdr-y version.h: the tree has no top Makefile to make "
                                 "it from", w.path, w.line)
            self._makefile = read_bytes(self.srctree / "Makefile")
        return version_h(self._makefile), ("Makefile",)

    # -- top level -------------------------------------------------------------

    def run(self) -> None:
        if self.sed:
            arch_kbuild = f"include/asm-{self.make_arch}/Kbuild"
            if self.roots.find(arch_kbuild) is None:
                self.unknown_arch()
            self.walk("include", None, {})
            return
        arch_dir = f"arch/{self.hdr_arch}/include/asm"
        if self.roots.find(f"{arch_dir}/Kbuild") is None:
            arch_dir = f"include/asm-{self.hdr_arch}"
            if self.roots.find(f"{arch_dir}/Kbuild") is None:
                self.unknown_arch()
        self.walk("include", None, {})
        self.walk(arch_dir, "include/asm", {})

    def unknown_arch(self) -> None:
        known = set()
        for pattern in ("include/asm-*/Kbuild", "arch/*/include/asm/Kbuild"):
            base = pattern.split("/*", 1)[0]
            self.deps.add(self.srctree / base)
            for hit in self.srctree.glob(pattern):
                rel = hit.relative_to(self.srctree).parts
                known.add(rel[1][len("asm-"):] if rel[0] == "include" else rel[1])
        known.discard("generic")
        raise InputError(f"Headers not exportable for this architecture ({self.arch}); "
                         f"this tree exports: {', '.join(sorted(known)) or 'none'}",
                         self.srctree)


def headersinst_exports(srctree: Path, arch: str, rules: TreeRules,
                        deps: Deps) -> Tuple[List[LegacyFile], List[Diagnostic]]:
    """Every file ``make headers_install ARCH=<arch>`` installs from the
    2.6.18 - 3.x tree at ``srctree`` (see the module doc), sorted by dst."""
    if rules.machinery not in ("headersinst-sed", "headers_install.pl"):
        raise InputError(f"not a Makefile.headersinst tree (machinery {rules.machinery})",
                         srctree)
    p = _Planner(srctree, arch, rules, deps)
    p.run()
    return [p.out[k] for k in sorted(p.out)], p.diags


# --------------------------------------------------------------------------

def _first(words: List[Word]) -> Dict[str, Word]:
    """``$(sort)``: each name once (the first entry that listed it)."""
    out: Dict[str, Word] = {}
    for w in words:
        out.setdefault(w.text, w)
    return dict(sorted(out.items()))


def _include_rel(_dst: str, lists: _Lists) -> str:
    """``_dst`` (relative to INSTALL_HDR_PATH) below ``include/``."""
    if _dst == "include":
        return ""
    if not _dst.startswith("include/") or ".." in _dst.split("/"):
        where = lists.mk.origin("destination-y") or (lists.kbuilds[0] if lists.kbuilds
                                                     else HEADERSINST, None)
        raise InputError(f"install directory {_dst} is not below include/", *where)
    return _dst[len("include/"):] + "/"


def _logical(text: str, start: int) -> str:
    """The logical make line beginning at offset ``start`` (continuations joined)."""
    out = []
    for line in text[start:].split("\n"):
        if line.endswith("\\"):
            out.append(line[:-1].strip())
            continue
        out.append(line.strip())
        break
    return " ".join(p for p in out if p)


_CMD_GEN = re.compile(r"^[ \t]*cmd_gen[ \t]*:?=", re.M)
_STUBDEF = re.compile(r"STUBDEF=([A-Za-z0-9_]*)`echo \$\$FNAME \| tr (\S+) (\S+)`")
_FNAME = re.compile(r"FNAME=(\$\(patsubst [^;]*?\))\s*;?\s*STUBDEF=")


def _stub_recipe(script: bytes):
    """The tree's ``cmd_gen`` recipe as a function ``(variables, readable)
    -> bytes``.  The recipe is a subshell of ``echo`` commands and
    ``if [ -r PATH ]; then echo ...; else echo ...; fi`` tests; its make
    references are expanded with ``variables`` (``$@`` and the rest), the
    shell's ``$FNAME``/``$STUBDEF`` as the recipe sets them (``tr`` sets from
    the recipe), ``-r`` answered by ``readable``.  Anything else in the
    recipe is an error: hdrtool does not guess."""
    text = script.decode("utf-8", "replace")
    m = _CMD_GEN.search(text)
    if not m:
        raise InputError("cannot find the cmd_gen recipe (biarch asm/ stubs)", HEADERSINST)
    line_no = text.count("\n", 0, m.start()) + 1
    recipe = _logical(text, m.end()).replace("\\#", "#")
    fname = _FNAME.search(recipe)
    stubdef = _STUBDEF.search(recipe)
    body = re.search(r"\(\s*(echo.*)\)\s*>\s*\$@\s*$", recipe, re.S)
    if not (fname and stubdef and body):
        raise InputError("unrecognised cmd_gen recipe: expected FNAME=$(patsubst ...), "
                         "STUBDEF=...`echo $$FNAME | tr A B` and ( echo ... ) > $@",
                         HEADERSINST, line_no)
    set1, set2 = _tr_set(stubdef.group(2)), _tr_set(stubdef.group(3))
    if len(set1) != len(set2):
        raise InputError(f"tr sets of different length in cmd_gen: {stubdef.group(2)} "
                         f"{stubdef.group(3)}", HEADERSINST, line_no)
    table = str.maketrans(set1, set2)
    statements = _split_shell(body.group(1), line_no)

    def render(variables: Dict[str, str], readable) -> bytes:
        mk = Make(variables)
        name = mk.expand(fname.group(1), HEADERSINST, line_no).strip()
        shell = {"FNAME": name, "STUBDEF": stubdef.group(1) + name.translate(table)}
        out: List[str] = []
        taking: List[bool] = []
        for st in statements:
            word, _, rest = st.partition(" ")
            if word == "if":
                t = re.fullmatch(r"\[ -r (.+) \]", rest.strip())
                if not t:
                    raise InputError(f"unrecognised test in cmd_gen: {st}", HEADERSINST, line_no)
                path = mk.expand(t.group(1), HEADERSINST, line_no)
                taking.append(readable(path))
            elif word == "then":
                _echo(rest, mk, shell, out, taking, line_no)
            elif word == "else":
                if not taking:
                    raise InputError("else without if in cmd_gen", HEADERSINST, line_no)
                taking[-1] = not taking[-1]
                _echo(rest, mk, shell, out, taking, line_no)
            elif word == "fi" and not rest.strip():
                if not taking:
                    raise InputError("fi without if in cmd_gen", HEADERSINST, line_no)
                taking.pop()
            else:
                _echo(st, mk, shell, out, taking, line_no)
        return "".join(line + "\n" for line in out).encode()
    return render


def _echo(st: str, mk: Make, shell: Dict[str, str], out: List[str], taking: List[bool],
          line_no: int) -> None:
    st = st.strip()
    if not st:
        return
    if not st.startswith("echo "):
        raise InputError(f"unrecognised command in cmd_gen: {st}", HEADERSINST, line_no)
    if not all(taking):
        return
    expanded = mk.expand(st, HEADERSINST, line_no)
    expanded = re.sub(r"\$(FNAME|STUBDEF)\b", lambda m: shell[m.group(1)], expanded)
    if "$" in expanded or "`" in expanded:
        raise InputError(f"unrecognised expansion in cmd_gen: {st}", HEADERSINST, line_no)
    out.append(" ".join(shlex.split(expanded)[1:]))


def _split_shell(body: str, line_no: int) -> List[str]:
    """Split at ``;`` outside quotes."""
    out, cur, quote = [], [], None
    for ch in body:
        if quote:
            cur.append(ch)
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
            cur.append(ch)
        elif ch == ";":
            out.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    if quote:
        raise InputError("unterminated quote in cmd_gen", HEADERSINST, line_no)
    out.append("".join(cur).strip())
    return [s for s in out if s]


def _tr_set(spec: str) -> str:
    """A ``tr`` set with ranges (``a-z``) expanded."""
    out, i = [], 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            out.extend(chr(c) for c in range(ord(spec[i]), ord(spec[i + 2]) + 1))
            i += 3
        else:
            out.append(spec[i])
            i += 1
    return "".join(out)
