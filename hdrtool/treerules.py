"""The per-file transformation a tree's own install script applies.

:func:`transform_for` reads, from the tree at hand, the substitutions of
its sed pipeline or script (:mod:`hdrtool.scriptrules`), the unifdef it
builds (``scripts/unifdef.c``'s identity, :mod:`hdrtool.directives`), the
symbols the script passes to unifdef, and the CONFIG_ allow-list of its
leak check, and returns a :class:`hdrtool.sanitize.Transform`.
"""

from __future__ import annotations

import re
from typing import Tuple

from hdrtool.era import HEADERSINST, TreeRules
from hdrtool.errors import InputError
from hdrtool.sanitize import Transform

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
    script_rel = rules.script or HEADERSINST
    script = (rules.srctree / script_rel).read_bytes()
    text = script.decode("utf-8", "replace")
    defined, undefined = unifdef_symbols(text, script_rel)
    return Transform(rewrite=None, dialect=None, defined=defined, undefined=undefined,
                     leak_ignores=None)
