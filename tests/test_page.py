"""The query page of `newsgraph serve` in headless Chromium, used as a person uses it (issue 19):
Enter in a parameter field runs the query with the value typed, without loading the page again;
Ctrl+Enter runs the editor's query; every control is reached with Tab and shows where the focus
is; and at phone width (375 x 800) the query panel takes the width of the screen."""

from __future__ import annotations

import json

import pytest
from browser import CTRL, Browser
from servers import chromium_or_skip, newsgraph_server

ROWS = "[...document.querySelectorAll('#result-table tbody tr')].map(r => [...r.cells].map(c => c.textContent))"
STATUS = "document.getElementById('status')"


@pytest.fixture(scope="module")
def endpoint(cli_store):
    with newsgraph_server(cli_store) as base:
        yield base


@pytest.fixture
def browser(tmp_path):
    chromium = chromium_or_skip()
    with Browser(chromium, tmp_path / "profile") as opened:
        yield opened


def _table(browser: Browser) -> list[list[str]]:
    return browser.evaluate(ROWS)


def _answered(browser: Browser, *texts: str, absent: str = "") -> None:
    """Wait until the result table shows every one of `texts` (and not `absent`) and the status
    says how many rows: the answer to the latest request is on the page."""
    wanted = json.dumps(list(texts))
    browser.wait_for(f"(() => {{ const table = document.getElementById('result-table');"
                     f" if (!table || !/ rows$/.test({STATUS}.textContent)) return false;"
                     f" const seen = table.textContent;"
                     f" return {wanted}.every(t => seen.includes(t)) && !({json.dumps(absent)} && seen.includes({json.dumps(absent)})); }})()")


FIELD = "document.querySelector('#params input[name=currency]')"  # by its name, as the server knows it


def _focus(browser: Browser, element: str) -> None:
    browser.evaluate(f"(() => {{ const e = {element}; e.focus(); e.select(); }})()")


def test_enter_in_a_parameter_field_runs_the_new_value_without_loading_the_page(browser, endpoint):
    browser.open(endpoint + "/#named=amounts&currency=JPY")
    _answered(browser, "as high as 1 trillion yen")
    browser.evaluate("window.stillThisPage = true")
    browser.navigations()
    _focus(browser, FIELD)
    browser.type("USD")
    browser.press("Enter")
    _answered(browser, "$68.5 billion", "billions of dollars", absent="as high as 1 trillion yen")
    assert {row[0] for row in _table(browser)} == {"USD"}
    assert browser.evaluate("window.stillThisPage") is True  # a reload would have dropped it
    assert browser.navigations() == []
    # The address says what ran, so a reload or a link gives the same answer.
    assert browser.evaluate("location.hash") == "#named=amounts&currency=USD"


def test_ctrl_enter_runs_the_query_and_a_syntax_error_says_where(browser, endpoint):
    browser.open(endpoint + "/")
    browser.wait_for("document.querySelectorAll('nav button').length > 0")
    browser.evaluate("window.stillThisPage = true")
    browser.navigations()
    _focus(browser, "document.getElementById('editor')")
    browser.type("SELECT ?label WHERE { ?p a foaf:Person ; rdfs:label ?label } ORDER BY ?label")
    browser.press("Enter", CTRL)
    _answered(browser, "Ryosei Akazawa")
    assert _table(browser) == [["Ryosei Akazawa"], ["Scott Bessent"]]
    assert "\n" not in browser.evaluate("document.getElementById('editor').value")  # Ctrl+Enter adds no line
    _focus(browser, "document.getElementById('editor')")
    browser.type("SELEC * WHERE {?s ?p ?o}")
    browser.press("Enter", CTRL)
    browser.wait_for(f"{STATUS}.className === 'error'")
    assert browser.evaluate(f"{STATUS}.textContent") == (
        "query:1:1: SPARQL syntax error: unexpected 'SELEC'; expected SELECT, CONSTRUCT, DESCRIBE, ASK, PREFIX or BASE")
    assert browser.evaluate("document.getElementById('results').children.length") == 0
    assert browser.evaluate("window.stillThisPage") is True
    assert browser.navigations() == []


# Which element has the focus, and whether its outline shows it.
FOCUSED = ("(() => { const e = document.activeElement; const s = getComputedStyle(e);"
           " return { id: e.id, name: e.dataset.name || '', tag: e.tagName,"
           " outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 }; })()")


def test_every_control_is_reached_and_used_with_the_keyboard(browser, endpoint):
    browser.open(endpoint + "/")
    count = browser.wait_for("document.querySelectorAll('nav button').length")
    browser.command("Page.bringToFront")
    # The controls are what they say: a submit button, and a label for every field.
    assert browser.evaluate("[document.getElementById('run').tagName, document.getElementById('run').type]") == [
        "BUTTON", "submit"]
    reached = []
    while not reached or reached[-1]["id"] != "results":  # Tab from the top of the page to the results
        assert len(reached) < count + 10, reached
        browser.press("Tab")
        reached.append(browser.evaluate(FOCUSED))
    order = browser.evaluate("[...document.querySelectorAll('nav button')].map(b => b.dataset.name)")
    assert [r["name"] or r["id"] for r in reached] == order + ["editor", "run", "results"]
    assert all(r["outline"] for r in reached), [r for r in reached if not r["outline"]]
    # Choose a named query with the keyboard alone, fill in its field and run it with Enter.
    browser.evaluate("document.activeElement.blur()")
    for _ in range(count + 2):
        browser.press("Tab")
        if browser.evaluate(FOCUSED)["name"] == "amounts":
            break
    browser.press("Enter")
    _answered(browser, "$68.5 billion", "about 950 billion won")
    for _ in range(count + 2):
        browser.press("Tab")
        if browser.evaluate(FOCUSED)["id"] == "param-currency":
            break
    assert browser.evaluate(FOCUSED) == {"id": "param-currency", "name": "", "tag": "INPUT", "outline": True}
    labels = "[...document.querySelectorAll('input, textarea')].map(e => [...e.labels].map(l => l.textContent.trim()))"
    assert browser.evaluate(labels) == [["currency (optional)"], ["Query"]]
    browser.type("KRW")
    browser.press("Enter")
    _answered(browser, "about 94 trillion won", absent="billions of dollars")
    assert {row[0] for row in _table(browser)} == {"KRW"}


def test_the_query_panel_takes_the_width_of_a_phone(browser, endpoint):
    browser.size(375, 800, mobile=True)
    browser.open(endpoint + "/#named=amounts&currency=JPY")
    _answered(browser, "as high as 1 trillion yen")
    widths = browser.evaluate("(() => { const w = e => e.getBoundingClientRect().width;"
                              " return { viewport: window.innerWidth, editor: w(document.getElementById('editor')),"
                              f" field: w({FIELD}), page: document.documentElement.scrollWidth }}; }})()")
    assert widths["viewport"] == 375
    assert widths["editor"] >= 300 and widths["field"] >= 300, widths
    assert widths["page"] <= 375, widths  # nothing pushes the page sideways: wide results scroll in their box
    run = browser.evaluate("(() => { const r = document.getElementById('run').getBoundingClientRect();"
                           " return r.left >= 0 && r.right <= 375 && r.width > 40; })()")
    assert run is True
