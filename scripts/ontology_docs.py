"""Write docs/ontology.html, the ontology's documentation page, with pyLODE; or check it is current.

    .venv/bin/pip install -e '.[docs]'
    .venv/bin/python scripts/ontology_docs.py           # writes docs/ontology.html
    .venv/bin/python scripts/ontology_docs.py --check   # exit 1 if the committed page is stale

The page is pyLODE's OntPub profile of `ontology/newsgraph.ttl`: its metadata (version IRI, VANN
prefix, creator, licence) and every class and property, the reused ones shown as defined by their
own vocabularies (`rdfs:isDefinedBy`). `ontology/alignment.ttl` gets no page: OntPub lists only
the terms an ontology declares, and the alignment declares none (its axioms are on other
vocabularies' terms), so its page would be its header alone.

pyLODE is pinned (the `docs` extra): the page is compared byte for byte, and another version
writes other HTML. pyLODE 3.6.0 needs Python 3.12 and, with the current kurra, fails to import;
3.3.4 is the newest that runs on the project's Python 3.11. pyLODE orders part of its JSON-LD
block by Python's string hashes, so it runs in a child process with PYTHONHASHSEED=0.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "newsgraph.ttl"
PAGE = ROOT / "docs" / "ontology.html"
PYLODE_VERSION = "3.3.4"


def _render(ontology: Path) -> str:
    """pyLODE's page, in this process: run by `generate` in a child with PYTHONHASHSEED=0."""
    import pylode.utils
    from pylode import OntPub

    # pyLODE collects a union's members ("instant or interval") in a set of HTML elements, which
    # iterates in the order of their memory addresses: give them in the order of their text.
    intersperse = pylode.utils.intersperse

    def in_order(items, sep):
        return intersperse(sorted(items, key=str) if isinstance(items, set) else items, sep)

    pylode.utils.intersperse = in_order
    return OntPub(str(ontology), sort_subjects=True).make_html()


class DocsError(Exception):
    """pyLODE is missing, of another version, or failed."""


def pylode_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pylode")
    except PackageNotFoundError:
        return None


def generate(ontology: Path = ONTOLOGY) -> str:
    """The HTML page pyLODE writes for `ontology`, the same on every run."""
    found = pylode_version()
    if found is None:
        raise DocsError("pyLODE is not installed: pip install -e '.[docs]'")
    if found != PYLODE_VERSION:
        raise DocsError(f"pyLODE {found} is installed; the page is generated with {PYLODE_VERSION}: pip install -e '.[docs]'")
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, __file__, "--render", str(ontology)], capture_output=True, text=True,
                          encoding="utf-8", env=env, check=False)
    if done.returncode != 0:
        raise DocsError(f"pyLODE failed on {ontology}:\n{done.stderr[-2000:]}")
    return done.stdout if done.stdout.endswith("\n") else done.stdout + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/ontology.html is not what pyLODE writes now")
    parser.add_argument("--render", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.render:
        sys.stdout.write(_render(args.render))
        return 0
    try:
        page = generate()
    except DocsError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 2
    name = PAGE.relative_to(ROOT)
    if args.check:
        if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != page:
            print(f"Error: {name} is stale: run .venv/bin/python scripts/ontology_docs.py and commit it", file=sys.stderr)
            return 1
        print(f"{name} is current", file=sys.stderr)
        return 0
    PAGE.write_text(page, encoding="utf-8")
    print(f"wrote {name} ({len(page.encode('utf-8')):,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
