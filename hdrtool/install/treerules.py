"""The per-file transformation a tree's own install script applies.

:func:`transform_for` reads, from the tree at hand, the substitutions of
its sed pipeline or script (:mod:`hdrtool.install.scriptrules`), the unifdef it
builds (``scripts/unifdef.c``'s identity, :mod:`hdrtool.core.directives`), the
symbols the script passes to unifdef, and the CONFIG_ allow-list of its
leak check, and returns a :class:`hdrtool.install.sanitize.Transform`.
"""

from __future__ import annotations

import re
from typing import Tuple

from hdrtool.core.era import HEADERSINST, TreeRules
from hdrtool.core.errors import InputError
from hdrtool.install.sanitize import Transform

_UNIFDEF_CALL = re.compile(r"unifdef((?:\s+-[DU][A-Za-z0-9_]+(?:=\S*)?)+)")


def unifdef_symbols(script: str, label: str) -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
    """(defined, undefined) of the script's unifdef call.

    >>> unifdef_symbols("scripts/unifdef -U__KERNEL__ -D__EXPORTED_HEADERS__ $f", "s")
    (('__EXPORTED_HEADERS__',), ('__KERNEL__',))
    """
    m = _UNIFDEF_CALL.search(script)
    if not m:
        raise InputError("cannot find the unifdef call (unifdef -U... -D...) in the install "
                         "script", label)
    defined, undefined = [], []
    for opt in m.group(1).split():
        (defined if opt[1] == "D" else undefined).append(opt[2:])
    return tuple(defined), tuple(undefined)


def transform_for(rules: TreeRules) -> Transform:
    """The tree's own per-file rules (see the module doc)."""
    from hdrtool.install import scriptrules
    from hdrtool.core.dialects import dialect_for_source
    script_rel = rules.script or HEADERSINST
    script = (rules.srctree / script_rel).read_bytes()
    text = script.decode("utf-8", "replace")
    defined, undefined = unifdef_symbols(text, script_rel)
    if rules.machinery == "headersinst-sed":
        program = scriptrules.hdrsed_from_headersinst(script, script_rel)
    elif rules.machinery == "headers_install.pl":
        program = scriptrules.perl_from_headers_install_pl(script, script_rel)
    else:
        program = scriptrules.sed_from_headers_install_sh(script, script_rel)
    dialect = None          # 2.6.18 runs the host's unifdef: Debian's 2.10 stands in
    if rules.unifdef_c:
        dialect = dialect_for_source((rules.srctree / rules.unifdef_c).read_bytes(),
                                     rules.unifdef_c).name
    allow = None
    licence = False
    if script_rel.endswith(".sh"):
        allow = scriptrules.config_allowlist_from_sh(script, script_rel)
        licence = scriptrules.has_spdx_check(script, script_rel)
    ignores = tuple(sorted(f"{f}:{sym}" for f, sym in allow)) if allow is not None else None
    return Transform(rewrite=program, dialect=dialect, defined=defined, undefined=undefined,
                     leak_ignores=ignores, licence=licence, leak_check=allow is not None)
