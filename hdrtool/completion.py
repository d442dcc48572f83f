"""Shell completion for bash, zsh and fish: targets, options, the make
variables (``ARCH=``, ``O=`` ...) each target takes, and their values where
they are known: ``ARCH=`` and ``VARIANT=`` from the source tree's arches
(its ``arch/*/arch.toml``, else its ``arch/*`` directories, else hdrtool's
bundled tree), ``SCENARIO=`` and ``sim``'s SCENARIO from the shipped
scenarios, choices (``--format``, ``gen``'s ``pgalloc|stubs``), directories
for path variables.

It rides on click's completion protocol (the shell function runs
``_HDRTOOL_COMPLETE=<shell>_complete hdrtool`` and reads candidates back):
the scripts are printed by

    _HDRTOOL_COMPLETE=bash_source hdrtool     (eval "$(...)" in ~/.bashrc)
    _HDRTOOL_COMPLETE=zsh_source hdrtool      (eval "$(...)" in ~/.zshrc)
    _HDRTOOL_COMPLETE=fish_source hdrtool     (... | source, in config.fish)

Two things differ from click's own scripts.  bash splits ``ARCH=x86`` into
three words at ``=`` (COMP_WORDBREAKS), so the bash function hands hdrtool
the command line itself (COMP_LINE up to the cursor) and takes the part
bash does not replace off each candidate.  And a candidate ``VAR=`` gets no
space after it in bash and zsh, so the value can be typed or completed next.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import List, Optional

import click
from click.shell_completion import (BashComplete, CompletionItem, FishComplete, ZshComplete,
                                    _resolve_context, _resolve_incomplete,
                                    add_completion_class, split_arg_string)

_ASSIGN = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", re.S)

#: Values of settings that are not read from a tree.
_KNOWN = {
    "V": ["0", "1", "2"],
    "LEVELS": ["2", "3", "4"],
    "PAGE_SIZE": ["4096", "8192", "16384", "65536"],
}


def _tree(ctx: click.Context) -> Path:
    """The source tree the command line names (-C DIR), else the one the
    current directory is in, else hdrtool's bundled tree."""
    from hdrtool.core.tree import BUNDLED_TREE, find_srctree
    directory = ctx.find_root().params.get("directory")
    try:
        return find_srctree(directory)
    except Exception:       # completing must never fail: fall back
        return BUNDLED_TREE


def arch_values(tree: Path) -> List[str]:
    """What ARCH= takes in ``tree``: its arches, their variants and pre-merge
    names (arch.toml); for a tree without arch.toml, its arch/ directories.

    >>> from hdrtool.core.tree import BUNDLED_TREE
    >>> arch_values(BUNDLED_TREE)
    ['i386', 's390', 's390x', 'x86', 'x86_32', 'x86_32_highpte', 'x86_64']
    """
    from hdrtool.core.config import load_arches
    try:
        cfgs = load_arches(tree)
    except Exception:
        cfgs = []
    if cfgs:
        names = set()
        for cfg in cfgs:
            names.add(cfg.name)
            for v in cfg.variants:
                names.update((v.name, v.old_arch))
        return sorted(n for n in names if n)
    arch = tree / "arch"
    return sorted(p.name for p in arch.iterdir() if p.is_dir()) if arch.is_dir() else []


def variant_values(tree: Path) -> List[str]:
    from hdrtool.core.config import load_arches
    try:
        return [v.name for cfg in load_arches(tree) for v in cfg.variants]
    except Exception:
        return []


def scenario_values() -> List[str]:
    from hdrtool import sim
    return list(sim.scenario_names())


def _dirs(prefix: str) -> List[str]:
    """Directories whose path starts with ``prefix`` (``O=bu`` -> ``build/``)."""
    head = os.path.dirname(prefix)
    lead = head if not head or head.endswith("/") else head + "/"
    try:
        names = sorted(p.name for p in Path(os.path.expanduser(head or ".")).iterdir()
                       if p.is_dir())
    except OSError:
        return []
    hidden = os.path.basename(prefix).startswith(".")
    return [f"{lead}{n}/" for n in names
            if f"{lead}{n}".startswith(prefix) and (hidden or not n.startswith("."))]


def values(ctx: click.Context, param: click.Parameter, incomplete: str) -> Optional[List[str]]:
    """Known values of ``param`` (None: nothing special, click decides)."""
    name = getattr(param, "make_var", None) or (param.name or "").upper()
    if name == "ARCH":
        got = arch_values(_tree(ctx))
    elif name == "VARIANT":
        got = variant_values(_tree(ctx))
    elif name == "SCENARIO":
        got = scenario_values()
    elif name == "CC":
        got = [c for c in ("cc", "gcc", "clang") if shutil.which(c)]
    elif name in _KNOWN:
        got = _KNOWN[name]
    elif isinstance(param.type, click.Choice):
        got = [str(c) for c in param.type.choices]
    elif isinstance(param.type, click.Path) or name in ("O", "INSTALL_HDR_PATH"):
        return _dirs(incomplete)
    else:
        return None
    return [v for v in got if v.startswith(incomplete)]


def complete(cli: click.Command, ctx_args, prog_name: str, args: List[str],
             incomplete: str) -> List[CompletionItem]:
    """The candidates for ``incomplete`` after the words ``args``."""
    from hdrtool.cli import MakeCommand
    ctx = _resolve_context(cli, ctx_args, prog_name, args)
    cmd = ctx.command
    make = isinstance(cmd, MakeCommand) and "--" not in args
    if make and not incomplete.startswith("-"):
        table = cmd.make_vars()
        m = _ASSIGN.match(incomplete)
        if m and m[1] in table:                 # ARCH=x -> ARCH=x86
            got = values(ctx, table[m[1]], m[2]) or []
            return [CompletionItem(f"{m[1]}={v}") for v in got]
        if m:
            return []
    obj, word = _resolve_incomplete(ctx, list(args), incomplete)
    items: List[CompletionItem] = []
    if isinstance(obj, click.Argument) and make:
        got = values(ctx, obj, word)
        items = ([CompletionItem(v) for v in got] if got is not None
                 else obj.shell_complete(ctx, word))
    elif isinstance(obj, click.Option) and make:
        got = values(ctx, obj, word)
        items = ([CompletionItem(v) for v in got] if got is not None
                 else obj.shell_complete(ctx, word))
    else:
        items = obj.shell_complete(ctx, word)
    if make and not incomplete.startswith("-") and not isinstance(obj, click.Option):
        given = {(_ASSIGN.match(a) or [None, None])[1] for a in args}
        items += [CompletionItem(f"{var}=", help=(opt.help or "").split(".")[0])
                  for var, opt in sorted(cmd.make_vars().items())
                  if var.startswith(incomplete) and var not in given and not opt.hidden]
    return items


class _Mixin:
    def get_completions(self, args, incomplete):
        return complete(self.cli, self.ctx_args, self.prog_name, args, incomplete)


_SOURCE_BASH = r"""# bash completion for %(prog_name)s (hdrtool/completion.py)
%(complete_func)s() {
    local IFS=$'\n'
    local line="${COMP_LINE:0:COMP_POINT}"
    # what readline replaces: the text after the last COMP_WORDBREAKS
    # character (after "ARCH=" that is "", though COMP_WORDS says "=")
    local cur="${line##*[${COMP_WORDBREAKS}]}"
    local response
    response=$(env HDRTOOL_COMP_LINE="$line" %(complete_var)s=bash_complete "$1" 2>/dev/null)
    # bash splits VAR=value at '=': the word hdrtool completes (after the
    # last blank) can be longer than the text readline replaces ($cur)
    local word="${line##*[[:blank:]]}"
    local strip=$(( ${#word} - ${#cur} ))
    (( strip < 0 )) && strip=0
    local spaced=0 type value
    COMPREPLY=()
    for completion in $response; do
        IFS=',' read -r type value <<< "$completion"
        if [[ $type == dir ]]; then
            compopt -o dirnames
        elif [[ $type == file ]]; then
            compopt -o default
        elif [[ $type == plain ]]; then
            [[ $value == *= || $value == */ ]] || spaced=1
            COMPREPLY+=("${value:$strip}")
        fi
    done
    (( ${#COMPREPLY[@]} && ! spaced )) && compopt -o nospace
    return 0
}

%(complete_func)s_setup() {
    complete -o nosort -F %(complete_func)s %(prog_name)s
}

%(complete_func)s_setup;
"""

_SOURCE_ZSH = r"""#compdef %(prog_name)s
# zsh completion for %(prog_name)s (hdrtool/completion.py)

%(complete_func)s() {
    local -a described plain nospace
    local -a response
    (( ! $+commands[%(prog_name)s] )) && return 1

    response=("${(@f)$(env COMP_WORDS="${words[*]}" COMP_CWORD=$((CURRENT-1)) \
%(complete_var)s=zsh_complete %(prog_name)s 2>/dev/null)}")

    local type key descr
    for type key descr in ${response}; do
        if [[ "$type" == "plain" ]]; then
            if [[ "$key" == *= || "$key" == */ ]]; then
                nospace+=("$key")
            elif [[ "$descr" == "_" ]]; then
                plain+=("$key")
            else
                described+=("$key":"$descr")
            fi
        elif [[ "$type" == "dir" ]]; then
            _path_files -/
        elif [[ "$type" == "file" ]]; then
            _path_files -f
        fi
    done

    (( ${#described} )) && _describe -V unsorted described -U
    (( ${#plain} )) && compadd -U -V unsorted -a plain
    (( ${#nospace} )) && compadd -U -S '' -V unsorted -a nospace
    return 0
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    %(complete_func)s "$@"
else
    compdef %(complete_func)s %(prog_name)s
fi
"""


class HdrBashComplete(_Mixin, BashComplete):
    source_template = _SOURCE_BASH

    def get_completion_args(self):
        line = os.environ.get("HDRTOOL_COMP_LINE")
        if line is None:                 # click's own protocol (COMP_WORDS, COMP_CWORD)
            return super().get_completion_args()
        words = split_arg_string(line)
        if not line or line[-1].isspace():
            words.append("")
        return words[1:-1], words[-1] if len(words) > 1 else ""


class HdrZshComplete(_Mixin, ZshComplete):
    source_template = _SOURCE_ZSH


_SOURCE_FISH = r"""# fish completion for %(prog_name)s (hdrtool/completion.py)
function %(complete_func)s
    set -l response (env %(complete_var)s=fish_complete COMP_WORDS=(commandline -cp) \
        COMP_CWORD=(commandline -t) %(prog_name)s 2>/dev/null)
    for completion in $response
        set -l metadata (string split -m 1 "," -- $completion)
        if test "$metadata[1]" = dir
            __fish_complete_directories $metadata[2]
        else if test "$metadata[1]" = file
            __fish_complete_path $metadata[2]
        else if test "$metadata[1]" = plain
            echo $metadata[2]
        end
    end
end

complete --no-files --command %(prog_name)s --arguments "(%(complete_func)s)"
"""


class HdrFishComplete(_Mixin, FishComplete):
    """One line per candidate, ``type,value`` (a tab and its description
    after it, as fish takes them): click 8.4's own fish script splits its
    three-line records wrongly.  fish keeps ``VAR=value`` one token and adds
    no space after a candidate ending in ``=``."""

    source_template = _SOURCE_FISH

    def format_completion(self, item: CompletionItem) -> str:
        value = item.value.replace("\n", " ")
        help_ = (item.help or "").replace("\n", " ").replace("\t", " ")
        return f"{item.type},{value}\t{help_}" if help_ else f"{item.type},{value}"


def register() -> None:
    for cls in (HdrBashComplete, HdrZshComplete, HdrFishComplete):
        add_completion_class(cls, cls.name)
