"""The one exception root and the Diagnostic record.

Everything below the CLI raises :class:`HdrError` (or a subclass) for bad
input and returns :class:`Diagnostic` records for findings; only ``cli.py``
prints and picks exit codes:

    0 success, 1 findings, 2 usage or input error, 3 internal error.
"""

from __future__ import annotations

import os
from typing import NamedTuple, Optional, Union

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

PathLike = Union[str, "os.PathLike[str]"]


def _where(path: Optional[PathLike], line: Optional[int], col: Optional[int] = None) -> str:
    if path is None:
        return ""
    out = os.fspath(path)
    if line is not None:
        out += f":{line}"
        if col is not None:
            out += f":{col}"
    return out + ": "


class HdrError(Exception):
    """Bad input or usage: rendered as ``path:line: message``, exit status 2."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, path: Optional[PathLike] = None,
                 line: Optional[int] = None):
        super().__init__(message)
        self.message = message
        self.path = os.fspath(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        return _where(self.path, self.line) + self.message


class ConfigError(HdrError):
    """An arch.toml (or other configuration) is malformed."""


class InputError(HdrError):
    """A source file or tree cannot be processed as asked."""


class TemplateError(HdrError):
    """A Jinja2 template is broken or references a missing variable."""


class Diagnostic(NamedTuple):
    """One finding: where, how bad, a stable code, and what.  Immutable and
    ordered by its fields.  (A NamedTuple, not a dataclass: this module is
    imported by every run, and ``dataclasses`` costs a no-op run ~5 ms.)"""

    path: str
    line: Optional[int]
    severity: str  # "error" | "warning" | "note"
    code: str
    message: str
    column: Optional[int] = None

    def render(self) -> str:
        """``path:line:col: severity: message [code]``"""
        return f"{_where(self.path, self.line, self.column)}{self.severity}: {self.message} [{self.code}]"
