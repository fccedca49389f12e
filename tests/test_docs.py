"""The README stays true: every command documented with an example, the quick start and CI agree."""

from __future__ import annotations

import re

from conftest import REPO


def _readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    from newsgraph.cli import click_group

    group = click_group()  # the group `newsgraph` runs, its commands built on first use
    return sorted(group.commands)


def test_every_command_is_in_the_command_reference_with_an_example():
    readme = _readme()
    reference = readme[readme.index("## Command reference"):readme.index("## How the model works")]
    for name in _commands():
        section = re.search(rf"^### `newsgraph {name}`\n(.*?)(?=^### |\Z)", reference, re.S | re.M)
        assert section, f"`newsgraph {name}` is missing from the README's command reference"
        example = re.search(rf"Example: `newsgraph (?:--\S+ \S+ )*{name}\b[^`]*`", section.group(1))
        assert example, f"`newsgraph {name}` has no example in the README"


def test_every_command_has_help_with_an_example():
    from newsgraph.cli import click_group

    group = click_group()  # the group `newsgraph` runs, its commands built on first use
    for name, command in group.commands.items():
        assert command.help and "Example: newsgraph" in command.help, name


def test_every_named_query_is_listed_in_the_readme():
    from newsgraph.queries import named_queries

    readme = _readme()
    for name in named_queries():
        assert f"| `{name}` |" in readme, name


def test_quick_start_has_two_commands_and_ci_runs_the_test_command():
    readme = _readme()
    quick = readme[readme.index("## Quick start"):readme.index("## Command reference")]
    commands = re.findall(r"```sh\n(.*?)\n```", quick, re.S)
    assert len(commands) == 2
    assert "newsgraph build" in commands[0]
    assert "pytest" in commands[1]
    assert commands[1] in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
