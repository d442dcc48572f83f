"""validate: compile the C page-table simulator against a generated layout,
run it, and compare it event by event with the Python model (:mod:`hdrtool.sim`),
lockdep reports included (:mod:`.lockdep`).
"""

from hdrtool.core.lazy import public_face

_PUBLIC = {
    "BuildError": "run",
    "ensure_generated": "run",
    "target_flags": "run",
    "validate": "run",
}

__getattr__ = public_face(__name__, _PUBLIC)
__all__ = sorted(_PUBLIC)
