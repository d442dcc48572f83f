"""One module per target; each defines ``command``, a click command built
with :class:`hdrtool.cli.MakeCommand`.  The order here is the order of
``hdrtool help``."""

from importlib import import_module

TARGETS = (
    "all", "merge", "gen", "headers_install", "headers_check",
    "sim", "validate", "unifdef", "help",
)


def load(name):
    """The click command of target ``name``."""
    return import_module(f"hdrtool.commands.{name}").command


def all_commands():
    return [load(name) for name in TARGETS]
