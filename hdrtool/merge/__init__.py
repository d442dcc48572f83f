"""merge: per-arch header directories (asm-i386 + asm-x86_64) into one
(asm-x86), the way Linux 2.6.24 did.

plan (:mod:`.plan`, pure: bytes in, a classified plan out) -> write
(:mod:`.execute`: into O=, or in place with git mv) -> verify (:mod:`.verify`).
"""

from hdrtool.core.lazy import public_face

_PUBLIC = {
    "MergeConflict": "execute",
    "load_input": "execute",
    "MergeResult": "execute",
    "MergeRun": "execute",
    "merge_into": "execute",
    "plan_merge": "plan",
    "write_in_place": "execute",
    "write_objdir": "execute",
}

__getattr__ = public_face(__name__, _PUBLIC)
__all__ = sorted(_PUBLIC)
