"""The make-style command line: ``hdrtool [-C DIR] [-O DIR] TARGET [VAR=value ...] [options]``.

This module only parses, calls the library, renders and picks the exit code:
0 success, 1 findings, 2 usage or input error, 3 internal error.  Targets
live one per module in :mod:`hdrtool.commands`.

``VAR=value`` words after the target are make variables: each is turned into
the matching option before click parses the command (``ARCH=x86`` is
``--arch x86``), so the two spellings are the same thing.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Callable, Dict, List, Optional

import click

from hdrtool import __version__
from hdrtool.core.errors import EXIT_INTERNAL, EXIT_USAGE, HdrError

_ASSIGN = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", re.S)


class Settings:
    """What every target shares: the trees, verbosity, parallelism, compiler."""

    def __init__(self, directory: Optional[str] = None, objtree: str = "build",
                 verbose: int = 0, jobs: Optional[int] = None, cc: Optional[str] = None):
        self.directory = directory
        self.objtree = objtree
        self.objtree_given = False     # O= / -O on the command line (else the default)
        self.verbose = verbose
        self.jobs = jobs or os.cpu_count() or 1
        self.cc = cc or os.environ.get("CC") or "cc"

    def __repr__(self) -> str:
        return (f"Settings(directory={self.directory!r}, objtree={self.objtree!r}, "
                f"verbose={self.verbose}, jobs={self.jobs}, cc={self.cc!r})")

    def srctree(self) -> Path:
        from hdrtool.core.tree import find_srctree
        return find_srctree(self.directory)

    def objdir(self) -> Path:
        """``O=`` as an absolute path (relative to the current directory)."""
        from hdrtool.core.srctree import objdir
        return Path(objdir(self.objtree))

    def check_owner(self, srctree: Path) -> Path:
        """``O=``, unless another source tree made it (an InputError)."""
        from hdrtool.core import srctree as st
        from hdrtool.core.errors import InputError
        out = self.objdir()
        made_by = st.foreign(os.fspath(out), os.fspath(srctree))
        if made_by is not None:
            raise InputError(st.foreign_message(os.fspath(out), made_by, os.fspath(srctree)), out)
        return out

    def check_output(self, srctree: Path) -> Path:
        """``O=`` for a target that writes a tree there (merge, gen, validate,
        all); an InputError when it may not (:func:`hdrtool.core.srctree.output_problem`)."""
        from hdrtool.core import srctree as st
        from hdrtool.core.errors import InputError
        out = self.objdir()
        problem = st.output_problem(os.fspath(out), os.fspath(srctree))
        if problem is not None:
            raise InputError(problem, out)
        return out

    def output_dir(self, srctree: Path) -> Path:
        """:meth:`check_output`, then created and claimed for ``srctree``
        (see :func:`hdrtool.core.srctree.owner`)."""
        from hdrtool.core import srctree as st
        from hdrtool.core.errors import InputError
        out = self.check_output(srctree)
        try:
            st.claim(os.fspath(out), os.fspath(srctree))
        except OSError as exc:
            raise InputError(f"cannot create output directory: {exc.strerror}", out) from None
        return out

    def say(self, message: str, level: int = 1) -> None:
        """Progress for ``V=1`` / ``-v``: to stderr, never from the core."""
        if self.verbose >= level:
            click.echo(f"  {message}", err=True)


class Progress:
    """A one-line ``LABEL done/total`` counter on stderr, only on a terminal
    and only once the work has run longer than ``after`` seconds."""

    def __init__(self, label: str, after: float = 1.0) -> None:
        import time
        self._clock = time.monotonic
        self.label, self.after = label, after
        self.start = self._clock()
        self.shown = False
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or self._clock() - self.start < self.after:
            return
        self.shown = True
        click.echo(f"\r  {self.label} {done}/{total}", nl=False, err=True)

    def close(self) -> None:
        if self.shown:
            click.echo("", err=True)


class MakeOption(click.Option):
    """An option that can also be given as a make variable ``VAR=value``."""

    def __init__(self, *args, make_var: Optional[str] = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.make_var = make_var


def _suggest(word: str, choices) -> str:
    import difflib
    hit = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.5)
    return f"; did you mean '{hit[0]}'?" if hit else ""


class MakeCommand(click.Command):
    """A target: positional words plus ``VAR=value`` words plus options."""

    def make_vars(self) -> Dict[str, click.Option]:
        return {p.make_var: p for p in self.params
                if isinstance(p, MakeOption) and p.make_var}

    def parse_args(self, ctx: click.Context, args: List[str]) -> List[str]:
        table = self.make_vars()
        out: List[str] = []
        literal = False
        for arg in args:
            m = None if literal else _ASSIGN.match(arg)
            if arg == "--":
                literal = True
            if not m:
                out.append(arg)
                continue
            name, value = m.groups()
            opt = table.get(name)
            if opt is None:
                raise click.UsageError(
                    f"unknown variable '{name}' for target '{self.name}'"
                    + (_suggest(name, table) or f" (variables: {', '.join(sorted(table))})"),
                    ctx)
            flag = opt.opts[-1] if opt.opts[-1].startswith("--") else opt.opts[0]
            if opt.count:
                try:
                    level = int(value or "0")
                except ValueError:
                    raise click.UsageError(f"{name}={value}: expected a number", ctx) from None
                out.extend([flag] * level)
            elif opt.is_flag:
                if value not in ("", "0", "n", "no"):
                    out.append(flag)
            elif value == "":
                raise click.UsageError(_empty(name), ctx)
            else:
                out.extend([flag, value])
        return super().parse_args(ctx, out)


class MakeGroup(click.Group):
    command_class = MakeCommand

    def resolve_command(self, ctx, args):
        name = args[0] if args else ""
        if name and self.get_command(ctx, name) is None and not name.startswith("-"):
            raise click.UsageError(f"no rule to make target '{name}'"
                                   + _suggest(name, self.list_commands(ctx))
                                   + " (see 'hdrtool help')", ctx)
        return super().resolve_command(ctx, args)

    def get_command(self, ctx, name):
        # Targets are imported on first use, so that a quick target (a no-op
        # headers_install) does not pay for importing all the others.
        if name not in self.commands:
            from hdrtool import commands
            if name in commands.TARGETS:
                self.add_command(commands.load(name))
        return self.commands.get(name)

    def list_commands(self, ctx):
        from hdrtool import commands
        # the order of `hdrtool help`: the registered targets, then any extra
        return list(commands.TARGETS) + [n for n in self.commands if n not in commands.TARGETS]


def _empty(name: str) -> str:
    return (f"{name}= needs a value (an empty one is an error, never the current "
            "directory or a default)")


def nonempty(name: str):
    """A click callback: an option given as the empty string is a usage error."""
    def callback(ctx: click.Context, param, value):
        if value == "":
            raise click.UsageError(_empty(name), ctx)
        return value
    return callback


def _set_setting(attr: str):
    def callback(ctx: click.Context, param, value):
        if value == "":
            raise click.UsageError(_empty(getattr(param, "make_var", None) or param.opts[-1]), ctx)
        if value is not None and value != () and not (param.count and value == 0):
            settings = ctx.ensure_object(Settings)
            setattr(settings, attr, value)
            if attr == "objtree":
                settings.objtree_given = True
        return value
    return callback


def common_options(f: Callable) -> Callable:
    """``O=``, ``V=``, ``CC=`` and ``-j`` for every target."""
    opts = [
        click.option("-O", "--output", "objtree_opt", cls=MakeOption, make_var="O",
                     default=None, expose_value=False, callback=_set_setting("objtree"),
                     help="Output directory (O=DIR, default build/)."),
        click.option("-v", "--verbose", "verbose_opt", cls=MakeOption, make_var="V",
                     count=True, expose_value=False, callback=_set_setting("verbose"),
                     help="Show each step (V=1)."),
        click.option("--cc", "cc_opt", cls=MakeOption, make_var="CC", default=None,
                     expose_value=False, callback=_set_setting("cc"),
                     help="C compiler (CC=..., default $CC or cc)."),
        click.option("-j", "--jobs", "jobs_opt", type=click.IntRange(min=1), default=None,
                     expose_value=False, callback=_set_setting("jobs"),
                     help="Parallel jobs (default: number of cores)."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def arch_option(required: bool = False, help: str = "Architecture (ARCH=x86, s390, i386, x86_64).",
                default: Optional[str] = None):
    return click.option("--arch", "arch", cls=MakeOption, make_var="ARCH", default=default,
                        required=required, help=help)


@click.group(cls=MakeGroup, context_settings={"help_option_names": ["-h", "--help"]},
             invoke_without_command=False)
@click.option("-C", "--directory", type=click.Path(exists=True, file_okay=False), default=None,
              help="Run against the source tree in DIR (like make -C).")
@click.option("-O", "--output", "objtree", default=None, help="Output directory (default build/).")
@click.option("-v", "--verbose", count=True, help="Show each step.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Parallel jobs.")
@click.version_option(__version__, prog_name="hdrtool")
@click.pass_context
def cli(ctx: click.Context, directory, objtree, verbose, jobs):
    """hdrtool: merge, generate, install, check and validate kernel-style header trees.

    Run 'hdrtool help' for the targets and variables."""
    s = ctx.ensure_object(Settings)
    s.directory = directory
    if objtree == "":
        raise click.UsageError(_empty("O"), ctx)
    if objtree is not None:
        s.objtree = objtree
        s.objtree_given = True
    s.verbose = verbose
    if jobs:
        s.jobs = jobs


def _register() -> None:
    """Load every target now (tests and tools that walk ``cli.commands``)."""
    for name in cli.list_commands(None):
        cli.get_command(None, name)


def main(argv: Optional[List[str]] = None) -> None:
    """Console entry point: the one place that turns errors into exit codes."""
    try:
        rc = cli.main(args=argv, prog_name="hdrtool", standalone_mode=False)
    except click.exceptions.Exit as exc:
        rc = exc.exit_code
    except click.UsageError as exc:
        if exc.ctx is not None:
            click.echo(exc.ctx.get_usage(), err=True)
        click.echo(f"hdrtool: error: {exc.format_message()}", err=True)
        rc = EXIT_USAGE
    except click.ClickException as exc:
        click.echo(f"hdrtool: error: {exc.format_message()}", err=True)
        rc = exc.exit_code
    except click.Abort:
        click.echo("hdrtool: interrupted", err=True)
        rc = 130
    except HdrError as exc:
        click.echo(f"hdrtool: error: {exc}", err=True)
        rc = exc.exit_code
    except KeyboardInterrupt:
        click.echo("hdrtool: interrupted", err=True)
        rc = 130
    except BrokenPipeError:
        rc = 0
    except Exception as exc:  # the boundary: anything else is our bug
        click.echo(f"hdrtool: internal error: {type(exc).__name__}: {exc}", err=True)
        if os.environ.get("HDRTOOL_DEBUG") or "-v" in (argv or sys.argv):
            import traceback
            traceback.print_exc()
        else:
            click.echo("hdrtool: (run with HDRTOOL_DEBUG=1 for the traceback)", err=True)
        rc = EXIT_INTERNAL
    sys.exit(rc if isinstance(rc, int) else 0)
