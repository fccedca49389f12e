"""The embedded on-disk store: pyoxigraph (RocksDB) behind a process lock of our own.

Layout of a store folder: ``oxigraph/`` (the database), ``newsgraph.lock`` (holds the process
id of the process that has the store open), ``merged-default-graph`` (the database's default
graph is the merge of its named graphs; see merge.py) and, while an import runs,
``import-checkpoint/`` (the store as it was before; see import_atomically). One process opens a store at a time; a second one gets
StoreBusyError naming the first, instead of RocksDB's lock message.
"""

from __future__ import annotations

import errno
import fcntl
import gc
import os
import shutil
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from ..errors import InputError, StoreBusyError
from ..ontology import PREFIXES
from . import merge
from .export import export_engine


class Store(Protocol):
    """What every store offers the commands that read: the local store (GraphStore) and a remote
    SPARQL endpoint (remote.RemoteStore)."""

    def query(self, sparql: str, bindings: dict | None = None, source: str = "query", *,
              default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
              base_iri: str | None = None, allowed_services: frozenset[str] = frozenset()): ...

    def graph_names(self) -> list[str]: ...

    def engine_graphs(self) -> list[str]: ...

    def quads(self, graph: str | None = None) -> list: ...

    def has_subject(self, iri: str) -> bool: ...

    def is_empty(self) -> bool: ...

    def export(self, fmt, graphs: list[str] | None = None) -> bytes: ...

    def __len__(self) -> int: ...

    def close(self) -> None: ...

    def __enter__(self): ...

    def __exit__(self, *exc) -> None: ...


class GraphStore:
    """The on-disk store: `GraphStore(path)` opens it, creating it if needed. Use as a context
    manager to release the lock."""

    def __init__(self, path: Path, read_only: bool = False, lock: bool = True, wait: float = 0.0):
        """`read_only` opens for reading: under a shared lock, so readers run side by side and
        no writer changes the store under them (pyoxigraph's read-only store must not be written
        meanwhile), and faster to open. `lock=False` takes no lock at all, for a server that
        holds the lock itself (StoreLock). A busy store is waited for up to `wait` seconds."""
        self.path = path
        self._lock = None
        self._engine = None
        if path.exists() and not path.is_dir():
            raise InputError(f"{path}: the store path exists and is not a folder")
        if read_only and not (path / "oxigraph").is_dir() and not _unfinished_import(path):
            raise InputError(f"the store at {path} is empty; run `newsgraph build` first")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(f"{path}: cannot create the store folder: {error.strerror}") from None
        if lock:
            self._lock = StoreLock(path, shared=read_only, wait=wait)
        try:
            self._engine = ox.Store.read_only(str(path / "oxigraph")) if read_only else _open_engine(path)
            if not read_only:
                merge.start_keeping(self._engine, path)
        except OSError as error:
            self.close()
            raise InputError(f"{path}: cannot open the store: {error}") from None
        self.read_only = read_only
        self._union = merge.union_needed(path)

    read_only = False

    def close(self) -> None:
        if self._engine is not None and not self.read_only:
            try:
                self._engine.flush()
            except OSError as error:
                self._engine = None
                self._release()
                raise InputError(f"{self.path}: cannot write the store: {error}") from None
        self._engine = None
        self._release()

    def _release(self) -> None:
        self._engine = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # Reading

    def graph_names(self) -> list[str]:
        return sorted(graph.value for graph in self._engine.named_graphs())

    def engine_graphs(self) -> list[str]:
        """Graphs the engine holds for itself, which graph_names leaves out: none here."""
        return []

    def quads(self, graph: str | None = None) -> list:
        """The quads of the named graphs, or of one of them."""
        return list(merge.named_quads(self._engine, ox.NamedNode(graph) if graph else None))

    def has_subject(self, iri: str) -> bool:
        """Whether any graph says something about `iri`."""
        return next(self._engine.quads_for_pattern(ox.NamedNode(iri), None, None), None) is not None

    def export(self, fmt, graphs: list[str] | None = None) -> bytes:
        """The store (or its named `graphs`) serialised in `fmt`, deterministically (see export)."""
        return export_engine(self._engine, fmt, graphs, merged=not self._union)

    def __len__(self) -> int:
        """The number of quads in the named graphs (the merge is not counted)."""
        return len(self._engine) if self._union else merge.count_named(self._engine)

    def is_empty(self) -> bool:
        return next(self._engine.quads_for_pattern(None, None, None, None), None) is None

    def query(self, sparql: str, bindings: dict | None = None, source: str = "query",
              default_graphs: list[str] | None = None, named_graphs: list[str] | None = None, base_iri: str | None = None,
              allowed_services: frozenset[str] = frozenset()):
        """Run a SPARQL query over the merge of all graphs, with our prefixes predeclared and
        `bindings` (variable name -> RDF term) substituted as values, never as text. A syntax
        error names `source` (a file name, or "query") with the line and column. SERVICE is
        refused unless its endpoint is in `allowed_services` (see federation)."""
        # Lazily: SPARQL's lexer (sparqlsyntax) is 2 MB of compiled patterns that import, which
        # runs no query, would carry at its peak (bench/RESULTS.md).
        from .sparqltext import declares_dataset, query_syntax_message, refuse_network

        refuse_network(sparql, source, allowed_services, PREFIXES, base_iri=base_iri)
        if allowed_services:
            from .federation import resolve_services

            resolved = resolve_services(sparql, allowed_services, PREFIXES, source)
            if resolved != sparql:  # what reaches the engine now holds the endpoints' answers: checked again
                refuse_network(resolved, source, frozenset(), PREFIXES, base_iri=base_iri)
                sparql = resolved
        substitutions = {ox.Variable(name): term for name, term in (bindings or {}).items()}
        try:
            dataset = {}
            if default_graphs:
                dataset["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs]
            if named_graphs:
                dataset["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
            return self._engine.query(
                sparql,
                prefixes=PREFIXES,
                # FROM / FROM NAMED in the query, or a protocol dataset, replace the default graph.
                use_default_graph_as_union=self._union and not default_graphs and not declares_dataset(sparql),
                substitutions=substitutions or None,
                base_iri=base_iri,
                **dataset,
            )
        except SyntaxError as error:
            raise InputError(query_syntax_message(source, error, sparql, base_iri)) from None
        except (RuntimeError, ValueError) as error:  # before evaluation: a binding not projected, a bad graph IRI
            raise InputError(f"{source}: {error}") from None

    # Writing

    def update(self, sparql: str, source: str = "update", base_iri: str | None = None) -> None:
        """Run a SPARQL update, all of it or nothing, with our prefixes predeclared. It is parsed
        before anything runs; LOAD and SERVICE are refused (no network). Its default graph is the
        merge of the store's graphs; what it writes there is kept in graph/update (see
        merge.after_update)."""
        from .sparqltext import keywords, refuse_network

        refuse_network(sparql, source, update=True, base_iri=base_iri)

        def work(engine, before) -> None:
            default_before = 0 if self._union else merge.count_default(engine)
            try:
                engine.update(sparql, prefixes=PREFIXES, base_iri=base_iri)
            except (OSError, RuntimeError, ValueError) as error:
                raise InputError(f"{source}: the update failed and changed nothing: {error}") from None
            if not self._union:
                merge.after_update(engine, before, keywords(sparql), default_before)

        self.import_atomically(work, mirrored=False)

    def import_atomically(self, work: Callable, mirrored: bool = True) -> None:
        """Run `work(engine)`, which may use pyoxigraph's bulk loader, so that the store ends up
        with all of its writes or none of them, even if the process is killed. The engine `work`
        gets keeps the merge (merge.MergeKeeper); with `mirrored=False` it is the bare engine and
        `work(engine, before)` also gets a function that opens the store as it was, read-only.

        The bulk loader is fast because it is not transactional. So a checkpoint of the store is
        taken first (RocksDB hard-links its files: milliseconds, no copy). If `work` fails, or the
        process dies before the checkpoint is discarded, the store is put back from it: at once,
        or when it is next opened."""
        folder = self.path
        _remove_tree(folder / _CHECKPOINT_TMP)
        self._engine.backup(str(folder / _CHECKPOINT_TMP))
        os.replace(folder / _CHECKPOINT_TMP, folder / _CHECKPOINT)
        _sync_folder(folder)
        opened = []

        def before():
            opened.append(ox.Store.read_only(str(folder / _CHECKPOINT)))
            return opened[-1]

        try:
            if mirrored:
                keeper = merge.Unmerged(self._engine) if self._union else merge.MergeKeeper(self._engine)
                work(keeper)
                keeper.finish()
            else:
                work(self._engine, before)
            opened.clear()
            self._engine.flush()
        except BaseException as error:
            # Close RocksDB so that its folder can be swapped: drop every reference to it,
            # including those held by the failed frames.
            _clear_frames(error)
            self._engine = keeper = None
            opened.clear()
            gc.collect()
            # The folder is swapped only once the failed database is closed: one still open
            # somewhere (a generator the loader was reading) would go on writing and deleting
            # files by their paths in the restored one. Then the next open puts the store back.
            try:
                _open_engine(folder)  # fails while the failed database is open; closed at once otherwise
                gc.collect()
                _restore_checkpoint(folder)
                self._engine = _open_engine(folder)
            except OSError:
                self._engine = None
            if isinstance(error, OSError):  # a full disk, a file size limit, an I/O error
                raise InputError(f"{folder}: cannot write the store: {error}; nothing of this change was kept") from None
            raise
        os.replace(folder / _CHECKPOINT, folder / _CHECKPOINT_DONE)
        _sync_folder(folder)
        _remove_tree(folder / _CHECKPOINT_DONE)

    def replace_graphs(self, graphs: dict[str, Iterable]) -> None:
        """Replace the named graphs given (IRI -> triples): afterwards the store holds all of them
        or, if anything fails or the process dies, none of the change. Written by the bulk loader
        under a checkpoint (see import_atomically), the engine's fastest write path."""
        def work(engine) -> None:
            for iri in graphs:
                if engine.contains_named_graph(ox.NamedNode(iri)):
                    engine.remove_graph(ox.NamedNode(iri))
            # MergeKeeper writes the merge too; Unmerged (a union default graph that is a set) not.
            engine.write_graphs({ox.NamedNode(iri): triples for iri, triples in graphs.items()})

        self.import_atomically(work)


def _clear_frames(error: BaseException | None, seen: set | None = None) -> None:
    """Drop the locals of every frame an exception holds, and those of the exceptions it arose
    from: an import's generator that failed inside the engine's loader leaves its frame (and its
    engine) in the context of the error it raised."""
    seen = set() if seen is None else seen
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        traceback.clear_frames(error.__traceback__)
        _clear_frames(error.__cause__, seen)
        error = error.__context__


_CHECKPOINT = "import-checkpoint"
_CHECKPOINT_TMP = "import-checkpoint.tmp"
_CHECKPOINT_DONE = "import-checkpoint.done"
_ABORTED = "oxigraph.aborted"


def engine_folder(path: Path) -> Path:
    """The pyoxigraph database inside a store folder, for a tool that opens the bare engine itself
    (the bench compares newsgraph with it)."""
    return path / "oxigraph"


def _open_engine(path: Path):
    return ox.Store(str(engine_folder(path)))


def _unfinished_import(folder: Path) -> bool:
    return any((folder / name).exists() for name in (_CHECKPOINT, _CHECKPOINT_TMP, _CHECKPOINT_DONE))


def _restore_checkpoint(folder: Path) -> None:
    """Finish what an interrupted import left: a checkpoint being made is discarded, a discarded
    one is removed, and a live one replaces the database (the import did not finish). Every step
    is a rename or a removal of something no longer needed, so this can itself be interrupted
    and run again."""
    _remove_tree(folder / _CHECKPOINT_TMP)
    _remove_tree(folder / _CHECKPOINT_DONE)
    if (folder / _CHECKPOINT).exists():
        if (folder / "oxigraph").exists():
            _remove_tree(folder / _ABORTED)
            os.replace(folder / "oxigraph", folder / _ABORTED)
            _sync_folder(folder)
        os.replace(folder / _CHECKPOINT, folder / "oxigraph")
        _sync_folder(folder)
    _remove_tree(folder / _ABORTED)


def _remove_tree(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path)


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class StoreLock:
    """The store's process lock, exclusive for a writer and shared among readers, taken when the
    store is opened (and held by a server for its lifetime). Whoever takes it first finishes an
    import that was interrupted (see _restore_checkpoint): a reader that finds one takes the
    store alone for that."""

    def __init__(self, path: Path, shared: bool = False, wait: float = 0.0):
        self._file = _acquire_lock(path / "newsgraph.lock", shared, wait)
        if shared and _unfinished_import(path):
            self._file.close()
            self._file = _acquire_lock(path / "newsgraph.lock", False, wait)
        _restore_checkpoint(path)

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing the descriptor releases the flock
            self._file = None


def _acquire_lock(lock_path: Path, shared: bool = False, wait: float = 0.0):
    """Take the lock file's flock, waiting up to `wait` seconds for whoever holds it. Whoever
    takes it writes its process ID into the file, for the message of whoever finds it taken."""
    try:
        handle = open(lock_path, "a+")
    except OSError as error:
        raise InputError(f"{lock_path.parent}: cannot open the store: {error.strerror or error}") from None
    deadline, pause = time.monotonic() + wait, 0.02
    while True:
        try:
            fcntl.flock(handle, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
            break
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            if time.monotonic() + pause > deadline:
                handle.seek(0)
                holder = handle.read().strip() or "unknown"
                handle.close()
                waited = f" (waited {wait:g} s)" if wait else ""
                raise StoreBusyError(f"store {lock_path.parent} is in use by process {holder}{waited}") from None
            time.sleep(pause)
            pause = min(pause * 2, 0.25)
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return handle
