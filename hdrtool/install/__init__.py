"""install: sanitized userspace headers, byte for byte as the kernel's
``make headers_install`` of the tree's own era.

:mod:`.plan` reads the tree (its era, Kbuild lists, install script, unifdef)
into an install plan; :mod:`.installer` writes it; :mod:`.uptodate` answers
"nothing to do" from stat alone.
"""

from hdrtool.core.lazy import public_face

_PUBLIC = {
    "install": "installer",
    "plan_install": "plan",
}

__getattr__ = public_face(__name__, _PUBLIC)
__all__ = sorted(_PUBLIC)
