"""Pictures: the neighbourhood of an entity, an article, and the timeline (structure checked here;
looked at by eye when they were made)."""

from __future__ import annotations

import html
import json
import re
import subprocess

import pytest
from conftest import REPO, run_cli
from servers import chromium_or_skip

STORY = REPO / "tests" / "fixtures" / "story"


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    store = tmp_path_factory.mktemp("pictures") / "store"
    assert run_cli("build", str(STORY / "round4-2025-05-31.trig"), store=store).returncode == 0
    assert run_cli("import", str(STORY / "nikkei-style-page.html"), store=store).returncode == 0
    assert run_cli("link", store=store).returncode == 0
    return store


def _titles(svg: str) -> list[str]:
    return re.findall(r"<title>(.*?)</title>", svg)


def test_show_draws_labelled_nodes_and_edges_with_certainty(cli_store):
    result = run_cli("show", "Scott Vessen", store=cli_store)
    assert result.returncode == 0, result.stderr
    svg = result.stdout
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    texts = re.findall(r">([^<>]+)</text>", svg)
    assert "Scott Bessent" in texts and "(person)" in texts
    assert "Ryosei Akazawa" in texts and "U.S. Treasury Secretary" in texts
    assert "negotiates with" in texts and "[Chosun Biz, probable]" in texts
    # A probable claim is dashed; a certain one solid.
    edges = re.findall(r'<g id="edge\d+" class="edge">(.*?)</g>', svg, re.S)
    dashed = [e for e in edges if 'stroke-dasharray="5,2"' in e]
    assert any("negotiates with" in e for e in dashed)
    assert any("holds" in e and 'stroke-dasharray' not in e for e in edges)


def test_linked_entities_are_drawn_once(story):
    svg = run_cli("show", "Akazawa Ryosei", "--depth", "1", store=story).stdout
    texts = re.findall(r">([^<>]+)</text>", svg)
    assert texts.count("Ryosei Akazawa") == 1, "the seed's and the page's Akazawa are one node"
    assert "Akazawa heads to Washington with" in " ".join(texts)


def test_show_an_article_and_png(cli_store, tmp_path):
    svg = run_cli("show", "--article", "chosunbiz-2025-05-28", store=cli_store).stdout
    nodes = re.findall(r'class="node"', svg)
    assert len(nodes) > 40
    assert "purchase" in svg and "24% U.S. tariff notified" in svg
    # Every fact of the article is an edge between the nodes it names (the article states 127).
    label = {node: " ".join(html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", body))
             for node, body in re.findall(r'<g id="(n\d+)" class="node">(.*?)</g>', svg, re.S)}
    edges = [(label[s], html.unescape(re.findall(r"<text[^>]*>(.*?)</text>", body)[0]), label[o])
             for s, o, body in re.findall(r'<g id="edge\d+" class="edge">\s*<title>(n\d+)&#45;&gt;(n\d+)</title>(.*?)</g>', svg, re.S)]
    assert len(edges) == 127
    assert {("Ryosei Akazawa (person)", "holds", "Minister in charge of Economic Revitalization (post)"),
            ("Ryosei Akazawa (person)", "negotiates with", "Scott Bessent (person)"),
            ("fourth round of the Japan–U.S. tariff negotiations (negotiation round)", "has actor", "Scott Bessent (person)"),
            ("Japan's proposal to buy American semiconductor products (purchase proposal)", "proposed by", "Government of Japan (government)"),
            ("Japan's proposal to buy American semiconductor products (purchase proposal)", "proposed to", "United States (country)"),
            } <= set(edges)
    png = tmp_path / "article.png"
    assert run_cli("show", "--article", "chosunbiz-2025-05-28", "-o", str(png), store=cli_store).returncode == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_html_view_loads_in_headless_chromium_without_console_errors(cli_store, tmp_path):
    chromium = chromium_or_skip()
    page = tmp_path / "bessent.html"
    assert run_cli("show", "Scott Bessent", "-o", str(page), store=cli_store).returncode == 0
    text = page.read_text()
    assert "U.S. Treasury Secretary Scott Vessen" in text, "evidence sentences travel with the page"
    result = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}",
                             "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000", "--dump-dom", page.as_uri()],
                            capture_output=True, text=True, timeout=120)
    assert 'class="node"' in result.stdout
    console = [line for line in result.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == [], console


def test_timeline_in_the_terminal_json_and_svg(story, tmp_path):
    result = run_cli("timeline", store=story)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    starts = [line.split()[0] for line in lines if re.match(r"\d{4}-", line)]
    assert starts == sorted(starts)
    assert any(line.startswith("2025-06-01..2025-06-30") and "G7 meeting in Canada [event scheduled]" in line for line in lines)
    events = json.loads(run_cli("timeline", "--json", store=story).stdout)
    round4 = [(e["status"], e["sources"]) for e in events if e["what"].startswith("fourth round")]
    assert ("event scheduled", ["Chosun Biz, 28 May 2025: Japan offers to buy American semiconductors, NVIDIA above all"]) in round4
    assert ("event took place", ["Japanese officials (unnamed)"]) in round4
    only = json.loads(run_cli("timeline", "--json", "--entity", "Scott Vessen", store=story).stdout)
    assert {e["what"] for e in only} == {"fourth round of the Japan–U.S. tariff negotiations"}
    svg = tmp_path / "timeline.svg"
    assert run_cli("timeline", "-o", str(svg), store=story).returncode == 0
    import html

    assert "2025-06-01 to 2025-06-30" in html.unescape(svg.read_text())


@pytest.mark.parametrize("args, message", [
    (["show"], "Error: give an ENTITY or --article ARTICLE"),
    (["show", "Nobody Atall"], "Error: no entity with IRI, label or alternative label 'Nobody Atall'"),
    (["show", "NHK", "-o", "x.pdf"], "Error: x.pdf: the picture is written as .svg, .png or .html"),
    (["show", "NHK", "--depth", "9"], "Error: --depth must be 1, 2 or 3"),
    (["timeline", "-o", "x.gif"], "Error: x.gif: the timeline is drawn as .svg or .png"),
])
def test_bad_picture_requests(cli_store, args, message):
    result = run_cli(*args, store=cli_store)
    assert result.returncode == 2 and result.stderr.strip() == message
