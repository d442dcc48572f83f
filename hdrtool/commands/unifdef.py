"""``hdrtool unifdef``: a drop-in for Debian's unifdef(1) 2.10.

    hdrtool unifdef [-bBcdehKkmnsStV] [-x{012}] [-Mext] [-opath] \\
                    [-[i]Dsym[=val]] [-[i]Usym] [-fpath] [-Ipath] ... [file] ...
                    [--dialect D] [--compat]

Options are read as unifdef reads them (getopt: bundled flags, ``-Dsym`` or
``-D sym``, options and files in any order, ``--`` ends the options) and
mean what unifdef 2.10's manual says; docs/unifdef.md has the table.

Two hdrtool options: ``--dialect`` picks the unifdef imitated (2.10, the
default, or one of the kernel's own scripts/unifdef.c releases: 2.5, 1.190,
1.171-boolfix, 1.171); ``--compat`` reports errors exactly as unifdef does
(``unifdef: file: line: message`` and ``unifdef: output may be truncated``,
line numbers as it counts them, and the output written up to the error).
Without ``--compat`` an error is ``hdrtool: error: path:line: message``,
exit 2, and nothing is written: no stdout, no -o file, no in-place file.

Exit status, as unifdef's: 0 unchanged, 1 changed (``-x`` changes this),
2 error.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from typing import List, NamedTuple, Optional, Tuple

import click

from hdrtool.core.cpplex import LS_START
from hdrtool.core.dialects import DIALECTS, Dialect
from hdrtool.core.directives import (NO_OPTIONS, Options, SymbolTable, _end_linestate,
                                read_symbol_file, unifdef_run, unifdef_stream)
from hdrtool.core.errors import InputError

#: getopt's option string of unifdef 2.10 (a colon: takes an argument).
OPTSTRING = "i:D:U:f:I:M:o:x:bBcdehKklmnsStV"

SYNOPSIS = ("usage:\tunifdef [-bBcdehKkmnsStV] [-x{012}] [-Mext] [-opath] \\\n"
            "\t\t[-[i]Dsym[=val]] [-[i]Usym] [-fpath] ... [file] ...\n")

HELP = SYNOPSIS + """\
\t-Dsym=val  define preprocessor symbol with given value
\t-Dsym      define preprocessor symbol with value 1
\t-Usym\t   preprocessor symbol is undefined
\t-iDsym=val \\  ignore C strings and comments
\t-iDsym      ) in sections controlled by these
\t-iUsym\t   /  preprocessor symbols
\t-fpath\tfile containing #define and #undef directives
\t-b\tblank lines instead of deleting them
\t-B\tcompress blank lines around deleted section
\t-c\tcomplement (invert) keep vs. delete
\t-d\tdebugging mode
\t-e\tignore multiline preprocessor directives
\t-h\tprint help
\t-Ipath\textra include file path (ignored)
\t-K\tdisable && and || short-circuiting
\t-k\tprocess constant #if expressions
\t-Mext\tmodify in place and keep backups
\t-m\tmodify input files in place
\t-n\tadd #line directives to output
\t-opath\toutput file name
\t-S\tlist #if control symbols with nesting
\t-s\tlist #if control symbols
\t-t\tignore C strings and comments
\t-V\tprint version
\t-x{012}\texit status mode
"""

HDRTOOL_HELP = """\
hdrtool's own:
\t--dialect D\twhich unifdef to be: 2.10 (default), 2.5, 1.190, 1.171-boolfix, 1.171
\t--compat\terrors exactly as unifdef: its messages, the output up to the error
\t--in-place\t-m;  --out-file F: -o F;  --help: this
Without --compat an error is 'hdrtool: error: path:line: message', exit 2,
and nothing is written.  See docs/unifdef.md.
Exit status: 0 nothing removed, 1 something removed (-x1: the other way
round; -x2: 0 either way), 2 usage or input error, 3 internal error.
"""

VERSION = ("Version: unifdef-2.10 \nDate: 2014-01-07 19:16:02 +0000 \n"
           "Author: Tony Finch (dot@dotat.at) \nURL: http://dotat.at/prog/unifdef \n")

#: The letters of the options that change how a file is processed, and
#: the dialects that have them (their getopt strings; -l is -b).
_ENGINE_OPTIONS = "bBcdeiKknsSt"


class Stop(Exception):
    """End the run now: ``status``; ``message`` (unifdef's words, without
    the ``unifdef: `` prefix) for stderr; ``usage``: print the synopsis."""

    def __init__(self, status: int, message: Optional[str] = None, usage: bool = False,
                 partial: Optional[Tuple[str, bytes]] = None):
        super().__init__(message)
        self.status, self.message, self.usage, self.partial = status, message, usage, partial


class Config(NamedTuple):
    table: SymbolTable
    opts: Options
    inplace: bool
    backext: Optional[str]
    ofilename: Optional[str]
    exitmode: int
    files: List[str]
    dialect: Dialect
    compat: bool
    linestate: int


def _optarg(args: List[str], i: int, word: str, j: int, letter: str) -> Tuple[str, int]:
    """The argument of option ``letter`` found at word[j]: the rest of the
    word, or the next word."""
    if j + 1 < len(word):
        return word[j + 1:], i
    if i + 1 < len(args):
        return args[i + 1], i + 1
    raise Stop(2, f"option requires an argument -- '{letter}'", usage=True)


def parse(args: List[str]) -> Config:
    """unifdef's main(): options in order (symbols and -f files take effect
    as they are read, -h and -V stop at once), then its checks."""
    dialect = DIALECTS["2.10"]
    compat = False
    table = SymbolTable()
    flags = set()
    inplace = False
    backext = ofilename = None
    exitmode = 0
    files: List[str] = []
    linestate = LS_START
    # hdrtool's own long options first (they may come anywhere).
    rest: List[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            rest.extend(args[i:])
            break
        if a == "--compat":
            compat = True
        elif a == "--dialect" or a.startswith("--dialect="):
            if a == "--dialect":
                if i + 1 >= len(args):
                    raise Stop(2, "option '--dialect' requires an argument", usage=True)
                i += 1
                name = args[i]
            else:
                name = a.split("=", 1)[1]
            if name not in DIALECTS:
                raise Stop(2, f"unknown dialect {name!r} (known: {', '.join(DIALECTS)})")
            dialect = DIALECTS[name]
        elif a in ("--in-place",):
            rest.append("-m")
        elif a == "--out-file" or a.startswith("--out-file="):
            if a == "--out-file":
                if i + 1 >= len(args):
                    raise Stop(2, "option '--out-file' requires an argument", usage=True)
                i += 1
                rest.extend(["-o", args[i]])
            else:
                rest.extend(["-o", a.split("=", 1)[1]])
        elif a == "--help":
            raise Stop(0, partial=("stdout", (HELP + HDRTOOL_HELP).encode()))
        elif a.startswith("--"):
            raise Stop(2, f"unrecognized option '{a}'", usage=True)
        else:
            rest.append(a)
        i += 1
    args = rest
    bare = dialect.bare_define_value
    i = 0
    while i < len(args):
        word = args[i]
        if word == "--":
            files.extend(args[i + 1:])
            break
        if not word.startswith("-") or word == "-":
            files.append(word)
            i += 1
            continue
        j = 1
        while j < len(word):
            c = word[j]
            k = OPTSTRING.find(c)
            if k < 0 or c == ":":
                raise Stop(2, f"invalid option -- '{c}'", usage=True)
            if k + 1 < len(OPTSTRING) and OPTSTRING[k + 1] == ":":
                arg, i = _optarg(args, i, word, j, c)
                _option(c, arg, table, flags, bare)
                if c == "f":
                    linestate = _read_defines(arg, table, linestate, compat)
                elif c == "M":
                    inplace = True
                    backext = arg or None
                elif c == "o":
                    ofilename = arg
                elif c == "x":
                    exitmode = _atoi(arg)
                    if not 0 <= exitmode <= 2:
                        raise Stop(2, usage=True)
                break
            if c == "h":
                raise Stop(0, usage=False, partial=("stdout", HELP.encode()))
            if c == "V":
                raise Stop(0, usage=False, partial=("stderr", VERSION.encode()))
            if c == "m":
                inplace = True
            elif c == "s":
                flags.add("s")
                table.symlist = True
            elif c == "S":
                flags.update("sS")
                table.symlist = table.depth_format = True
            else:
                flags.add("b" if c == "l" else c)
            j += 1
        i += 1
    missing = sorted(f for f in flags if f in _ENGINE_OPTIONS and f not in dialect.options)
    if missing:
        raise Stop(2, f"-{''.join(missing)}: not an option of unifdef {dialect.name} "
                      f"(it has -{dialect.options})")
    if "B" in flags and "b" in flags:
        raise Stop(2, "-B and -b are mutually exclusive")
    if "s" in flags and (ofilename is not None or inplace or len(files) > 1):
        raise Stop(2, "-s only works with one input file")
    if len(files) > 1 and ofilename is not None:
        raise Stop(2, "-o cannot be used with multiple input files")
    if len(files) > 1 and not inplace:
        raise Stop(2, "multiple input files require -m or -M")
    if not files and inplace:
        raise Stop(2, "-m requires an input file")  # (unifdef 2.10 crashes here)
    if dialect.indirect_values:
        table.indirect()
    opts = Options(complement="c" in flags, blank="b" in flags, compress="B" in flags,
                   line_directives="n" in flags, killconsts="k" in flags, strict="K" in flags,
                   iocccok="e" in flags, text="t" in flags, ignore=table.ignored_names,
                   ignore_all=table.symlist and table.first_ignored,
                   symlist=table.symlist, c_lines=compat)
    return Config(table, opts, inplace, backext, ofilename, exitmode, files or ["-"],
                  dialect, compat, linestate)


def _atoi(text: str) -> int:
    """C atoi: leading blanks, a sign, digits; anything else ends it."""
    t = text.lstrip(" \t\n\v\f\r")
    sign = -1 if t[:1] == "-" else 1
    if t[:1] in "+-" and t:
        t = t[1:]
    digits = ""
    for ch in t:
        if not ch.isdigit() or not ch.isascii():
            break
        digits += ch
    return sign * int(digits) if digits else 0


def _option(c: str, arg: str, table: SymbolTable, flags: set, bare: bytes) -> None:
    """-D, -U, -i (the rest is handled by the caller)."""
    ignore = False
    if c == "i":
        if not arg or arg[0] not in "DU":
            raise Stop(2, usage=True)
        c, arg, ignore = arg[0], arg[1:], True
        flags.add("i")
    if c not in "DU":
        return
    raw = os.fsencode(arg)
    name_end = len(raw) - len(raw.lstrip(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                         b"0123456789_"))
    name, rest = raw[:name_end], raw[name_end:]
    if c == "D" and rest[:1] == b"=":
        table.add(name, rest[1:], ignore)
    elif not rest:
        table.add(name, bare if c == "D" else None, ignore)
    else:
        raise Stop(2, usage=True)


def _read_defines(path: str, table: SymbolTable, linestate: int, compat: bool) -> int:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise Stop(2, f"can't open {path}: {exc.strerror}") from None
    try:
        return read_symbol_file(data, path, table, linestate)
    except InputError as exc:
        if not compat:
            raise
        raise Stop(2, _fail_message(exc), partial=("truncated", b"")) from None


class _Job(NamedTuple):
    inname: str
    outname: str
    data: Optional[bytes]   # None: streamed
    output: object          # bytes, or a temporary file holding them (streamed)
    altered: bool
    changed: bool           # the output differs from the input


def _read_input(name: str, stdin=None) -> bytes:
    if name == "-":
        return (stdin if stdin is not None else click.get_binary_stream("stdin")).read()
    try:
        with open(name, "rb") as f:
            return f.read()
    except OSError as exc:
        raise Stop(2, f"can't open {name}: {exc.strerror}") from None


def _process(cfg: Config, name: str, data: bytes, linestate: int):
    opts = cfg.opts
    if name != "-" and cfg.dialect.line_directive_file:
        opts = dataclasses.replace(opts, linefile=name)
    cfg.table.listed_in_file = False
    return unifdef_run(data, cfg.table.lookup, "[stdin]" if name == "-" else name,
                       cfg.dialect, opts, linestate)


def _symbol_output(cfg: Config) -> bytes:
    out = b"".join(cfg.table.listed)
    cfg.table.listed.clear()
    if cfg.table.depth_format and cfg.table.listed_in_file:
        out += b"\n"
    return out


def _fail_message(exc: InputError) -> str:
    return f"{exc.path}: {exc.line}: {exc.message}"


def _writable_dir(path: str) -> None:
    parent = os.path.dirname(path) or "."
    if not os.path.isdir(parent):
        raise Stop(2, f"can't create {path}: No such file or directory")


def _replace(path: str, data: bytes, backext: Optional[str]) -> None:
    """Write ``data`` to ``path`` through a temporary file in its directory
    (keeping its mode); with ``backext`` the old file is kept as path+ext."""
    directory = os.path.dirname(path) or "."
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=os.path.basename(path) + ".", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            _copy(data, f)
        os.chmod(tmp, mode)
        if backext is not None:
            os.rename(path, path + backext)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise Stop(2, f"can't rename \"{tmp}\" to \"{path}\": {exc.strerror}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _streamable(cfg: Config, inname: str, linestate: int) -> bool:
    """Is this file done by the streaming engine (bounded memory)?  unifdef's
    default mode on a regular file."""
    plain = dataclasses.replace(cfg.opts, linefile=None, c_lines=False) == NO_OPTIONS
    return plain and linestate == LS_START and inname != "-" and os.path.isfile(inname)


def _stream(cfg: Config, inname: str):
    """(a temporary file with the output, altered, changed, line state at
    the end); InputError with ``partial`` (bytes) on an error."""
    try:
        f = open(inname, "rb")
    except OSError as exc:
        raise Stop(2, f"can't open {inname}: {exc.strerror}") from None
    spool = tempfile.TemporaryFile()
    with f:
        try:
            altered, changed = unifdef_stream(f, spool, cfg.table.lookup, inname, cfg.dialect,
                                              c_lines=cfg.compat)
        except InputError as exc:
            spool.seek(0)
            exc.partial = spool.read()
            spool.close()
            raise
        size = f.seek(0, 2)
        f.seek(max(0, size - 8192))
        tail = f.read()
    spool.seek(0)
    return spool, altered, changed, _end_linestate(tail, cfg.table.lookup, cfg.dialect)


def run(cfg: Config, stdin=None) -> Tuple[int, list]:
    """Process every file; returns (exit status, the pieces of stdout: bytes or files).  Without
    --compat nothing is written before every file succeeded."""
    pairs = [(cfg.files[0], cfg.ofilename)] if cfg.ofilename is not None else \
        [(f, f if cfg.inplace else "-") for f in cfg.files]
    linestate = cfg.linestate
    stdout: List[bytes] = []
    jobs: List[_Job] = []
    exitstat = 0
    for inname, outname in pairs:
        streamed = _streamable(cfg, inname, linestate)
        data = None if streamed else _read_input(inname, stdin)
        if outname != "-" and not os.path.exists(outname):
            _writable_dir(outname)
        try:
            if streamed:
                spool, altered, changed, end_state = _stream(cfg, inname)
                exitstat |= altered
                linestate = end_state
                jobs.append(_Job(inname, outname, None, spool, altered, changed))
                if cfg.compat:
                    _flush(cfg, jobs, stdout)
                continue
            result = _process(cfg, inname, data, linestate)
        except InputError as exc:
            partial = getattr(exc, "partial", b"")
            if cfg.opts.symlist:
                partial = _symbol_output(cfg)
            if cfg.compat:
                _flush(cfg, jobs, stdout)
                if outname == "-":
                    stdout.append(partial)
                elif not os.path.exists(outname):
                    _write_new(outname, partial)
                raise Stop(2, _fail_message(exc), partial=("truncated", stdout))
            raise
        linestate = result.linestate
        exitstat |= result.altered
        if cfg.opts.symlist:
            stdout.append(_symbol_output(cfg))
            continue
        jobs.append(_Job(inname, outname, data, result.output, result.altered,
                         result.output != data))
        if cfg.compat:
            _flush(cfg, jobs, stdout)
    _flush(cfg, jobs, stdout)
    status = {0: exitstat, 1: int(not exitstat), 2: 0}[cfg.exitmode]
    return status, stdout


def _write_new(path: str, data) -> None:
    try:
        with open(path, "wb") as f:
            _copy(data, f)
    except OSError as exc:
        raise Stop(2, f"can't create {path}: {exc.strerror}") from None


def _copy(data, f) -> None:
    """Write ``data`` (bytes, or a file to copy from) to ``f``."""
    if isinstance(data, (bytes, bytearray)):
        f.write(data)
    else:
        shutil.copyfileobj(data, f, 1 << 20)
        data.close()


def _flush(cfg: Config, jobs: List[_Job], stdout: List[bytes]) -> None:
    """Write the finished jobs.  In place, an unchanged file is left alone
    unless a backup is asked for (unifdef 2.10 rewrites it: --compat)."""
    for job in jobs:
        if job.outname == "-":
            stdout.append(job.output)
        elif not os.path.exists(job.outname):
            _write_new(job.outname, job.output)
        elif (cfg.compat or job.changed or cfg.backext is not None
              or job.outname != job.inname):  # unifdef 2.10 -m rewrites every file
            _replace(job.outname, job.output, cfg.backext if job.outname == job.inname else None)
        elif not isinstance(job.output, (bytes, bytearray)):
            job.output.close()
    jobs.clear()


def main(args: List[str], stdin=None, stdout=None, stderr=None) -> int:
    """The whole command: returns the exit status; writes stdout/stderr
    (binary streams; default the process's own)."""
    compat = "--compat" in args[:args.index("--")] if "--" in args else "--compat" in args
    out = stdout if stdout is not None else click.get_binary_stream("stdout")
    err = stderr if stderr is not None else click.get_binary_stream("stderr")
    try:
        cfg = parse(args)
        status, pieces = run(cfg, stdin)
        for piece in pieces:
            _copy(piece, out)
        out.flush()
        return status
    except Stop as stop:
        if stop.partial is not None:
            where, data = stop.partial
            if where == "stdout":
                out.write(data)
            elif where == "stderr":
                err.write(data)
            elif where == "truncated" and compat:
                for piece in data if isinstance(data, list) else [data]:
                    _copy(piece, out)
            out.flush()
        if stop.message is not None:
            prefix = b"unifdef: " if compat else b"hdrtool: error: "
            err.write(prefix + stop.message.encode() + b"\n")
        if stop.status == 2 and stop.partial is not None and stop.partial[0] == "truncated" \
                and compat:
            err.write(b"unifdef: output may be truncated\n")
        if stop.usage:
            if not compat and stop.message is None:
                err.write(b"hdrtool: error: bad usage (an unknown option, or -x/-i/-D/-U"
                          b" not as the synopsis says)\n")
            err.write(SYNOPSIS.encode())
        err.flush()
        return stop.status
    except InputError as exc:
        err.write(f"hdrtool: error: {exc}\n".encode())
        err.flush()
        return 2


@click.command("unifdef", context_settings={"ignore_unknown_options": True,
                                            "allow_extra_args": True,
                                            "allow_interspersed_args": False,
                                            "help_option_names": []},
               short_help="Remove #ifdef'ed lines, a drop-in for unifdef(1).",
               add_help_option=False)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def command(args):
    """Remove the #if groups decided by -DSYM[=VAL] / -USYM, like unifdef(1).

    Every option of unifdef 2.10 (-h lists them), plus --dialect D (2.10,
    2.5, 1.190, 1.171-boolfix, 1.171) and --compat (errors and partial
    output exactly as unifdef)."""
    return main(list(args))
