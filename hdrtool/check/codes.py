"""The stable finding codes of ``headers_check``.

Codes never change meaning once released; new checks get new numbers.  The
table feeds the SARIF ``rules`` array and docs/headers_check.md.
"""

from __future__ import annotations

from typing import Dict, NamedTuple


class Rule(NamedTuple):
    code: str
    severity: str      # default severity: "error" | "warning" | "note"
    name: str          # short kebab-case id (SARIF rule name)
    summary: str       # one line


_RULES = (
    Rule("HC001", "error", "include-not-exported",
         "#include <asm*/...> or <linux*/...> names a header that is not installed"),
    Rule("HC002", "error", "kernel-conditional",
         "a __KERNEL__ conditional that headers_install would have resolved is left over"),
    Rule("HC003", "error", "kernel-annotation",
         "a kernel-only annotation (__user, __iomem, __force, __attribute_const__) is left in code"),
    Rule("HC004", "error", "config-leak",
         "a CONFIG_ symbol outside the kernel's allow-list is used in code"),
    Rule("HC005", "warning", "missing-include-guard",
         "the header has no include guard"),
    Rule("HC006", "warning", "partial-include-guard",
         "the include guard does not cover the whole file"),
    Rule("HC007", "warning", "kernel-declaration",
         "a declaration of a function or variable userspace cannot reference"),
    Rule("HC008", "warning", "asm-types-include",
         "<asm/types.h> is included where <linux/types.h> is meant"),
    Rule("HC009", "warning", "types-without-linux-types",
         "a __u32-style type is used without including <linux/types.h> (directly or indirectly)"),
    Rule("HC010", "error", "compile-error",
         "the header does not compile on its own (cc -std=c90 -fsyntax-only, included twice)"),
    Rule("HC011", "warning", "compile-warning",
         "the compiler warns when the header is compiled on its own"),
    Rule("HC012", "note", "compile-skipped",
         "the compile test was skipped for this header (exclusion list)"),
    Rule("HC013", "warning", "include-not-installed",
         "#include names a header under one of the tree's other directories that is not installed"),
)

RULES: Dict[str, Rule] = {r.code: r for r in _RULES}

INCLUDE_NOT_EXPORTED = "HC001"
KERNEL_CONDITIONAL = "HC002"
KERNEL_ANNOTATION = "HC003"
CONFIG_LEAK = "HC004"
MISSING_GUARD = "HC005"
PARTIAL_GUARD = "HC006"
KERNEL_DECLARATION = "HC007"
ASM_TYPES = "HC008"
TYPES_WITHOUT_LINUX_TYPES = "HC009"
COMPILE_ERROR = "HC010"
COMPILE_WARNING = "HC011"
COMPILE_SKIPPED = "HC012"
INCLUDE_NOT_INSTALLED = "HC013"
