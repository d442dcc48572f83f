"""gen: the unified page-table allocation API (pgalloc.h, pgtable_t) per
arch from Jinja2 templates and arch.toml, and stubs for a new arch.

:mod:`.render` renders templates, :mod:`.tree` plans and applies them to a
tree, :mod:`.stubs` makes a new arch's skeleton.
"""

from hdrtool.core.lazy import public_face

_PUBLIC = {
    "apply": "tree",
    "check": "tree",
    "old_api_calls": "tree",
    "plan_pgalloc": "tree",
    "render_file": "render",
}

__getattr__ = public_face(__name__, _PUBLIC)
__all__ = sorted(_PUBLIC)
