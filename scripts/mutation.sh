#!/usr/bin/env bash
# Mutation testing with mutmut 3 of the SPARQL network gate (graph/sparqltext.py) and the SHACL
# check (graph/checks/shacl.py), against the in-process tests of the gate and the shapes. Arguments
# are mutant name patterns (mutmut run's), to measure part of the functions. mutmut names a mutant's
# module by its path, and this repository's root is the package `newsgraph` itself: the run happens
# in a workspace (default /tmp/newsgraph-mutmut) holding a copy of the repository as newsgraph/, so
# the mutated files import as newsgraph.graph.…
# MUTATION_FILES and MUTATION_TESTS (space-separated paths in the repository) choose the files to
# mutate and the test files to run instead of the gate's and the SHACL check's; MUTATION_CHILDREN
# the number of mutants run at once; MUTATION_K the tests' -k expression (by default, every test that
# does not go through a subprocess).
#
#   .venv/bin/pip install 'mutmut==3.8.1' && scripts/mutation.sh   # then: cd /tmp/newsgraph-mutmut && mutmut results
#   MUTATION_FILES=graph/sparql.py MUTATION_TESTS='tests/test_parameters.py tests/test_gate.py' scripts/mutation.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${MUTATION_WORKSPACE:-/tmp/newsgraph-mutmut}"
children="${MUTATION_CHILDREN:-2}"
files="${MUTATION_FILES:-graph/sparqltext.py graph/checks/shacl.py}"
tests="${MUTATION_TESTS:-tests/test_gate.py tests/test_validate.py}"
select="${MUTATION_K:-not cli and not command_line and not server}"
listed() { for path in $1; do printf '    newsgraph/%s\n' "$path"; done; }
rm -rf "$work" && mkdir -p "$work/newsgraph"
tar -C "$repo" --exclude=./.venv --exclude=./.git --exclude='*/__pycache__' --exclude=./docs/ontology.html -cf - . \
    | tar -C "$work/newsgraph" -xf -
cat > "$work/setup.cfg" <<CFG
[mutmut]
source_paths = newsgraph
only_mutate =
$(listed "$files")
# The tests that call the gate and the SHACL check in this process (a mutant reached only through a
# newsgraph subprocess is not seen by mutmut), each mutant against the tests that reach its function.
pytest_add_cli_args_test_selection =
$(listed "$tests")
# A mutant that opens the gate makes the engine wait on the tests' silent listener: stop it at three
# times its tests' usual time (mutmut's default is fifteen), and count it killed, as mutmut does.
timeout_multiplier = 3.0
# Forked from mutmut's main process, which has run pyoxigraph, every mutant hung: fork from a clean server.
process_isolation = forkserver
pytest_add_cli_args =
    -p
    no:cacheprovider
    -k
    $select
CFG
cd "$work"
"$repo/.venv/bin/mutmut" run --max-children "$children" "$@"
