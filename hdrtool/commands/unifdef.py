"""``hdrtool unifdef``: a drop-in for unifdef(1) 2.10's default mode.

    hdrtool unifdef [-DSYM[=VAL]] [-USYM] [--dialect D] [-o OUT | --in-place] [FILE...]

Removes the ``#if``/``#ifdef`` groups decided by the given symbols and keeps
everything else byte for byte.  With no FILE (or ``-``) it reads stdin.
Output goes to stdout, to OUT with ``-o``, or back into each FILE with
``--in-place`` (an unchanged file is not rewritten).  Files are written
through a temporary name and renamed; on an error nothing is written.

``--dialect`` picks the unifdef imitated: 2.10 (Debian, the default), or
one of the kernel's own scripts/unifdef.c releases: 2.5 (Linux 3.x-6.12),
1.190 (2.6.33-2.6.34), 1.171-boolfix (2.6.31-2.6.32), 1.171 (2.6.19-2.6.30).

Exit status, as unifdef's: 0 unchanged, 1 changed, 2 error.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Dict, List, Optional, Set

import click

from hdrtool.cli import MakeCommand, common_options
from hdrtool.core.dialects import DIALECTS
from hdrtool.core.directives import Symbols, unifdef_changed
from hdrtool.core.errors import EXIT_FINDINGS, EXIT_OK, InputError
from hdrtool.core.tree import read_bytes, write_atomic

_SYMBOL = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class UnifdefCommand(MakeCommand):
    """Keeps ``-D``/``-U`` words (and their order) away from the make-variable
    parser: ``-D FOO=1`` must not become a variable ``FOO``."""

    def parse_args(self, ctx: click.Context, args: List[str]) -> List[str]:
        out: List[str] = []
        words = iter(args)
        for arg in words:
            if arg in ("-D", "-U"):
                arg += next(words, "")
            if arg[:2] in ("-D", "-U") and len(arg) > 2:
                out.append("--symbol=" + arg[1:])
            else:
                out.append(arg)
        return super().parse_args(ctx, out)


def parse_symbols(specs: List[str]) -> Symbols:
    """``D FOO``, ``DFOO=1``, ``UFOO`` in command-line order; the last word
    about a name wins, as in unifdef."""
    defined: Dict[str, Optional[bytes]] = {}
    undefined: Set[str] = set()
    for spec in specs:
        kind, text = spec[0], spec[1:]
        name, eq, value = text.partition("=")
        if not _SYMBOL.fullmatch(name) or (kind == "U" and eq):
            raise click.UsageError(f"bad symbol: -{spec}")
        if kind == "D":
            undefined.discard(name)
            defined[name] = value.encode() if eq else None
        else:
            defined.pop(name, None)
            undefined.add(name)
    return Symbols(defined, frozenset(undefined))


@click.command("unifdef", cls=UnifdefCommand,
               short_help="Remove #ifdef'ed lines, a drop-in for unifdef(1).")
@click.option("--symbol", "symbols", multiple=True, hidden=True)
@click.option("-o", "--out-file", type=click.Path(dir_okay=False), default=None,
              help="Write the result to this file (default stdout).")
@click.option("-m", "--in-place", is_flag=True, help="Rewrite each FILE in place.")
@click.option("--dialect", type=click.Choice(list(DIALECTS)), default="2.10", show_default=True,
              help="Which unifdef to be: 2.10 (Debian) or the kernel's 2.5 (Linux 3.x-6.12), "
                   "1.190 (2.6.33-34), 1.171-boolfix (2.6.31-32), 1.171 (2.6.19-30).")
@common_options
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
def command(symbols, out_file, in_place, dialect, files):
    """Remove the #if groups decided by -DSYM[=VAL] / -USYM, like unifdef(1).

    \b
      -DSYM[=VAL], -D SYM[=VAL]  SYM is defined (value VAL, default 1)
      -USYM, -U SYM              SYM is undefined
      --dialect D                2.10 (Debian, default), 2.5, 1.190,
                                 1.171-boolfix or 1.171 (the kernel's own)

    With no FILE or FILE '-', read stdin.  Exit status: 0 unchanged,
    1 changed, 2 error (and then nothing is written)."""
    syms = parse_symbols(list(symbols))
    if not syms.defined and not syms.undefined:
        raise click.UsageError("no symbols given (-DSYM[=VAL] or -USYM)")
    files = list(files) or ["-"]
    if in_place and (out_file or "-" in files):
        raise click.UsageError("--in-place needs FILEs and no -o")
    if len(files) > 1 and not in_place:
        raise click.UsageError("several FILEs need --in-place")
    if out_file:
        parent = os.path.dirname(out_file) or "."
        if not os.path.isdir(parent):       # unifdef(1): "can't create", no mkdir -p
            raise InputError("cannot create: No such file or directory", out_file)
    results = []
    for name in files:
        data = click.get_binary_stream("stdin").read() if name == "-" else read_bytes(Path(name))
        out, changed = unifdef_changed(data, syms, "<stdin>" if name == "-" else name,
                                       DIALECTS[dialect])
        results.append((name, data, out, changed))
    for name, data, out, changed in results:
        if in_place:
            if out != data:
                write_atomic(Path(name), out)
        elif out_file:
            write_atomic(Path(out_file), out)
        else:
            click.get_binary_stream("stdout").write(out)
    return EXIT_FINDINGS if any(r[3] for r in results) else EXIT_OK
