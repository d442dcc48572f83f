"""The console entry point: an up-to-date ``headers_install`` is answered
before the command line machinery loads.

``hdrtool headers_install`` sits in make recipes and CI scripts and runs
again and again over trees that have not changed.  Such a run is a handful
of ``stat`` calls (:mod:`hdrtool.install.uptodate`); loading click and the target
modules would cost more than that several times over.  So :func:`main`
first reads the command line itself, but only the plain form

    hdrtool [-C DIR] [-O DIR] [-j N] [-v] headers_install ARCH=a
            [INSTALL_HDR_PATH=dir] [O=dir] [V=n] [CC=cc] [-j N] [-v]

(each setting at most once).  If the manifest says that install is up to
date, it prints what the full command would print and exits 0.  Anything
else -- another target, another spelling, a word it does not know, an
install that is not up to date, any doubt -- goes to :func:`hdrtool.cli.main`
unchanged, which asks the same question again and does the work.  Both
paths resolve the request with the same functions (:mod:`hdrtool.core.srctree`,
:func:`install_dest`),
and the tests hold their output equal.  ``HDRTOOL_QUICK=0`` turns this off.
"""

from __future__ import annotations

import os
import sys

from hdrtool.install.request import install_dest, up_to_date_lines, up_to_date_summary

#: Settings the quick path understands: make variable -> setting.
_VARS = {"ARCH": "arch", "INSTALL_HDR_PATH": "install_hdr_path", "O": "objtree",
         "V": "verbose", "CC": "cc"}
#: Options taking a value, before or after the target -> setting.
_OPTS = {"-C": "directory", "-O": "objtree", "-j": "jobs"}


def _parse(argv):
    """The settings of a plain ``headers_install`` command line, else None."""
    got = {}
    target = None
    words = iter(argv)
    for word in words:
        if word == "headers_install" and target is None:
            target = word
            continue
        if word == "-v":
            got["v"] = got.get("v", 0) + 1
            continue
        if word in _OPTS and (word != "-C" or target is None):   # -C: before the target
            key, value = _OPTS[word], next(words, None)
        elif word[:2] == "-j" and word[2:].isdigit():
            key, value = "jobs", word[2:]
        elif "=" in word and word.split("=", 1)[0] in _VARS and target is not None:
            name, value = word.split("=", 1)
            key = _VARS[name]
        else:
            return None
        if not value or key in got:     # an empty value means something else to each
            return None
        got[key] = value
    if target is None or not got.get("arch"):
        return None
    if "jobs" in got and not (got["jobs"].isdigit() and int(got["jobs"]) >= 1):
        return None
    level = got.get("verbose", "0")
    if not level.isdigit():
        return None
    got["verbose"] = int(level) + got.pop("v", 0)
    return got


def quick(argv) -> bool:
    """Answer an up-to-date ``headers_install`` on ``argv``; False when the
    full command must run (which it then does from the start)."""
    got = _parse(argv)
    if got is None:
        return False
    from hdrtool.core import srctree
    tree = srctree.find(got.get("directory"))
    if tree is None:
        return False           # the full command says why
    overlay, dest = install_dest(got.get("objtree", "build"), got.get("install_hdr_path"),
                                 tree, explicit="objtree" in got)
    from hdrtool.install import uptodate
    doc = uptodate.check(os.path.join(dest, "include"),
                         uptodate.request_key(tree, got["arch"], overlay))
    if doc is None:
        return False
    for line in up_to_date_lines(doc, got["arch"], dest, got["verbose"]):
        sys.stderr.write(line + "\n")
    sys.stdout.write(up_to_date_summary(doc, dest) + "\n")
    return True


def main(argv=None) -> None:
    """Console entry point (``hdrtool``, ``python -m hdrtool``)."""
    args = sys.argv[1:] if argv is None else list(argv)
    if os.environ.get("HDRTOOL_QUICK", "1") != "0":
        try:
            if quick(args):
                sys.exit(0)
        except (OSError, ValueError, KeyError, TypeError):
            pass    # any doubt: the full command decides, and reports
    from hdrtool.cli import main as full
    full(argv)
