"""Comforts: tables that fit the terminal, colour only on a terminal and never with NO_COLOR,
JSON where data is printed, shell completion of query names and entity labels."""

from __future__ import annotations

import json
import os

from conftest import run_cli
from newsgraph.console import table as format_table


def test_tables_fit_the_width_and_colour_only_when_asked():
    table = format_table(["name", "description"], [["a", "x" * 200]], width=60, colour=False)
    assert all(len(line) <= 60 for line in table.splitlines())
    assert "…" in table and "\033[" not in table
    assert format_table(["name"], [["a"]], colour=True).startswith("\033[1m")


def test_no_escape_codes_in_pipes(cli_store):
    result = run_cli("query", "tariffs", "--format", "table", store=cli_store)
    assert "\033[" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) > 80, "nothing is cut in a pipe"


def test_no_color_is_respected_on_a_terminal(cli_store):
    import pty
    import subprocess

    from conftest import newsgraph_command

    def run_on_terminal(extra_env):
        main, child = pty.openpty()
        environment = {**os.environ, "NEWSGRAPH_STORE": str(cli_store), "COLUMNS": "100", **extra_env}
        process = subprocess.Popen(newsgraph_command() + ["query", "posts"], stdout=child, stderr=subprocess.DEVNULL,
                                   env=environment)
        process.wait(timeout=60)
        os.close(child)
        output = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        os.close(main)
        return output.decode()

    coloured = run_on_terminal({})
    assert "\033[1m" in coloured and "Ryosei Akazawa" in coloured
    assert all(len(line) <= 100 for line in coloured.replace("\033[1m", "").replace("\033[0m", "").splitlines())
    plain = run_on_terminal({"NO_COLOR": "1"})
    assert "\033[" not in plain and "Ryosei Akazawa" in plain


def test_build_prints_json_when_asked(tmp_path):
    result = run_cli("build", "--json", store=tmp_path / "store")
    answers = json.loads(result.stdout)
    assert [a["query"] for a in answers] == ["negotiations", "offer", "tariff-composition"]
    assert "24% U.S. tariff notified to Japan: 24% = 10% applied to all countries + 14% additional" in answers[2]["answers"]


def test_shell_completion_of_query_names_and_entity_labels(cli_store):
    environment = {"_NEWSGRAPH_COMPLETE": "complete_bash", "COMP_CWORD": "2"}
    names = run_cli(env={**environment, "COMP_WORDS": "newsgraph query tar"}, store=cli_store)
    assert names.stdout.split() == ["tariff-composition", "tariffs"]
    labels = run_cli(env={**environment, "COMP_WORDS": "newsgraph describe Scott"}, store=cli_store)
    assert "Scott Vessen" in labels.stdout.splitlines() and "Scott Bessent" in labels.stdout.splitlines()
    # Typer detects the user's shell from the parent process, which is not a shell when pytest runs
    # detached (CI, nohup); its test switch makes `--show-completion` take the shell's name instead.
    script = run_cli("--show-completion", "bash", env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert "_newsgraph_completion" in script.stdout
