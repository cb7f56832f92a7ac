"""The command-line reference: click's own help for every command and subcommand, at a fixed width.

Nothing here knows which commands exist: the tree is walked from `pmcode.cli.cli`, so a new command is documented
by running `make docs`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import click

from pmcode.docgen.markdown import code, fence, heading, page, prose, table

HELP_WIDTH = 80  # fixed, so the page does not depend on the terminal that ran `make docs`


@dataclass(frozen=True)
class CommandHelp:
    name: str  # full command line, e.g. 'pmcode site build'
    summary: str
    help: str


def command_anchor(name: str) -> str:
    return name.replace(" ", "-")


def walk_commands(command: click.Command, name: str, parent: click.Context | None = None) -> Iterator[CommandHelp]:
    """`command` and, for groups, every visible subcommand below it in name order, depth first."""
    with command.make_context(name, [], parent=parent, resilient_parsing=True, terminal_width=HELP_WIDTH) as ctx:
        full = ctx.command_path
        yield CommandHelp(full, command.get_short_help_str(limit=200), command.get_help(ctx))
        if isinstance(command, click.Group):
            for sub_name in sorted(command.list_commands(ctx)):
                sub = command.get_command(ctx, sub_name)
                if sub is not None and not sub.hidden:
                    yield from walk_commands(sub, sub_name, ctx)


def cli_page(root: click.Command | None = None, name: str = "pmcode") -> str:
    if root is None:
        from pmcode.cli import cli  # imported here: the CLI imports most of pmcode

        root = cli
    commands = list(walk_commands(root, name))
    rows = [[f"[{code(c.name)}](#{command_anchor(c.name)})", prose(c.summary, table=True)] for c in commands]
    blocks = [
        "# Command line",
        "The help of every `pmcode` command, as `pmcode COMMAND --help` prints it.",
        table(["Command", "Summary"], rows),
    ]
    for command in commands:
        blocks += [heading(2, command_anchor(command.name), code(command.name)), fence(command.help, "text")]
    return page(blocks)
