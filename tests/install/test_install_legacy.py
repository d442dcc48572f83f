"""headers_install of the 2.6.18-3.x eras (hdrtool.install.legacy.headersinst_exports).

* The real 2.6.23 tree (../shared/linux-trees/linux-2.6.23, unpacked into a
  session tmp dir) against the kernel's own output for ARCH=i386, x86_64,
  s390: same file set, byte-identical.  Missing trees skip loudly, and
  fail with HDRTOOL_REQUIRE_LINUX=1.
* Small hand-made trees, one per construct: ALTARCH stubs (with the
  ``#  error`` variant and a subdirectory), objhdr-y version.h, header-y +
  unifdef-y overlap, a Kbuild ``include``, destination-y, errors at
  path:line, an era-B (headers_install.pl) tree.

The byte-identity test uses the tree's own rules as hdrtool reads them
(HDRSED from Makefile.headersinst, unifdef 1.171's dialect from
scripts/unifdef.c); a second test runs GNU sed with the same HDRSED
expressions against our reading of them.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from conftest import require_or_skip  # noqa: E402

from hdrtool.core.era import read_tree
from hdrtool.core.errors import InputError
from hdrtool.install.legacy import (PL_STEPS, SED_HEADER_STEPS, SED_OBJHDR_STEPS, SED_UNIFDEF_STEPS,
                            headersinst_exports, version_h)
from hdrtool.core.deps import Deps

from golden_cases import run_cli, tree_files

REPO = Path(__file__).resolve().parent.parent.parent
from conftest import SHARED_TREES as TREES  # noqa: E402
ARCHES = ["i386", "x86_64", "s390"]
#: one more arch made with make-ref.sh (~30 s, once per session): the other ALTARCH arch
MADE_ARCHES = ["sparc64"]
#: the file counts the kernel's own install has (linux-trees/README.md; sparc64 as made)
REF_COUNTS = {"i386": 570, "x86_64": 665, "s390": 570, "sparc64": 680}


def _missing(msg: str):
    require_or_skip(msg, linux=True)


def _unpack(tarball: Path, dest: Path) -> None:
    with tarfile.open(tarball) as tf:
        tf.extractall(dest, filter="data") if hasattr(tarfile, "data_filter") \
            else tf.extractall(dest)


@pytest.fixture(scope="session")
def linux_2623(tmp_path_factory):
    """(source tree, {arch: reference include dir}) of 2.6.23, unpacked into tmp."""
    base = TREES / "linux-2.6.23"
    need = [base / "src.tar.xz"] + [base / f"ref-{a}.tar.xz" for a in ARCHES]
    absent = [str(p) for p in need if not p.is_file()]
    if absent:
        _missing(f"NO LINUX 2.6.23 TREE: missing {', '.join(absent)} (set HDRTOOL_LINUX_TREES)")
    work = tmp_path_factory.mktemp("linux-2.6.23")
    _unpack(base / "src.tar.xz", work)
    refs = {}
    for a in ARCHES:
        _unpack(base / f"ref-{a}.tar.xz", work / f"ref-{a}")
        refs[a] = work / f"ref-{a}" / "include"
    return work / "linux-2.6.23", refs


@pytest.fixture(scope="session")
def made_refs(tmp_path_factory):
    """{arch: include dir} made by make-ref.sh on first use (kernel's own make)."""
    cache = {}

    def get(arch):
        if arch not in cache:
            missing = [t for t in ("make", "gcc", "bash") if shutil.which(t) is None]
            if missing:
                _missing(f"NEEDED FOR make-ref.sh: {' '.join(missing)} not installed")
            out = tmp_path_factory.mktemp(f"ref-{arch}")
            subprocess.run(["bash", str(TREES / "make-ref.sh"),
                            str(TREES / "linux-2.6.23" / "src.tar.xz"), arch, str(out)],
                           check=True, capture_output=True, stdin=subprocess.DEVNULL)
            cache[arch] = out / "include"
        return cache[arch]
    return get


# --------------------------------------------------------------------------
# Reference tools for the byte-identity test (a stand-in until the real
# transform lands: see the module doc).

class SedRewrite:
    """The tree's HDRSED pipeline, run by GNU sed (a reference tool)."""

    def __init__(self, makefile_headersinst: bytes):
        text = makefile_headersinst.decode()
        m = re.search(r"^HDRSED\s*:=\s*sed((?:.*\\\n)*.*)$", text, re.M)
        assert m, "no HDRSED in Makefile.headersinst"
        line = m.group(1).replace("\\\n", " ").replace("$$", "$").replace("\\#", "#")
        self.args = ["sed"] + shlex.split(line)
        self.cache = {}

    def apply(self, data: bytes) -> bytes:
        out = self.cache.get(data)
        if out is None:
            out = self.cache[data] = subprocess.run(
                self.args, input=data, capture_output=True, check=True,
                env={**os.environ, "LC_ALL": "C"}).stdout
        return out


@pytest.mark.linux
@pytest.mark.parametrize("arch", ARCHES + [pytest.param(a, marks=pytest.mark.slow)
                                            for a in MADE_ARCHES])
def test_2623_byte_identical(linux_2623, made_refs, tmp_path, arch, capsys):
    """hdrtool with the tree's own rules (HDRSED read from Makefile.headersinst,
    unifdef 1.171's dialect) against the kernel's own install."""
    src, refs = linux_2623
    refs = {**refs, arch: refs[arch] if arch in refs else made_refs(arch)}
    out = tmp_path / "out"
    rc, so, se = run_cli(["-C", src, "headers_install", f"ARCH={arch}",
                          f"INSTALL_HDR_PATH={out}", "-j", "1"], capsys)
    assert (rc, se) == (0, "")
    want, got = tree_files(refs[arch]), tree_files(out / "include")
    assert sorted(set(want) ^ set(got)) == [], "file sets differ"
    assert len(want) == REF_COUNTS[arch]
    differing = sorted(k for k in want if want[k] != got[k])
    assert differing == [], f"{len(differing)} of {len(want)} differ: {differing[:10]}"


def test_gnu_sed_agrees_with_our_hdrsed(linux_2623, tmp_path):
    """The HDRSED program hdrtool reads from the tree, against GNU sed running
    the same expressions, on every header of the tree."""
    from hdrtool.install import scriptrules
    src, _ = linux_2623
    hi = (src / "scripts/Makefile.headersinst").read_bytes()
    ours = scriptrules.hdrsed_from_headersinst(hi, "scripts/Makefile.headersinst")
    sed = SedRewrite(hi)
    headers = sorted((src / "include").rglob("*.h"))[::7]
    bad = [h for h in headers if ours.apply(h.read_bytes()) != sed.apply(h.read_bytes())]
    assert len(headers) > 500 and bad == []


@pytest.mark.linux
def test_2623_plan_shape(linux_2623):
    src, refs = linux_2623
    rules = read_tree(src)
    files, diags = headersinst_exports(src, "x86_64", rules, Deps())
    assert diags == []
    by = {f.dst: f for f in files}
    assert [f.dst for f in files] == sorted(by)
    assert by["asm-x86_64/mce.h"].steps == SED_UNIFDEF_STEPS
    assert by["asm-x86_64/boot.h"].steps == SED_HEADER_STEPS
    assert by["linux/version.h"].steps == SED_OBJHDR_STEPS
    assert by["linux/version.h"].data == (refs["x86_64"] / "linux/version.h").read_bytes()
    stubs = [f for f in files if f.dst.startswith("asm/")]
    assert stubs and all(f.data is not None and f.steps == () for f in stubs)
    for f in stubs:                      # generated from the tree's own cmd_gen
        assert f.data == (refs["x86_64"] / f.dst).read_bytes(), f.dst
    i386 = {f.dst for f in headersinst_exports(src, "i386", rules, Deps())[0]}
    assert "asm/unistd.h" in i386 and not any(d.startswith("asm-") and not
                                              d.startswith("asm-generic") for d in i386)


@pytest.mark.linux
def test_2623_unknown_arch(linux_2623, tmp_path, capsys):
    src, _ = linux_2623
    rc, so, se = run_cli(["-C", src, "headers_install", "ARCH=nosuch",
                          f"INSTALL_HDR_PATH={tmp_path / 'o'}"], capsys)
    assert rc == 2
    assert "Headers not exportable for this architecture (nosuch)" in se
    assert "i386" in se and "x86_64" in se and "s390" in se and "generic" not in se
    assert not (tmp_path / "o").exists()


# --------------------------------------------------------------------------
# Hand-made trees.  The scripts are fixtures written for these tests: just
# the parts hdrtool reads (the HDRSED marker, the cmd_gen recipe, the
# version.h recipe), in our own words.

GEN_RECIPE = r"""
cmd_gen = \
FNAME=$(patsubst $(INSTALL_HDR_PATH)/$(_dst)/%,%,$@);	\
STUBDEF=__ASM_STUB_`echo $$FNAME | tr a-z.- A-Z__`;	\
(echo "/* generated stub */" ;	\
echo "\#ifndef $$STUBDEF" ;	\
echo "\#define $$STUBDEF" ;	\
echo "\# if $(ARCHDEF)" ;	\
if [ -r $(subst /$(_dst)/,/include/$(archasm)/,$@) ]; then	\
	echo "\#  include <$(archasm)/$$FNAME>" ;	\
else	\
	echo "\#  error $(archasm)/$$FNAME does not exist in"	\
		"the $(ARCH) architecture" ;	\
fi ;	\
echo "\# elif $(ALTARCHDEF)" ;	\
if [ -r $(subst /$(_dst)/,/include/$(altarchasm)/,$@) ]; then	\
	echo "\#  include <$(altarchasm)/$$FNAME>" ;	\
else	\
	echo "\#  error $(altarchasm)/$$FNAME does not exist in"	\
		"the $(ALTARCH) architecture" ;	\
fi ;	\
echo "\# else" ;	\
echo "\#  warning neither $(ARCH) nor $(ALTARCH)" ;	\
echo "\# endif" ;	\
echo "\#endif /* $$STUBDEF */" ;	\
) > $@
"""

SED_HEADERSINST = ("# test fixture: a sed-era Makefile.headersinst\n"
                   "UNIFDEF := scripts/unifdef -U__KERNEL__\n"
                   "HDRSED := sed -e \"s/ inline / __inline__ /g\"\n" + GEN_RECIPE)

TOP_MAKEFILE = """VERSION = 3
PATCHLEVEL = 1
SUBLEVEL = 4
EXTRAVERSION = -test

define filechk_version.h
	(echo \\#define LINUX_VERSION_CODE $(shell                             \\
	expr $(VERSION) \\* 65536 + $(PATCHLEVEL) \\* 256 + $(SUBLEVEL));     \\
	echo '#define KERNEL_VERSION(a,b,c) (((a) << 16) + ((b) << 8) + (c))';)
endef
"""


def make_tree(root: Path, files: dict) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return root


def sed_tree(tmp_path: Path, extra: dict) -> Path:
    files = {"Makefile": TOP_MAKEFILE, "scripts/Makefile.headersinst": SED_HEADERSINST,
             "include/Kbuild": "header-y += linux/\nheader-y += asm-$(ARCH)/\n",
             "include/linux/Kbuild": "header-y += a.h\n",
             "include/linux/a.h": "int a;\n"}
    files.update(extra)
    return make_tree(tmp_path / "tree", files)


def plan(tree: Path, arch: str):
    files, diags = headersinst_exports(tree, arch, read_tree(tree), Deps())
    return {f.dst: f for f in files}, diags


def test_version_h_from_makefile():
    assert version_h(TOP_MAKEFILE.encode()) == (
        b"#define LINUX_VERSION_CODE 196868\n"
        b"#define KERNEL_VERSION(a,b,c) (((a) << 16) + ((b) << 8) + (c))\n")
    with pytest.raises(InputError, match="filechk_version.h"):
        version_h(b"VERSION = 2\nPATCHLEVEL = 6\nSUBLEVEL = 1\n")


def test_plain_arch_installs_as_asm(tmp_path):
    tree = sed_tree(tmp_path, {
        "include/asm-foo/Kbuild": "header-y += x.h\nheader-y += sub/\n",
        "include/asm-foo/x.h": "int x;\n",
        "include/asm-foo/sub/Kbuild": "unifdef-y += y.h\n",
        "include/asm-foo/sub/y.h": "int y;\n"})
    got, diags = plan(tree, "foo")
    assert sorted(got) == ["asm/sub/y.h", "asm/x.h", "linux/a.h"]
    assert got["asm/x.h"].src == "include/asm-foo/x.h"
    assert got["asm/sub/y.h"].steps == SED_UNIFDEF_STEPS
    assert diags == []


def test_header_and_unifdef_overlap_and_sort(tmp_path):
    tree = sed_tree(tmp_path, {
        "include/linux/Kbuild": "header-y += b.h a.h\nheader-y += a.h\nunifdef-y += b.h\n",
        "include/linux/b.h": "int b;\n",
        "include/asm-foo/Kbuild": "", })
    got, _ = plan(tree, "foo")
    assert list(got) == ["linux/a.h", "linux/b.h"]
    assert got["linux/a.h"].steps == SED_HEADER_STEPS       # header-y: sed only
    assert got["linux/b.h"].steps == SED_UNIFDEF_STEPS      # in both: unifdef-y


def test_objhdr_version_h(tmp_path):
    tree = sed_tree(tmp_path, {"include/linux/Kbuild": "objhdr-y += version.h\n",
                               "include/asm-foo/Kbuild": ""})
    got, _ = plan(tree, "foo")
    v = got["linux/version.h"]
    assert v.steps == SED_OBJHDR_STEPS and v.src is None and b"196868" in v.data
    assert v.label == "include/linux/version.h" and v.inputs == ("Makefile",)


def test_kbuild_include(tmp_path):
    tree = sed_tree(tmp_path, {
        "include/asm-generic/Kbuild.asm": "unifdef-y += types.h\n",
        "include/asm-foo/Kbuild": "include include/asm-generic/Kbuild.asm\nheader-y += z.h\n",
        "include/asm-foo/types.h": "", "include/asm-foo/z.h": ""})
    got, _ = plan(tree, "foo")
    assert got["asm/types.h"].steps == SED_UNIFDEF_STEPS and "asm/z.h" in got


def _altarch_tree(tmp_path):
    return sed_tree(tmp_path, {
        "include/asm-big/Kbuild": ("ALTARCH := small\nARCHDEF := defined __big__\n"
                                   "ALTARCHDEF := defined __small__\n"
                                   "header-y += only-big.h\nunifdef-y += both.h\n"
                                   "header-y += sub/\n"),
        "include/asm-big/only-big.h": "", "include/asm-big/both.h": "",
        "include/asm-big/sub/Kbuild": "header-y += s.h\n",
        "include/asm-big/sub/s.h": "",
        "include/asm-small/Kbuild": "header-y += both.h\nheader-y += only-small.h\n",
        "include/asm-small/both.h": "", "include/asm-small/only-small.h": ""})


def test_altarch_stubs(tmp_path):
    got, diags = plan(_altarch_tree(tmp_path), "big")
    assert sorted(got) == [
        "asm-big/both.h", "asm-big/only-big.h", "asm-big/sub/s.h",
        "asm-small/both.h", "asm-small/only-small.h",
        "asm/both.h", "asm/only-big.h", "asm/only-small.h", "asm/sub/s.h", "linux/a.h"]
    assert got["asm/only-small.h"].data.decode() == (
        "/* generated stub */\n"
        "#ifndef __ASM_STUB_ONLY_SMALL_H\n"
        "#define __ASM_STUB_ONLY_SMALL_H\n"
        "# if defined __big__\n"
        "#  error asm-big/only-small.h does not exist in the big architecture\n"
        "# elif defined __small__\n"
        "#  include <asm-small/only-small.h>\n"
        "# else\n"
        "#  warning neither big nor small\n"
        "# endif\n"
        "#endif /* __ASM_STUB_ONLY_SMALL_H */\n")
    sub = got["asm/sub/s.h"].data.decode()
    assert "#  include <asm-big/sub/s.h>" in sub
    assert "#  error asm-small/sub/s.h does not exist in the small architecture" in sub
    assert "__ASM_STUB_S_H" in sub
    both = got["asm/both.h"].data.decode()
    assert "<asm-big/both.h>" in both and "<asm-small/both.h>" in both
    assert all(got[k].steps == () for k in got if k.startswith("asm/"))
    assert got["asm-small/both.h"].steps == SED_HEADER_STEPS
    assert got["asm-big/both.h"].steps == SED_UNIFDEF_STEPS


def test_altarch_cli_writes_stubs(tmp_path, capsys):
    tree = _altarch_tree(tmp_path)
    out = tmp_path / "out"
    rc, so, se = run_cli(["-C", tree, "headers_install", "ARCH=big",
                          f"INSTALL_HDR_PATH={out}"], capsys)
    assert (rc, se) == (0, "")
    files = tree_files(out / "include")
    assert b"#  include <asm-small/only-small.h>" in files["asm/only-small.h"]


def test_unknown_variable_is_path_line(tmp_path):
    tree = sed_tree(tmp_path, {"include/asm-foo/Kbuild": "header-y += x.h\nheaders-y += y.h\n",
                               "include/asm-foo/x.h": ""})
    with pytest.raises(InputError) as exc:
        plan(tree, "foo")
    assert (exc.value.path, exc.value.line) == ("include/asm-foo/Kbuild", 2)
    assert "headers-y" in exc.value.message


def test_missing_file_is_path_line_and_nothing_written(tmp_path, capsys):
    tree = sed_tree(tmp_path, {"include/asm-foo/Kbuild": "header-y += x.h\n\nunifdef-y += gone.h\n",
                               "include/asm-foo/x.h": ""})
    with pytest.raises(InputError) as exc:
        plan(tree, "foo")
    assert (exc.value.path, exc.value.line) == ("include/asm-foo/Kbuild", 3)
    out = tmp_path / "out"
    rc, so, se = run_cli(["-C", tree, "headers_install", "ARCH=foo",
                          f"INSTALL_HDR_PATH={out}"], capsys)
    assert rc == 2 and "include/asm-foo/Kbuild:3:" in se and "gone.h" in se
    assert not out.exists() or not any(p.is_file() for p in out.rglob("*"))


def test_missing_subdir_kbuild(tmp_path):
    tree = sed_tree(tmp_path, {"include/asm-foo/Kbuild": "header-y += nosub/\n"})
    with pytest.raises(InputError) as exc:
        plan(tree, "foo")
    assert (exc.value.path, exc.value.line) == ("include/asm-foo/Kbuild", 1)


def test_unknown_arch_lists_exportable(tmp_path, capsys):
    tree = sed_tree(tmp_path, {"include/asm-foo/Kbuild": "", "include/asm-bar/Kbuild": "",
                               "include/asm-generic/Kbuild": ""})
    with pytest.raises(InputError, match=r"Headers not exportable for this architecture "
                                         r"\(baz\); this tree exports: bar, foo$"):
        plan(tree, "baz")
    rc, _, se = run_cli(["-C", tree, "headers_install", "ARCH=baz",
                         f"INSTALL_HDR_PATH={tmp_path / 'o'}"], capsys)
    assert rc == 2 and "bar, foo" in se


def test_deps_record_kbuilds_and_probes(tmp_path):
    tree = _altarch_tree(tmp_path)
    deps = Deps()
    headersinst_exports(tree, "big", read_tree(tree), deps)
    for rel in ("include/Kbuild", "include/asm-big/Kbuild", "include/asm-small/Kbuild",
                "include/asm-big/sub/Kbuild", "include/asm-small/sub/Kbuild",
                "include/asm-small/both.h", "Makefile" if False else "scripts/Makefile.headersinst"):
        assert str(tree / rel) in deps.sigs, rel
    assert deps.sigs[str(tree / "include/asm-small/sub/Kbuild")] is None   # probed, absent


# -- era B: scripts/headers_install.pl ----------------------------------------

PL_HEADERSINST = ("# test fixture: a perl-era Makefile.headersinst\n"
                  "_dst := $(if $(destination-y),$(destination-y),$(_dst))\n"
                  "cmd_install = $(PERL) $< $(srctree)/$(obj) $(install) $(SRCARCH) "
                  "$(header-y); touch $@\n"
                  "quiet_cmd_install = INSTALL $(printdir) ($(words $(all-files)) file$(if "
                  "$(filter-out 1,$(words $(all-files))),s))\n"
                  "# scripts/headers_install.pl does the work\n")
# A stand-in for 2.6.29's perl script, written for this test: the same kind
# of per-line substitutions (see KERNEL-HEADERS.md B.2), then unifdef.
PL_SCRIPT = r"""#!/usr/bin/perl -w
# test fixture in the shape of a 2.6.29 headers_install.pl
my ($readdir, $installdir, $arch, @files) = @ARGV;
my $unifdef = "scripts/unifdef -U__KERNEL__";
foreach my $file (@files) {
	open(my $in, '<', "$readdir/$file") or die;
	open(my $out, '>', "$installdir/$file.tmp") or die;
	while (my $l = <$in>) {
		$l =~ s/([\s(])__user\s/$1/g;
		$l =~ s/([\s(])__force\s/$1/g;
		$l =~ s/([\s(])__iomem\s/$1/g;
		$l =~ s/\s__attribute_const__\s/ /g;
		$l =~ s/\s__attribute_const__$//g;
		$l =~ s/^#include <linux\/compiler.h>//;
		$l =~ s/(^|\s)(inline)\b/$1__$2__/g;
		$l =~ s/(^|\s)(asm)\b(\s|[(]|$)/$1__$2__$3/g;
		$l =~ s/(^|\s|[(])(volatile)\b(\s|[(]|$)/$1__$2__$3/g;
		print $out $l;
	}
	close $out; close $in;
	system $unifdef . " $installdir/$file.tmp > $installdir/$file";
	unlink "$installdir/$file.tmp";
}
exit 0;
"""


def pl_tree(tmp_path: Path, extra: dict) -> Path:
    files = {"Makefile": TOP_MAKEFILE, "scripts/Makefile.headersinst": PL_HEADERSINST,
             "scripts/headers_install.pl": PL_SCRIPT,
             "include/Kbuild": "header-y += linux/\nheader-y += asm-generic/\n",
             "include/asm-generic/Kbuild": "header-y += g.h\n",
             "include/asm-generic/g.h": "",
             "include/linux/Kbuild": ("header-y += a.h\nunifdef-y += b.h\n"
                                      "objhdr-y += version.h\nheader-y += sub/\n"),
             "include/linux/a.h": "", "include/linux/b.h": "",
             "include/linux/sub/Kbuild": "destination-y := include/moved\nheader-y += s.h\n",
             "include/linux/sub/s.h": "",
             "arch/foo/include/asm/Kbuild": "header-y += x.h\n",
             "arch/foo/include/asm/x.h": "",
             "include/asm-old/Kbuild": "header-y += o.h\n", "include/asm-old/o.h": ""}
    files.update(extra)
    return make_tree(tmp_path / "tree", files)


def test_era_b_tree(tmp_path):
    tree = pl_tree(tmp_path, {})
    assert read_tree(tree).machinery == "headers_install.pl"
    got, diags = plan(tree, "foo")
    assert sorted(got) == ["asm-generic/g.h", "asm/x.h", "linux/a.h", "linux/b.h",
                           "linux/version.h", "moved/s.h"]
    assert {f.steps for f in got.values()} == {PL_STEPS}         # every file, version.h too
    assert got["asm/x.h"].src == "arch/foo/include/asm/x.h"
    assert got["linux/version.h"].data.startswith(b"#define LINUX_VERSION_CODE 196868\n")
    old, _ = plan(tree, "old")                                    # not yet moved to arch/
    assert old["asm/o.h"].src == "include/asm-old/o.h"
    with pytest.raises(InputError, match=r"\(nosuch\); this tree exports: foo, old"):
        plan(tree, "nosuch")


def test_era_b_destination_outside_include(tmp_path):
    tree = pl_tree(tmp_path, {"include/linux/sub/Kbuild": "destination-y := usr/x\n"
                                                          "header-y += s.h\n"})
    with pytest.raises(InputError) as exc:
        plan(tree, "foo")
    assert (exc.value.path, exc.value.line) == ("include/linux/sub/Kbuild", 1)


def test_srcarch_and_wildcard_condition(tmp_path):
    """2.6.24-2.6.26: ARCH=i386 installs include/asm-x86 (the top Makefile's
    SRCARCH), and Kbuild.asm's $(wildcard $(srctree)/...) decides a.out.h."""
    kbuild_asm = ("ifneq ($(wildcard $(srctree)/include/asm-$(SRCARCH)/a.out.h),)\n"
                  "unifdef-y += a.out.h\nendif\nunifdef-y += types.h\n")
    tree = sed_tree(tmp_path, {
        "Makefile": TOP_MAKEFILE + "".join(f"ifeq ($(ARCH),{a})\n        SRCARCH := x86\nendif\n"
                                           for a in ("i386", "x86_64")),
        "include/asm-generic/Kbuild.asm": kbuild_asm,
        "include/asm-x86/Kbuild": "include include/asm-generic/Kbuild.asm\n",
        "include/asm-x86/types.h": "",
        "include/asm-x86/a.out.h": ""})
    got, _ = plan(tree, "i386")
    assert sorted(k for k in got if k.startswith("asm")) == ["asm/a.out.h", "asm/types.h"]
    (tree / "include/asm-x86/a.out.h").unlink()
    got, _ = plan(tree, "x86_64")
    assert sorted(k for k in got if k.startswith("asm")) == ["asm/types.h"]


def test_unrecognised_stub_recipe_is_an_error(tmp_path):
    tree = _altarch_tree(tmp_path)
    (tree / "scripts/Makefile.headersinst").write_text(
        SED_HEADERSINST.replace("echo $$FNAME | tr", "echo $@ | tr"))
    with pytest.raises(InputError, match="unrecognised cmd_gen recipe") as exc:
        plan(tree, "big")
    assert exc.value.path == "scripts/Makefile.headersinst" and exc.value.line


def test_destination_y_only_where_the_script_reads_it(tmp_path):
    tree = pl_tree(tmp_path, {})
    hi = tree / "scripts/Makefile.headersinst"
    hi.write_text(hi.read_text().replace(
        "_dst := $(if $(destination-y),$(destination-y),$(_dst))\n", ""))
    got, _ = plan(tree, "foo")
    assert "linux/sub/s.h" in got and "moved/s.h" not in got
