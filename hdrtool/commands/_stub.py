"""A registered target whose issue has not landed yet: says so and exits 2."""

import click

from hdrtool.cli import MakeCommand, arch_option, common_options
from hdrtool.errors import HdrError


def not_implemented(name: str, summary: str, issue: int) -> click.Command:
    @click.command(name, cls=MakeCommand, help=summary, short_help=summary,
                   context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
    @arch_option()
    @common_options
    @click.argument("words", nargs=-1, type=click.UNPROCESSED)
    def stub(arch, words):
        where = f"issue #{issue}" if issue else "no issue filed yet"
        raise HdrError(f"target '{name}' is not implemented yet ({where})")
    return stub
